package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Times;

/**
 * The bridge summary for the next session with a therapist: what happened since the last attended
 * face-to-face (or telephone or video) session, up to and including the query instant. Events at or
 * before the attendance of that session are not in it; without such a session, it covers every
 * event up to the query instant.
 *
 * <p>{@code toString()} shows no scores or mood values; {@link #text(ZoneId)} does, for the
 * therapist.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Bridge {
  private final OptionalInt sinceSession;
  private final Optional<Instant> since;
  private final Instant until;
  private final List<String> modulesStarted;
  private final List<String> modulesCompleted;
  private final Mood mood;
  private final List<MeasureChange> measures;
  private final ReminderCounts reminders;
  private final List<Rejection> rejected;
  private List<String> migrations = List.of();

  /** Creates a bridge summary; collections are copied. */
  Bridge(
      OptionalInt sinceSession,
      Optional<Instant> since,
      Instant until,
      List<String> modulesStarted,
      List<String> modulesCompleted,
      Mood mood,
      List<MeasureChange> measures,
      ReminderCounts reminders,
      List<Rejection> rejected) {
    Objects.requireNonNull(sinceSession, "sinceSession");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    modulesStarted = List.copyOf(modulesStarted);
    modulesCompleted = List.copyOf(modulesCompleted);
    Objects.requireNonNull(mood, "mood");
    measures = List.copyOf(measures);
    Objects.requireNonNull(reminders, "reminders");
    rejected = List.copyOf(rejected);
    this.sinceSession = sinceSession;
    this.since = since;
    this.until = until;
    this.modulesStarted = modulesStarted;
    this.modulesCompleted = modulesCompleted;
    this.mood = mood;
    this.measures = measures;
    this.reminders = reminders;
    this.rejected = rejected;
  }

  /** Returns the last attended session with a therapist, or empty. */
  public OptionalInt sinceSession() {
    return sinceSession;
  }

  /** Returns when its attendance was recorded, or empty. */
  public Optional<Instant> since() {
    return since;
  }

  /** Returns the query instant. */
  public Instant until() {
    return until;
  }

  /** Returns modules started in the period, in order. */
  public List<String> modulesStarted() {
    return modulesStarted;
  }

  /** Returns modules completed in the period, in order. */
  public List<String> modulesCompleted() {
    return modulesCompleted;
  }

  /** Returns the mood ratings of the period. */
  public Mood mood() {
    return mood;
  }

  /**
   * Returns the measures of the period, each with its change; measures that belong to the last
   * attended session itself (taken with the therapist) are left out.
   */
  public List<MeasureChange> measures() {
    return measures;
  }

  /** Returns what the client did with reminders in the period. */
  public ReminderCounts reminders() {
    return reminders;
  }

  /** Returns the events of the period that had no effect. */
  public List<Rejection> rejected() {
    return rejected;
  }

  /**
   * Mood ratings of a period: how many, their mean and lowest value, and the trend (the latest
   * rating minus the first: {@code rising}, {@code falling}, {@code steady}, or {@code too few}
   * with fewer than two ratings).
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Mood {
    private final int count;
    private final OptionalDouble mean;
    private final OptionalInt lowest;
    private final String trend;

    /** Creates a mood summary. */
    Mood(int count, OptionalDouble mean, OptionalInt lowest, String trend) {
      Objects.requireNonNull(mean, "mean");
      Objects.requireNonNull(lowest, "lowest");
      Objects.requireNonNull(trend, "trend");
      this.count = count;
      this.mean = mean;
      this.lowest = lowest;
      this.trend = trend;
    }

    /** Returns the number of ratings. */
    public int count() {
      return count;
    }

    /** Returns their mean, empty when none. */
    public OptionalDouble mean() {
      return mean;
    }

    /** Returns the lowest, empty when none. */
    public OptionalInt lowest() {
      return lowest;
    }

    /** Returns the trend. */
    public String trend() {
      return trend;
    }

    /** Returns the count only. */
    @Override
    public String toString() {
      return "Mood[count=" + count + "]";
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Mood other)) {
        return false;
      }
      return count == other.count
          && java.util.Objects.equals(mean, other.mean)
          && java.util.Objects.equals(lowest, other.lowest)
          && java.util.Objects.equals(trend, other.trend);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(count, mean, lowest, trend);
    }
  }

  /**
   * A measure and its change against the previous complete measure of the same instrument.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class MeasureChange {
    private final MeasureResult measure;
    private final OptionalInt change;

    /** Creates a measure change. */
    MeasureChange(MeasureResult measure, OptionalInt change) {
      Objects.requireNonNull(measure, "measure");
      Objects.requireNonNull(change, "change");
      this.measure = measure;
      this.change = change;
    }

    /** Returns the measure. */
    public MeasureResult measure() {
      return measure;
    }

    /** Returns its total minus the previous complete total; empty when either is missing. */
    public OptionalInt change() {
      return change;
    }

    /** Returns the measure without scores. */
    @Override
    public String toString() {
      return "MeasureChange[" + measure + "]";
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof MeasureChange other)) {
        return false;
      }
      return java.util.Objects.equals(measure, other.measure)
          && java.util.Objects.equals(change, other.change);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(measure, change);
    }
  }

  /**
   * Reminders acknowledged and ignored, and policies opted out of and back into.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class ReminderCounts {
    private final int acknowledged;
    private final int ignored;
    private final List<String> optedOut;
    private final List<String> optedIn;

    /** Creates reminder counts; lists are copied. */
    ReminderCounts(int acknowledged, int ignored, List<String> optedOut, List<String> optedIn) {
      optedOut = List.copyOf(optedOut);
      optedIn = List.copyOf(optedIn);
      this.acknowledged = acknowledged;
      this.ignored = ignored;
      this.optedOut = optedOut;
      this.optedIn = optedIn;
    }

    /** Returns reminders acknowledged. */
    public int acknowledged() {
      return acknowledged;
    }

    /** Returns reminders ignored. */
    public int ignored() {
      return ignored;
    }

    /** Returns policies opted out of, in order. */
    public List<String> optedOut() {
      return optedOut;
    }

    /** Returns policies opted back into, in order. */
    public List<String> optedIn() {
      return optedIn;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof ReminderCounts other)) {
        return false;
      }
      return acknowledged == other.acknowledged
          && ignored == other.ignored
          && java.util.Objects.equals(optedOut, other.optedOut)
          && java.util.Objects.equals(optedIn, other.optedIn);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(acknowledged, ignored, optedOut, optedIn);
    }

    @Override
    public String toString() {
      return "ReminderCounts[acknowledged="
          + acknowledged
          + ", ignored="
          + ignored
          + ", optedOut="
          + optedOut
          + ", optedIn="
          + optedIn
          + "]";
    }
  }

  /**
   * Returns the migrations to another protocol version since {@link #since()}, one sentence each
   * ({@code moved from e-compared-uk 1.0.0 to low-intensity-slim 1.1.0-slim.1 on 2027-01-20}).
   *
   * @return them, oldest first; empty when none
   */
  public List<String> migrations() {
    return migrations;
  }

  Bridge withMigrations(List<String> list) {
    migrations = List.copyOf(list);
    return this;
  }

  /**
   * Returns the summary as lines a therapist can read, each ending in {@code \n}; local date-times
   * in the given zone.
   *
   * @param zone the enrolment's zone
   * @return the text
   */
  public String text(ZoneId zone) {
    StringBuilder out = new StringBuilder("Bridge summary ");
    if (sinceSession.isPresent()) {
      out.append("since session ")
          .append(sinceSession.getAsInt())
          .append(" (attended ")
          .append(local(since.orElseThrow(), zone))
          .append(")");
    } else {
      out.append("since the start (no session with a therapist attended yet)");
    }
    out.append(" up to ").append(local(until, zone)).append('\n');
    for (String migration : migrations) {
      out.append("  ").append(migration).append('\n');
    }
    out.append("  modules started: ").append(list(modulesStarted)).append('\n');
    out.append("  modules completed: ").append(list(modulesCompleted)).append('\n');
    out.append("  mood ratings: ").append(mood.count());
    if (mood.count() > 0) {
      out.append(", mean ")
          .append(String.format(Locale.ROOT, "%.1f", mood.mean().orElseThrow()))
          .append(", lowest ")
          .append(mood.lowest().orElseThrow());
    }
    out.append(", trend ").append(mood.trend()).append('\n');
    out.append("  measures: ");
    if (measures.isEmpty()) {
      out.append("none");
    } else {
      out.append(
          measures.stream()
              .map(
                  m ->
                      Reports.describe(m.measure())
                          + m.change().stream()
                              .mapToObj(c -> " (change " + (c > 0 ? "+" : "") + c + ")")
                              .findFirst()
                              .orElse(""))
              .collect(Collectors.joining("; ")));
    }
    out.append('\n');
    out.append("  reminders: ")
        .append(reminders.acknowledged())
        .append(" acknowledged, ")
        .append(reminders.ignored())
        .append(" ignored; opted out: ")
        .append(list(reminders.optedOut()))
        .append("; opted in: ")
        .append(list(reminders.optedIn()))
        .append('\n');
    out.append("  rejected:");
    if (rejected.isEmpty()) {
      out.append(" none\n");
    } else {
      out.append('\n');
      rejected.forEach(
          r -> out.append("    ").append(r.event()).append(": ").append(r.reason()).append('\n'));
    }
    return out.toString();
  }

  static String local(Instant instant, ZoneId zone) {
    return Times.format(instant.atZone(zone).toLocalDateTime());
  }

  static String list(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }

  /** Returns counts only, without scores or mood values. */
  @Override
  public String toString() {
    return "Bridge[since="
        + since.map(Instant::toString).orElse("start")
        + ", until="
        + until
        + ", measures="
        + measures.size()
        + ", rejected="
        + rejected.size()
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Bridge other)) {
      return false;
    }
    return java.util.Objects.equals(sinceSession, other.sinceSession)
        && java.util.Objects.equals(since, other.since)
        && java.util.Objects.equals(until, other.until)
        && java.util.Objects.equals(modulesStarted, other.modulesStarted)
        && java.util.Objects.equals(modulesCompleted, other.modulesCompleted)
        && java.util.Objects.equals(mood, other.mood)
        && java.util.Objects.equals(measures, other.measures)
        && java.util.Objects.equals(reminders, other.reminders)
        && java.util.Objects.equals(rejected, other.rejected);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        sinceSession,
        since,
        until,
        modulesStarted,
        modulesCompleted,
        mood,
        measures,
        reminders,
        rejected);
  }
}
