package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.ReminderKind;

/**
 * One occurrence of a reminder policy.
 *
 * <p>The id is deterministic: built from the client, the policy and the intended local time (never
 * the instant), so it survives zone changes and is the same in every query.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the deterministic id
 * @param policy the policy id
 * @param kind the policy's kind
 * @param local the wall-clock time actually meant, in {@code zone}, after any DST gap shift
 * @param instant when it fires, UTC
 * @param zone the client's zone at that instant
 * @param reason why it fires, such as {@code daily at 10:00} or {@code 1 day before session 3}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Reminder(
    String id,
    String policy,
    ReminderKind kind,
    LocalDateTime local,
    Instant instant,
    ZoneId zone,
    String reason) {

  /** Creates a reminder. */
  public Reminder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(reason, "reason");
  }
}
