package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A reminder policy: what it reminds of, whether a client may turn it off, and its one schedule.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the policy id, unique in the protocol
 * @param kind what the reminder is for
 * @param optOut whether a client may turn the policy off
 * @param title the text shown with the reminder, when given
 * @param schedule when it fires
 * @param sessionTypes for {@code before} and {@code after}: the session types it follows; empty
 *     means every type in the pattern; in document order, no repeats
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReminderPolicy(
    String id,
    ReminderKind kind,
    boolean optOut,
    Optional<String> title,
    Schedule schedule,
    List<SessionType> sessionTypes) {

  /** Creates a policy. */
  public ReminderPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(schedule, "schedule");
    sessionTypes = List.copyOf(sessionTypes);
    if (sessionTypes.stream().distinct().count() != sessionTypes.size()) {
      throw new IllegalArgumentException("session types must not repeat");
    }
  }
}
