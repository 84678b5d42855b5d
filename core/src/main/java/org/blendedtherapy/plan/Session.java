package org.blendedtherapy.plan;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.protocol.SessionType;

/**
 * One session of a client's plan at an instant, as the library computed it: a host reads sessions
 * from a state and cannot build one.
 *
 * <p>Two sessions are equal when every accessor's value is; {@link #toString()} lists them as
 * {@code Session[number=1, type=…, …]}.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Session {
  static {
    Results.register(Session::new);
  }

  private final int number;
  private final SessionType type;
  private final LocalDateTime planned;
  private final LocalDateTime local;
  private final Instant instant;
  private final Instant windowEnd;
  private final SessionStatus status;
  private final Optional<String> reason;

  Session(
      int number,
      SessionType type,
      LocalDateTime planned,
      LocalDateTime local,
      Instant instant,
      Instant windowEnd,
      SessionStatus status,
      Optional<String> reason) {
    this.number = number;
    this.type = Objects.requireNonNull(type, "type");
    this.planned = Objects.requireNonNull(planned, "planned");
    this.local = Objects.requireNonNull(local, "local");
    this.instant = Objects.requireNonNull(instant, "instant");
    this.windowEnd = Objects.requireNonNull(windowEnd, "windowEnd");
    this.status = Objects.requireNonNull(status, "status");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns the session number.
   *
   * @return the number, from 1
   */
  public int number() {
    return number;
  }

  /**
   * Returns the session's type.
   *
   * @return its type, from the pattern counted from session 1
   */
  public SessionType type() {
    return type;
  }

  /**
   * Returns the local date-time first planned.
   *
   * @return {@code start + (number-1) × cadence}, as actually meant (after any DST gap shift)
   */
  public LocalDateTime planned() {
    return planned;
  }

  /**
   * Returns the local date-time now meant.
   *
   * @return the local date-time after moves and pauses, and after any DST gap shift
   */
  public LocalDateTime local() {
    return local;
  }

  /**
   * Returns the instant of the session.
   *
   * @return {@link #local()} resolved in the enrolment's zone
   */
  public Instant instant() {
    return instant;
  }

  /**
   * Returns the end of the session's window.
   *
   * @return the next session's instant, or one cadence after the last session
   */
  public Instant windowEnd() {
    return windowEnd;
  }

  /**
   * Returns what became of the session.
   *
   * @return the status
   */
  public SessionStatus status() {
    return status;
  }

  /**
   * Returns why the session has its status or time, when something changed it.
   *
   * @return moved, paused, cancelled by whom, discharged; empty when nothing changed it
   */
  public Optional<String> reason() {
    return reason;
  }

  /**
   * Tells whether the session's local time differs from the first plan.
   *
   * @return true when moved by a reschedule or a pause
   */
  public boolean isMoved() {
    return !planned.equals(local);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof Session other
            && number == other.number
            && type.equals(other.type)
            && planned.equals(other.planned)
            && local.equals(other.local)
            && instant.equals(other.instant)
            && windowEnd.equals(other.windowEnd)
            && status.equals(other.status)
            && reason.equals(other.reason);
  }

  @Override
  public int hashCode() {
    int h = Integer.hashCode(number);
    h = 31 * h + type.hashCode();
    h = 31 * h + planned.hashCode();
    h = 31 * h + local.hashCode();
    h = 31 * h + instant.hashCode();
    h = 31 * h + windowEnd.hashCode();
    h = 31 * h + status.hashCode();
    return 31 * h + reason.hashCode();
  }

  @Override
  public String toString() {
    return "Session[number="
        + number
        + ", type="
        + type
        + ", planned="
        + planned
        + ", local="
        + local
        + ", instant="
        + instant
        + ", windowEnd="
        + windowEnd
        + ", status="
        + status
        + ", reason="
        + reason
        + "]";
  }
}
