package org.blendedtherapy.plan;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import org.apiguardian.api.API;

/**
 * Resolves local wall-clock intent to instants, with the rules the library guarantees: a time in a
 * spring-forward gap is moved forward by the gap (never skipped, G2); a time in an autumn overlap
 * is the earlier instant (G3). This is what {@link ZonedDateTime#of} does; it is named here so that
 * every caller uses the same rule.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Times {
  /**
   * The one local date-time form of blended, {@code uuuu-MM-dd'T'HH:mm}, for every output and for
   * reading an enrolment's {@code start}: strict, so {@code 2027-02-30T10:00} does not parse.
   * Immutable and thread-safe.
   */
  public static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withResolverStyle(ResolverStyle.STRICT);

  private Times() {}

  /**
   * Formats a local date-time as every blended output does: {@code uuuu-MM-dd'T'HH:mm}.
   *
   * @param local the local date-time
   * @return the text, such as {@code 2027-03-29T10:00}
   */
  public static String format(LocalDateTime local) {
    return LOCAL.format(local);
  }

  /**
   * Resolves a local date-time in a zone.
   *
   * @param local the intended wall-clock time
   * @param zone the zone
   * @return the zoned date-time: its local part is the time actually meant after any gap shift
   */
  public static ZonedDateTime resolve(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.of(local, zone);
  }

  /**
   * Resolves a local date-time in a zone to an instant.
   *
   * @param local the intended wall-clock time
   * @param zone the zone
   * @return the instant
   */
  public static Instant instant(LocalDateTime local, ZoneId zone) {
    return resolve(local, zone).toInstant();
  }
}
