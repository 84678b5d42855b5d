package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/**
 * When a reminder policy fires: exactly one schedule per policy, written in JSON as one key on the
 * policy object ({@code daily}, {@code weekly}, {@code everyDays}, {@code before}, {@code after}).
 * Times are local wall-clock times in the client's zone.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Schedule
    permits Schedule.Daily, Schedule.Weekly, Schedule.EveryDays, Schedule.Before, Schedule.After {

  /** The schedule kinds, each with the JSON key that names it. */
  @API(status = EXPERIMENTAL, since = "0.1")
  enum Kind {
    /** Every day at local times. */
    DAILY("daily"),
    /** On weekdays at local times. */
    WEEKLY("weekly"),
    /** Every N days from the start date at local times. */
    EVERY_DAYS("everyDays"),
    /** Offsets before each session. */
    BEFORE("before"),
    /** Offsets after each session start, or after a module opens. */
    AFTER("after");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** Returns the name in JSON. */
    public String json() {
      return json;
    }

    /**
     * Finds the kind with a JSON key.
     *
     * @param json the key
     * @return the kind, or empty when the key names no schedule
     */
    public static Optional<Kind> fromJson(String json) {
      return JsonNames.find(Kind.values(), Kind::json, json);
    }
  }

  /**
   * Returns the kind of this schedule, which is also its JSON key.
   *
   * @return the kind
   */
  Kind kind();

  /**
   * Returns the most occurrences this schedule can put on one local day, counting relative offsets
   * whose whole-day parts are equal as one day.
   *
   * @return the most prompts on one day
   */
  int maxPerDay();

  /**
   * Returns the local times of day of a calendar schedule ({@code daily}, {@code weekly}, {@code
   * everyDays}); a schedule relative to sessions or modules has none.
   *
   * @return the times, sorted; empty for {@code before} and {@code after}
   */
  default List<LocalTime> timesOfDay() {
    return List.of();
  }

  /**
   * Returns the offsets of a schedule relative to sessions or modules ({@code before}, {@code
   * after}); a calendar schedule has none.
   *
   * @return the offsets; empty for {@code daily}, {@code weekly} and {@code everyDays}
   */
  default List<Offset> offsets() {
    return List.of();
  }

  /**
   * Every day at the given local times.
   *
   * @param at the local times, at least one, sorted
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record Daily(List<LocalTime> at) implements Schedule {
    @Override
    public List<LocalTime> timesOfDay() {
      return at;
    }

    /** Creates the schedule; times are copied and sorted. */
    public Daily {
      at = sortedTimes(at);
    }

    @Override
    public Kind kind() {
      return Kind.DAILY;
    }

    @Override
    public int maxPerDay() {
      return at.size();
    }
  }

  /**
   * On the given weekdays at the given local times.
   *
   * @param days the weekdays, at least one
   * @param at the local times, at least one, sorted
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record Weekly(Set<DayOfWeek> days, List<LocalTime> at) implements Schedule {
    @Override
    public List<LocalTime> timesOfDay() {
      return at;
    }

    /** Creates the schedule. */
    public Weekly {
      days = Set.copyOf(days);
      at = sortedTimes(at);
      if (days.isEmpty()) {
        throw new IllegalArgumentException("a weekly schedule needs at least one day");
      }
    }

    @Override
    public Kind kind() {
      return Kind.WEEKLY;
    }

    @Override
    public int maxPerDay() {
      return at.size();
    }
  }

  /**
   * Every {@code days} local calendar days, counted from the start date, at the given local times.
   *
   * @param days the interval in days, at least 1
   * @param at the local times, at least one, sorted
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record EveryDays(int days, List<LocalTime> at) implements Schedule {
    @Override
    public List<LocalTime> timesOfDay() {
      return at;
    }

    /** Creates the schedule. */
    public EveryDays {
      at = sortedTimes(at);
      if (days < 1) {
        throw new IllegalArgumentException("the interval must be at least one day");
      }
    }

    @Override
    public Kind kind() {
      return Kind.EVERY_DAYS;
    }

    @Override
    public int maxPerDay() {
      return at.size();
    }
  }

  /**
   * At offsets before the start of each session of the policy's session types.
   *
   * @param offsets the offsets, at least one
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record Before(List<Offset> offsets) implements Schedule {
    /** Creates the schedule. */
    public Before {
      offsets = nonEmpty(offsets);
    }

    @Override
    public Kind kind() {
      return Kind.BEFORE;
    }

    @Override
    public int maxPerDay() {
      return sameDayCount(offsets);
    }
  }

  /**
   * At offsets after the anchor: each session start of the policy's session types, or the moment a
   * module opens for kind {@code module}.
   *
   * @param offsets the offsets, at least one
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record After(List<Offset> offsets) implements Schedule {
    /** Creates the schedule. */
    public After {
      offsets = nonEmpty(offsets);
    }

    @Override
    public Kind kind() {
      return Kind.AFTER;
    }

    @Override
    public int maxPerDay() {
      return sameDayCount(offsets);
    }
  }

  private static List<LocalTime> sortedTimes(List<LocalTime> at) {
    List<LocalTime> sorted = at.stream().sorted().distinct().toList();
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one time");
    }
    return sorted;
  }

  private static List<Offset> nonEmpty(List<Offset> offsets) {
    List<Offset> copy = List.copyOf(offsets);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one offset");
    }
    return copy;
  }

  private static int sameDayCount(List<Offset> offsets) {
    Map<Long, Long> byDay =
        offsets.stream()
            .collect(
                Collectors.groupingBy(
                    o -> o.days().getDays() + o.time().toDays(), Collectors.counting()));
    return byDay.values().stream().mapToInt(Long::intValue).max().orElse(0);
  }
}
