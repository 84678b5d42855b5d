package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.blendedtherapy.Issue;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.timeline.Timeline;

/**
 * How one package asks another for a computation whose input is not API: {@code ClientState} asks
 * the reminders engine about its unexported {@link Timeline}, and {@code ProtocolJson} asks the
 * meaning checks of {@code protocol} about the sound {@link ProtocolParts} of a document, without a
 * public method of an exported package taking either. The owner registers its queries from its
 * static initializer ({@code Reminders}, {@code Protocol}), as result types register their
 * factories with {@link Results}. Not API.
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

  private static final Slot<ReminderQueries> REMINDERS =
      new Slot<>("the reminder query set", "org.blendedtherapy.reminders.Reminders");

  /**
   * Registers the reminder queries; called once, by {@code Reminders}' static initializer.
   *
   * @param queries the queries
   * @throws IllegalStateException if they are registered already
   */
  public static void register(ReminderQueries queries) {
    REMINDERS.register(queries);
  }

  /**
   * Returns the reminder queries, initializing {@code Reminders} first if it has not run yet.
   *
   * @return the queries
   */
  public static ReminderQueries reminders() {
    return REMINDERS.get();
  }

  /** The meaning checks of a protocol document; registered by {@code Protocol}. */
  @API(status = INTERNAL, since = "0.2")
  @FunctionalInterface
  public interface MeaningChecks {
    /**
     * Runs the meaning checks whose inputs are all sound.
     *
     * @param parts the sound parts of a document
     * @return every issue found, errors and warnings, pointers into the document
     */
    List<Issue> check(ProtocolParts parts);
  }

  private static final Slot<MeaningChecks> MEANING =
      new Slot<>("the meaning check set", "org.blendedtherapy.protocol.Protocol");

  /**
   * Registers the meaning checks; called once, by {@code Protocol}'s static initializer.
   *
   * @param checks the checks
   * @throws IllegalStateException if they are registered already
   */
  public static void register(MeaningChecks checks) {
    MEANING.register(checks);
  }

  /**
   * Returns the meaning checks, initializing {@code Protocol} first if it has not run yet.
   *
   * @return the checks
   */
  public static MeaningChecks meaning() {
    return MEANING.get();
  }
}
