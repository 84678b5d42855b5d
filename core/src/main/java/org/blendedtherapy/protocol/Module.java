package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * An online self-help module of a protocol.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the module id, unique in the protocol
 * @param title the title shown to clients and therapists
 * @param kind core or optional
 * @param estimatedMinutes the client's estimated minutes, when known
 * @param description what the module covers, when given
 * @param unlock the rule that opens the module; empty when it is open from the start
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Module(
    String id,
    String title,
    ModuleKind kind,
    OptionalInt estimatedMinutes,
    Optional<String> description,
    Optional<Rule> unlock) {

  /** Creates a module; every component is required (use empty optionals for absent values). */
  public Module {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(estimatedMinutes, "estimatedMinutes");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unlock, "unlock");
  }

  /**
   * Tells whether the module is open from the start (it has no unlock rule).
   *
   * @return true when there is no rule
   */
  public boolean isOpenFromStart() {
    return unlock.isEmpty();
  }
}
