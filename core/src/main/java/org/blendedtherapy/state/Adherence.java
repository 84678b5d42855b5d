package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * How closely a client kept to the plan up to the query instant, per week and overall: sessions
 * attended of those planned so far, online sessions completed in their window, core modules
 * completed, and mood-rating prompts answered. Every ratio lies between 0 and 1.
 *
 * <ul>
 *   <li>sessions: of the sessions planned at or before the instant (or attended earlier), those
 *       attended; weeks count a session in the week of its planned local date;
 *   <li>online: of the online sessions whose window has begun (or that were attended), those whose
 *       attendance was recorded inside their window;
 *   <li>core modules: of the core modules in the client's path, those completed (per week: by the
 *       end of the week);
 *   <li>mood ratings: of the mood-rating prompts that fired up to the instant ({@link
 *       ClientState#reminders}), those followed by a rating before the next prompt (or the
 *       instant).
 * </ul>
 *
 * <p>Weeks run from the start date in steps of seven local days, from week 1 to the week of the
 * query instant, and no further than the week in which the last session's window ends.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Adherence {
  private final Counts overall;
  private final List<Week> weeks;

  /** Creates adherence; the weeks are copied. */
  Adherence(Counts overall, List<Week> weeks) {
    Objects.requireNonNull(overall, "overall");
    weeks = List.copyOf(weeks);
    this.overall = overall;
    this.weeks = weeks;
  }

  /** Returns the counts over the whole period. */
  public Counts overall() {
    return overall;
  }

  /** Returns the counts of each week. */
  public List<Week> weeks() {
    return weeks;
  }

  /**
   * A count of what was done of what was asked.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Ratio {
    private final int done;
    private final int of;

    /**
     * Creates a ratio.
     *
     * @throws IllegalArgumentException unless {@code 0 <= done <= of}
     */
    Ratio(int done, int of) {
      if (done < 0 || done > of) {
        throw new IllegalArgumentException("a ratio needs 0 <= done <= of");
      }
      this.done = done;
      this.of = of;
    }

    /** Returns how many were done. */
    public int done() {
      return done;
    }

    /** Returns how many were asked. */
    public int of() {
      return of;
    }

    /**
     * Returns {@code done / of}.
     *
     * @return the ratio between 0 and 1, or empty when nothing was asked
     */
    public OptionalDouble value() {
      return of == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) done / of);
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Ratio other)) {
        return false;
      }
      return done == other.done && of == other.of;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(done, of);
    }

    @Override
    public String toString() {
      return "Ratio[done=" + done + ", of=" + of + "]";
    }
  }

  /**
   * The four ratios of a period.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Counts {
    private final Ratio sessions;
    private final Ratio online;
    private final Ratio coreModules;
    private final Ratio moodRatings;

    /** Creates counts. */
    Counts(Ratio sessions, Ratio online, Ratio coreModules, Ratio moodRatings) {
      Objects.requireNonNull(sessions, "sessions");
      Objects.requireNonNull(online, "online");
      Objects.requireNonNull(coreModules, "coreModules");
      Objects.requireNonNull(moodRatings, "moodRatings");
      this.sessions = sessions;
      this.online = online;
      this.coreModules = coreModules;
      this.moodRatings = moodRatings;
    }

    /** Returns sessions attended of planned. */
    public Ratio sessions() {
      return sessions;
    }

    /** Returns online sessions completed in their window. */
    public Ratio online() {
      return online;
    }

    /** Returns core modules completed. */
    public Ratio coreModules() {
      return coreModules;
    }

    /** Returns mood-rating prompts answered. */
    public Ratio moodRatings() {
      return moodRatings;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Counts other)) {
        return false;
      }
      return java.util.Objects.equals(sessions, other.sessions)
          && java.util.Objects.equals(online, other.online)
          && java.util.Objects.equals(coreModules, other.coreModules)
          && java.util.Objects.equals(moodRatings, other.moodRatings);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(sessions, online, coreModules, moodRatings);
    }

    @Override
    public String toString() {
      return "Counts[sessions="
          + sessions
          + ", online="
          + online
          + ", coreModules="
          + coreModules
          + ", moodRatings="
          + moodRatings
          + "]";
    }
  }

  /**
   * One week of the plan.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Week {
    private final int number;
    private final LocalDate from;
    private final LocalDate to;
    private final Counts counts;

    /** Creates a week. */
    Week(int number, LocalDate from, LocalDate to, Counts counts) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(counts, "counts");
      this.number = number;
      this.from = from;
      this.to = to;
      this.counts = counts;
    }

    /** Returns the week number, from 1. */
    public int number() {
      return number;
    }

    /** Returns its first local date. */
    public LocalDate from() {
      return from;
    }

    /** Returns the local date after its last. */
    public LocalDate to() {
      return to;
    }

    /** Returns its counts. */
    public Counts counts() {
      return counts;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Week other)) {
        return false;
      }
      return number == other.number
          && java.util.Objects.equals(from, other.from)
          && java.util.Objects.equals(to, other.to)
          && java.util.Objects.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(number, from, to, counts);
    }

    @Override
    public String toString() {
      return "Week[number=" + number + ", from=" + from + ", to=" + to + ", counts=" + counts + "]";
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Adherence other)) {
      return false;
    }
    return java.util.Objects.equals(overall, other.overall)
        && java.util.Objects.equals(weeks, other.weeks);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(overall, weeks);
  }

  @Override
  public String toString() {
    return "Adherence[overall=" + overall + ", weeks=" + weeks + "]";
  }
}
