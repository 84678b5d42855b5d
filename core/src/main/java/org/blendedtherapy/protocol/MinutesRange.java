package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The shortest and longest length of a session, in minutes. Validation reports {@code min > max}.
 *
 * <p>Wherever the library needs one length for a session (the adherent simulation, the calendar,
 * the burden figures) it takes the {@link #midpoint()}: one rule everywhere, stated in {@link
 * #RULE}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param min the shortest, in minutes
 * @param max the longest, in minutes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MinutesRange(int min, int max) {
  /** The session-length rule in words, for outputs that state their assumptions. */
  public static final String RULE =
      "a session lasts the midpoint of its type's durationMinutes min and max";

  /**
   * Returns the length the library assumes for a session: the midpoint of {@code min} and {@code
   * max}, to the second (30 to 45 minutes gives 37 minutes 30 seconds).
   *
   * @return the midpoint
   */
  public Duration midpoint() {
    return Duration.ofSeconds(30L * min + 30L * max);
  }
}
