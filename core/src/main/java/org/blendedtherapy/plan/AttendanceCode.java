package org.blendedtherapy.plan;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Event;

/**
 * The NHS Talking Therapies data set attendance code (AttendOrDNACode) of a session event, for
 * hosts that report appointments. The library records no lateness, so it never produces {@code 6}
 * (arrived late but seen) or {@code 7} (arrived late, not seen); a host that knows better maps
 * those itself.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum AttendanceCode {
  /** {@code 2}: cancelled by the patient ({@code session-cancelled} by {@code client}). */
  CANCELLED_BY_PATIENT("2"),
  /** {@code 3}: did not attend ({@code session-missed}). */
  DID_NOT_ATTEND("3"),
  /** {@code 4}: cancelled or postponed by the provider ({@code session-cancelled} by service). */
  CANCELLED_BY_PROVIDER("4"),
  /** {@code 5}: attended on time ({@code session-attended}). */
  ATTENDED("5");

  private final String code;

  AttendanceCode(String code) {
    this.code = code;
  }

  /**
   * Returns the data set code, such as {@code 5}.
   *
   * @return the code
   */
  public String json() {
    return code;
  }

  /**
   * Maps a session event onto its attendance code.
   *
   * @param event any event
   * @return the code of a {@code session-attended}, {@code session-missed} or {@code
   *     session-cancelled} event; empty for every other event
   */
  public static Optional<AttendanceCode> of(Event event) {
    return switch (event.type()) {
      case SESSION_ATTENDED -> Optional.of(ATTENDED);
      case SESSION_MISSED -> Optional.of(DID_NOT_ATTEND);
      case SESSION_CANCELLED ->
          Optional.of(
              ((Event.SessionCancelled) event).by() == Event.CancelledBy.CLIENT
                  ? CANCELLED_BY_PATIENT
                  : CANCELLED_BY_PROVIDER);
      case SESSION_SCHEDULED,
          MODULE_STARTED,
          MODULE_COMPLETED,
          MODULE_RELEASED,
          MODULE_SKIPPED,
          MODULES_REORDERED,
          MODULE_REPEATED,
          MODULE_ASSIGNED,
          MOOD_RATED,
          MEASURE_RECORDED,
          REMINDER_ACKNOWLEDGED,
          REMINDER_IGNORED,
          REMINDER_OPTED_OUT,
          REMINDER_OPTED_IN,
          PAUSED,
          RESUMED,
          DISCHARGED,
          ZONE_CHANGED,
          PROTOCOL_MIGRATED ->
          Optional.empty();
    };
  }
}
