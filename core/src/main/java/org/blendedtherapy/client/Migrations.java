package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The migrations a host knows, each with the protocol it moves clients to, found by the SHA-256 a
 * {@code protocol-migrated} event names. A state folded with them follows each migration its
 * history records; without them such an event is refused ({@code unknown-migration}) and the client
 * stays where it was.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Migrations {
  private static final Migrations NONE = new Migrations(Map.of());

  /**
   * A migration with the protocol it moves clients to.
   *
   * @param migration the migration
   * @param to its target protocol, pinned
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  public record Step(Migration migration, PinnedProtocol to) {
    /**
     * Creates a step.
     *
     * @throws IllegalArgumentException if {@code to} is not the protocol the migration names
     */
    public Step {
      Objects.requireNonNull(migration, "migration");
      Objects.requireNonNull(to, "to");
      if (!to.pin().equals(migration.to())) {
        throw new IllegalArgumentException(
            "the migration moves clients to "
                + migration.to().id()
                + " "
                + migration.to().version()
                + " but was given "
                + to.protocol().id()
                + " "
                + to.protocol().version());
      }
    }
  }

  private final Map<String, Step> steps;

  private Migrations(Map<String, Step> steps) {
    this.steps = steps;
  }

  /**
   * Returns the empty set: every {@code protocol-migrated} event is refused.
   *
   * @return it
   */
  public static Migrations none() {
    return NONE;
  }

  /**
   * Returns these migrations and one more.
   *
   * @param migration the migration
   * @param to the protocol it moves clients to
   * @return the larger set
   * @throws IllegalArgumentException if {@code to} is not the protocol the migration names
   */
  public Migrations with(Migration migration, PinnedProtocol to) {
    Map<String, Step> next = new HashMap<>(steps);
    next.put(migration.sha256(), new Step(migration, to));
    return new Migrations(Map.copyOf(next));
  }

  /**
   * Finds a migration by the SHA-256 an event names.
   *
   * @param sha256 the SHA-256
   * @return the step, or empty when unknown
   */
  public Optional<Step> find(String sha256) {
    return Optional.ofNullable(steps.get(sha256));
  }

  /**
   * Tells whether the set is empty.
   *
   * @return true when no migration is known
   */
  public boolean isEmpty() {
    return steps.isEmpty();
  }
}
