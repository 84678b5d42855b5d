package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Period;
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

  /**
   * Creates a plan.
   *
   * @throws IllegalArgumentException if the pattern is empty or sessions is below 1
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
