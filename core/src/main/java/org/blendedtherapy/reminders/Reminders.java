package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.protocol.Protocol;

/**
 * The reminder queries a host calls: the reminders of a window, and the next few from an instant.
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
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");

  private Reminders() {}

  /**
   * Returns every occurrence in {@code [from, to)}, firing or suppressed.
   *
   * @param protocol the protocol
   * @param enrolment the enrolment
   * @param history the client's events
   * @param modules when modules opened and were started
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the reminders and the suppressed occurrences, each sorted by instant, then id
   */
  public static ReminderSchedule between(
      Protocol protocol,
      Enrolment enrolment,
      History history,
      ModuleTimes modules,
      Instant from,
      Instant to) {
    List<Reminder> fired = new ArrayList<>();
    List<Suppressed> suppressed = new ArrayList<>();
    for (Engine.Decided decided : new Engine(protocol, enrolment, history, modules).decide()) {
      Instant at = decided.reminder().instant();
      if (at.isBefore(from) || !at.isBefore(to)) {
        continue;
      }
      if (decided.suppressed().isPresent()) {
        suppressed.add(decided.suppressed().get());
      } else {
        fired.add(decided.reminder());
      }
    }
    return new ReminderSchedule(fired, suppressed);
  }

  /**
   * Returns the next reminders that fire at or after an instant (phones keep at most 64 pending).
   *
   * @param protocol the protocol
   * @param enrolment the enrolment
   * @param history the client's events
   * @param modules when modules opened and were started
   * @param after the instant, inclusive
   * @param count how many at most
   * @return up to {@code count} reminders, sorted by instant, then id
   */
  public static List<Reminder> next(
      Protocol protocol,
      Enrolment enrolment,
      History history,
      ModuleTimes modules,
      Instant after,
      int count) {
    List<Reminder> next = new ArrayList<>();
    for (Engine.Decided decided : new Engine(protocol, enrolment, history, modules).decide()) {
      if (next.size() == count) {
        break;
      }
      if (decided.suppressed().isEmpty() && !decided.reminder().instant().isBefore(after)) {
        next.add(decided.reminder());
      }
    }
    return next;
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
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < client.length(); i++) {
      hash ^= client.charAt(i);
      hash *= 0x100000001b3L;
    }
    return String.format(Locale.ROOT, "%016x", hash)
        + "."
        + policy
        + "."
        + ID_TIME.format(intended)
        + (anchor.isEmpty() ? "" : "." + anchor);
  }

  /**
   * Returns the policy a reminder id names.
   *
   * @param id a reminder id
   * @return the policy id, or the empty string when the id is not one of ours
   */
  public static String policyOf(String id) {
    int first = id.indexOf('.');
    int second = first < 0 ? -1 : id.indexOf('.', first + 1);
    return second < 0 ? "" : id.substring(first + 1, second);
  }
}
