package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A reminder offset from an anchor, written as an ISO-8601 duration ({@code P1D}, {@code PT2H},
 * {@code P1DT30M}). The date part counts local calendar days (a day before a session is the same
 * wall-clock time on the previous date, whatever the clock changes); the time part is clock time.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param days the calendar part (weeks and days)
 * @param time the clock part (hours and minutes)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Offset(Period days, Duration time) {

  /**
   * Creates an offset.
   *
   * @throws IllegalArgumentException if either part is negative or both are zero
   */
  public Offset {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(time, "time");
    if (days.isNegative() || time.isNegative()) {
      throw new IllegalArgumentException("an offset is never negative");
    }
  }

  /**
   * Parses an ISO-8601 duration with weeks, days, hours and minutes, such as {@code P1DT2H}.
   *
   * @param text the duration
   * @return the offset
   * @throws IllegalArgumentException if the text is not such a duration
   */
  public static Offset parse(String text) {
    Objects.requireNonNull(text, "text");
    int t = text.indexOf('T');
    try {
      Period days =
          t < 0 ? Period.parse(text) : t == 1 ? Period.ZERO : Period.parse(text.substring(0, t));
      Duration time = t < 0 ? Duration.ZERO : Duration.parse("PT" + text.substring(t + 1));
      if (days.getYears() != 0 || days.getMonths() != 0) {
        throw new IllegalArgumentException("an offset has weeks, days, hours and minutes only");
      }
      return new Offset(days, time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 offset such as P1D or PT2H", e);
    }
  }

  /**
   * Returns the ISO-8601 form, such as {@code P1D}, {@code PT2H}, {@code P7DT30M} or {@code PT0M}.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("P");
    if (!days.isZero()) {
      text.append(days.getDays()).append('D');
    }
    if (!time.isZero() || days.isZero()) {
      text.append('T');
      if (time.toHours() > 0) {
        text.append(time.toHours()).append('H');
      }
      if (time.toMinutesPart() > 0 || time.isZero()) {
        text.append(time.toMinutesPart()).append('M');
      }
    }
    return text.toString();
  }
}
