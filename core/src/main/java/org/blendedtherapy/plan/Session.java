package org.blendedtherapy.plan;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.SessionType;

/**
 * One session of a client's plan at an instant.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param number the session number, from 1
 * @param type its type, from the pattern counted from session 1
 * @param planned the local date-time first planned, {@code start + (number-1) × cadence}, as
 *     actually meant (after any DST gap shift)
 * @param local the local date-time now meant (after moves and pauses, and after any DST gap shift)
 * @param instant {@code local} resolved in the enrolment's zone
 * @param windowEnd the end of its window: the next session's instant, or one cadence after the last
 *     session
 * @param status what became of it
 * @param reason why it has its status or time, when something changed it (moved, paused, cancelled
 *     by whom, discharged)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Session(
    int number,
    SessionType type,
    LocalDateTime planned,
    LocalDateTime local,
    Instant instant,
    Instant windowEnd,
    SessionStatus status,
    Optional<String> reason) {

  /** Creates a session. */
  public Session {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Tells whether the session's local time differs from the first plan.
   *
   * @return true when moved by a reschedule or a pause
   */
  public boolean isMoved() {
    return !planned.equals(local);
  }
}
