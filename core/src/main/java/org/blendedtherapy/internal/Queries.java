package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.timeline.Timeline;

/**
 * How {@code ClientState} asks the reminders engine about its timeline without a public method of
 * the API taking the unexported {@link Timeline}: {@code Reminders} registers the queries from its
 * static initializer, as result types register their factories with {@link Results}. Not API.
 */
@API(status = INTERNAL, since = "0.2")
public final class Queries {
  private Queries() {}

  /** The reminder queries of a timeline; registered by {@code Reminders}. */
  @API(status = INTERNAL, since = "0.2")
  public interface ReminderQueries {
    /**
     * Every occurrence in {@code [from, to)}, firing or suppressed.
     *
     * @param timeline the client's timeline
     * @param from the start, inclusive
     * @param to the end, exclusive
     * @return the schedule
     */
    ReminderSchedule between(Timeline timeline, Instant from, Instant to);

    /**
     * The next reminders that fire after an instant.
     *
     * @param timeline the client's timeline
     * @param after the instant, exclusive
     * @param count how many at most
     * @return the reminders, by instant then id
     */
    List<Reminder> next(Timeline timeline, Instant after, int count);
  }

  private static volatile ReminderQueries reminders;

  /**
   * Registers the reminder queries; called once, by {@code Reminders}' static initializer.
   *
   * @param queries the queries
   * @throws IllegalStateException if they are registered already
   */
  public static synchronized void register(ReminderQueries queries) {
    if (reminders != null) {
      throw new IllegalStateException("the reminder queries are registered already");
    }
    reminders = queries;
  }

  /**
   * Returns the reminder queries, initializing {@code Reminders} first if it has not run yet.
   *
   * @return the queries
   */
  public static ReminderQueries reminders() {
    ReminderQueries queries = reminders;
    if (queries == null) {
      try {
        Class.forName(
            "org.blendedtherapy.reminders.Reminders", true, Queries.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      queries = reminders;
    }
    return queries;
  }
}
