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
 *       org.blendedtherapy.reminders.Reminders#between}), those followed by a rating before the
 *       next prompt (or the instant).
 * </ul>
 *
 * <p>Weeks run from the start date in steps of seven local days, from week 1 to the week of the
 * query instant, and no further than the week in which the last session's window ends.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param overall the counts over the whole period
 * @param weeks the counts of each week
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Adherence(Counts overall, List<Week> weeks) {
  /** Creates adherence; the weeks are copied. */
  public Adherence {
    Objects.requireNonNull(overall, "overall");
    weeks = List.copyOf(weeks);
  }

  /**
   * A count of what was done of what was asked.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param done how many were done
   * @param of how many were asked
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Ratio(int done, int of) {
    /**
     * Creates a ratio.
     *
     * @throws IllegalArgumentException unless {@code 0 <= done <= of}
     */
    public Ratio {
      if (done < 0 || done > of) {
        throw new IllegalArgumentException("a ratio needs 0 <= done <= of");
      }
    }

    /**
     * Returns {@code done / of}.
     *
     * @return the ratio between 0 and 1, or empty when nothing was asked
     */
    public OptionalDouble value() {
      return of == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) done / of);
    }
  }

  /**
   * The four ratios of a period.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param sessions sessions attended of planned
   * @param online online sessions completed in their window
   * @param coreModules core modules completed
   * @param moodRatings mood-rating prompts answered
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Counts(Ratio sessions, Ratio online, Ratio coreModules, Ratio moodRatings) {
    /** Creates counts. */
    public Counts {
      Objects.requireNonNull(sessions, "sessions");
      Objects.requireNonNull(online, "online");
      Objects.requireNonNull(coreModules, "coreModules");
      Objects.requireNonNull(moodRatings, "moodRatings");
    }
  }

  /**
   * One week of the plan.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param number the week number, from 1
   * @param from its first local date
   * @param to the local date after its last
   * @param counts its counts
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Week(int number, LocalDate from, LocalDate to, Counts counts) {
    /** Creates a week. */
    public Week {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(counts, "counts");
    }
  }
}
