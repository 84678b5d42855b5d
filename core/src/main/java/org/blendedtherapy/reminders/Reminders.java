package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.Queries;
import org.blendedtherapy.timeline.Timeline;

/**
 * How reminders are decided, and their ids ({@link #id}). A host asks {@code
 * ClientState.reminders(from, to)} and {@code ClientState.nextReminders(after, count)}, which this
 * class answers from the client's timeline (registered with the unexported {@code
 * internal.Queries}, so no public method takes the fold).
 *
 * <p>Every occurrence of every policy is resolved from local intent in the client's zone (a time in
 * a spring-forward gap moves forward by the gap, a time in an autumn overlap is the earlier
 * instant; a {@code zone-changed} event re-resolves intents from its instant on, each intent firing
 * exactly once), then either fires or is suppressed with the first reason that applies: discharged,
 * paused, opted out, task already done, quiet hours, backoff, daily cap. Caps and backoff are
 * decided per whole local day and per policy history, never per query window, so {@code [a,b)} plus
 * {@code [b,c)} always equals {@code [a,c)}.
 *
 * <p>Reminders tied to a session may fall before the start (the appointment reminder the day before
 * session 1); every other reminder begins at the start and ends at discharge or at the end of the
 * last session's window. The methods are pure and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Reminders {
  static {
    Queries.register(
        new Queries.ReminderQueries() {
          @Override
          public ReminderSchedule between(Timeline timeline, Instant from, Instant to) {
            return Reminders.between(timeline, from, to);
          }

          @Override
          public List<Reminder> next(Timeline timeline, Instant after, int count) {
            return Reminders.next(timeline, after, count);
          }
        });
  }

  private Reminders() {}

  /**
   * Returns every occurrence of a client's timeline in {@code [from, to)}, firing or suppressed.
   * Hosts call {@code ClientState.reminders} instead.
   *
   * <p>Cost: in proportion to the window (widened to whole local days) and to the occurrences
   * backoff looks back over, never to the whole plan or history.
   *
   * @param timeline the client's timeline
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the reminders and the suppressed occurrences, each sorted by instant, then id
   */
  static ReminderSchedule between(Timeline timeline, Instant from, Instant to) {
    List<Timeline.Migrated> migrations = timeline.migrations();
    if (!migrations.isEmpty()) {
      // Before a migration the old protocol's reminders stand, unchanged by it.
      Timeline.Migrated last = migrations.get(migrations.size() - 1);
      Instant at = last.at();
      if (from.isBefore(at)) {
        ReminderSchedule early = between(timeline.before(last), from, to.isBefore(at) ? to : at);
        if (!to.isAfter(at)) {
          return early;
        }
        ReminderSchedule late = between(timeline, at, to);
        List<Reminder> fired = new ArrayList<>(early.reminders());
        fired.addAll(late.reminders());
        List<Suppressed> suppressed = new ArrayList<>(early.suppressed());
        suppressed.addAll(late.suppressed());
        return new ReminderSchedule(fired, suppressed);
      }
      Engine.Decisions decided = engine(timeline).decide(from, to);
      return capMigrationDay(timeline, last, from, decided);
    }
    Engine.Decisions decided = engine(timeline).decide(from, to);
    return new ReminderSchedule(decided.fired(), decided.suppressed());
  }

  /**
   * Holds the new protocol's daily cap on the local day of a migration, counting the reminders the
   * old protocol fired that day before it: the later ones over the cap are suppressed. The day
   * after the migration is capped as a whole and then cut to the window, so windows still add up.
   */
  private static ReminderSchedule capMigrationDay(
      Timeline timeline, Timeline.Migrated migrated, Instant from, Engine.Decisions decided) {
    java.util.OptionalInt cap = timeline.protocol().reminderLimits().maxPerDay();
    java.time.ZoneId zone = timeline.zoneAt(migrated.at());
    java.time.LocalDate day = migrated.at().atZone(zone).toLocalDate();
    Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
    if (cap.isEmpty() || decided.fired().isEmpty() || !from.isBefore(dayEnd)) {
      return new ReminderSchedule(decided.fired(), decided.suppressed());
    }
    Instant dayStart = day.atStartOfDay(zone).toInstant();
    int left = cap.getAsInt();
    if (dayStart.isBefore(migrated.at())) {
      left -= between(timeline.before(migrated), dayStart, migrated.at()).reminders().size();
    }
    java.util.Set<String> over = new java.util.HashSet<>();
    for (Reminder r : engine(timeline).decide(migrated.at(), dayEnd).fired()) {
      if (left-- <= 0) {
        over.add(r.id());
      }
    }
    List<Reminder> kept = new ArrayList<>();
    List<Suppressed> suppressed = new ArrayList<>(decided.suppressed());
    for (Reminder r : decided.fired()) {
      if (over.contains(r.id())) {
        suppressed.add(
            new Suppressed(
                r,
                Suppression.CAP,
                "over the cap of "
                    + cap.getAsInt()
                    + " reminders a day, counting those before the migration"));
      } else {
        kept.add(r);
      }
    }
    suppressed.sort(
        java.util.Comparator.comparing((Suppressed x) -> x.reminder().instant())
            .thenComparing(x -> x.reminder().id()));
    return new ReminderSchedule(kept, suppressed);
  }

  /**
   * Returns the next reminders of a client's timeline that fire at or after an instant (phones keep
   * at most 64 pending). Hosts call {@code ClientState.nextReminders} instead.
   *
   * <p>Cost: in proportion to the time until the last one returned.
   *
   * @param timeline the client's timeline
   * @param after the instant, inclusive
   * @param count how many at most
   * @return up to {@code count} reminders, sorted by instant, then id
   */
  static List<Reminder> next(Timeline timeline, Instant after, int count) {
    List<Timeline.Migrated> migrations = timeline.migrations();
    if (!migrations.isEmpty()) {
      Instant at = migrations.get(migrations.size() - 1).at();
      if (after.isBefore(at)) {
        List<Reminder> early = new ArrayList<>(between(timeline, after, at).reminders());
        if (early.size() >= count) {
          return List.copyOf(early.subList(0, count));
        }
        early.addAll(next(timeline, at, count - early.size()));
        return early;
      }
      // The day of the migration, under the cap that counts the old protocol's reminders.
      java.time.ZoneId zone = timeline.zoneAt(at);
      Instant dayEnd = at.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
      if (after.isBefore(dayEnd)) {
        List<Reminder> day = new ArrayList<>(between(timeline, after, dayEnd).reminders());
        if (day.size() >= count) {
          return List.copyOf(day.subList(0, count));
        }
        day.addAll(next(timeline, dayEnd, count - day.size()));
        return day;
      }
    }
    List<Reminder> next = new ArrayList<>();
    Engine engine = engine(timeline);
    Instant last = engine.last();
    Instant from = after;
    long days = 7;
    while (next.size() < count && from.isBefore(last)) {
      Instant to = from.plus(days, ChronoUnit.DAYS);
      for (Reminder fired : engine.decide(from, to).fired()) {
        if (next.size() == count) {
          break;
        }
        next.add(fired);
      }
      from = to;
      days *= 2;
    }
    return next;
  }

  /** The planner of a timeline, built once per timeline and shared by its queries. */
  private static Engine engine(Timeline timeline) {
    return timeline.derived(Engine.class, Engine::new);
  }

  /**
   * Builds a reminder id from the client, the policy and the intended local time: {@code
   * CLIENTHASH.POLICY.uuuuMMddTHHmm}, where CLIENTHASH is a 64-bit FNV-1a hash of the client
   * reference in hexadecimal (the reference itself never appears).
   *
   * @param client the client reference
   * @param policy the policy id
   * @param intended the intended local date-time, before any gap shift
   * @return the id
   */
  public static String id(String client, String policy, LocalDateTime intended) {
    return id(client, policy, intended, "");
  }

  /**
   * Builds the id of a reminder tied to an anchor, which keeps apart occurrences of one policy that
   * share an intended time: {@code CLIENTHASH.POLICY.uuuuMMddTHHmm.ANCHOR}, where the anchor is
   * {@code s} and the session number for a session reminder, or the module id for a module
   * reminder.
   *
   * @param client the client reference
   * @param policy the policy id
   * @param intended the intended local date-time, before any gap shift
   * @param anchor the session or module anchor; empty for calendar reminders
   * @return the id
   */
  public static String id(String client, String policy, LocalDateTime intended, String anchor) {
    return new Ids(client).id(policy, intended, anchor);
  }
}
