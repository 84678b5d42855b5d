package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Generators of local dates, local times, zones and instants for time properties, with DST-hostile
 * zones weighted in and instants clustered around their offset transitions.
 *
 * <p>Dates run from {@link #FIRST_DATE} to {@link #LAST_DATE}, so historic transitions count (Apia
 * skipped 2011-12-30). Nothing here reads the clock, the default zone or the default locale: the
 * same seed gives the same values on every JVM and every {@code TZ}.
 *
 * <p>The generators are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Times {
  /** The first date generated. */
  public static final LocalDate FIRST_DATE = LocalDate.of(2010, 1, 1);

  /** The last date generated. */
  public static final LocalDate LAST_DATE = LocalDate.of(2035, 12, 31);

  /**
   * Zones whose transitions break naive code: London and New York (ordinary DST), Lord Howe (a
   * 30-minute shift), Santiago (transitions at midnight, so a local date can start at 01:00), Apia
   * (skipped 2011-12-30 entirely; DST until 2021), Amman (midnight transitions; permanent +03 since
   * 2022).
   */
  public static final List<ZoneId> HOSTILE_ZONES =
      List.of(
          ZoneId.of("Europe/London"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("America/Santiago"),
          ZoneId.of("Pacific/Apia"),
          ZoneId.of("Asia/Amman"));

  /** Zones without DST or with odd fixed offsets, generated less often. */
  static final List<ZoneId> CALM_ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("Asia/Kathmandu"),
          ZoneId.of("Europe/Amsterdam"),
          ZoneId.of("Pacific/Kiritimati"));

  private static final Map<ZoneId, List<ZoneOffsetTransition>> TRANSITIONS =
      new ConcurrentHashMap<>();

  private Times() {}

  /**
   * Returns a generator of dates from 2010-01-01 to 2035-12-31, shrinking towards the first.
   *
   * @return the generator
   */
  public static Gen<LocalDate> dates() {
    long first = FIRST_DATE.toEpochDay();
    return Gen.chooseLong(0, LAST_DATE.toEpochDay() - first)
        .map(d -> LocalDate.ofEpochDay(first + d));
  }

  /**
   * Returns a generator of local times to the minute, half of them between 00:00 and 03:59 where
   * transitions happen, shrinking towards midnight.
   *
   * @return the generator
   */
  public static Gen<LocalTime> times() {
    return Gen.frequency(
            List.of(
                Gen.weighted(1, Gen.choose(0, 24 * 60 - 1)), Gen.weighted(1, Gen.choose(0, 239))))
        .map(m -> LocalTime.of(m / 60, m % 60));
  }

  /**
   * Returns a generator of local date-times from {@link #dates()} and {@link #times()}.
   *
   * @return the generator
   */
  public static Gen<LocalDateTime> localDateTimes() {
    return Gen.zip(dates(), times(), LocalDateTime::of);
  }

  /**
   * Returns a generator of zones: a {@linkplain #HOSTILE_ZONES hostile zone} three times in four,
   * otherwise UTC or a zone with an odd fixed offset; shrinks towards Europe/London.
   *
   * @return the generator
   */
  public static Gen<ZoneId> zones() {
    return Gen.frequency(
        List.of(
            Gen.weighted(3, Gen.elements(HOSTILE_ZONES)),
            Gen.weighted(1, Gen.elements(CALM_ZONES))));
  }

  /**
   * Returns a generator of the {@linkplain #HOSTILE_ZONES hostile zones} only.
   *
   * @return the generator
   */
  public static Gen<ZoneId> hostileZones() {
    return Gen.elements(HOSTILE_ZONES);
  }

  /**
   * Returns the offset transitions of a zone from {@link #FIRST_DATE} to {@link #LAST_DATE},
   * historic ones and those its rules predict, in order.
   *
   * @param zone the zone
   * @return the transitions, empty for a fixed-offset zone
   */
  public static List<ZoneOffsetTransition> transitions(ZoneId zone) {
    return TRANSITIONS.computeIfAbsent(zone, Times::computeTransitions);
  }

  private static List<ZoneOffsetTransition> computeTransitions(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    Instant from = FIRST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    Instant until = LAST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<ZoneOffsetTransition> out = new ArrayList<>();
    ZoneOffsetTransition next = rules.nextTransition(from);
    while (next != null && next.getInstant().isBefore(until)) {
      out.add(next);
      next = rules.nextTransition(next.getInstant());
    }
    return List.copyOf(out);
  }

  /**
   * Returns a generator of instants within three hours of an offset transition of a hostile zone,
   * to the minute, shrinking towards the transition itself.
   *
   * @return the generator
   */
  public static Gen<Instant> instantsNearTransitions() {
    return hostileZones().flatMap(Times::instantsNearTransitions);
  }

  /**
   * Returns a generator of instants within three hours of an offset transition of a zone, to the
   * minute, shrinking towards the transition itself.
   *
   * @param zone a zone with at least one transition between 2010 and 2035
   * @return the generator
   * @throws IllegalArgumentException if the zone has no transition in that period
   */
  public static Gen<Instant> instantsNearTransitions(ZoneId zone) {
    List<ZoneOffsetTransition> transitions = transitions(zone);
    if (transitions.isEmpty()) {
      throw new IllegalArgumentException(zone + " has no offset transition from 2010 to 2035");
    }
    return Gen.zip(
        Gen.elements(transitions),
        Gen.choose(-180, 180),
        (t, minutes) -> t.getInstant().plusSeconds(60L * minutes));
  }

  /**
   * Returns a generator of local date-times that fall in a spring-forward gap or an autumn overlap
   * of a zone, or on the minute just before or after one.
   *
   * @param zone a zone with at least one transition between 2010 and 2035
   * @return the generator
   * @throws IllegalArgumentException if the zone has no transition in that period
   */
  public static Gen<LocalDateTime> localDateTimesAtTransitions(ZoneId zone) {
    List<ZoneOffsetTransition> transitions = transitions(zone);
    if (transitions.isEmpty()) {
      throw new IllegalArgumentException(zone + " has no offset transition from 2010 to 2035");
    }
    return Gen.elements(transitions)
        .flatMap(
            t -> {
              long minutes = Math.abs(t.getDuration().toMinutes());
              LocalDateTime start = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
              return Gen.chooseLong(-1, minutes).map(start::plusMinutes);
            });
  }
}
