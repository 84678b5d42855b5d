package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apiguardian.api.API;

/**
 * The dates and instants the library answers for: years {@value #MIN_YEAR} to {@value #MAX_YEAR}
 * inclusive, from {@code 1900-01-01T00:00} to {@code 2200-12-31T23:59:59.999999999}, local or UTC.
 *
 * <p>Readers refuse a start, an event instant or a scheduled date outside it ({@code
 * out-of-range}); the {@code blended} command refuses such arguments as usage errors. Inside it,
 * every plan the validation allows (at most 5 years) and every reminder offset stay far from the
 * limits of {@code java.time}, so no computation can fail with a {@link
 * java.time.DateTimeException}.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class SupportedRange {
  /** The first supported year. */
  public static final int MIN_YEAR = 1900;

  /** The last supported year. */
  public static final int MAX_YEAR = 2200;

  /** The range in words, as messages print it. */
  public static final String TEXT = "years " + MIN_YEAR + " to " + MAX_YEAR;

  private SupportedRange() {}

  /**
   * Tells whether a date lies in the supported years.
   *
   * @param date the date
   * @return true from 1900-01-01 to 2200-12-31
   */
  public static boolean contains(LocalDate date) {
    return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
  }

  /**
   * Tells whether a local date-time lies in the supported years.
   *
   * @param dateTime the local date-time
   * @return true from 1900-01-01T00:00 to 2200-12-31T23:59:59.999999999
   */
  public static boolean contains(LocalDateTime dateTime) {
    return contains(dateTime.toLocalDate());
  }

  /**
   * Tells whether an instant lies in the supported years, counted in UTC.
   *
   * @param instant the instant
   * @return true from 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999999999Z
   */
  public static boolean contains(Instant instant) {
    return !instant.isBefore(LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC))
        && instant.isBefore(
            LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
