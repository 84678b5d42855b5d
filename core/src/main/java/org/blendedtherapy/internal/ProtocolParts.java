package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.blendedtherapy.Issue;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;

/**
 * The parts of a protocol document that passed the schema, for meaning checks on a document that
 * did not pass it as a whole: {@link #check()} runs each meaning check whose inputs are all sound
 * and skips the others, so that no issue it reports is a consequence of a schema error.
 *
 * <p>The protocol holds the sound parts and a neutral placeholder for each other one; the
 * components say which is which. A document without schema errors is {@link #whole} and checks
 * exactly as {@link Protocol#check()}. Not API: {@code ProtocolJson} builds it, and the checks
 * themselves (package-private in {@code protocol}) are reached through {@link Queries#meaning()}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param protocol the sound parts, with placeholders for the others
 * @param modules for each module of the protocol, its index in the document's {@code modules}
 * @param moduleIds every module id of the document in order, when every one is readable
 * @param reminders for each policy of the protocol, its index in the document's {@code reminders}
 * @param everyReminder whether every policy of the document is among the protocol's
 * @param sessionPlan whether the plan's pattern, sessions and durations are the document's
 * @param cadence the cadence the document declares, which the plan holds unless the plan would span
 *     more than 5 years (the plan then holds a placeholder)
 * @param measures whether the measures are the document's
 * @param tailoring whether the tailoring is the document's
 */
@API(status = INTERNAL, since = "0.2")
public record ProtocolParts(
    Protocol protocol,
    List<Integer> modules,
    Optional<List<String>> moduleIds,
    List<Integer> reminders,
    boolean everyReminder,
    boolean sessionPlan,
    Period cadence,
    boolean measures,
    boolean tailoring) {

  /**
   * Creates the parts; lists are copied.
   *
   * @throws IllegalArgumentException if an index list does not match the protocol's list
   */
  public ProtocolParts {
    Objects.requireNonNull(protocol, "protocol");
    modules = List.copyOf(modules);
    moduleIds = moduleIds.map(List::copyOf);
    reminders = List.copyOf(reminders);
    Objects.requireNonNull(cadence, "cadence");
    if (modules.size() != protocol.modules().size()
        || reminders.size() != protocol.reminders().size()) {
      throw new IllegalArgumentException("one document index per module and per policy");
    }
  }

  /**
   * Returns the parts of a protocol all of which are sound.
   *
   * @param protocol the protocol
   * @return its parts
   */
  public static ProtocolParts whole(Protocol protocol) {
    return new ProtocolParts(
        protocol,
        indexes(protocol.modules().size()),
        Optional.of(protocol.modules().stream().map(Module::id).collect(Collectors.toList())),
        indexes(protocol.reminders().size()),
        true,
        true,
        protocol.sessionPlan().cadence(),
        true,
        true);
  }

  private static List<Integer> indexes(int size) {
    return IntStream.range(0, size).boxed().collect(Collectors.toList());
  }

  /**
   * Runs the meaning checks whose inputs are all sound.
   *
   * @return every issue found, errors and warnings, pointers into the document
   */
  public List<Issue> check() {
    return Queries.meaning().check(this);
  }
}
