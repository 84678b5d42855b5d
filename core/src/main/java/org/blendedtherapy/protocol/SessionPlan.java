package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How sessions alternate and how often: session {@code n} (from 1) is of type {@code pattern[(n-1)
 * mod pattern.size()]} and is planned at {@code start + (n-1) × cadence}, a calendar {@link
 * Period}, never a count of hours.
 *
 * <p>A plan is bounded, so that no computation over it can grow without bound: at most {@value
 * #MAX_SESSIONS} sessions, spanning at most 5 years ({@link #MAX_SPAN_DAYS} days) from the first
 * session to the end of the last session's window. Validation reports a longer plan as {@code
 * plan-too-long}; the constructor refuses one built in code.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param pattern the session types in the order they repeat, counted from session 1
 * @param cadence the calendar period between consecutive sessions
 * @param sessions the number of planned sessions
 * @param durationMinutes the length of a session by type
 * @param reschedulingMovesLater whether moving one session moves every later one too
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SessionPlan(
    List<SessionType> pattern,
    Period cadence,
    int sessions,
    Map<SessionType, MinutesRange> durationMinutes,
    boolean reschedulingMovesLater) {

  /** The most sessions a plan may have, as the schema says. */
  public static final int MAX_SESSIONS = 200;

  /** The longest span of a plan: 5 years. */
  public static final Period MAX_SPAN = Period.ofYears(5);

  private static final LocalDate ORIGIN = LocalDate.of(2001, 1, 1);

  /**
   * The longest span of a plan in days (1,826): 5 years from a reference date, the first of January
   * 2001, from the first session to the end of the last session's window.
   */
  public static final long MAX_SPAN_DAYS = ChronoUnit.DAYS.between(ORIGIN, ORIGIN.plus(MAX_SPAN));

  /**
   * Creates a plan.
   *
   * @throws IllegalArgumentException if the pattern is empty, sessions is below 1 or above {@value
   *     #MAX_SESSIONS}, or the plan spans more than {@link #MAX_SPAN_DAYS} days (see {@link
   *     #spanDays})
   */
  public SessionPlan {
    pattern = List.copyOf(pattern);
    Objects.requireNonNull(cadence, "cadence");
    durationMinutes = Map.copyOf(durationMinutes);
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("the pattern needs at least one session type");
    }
    if (sessions < 1) {
      throw new IllegalArgumentException("a plan needs at least one session");
    }
    if (sessions > MAX_SESSIONS) {
      throw new IllegalArgumentException("a plan has at most " + MAX_SESSIONS + " sessions");
    }
    if (spanDays(cadence, sessions) > MAX_SPAN_DAYS) {
      throw new IllegalArgumentException(
          "the plan spans more than 5 years ("
              + sessions
              + " sessions every "
              + cadence
              + "); expected at most "
              + MAX_SPAN_DAYS
              + " days");
    }
  }

  /**
   * Returns the days from the first session to the end of the last session's window ({@code
   * sessions × cadence}), counted from the first of January 2001, so that a span in months or years
   * has one answer. Costs at most one step per session, and stops at the limit.
   *
   * @param cadence the calendar period between sessions
   * @param sessions the number of sessions
   * @return the days; -1 for a cadence that is not positive; {@link #MAX_SPAN_DAYS} + 1 for any
   *     span past the limit, so that a cadence such as {@code P9999Y} never leaves the range of
   *     dates
   */
  public static long spanDays(Period cadence, int sessions) {
    if (cadence.isNegative() || cadence.isZero()) {
      return -1;
    }
    // Each step stays within a few years of the origin, or is refused before it leaves them.
    if (cadence.toTotalMonths() > 12L * 5 || cadence.getDays() > MAX_SPAN_DAYS) {
      return MAX_SPAN_DAYS + 1;
    }
    LocalDate limit = ORIGIN.plus(MAX_SPAN);
    LocalDate end = ORIGIN;
    for (int n = 0; n < sessions; n++) {
      end = end.plus(cadence);
      if (end.isAfter(limit)) {
        return MAX_SPAN_DAYS + 1;
      }
    }
    return ChronoUnit.DAYS.between(ORIGIN, end);
  }

  /**
   * Returns the type of session {@code number}, counting from 1.
   *
   * @param number the session number, from 1
   * @return its type
   * @throws IllegalArgumentException if the number is below 1
   */
  public SessionType typeOf(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("session numbers start at 1");
    }
    return pattern.get((number - 1) % pattern.size());
  }

  /**
   * Counts the planned sessions of each type.
   *
   * @return planned sessions by type; types absent from the pattern are absent
   */
  public Map<SessionType, Integer> countsByType() {
    Map<SessionType, Integer> counts = new EnumMap<>(SessionType.class);
    for (int n = 1; n <= sessions; n++) {
      counts.merge(typeOf(n), 1, Integer::sum);
    }
    return counts;
  }
}
