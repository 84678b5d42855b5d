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
 *
 * @param sinceSession the last attended session with a therapist, or empty
 * @param since when its attendance was recorded, or empty
 * @param until the query instant
 * @param modulesStarted modules started in the period, in order
 * @param modulesCompleted modules completed in the period, in order
 * @param mood the mood ratings of the period
 * @param measures the measures of the period, each with its change; measures that belong to the
 *     last attended session itself (taken with the therapist) are left out
 * @param reminders what the client did with reminders in the period
 * @param rejected the events of the period that had no effect
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Bridge(
    OptionalInt sinceSession,
    Optional<Instant> since,
    Instant until,
    List<String> modulesStarted,
    List<String> modulesCompleted,
    Mood mood,
    List<MeasureChange> measures,
    ReminderCounts reminders,
    List<Rejection> rejected) {

  /** Creates a bridge summary; collections are copied. */
  public Bridge {
    Objects.requireNonNull(sinceSession, "sinceSession");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    modulesStarted = List.copyOf(modulesStarted);
    modulesCompleted = List.copyOf(modulesCompleted);
    Objects.requireNonNull(mood, "mood");
    measures = List.copyOf(measures);
    Objects.requireNonNull(reminders, "reminders");
    rejected = List.copyOf(rejected);
  }

  /**
   * Mood ratings of a period: how many, their mean and lowest value, and the trend (the latest
   * rating minus the first: {@code rising}, {@code falling}, {@code steady}, or {@code too few}
   * with fewer than two ratings).
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param count the number of ratings
   * @param mean their mean, empty when none
   * @param lowest the lowest, empty when none
   * @param trend the trend
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Mood(int count, OptionalDouble mean, OptionalInt lowest, String trend) {
    /** Creates a mood summary. */
    public Mood {
      Objects.requireNonNull(mean, "mean");
      Objects.requireNonNull(lowest, "lowest");
      Objects.requireNonNull(trend, "trend");
    }

    /** Returns the count only. */
    @Override
    public String toString() {
      return "Mood[count=" + count + "]";
    }
  }

  /**
   * A measure and its change against the previous complete measure of the same instrument.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param measure the measure
   * @param change its total minus the previous complete total; empty when either is missing
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record MeasureChange(MeasureResult measure, OptionalInt change) {
    /** Creates a measure change. */
    public MeasureChange {
      Objects.requireNonNull(measure, "measure");
      Objects.requireNonNull(change, "change");
    }

    /** Returns the measure without scores. */
    @Override
    public String toString() {
      return "MeasureChange[" + measure + "]";
    }
  }

  /**
   * Reminders acknowledged and ignored, and policies opted out of and back into.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param acknowledged reminders acknowledged
   * @param ignored reminders ignored
   * @param optedOut policies opted out of, in order
   * @param optedIn policies opted back into, in order
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record ReminderCounts(
      int acknowledged, int ignored, List<String> optedOut, List<String> optedIn) {
    /** Creates reminder counts; lists are copied. */
    public ReminderCounts {
      optedOut = List.copyOf(optedOut);
      optedIn = List.copyOf(optedIn);
    }
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
}
