package org.blendedtherapy.reminders;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionFold;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionType;

/** Generates every occurrence of a client's plan and decides, for each, whether it fires. */
final class Engine {
  /** An occurrence and, when it does not fire, why. */
  record Decided(Reminder reminder, Optional<Suppressed> suppressed) {}

  /** The zone in effect from an instant on. */
  private record ZoneFrom(Instant at, ZoneId zone) {}

  /** A plan as known from an instant until the next session event. */
  private record PlanVersion(Instant from, Instant until, List<Session> sessions) {}

  private static final Comparator<Decided> ORDER =
      Comparator.comparing((Decided d) -> d.reminder().instant())
          .thenComparing(d -> d.reminder().id());

  private final Protocol protocol;
  private final Enrolment enrolment;
  private final History history;
  private final ModuleTimes modules;
  private final List<ZoneFrom> zones = new ArrayList<>();
  private final List<PlanVersion> versions = new ArrayList<>();
  private final List<Instant[]> pauses = new ArrayList<>();
  private Optional<Instant> discharged = Optional.empty();

  /** What each occurrence is about, by reminder id: a session number or a module id. */
  private final Map<String, Integer> sessionOf = new HashMap<>();

  private final Map<String, String> moduleOf = new HashMap<>();
  private final Instant start;
  private Instant end;

  Engine(Protocol protocol, Enrolment enrolment, History history, ModuleTimes modules) {
    this.protocol = protocol;
    this.enrolment = enrolment;
    this.history = history;
    this.modules = modules;
    this.start = Times.instant(enrolment.start(), enrolment.zone());
    zones.add(new ZoneFrom(Instant.MIN, enrolment.zone()));
    foldHistory();
  }

  /** Reads zones, plan versions, pauses and discharge from the whole history. */
  private void foldHistory() {
    SessionFold fold = new SessionFold(protocol, enrolment);
    Instant versionFrom = Instant.MIN;
    List<Session> current = fold.sessions();
    Instant pausedAt = null;
    for (Event event : history.events()) {
      if (event instanceof Event.ZoneChanged change) {
        zones.add(new ZoneFrom(change.at(), change.zone()));
      }
      if (!SessionFold.handles(event.type()) || fold.apply(event).isPresent()) {
        continue;
      }
      List<Session> next = fold.sessions();
      if (!next.equals(current)) {
        versions.add(new PlanVersion(versionFrom, event.at(), current));
        versionFrom = event.at();
        current = next;
      }
      if (event.type() == EventType.PAUSED) {
        pausedAt = event.at();
      } else if (event.type() == EventType.RESUMED && pausedAt != null) {
        pauses.add(new Instant[] {pausedAt, event.at()});
        pausedAt = null;
      }
    }
    if (pausedAt != null) {
      pauses.add(new Instant[] {pausedAt, Instant.MAX});
    }
    versions.add(new PlanVersion(versionFrom, Instant.MAX, current));
    discharged = fold.dischargedAt();
    end = current.get(current.size() - 1).windowEnd();
    if (discharged.isPresent() && discharged.get().isAfter(end)) {
      end = discharged.get();
    }
  }

  List<Decided> decide() {
    List<Reminder> occurrences = new ArrayList<>();
    for (ReminderPolicy policy : protocol.reminders()) {
      occurrences.addAll(occurrences(policy));
    }
    List<Decided> decided = new ArrayList<>();
    List<Reminder> candidates = new ArrayList<>();
    Map<String, Reminder> unique = new LinkedHashMap<>();
    occurrences.forEach(r -> unique.putIfAbsent(r.id(), r));
    List<Reminder> sorted = new ArrayList<>(unique.values());
    sorted.sort(Comparator.comparing(Reminder::instant).thenComparing(Reminder::id));
    for (Reminder reminder : sorted) {
      Optional<Suppressed> early = earlySuppression(reminder);
      if (early.isPresent()) {
        decided.add(new Decided(reminder, early));
      } else {
        candidates.add(reminder);
      }
    }
    List<Reminder> afterBackoff = new ArrayList<>();
    decided.addAll(backoff(candidates, afterBackoff));
    decided.addAll(cap(afterBackoff));
    decided.sort(ORDER);
    return decided;
  }

  // ---- occurrences ----

  private List<Reminder> occurrences(ReminderPolicy policy) {
    Schedule schedule = policy.schedule();
    switch (schedule.kind()) {
      case BEFORE:
        return relativeToSessions(policy, ((Schedule.Before) schedule).offsets(), true);
      case AFTER:
        List<Offset> offsets = ((Schedule.After) schedule).offsets();
        return policy.kind() == ReminderKind.MODULE
            ? relativeToModules(policy, offsets)
            : relativeToSessions(policy, offsets, false);
      default:
        return calendar(policy);
    }
  }

  /** Daily, weekly and every-N-days policies, from the start to the end of the plan. */
  private List<Reminder> calendar(ReminderPolicy policy) {
    List<Reminder> out = new ArrayList<>();
    List<LocalTime> times =
        enrolment.preferences().reminderTimes().getOrDefault(policy.id(), timesOf(policy));
    LocalDate first = enrolment.start().toLocalDate();
    LocalDate last = end.atZone(ZoneId.of("UTC")).toLocalDate().plusDays(2);
    for (LocalDate date = first.minusDays(2); !date.isAfter(last); date = date.plusDays(1)) {
      if (!onDay(policy.schedule(), date, first)) {
        continue;
      }
      for (LocalTime time : times) {
        LocalDateTime intent = date.atTime(time);
        Reminder reminder = resolve(policy, intent, "", describe(policy.schedule(), time));
        if (!reminder.instant().isBefore(start) && reminder.instant().isBefore(end)) {
          out.add(reminder);
        }
      }
    }
    return out;
  }

  private static List<LocalTime> timesOf(ReminderPolicy policy) {
    Schedule schedule = policy.schedule();
    switch (schedule.kind()) {
      case DAILY:
        return ((Schedule.Daily) schedule).at();
      case WEEKLY:
        return ((Schedule.Weekly) schedule).at();
      case EVERY_DAYS:
        return ((Schedule.EveryDays) schedule).at();
      default:
        return List.of();
    }
  }

  private static boolean onDay(Schedule schedule, LocalDate date, LocalDate first) {
    switch (schedule.kind()) {
      case WEEKLY:
        return ((Schedule.Weekly) schedule).days().contains(date.getDayOfWeek());
      case EVERY_DAYS:
        long days = ChronoUnit.DAYS.between(first, date);
        return days >= 0 && days % ((Schedule.EveryDays) schedule).days() == 0;
      default:
        return true;
    }
  }

  private static String describe(Schedule schedule, LocalTime time) {
    switch (schedule.kind()) {
      case WEEKLY:
        List<String> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
          if (((Schedule.Weekly) schedule).days().contains(day)) {
            days.add(day.name().substring(0, 2));
          }
        }
        return "weekly on " + String.join(", ", days) + " at " + time;
      case EVERY_DAYS:
        return "every " + ((Schedule.EveryDays) schedule).days() + " days at " + time;
      default:
        return "daily at " + time;
    }
  }

  /**
   * Resolves a local intent in the client's zone: in the enrolment zone, then re-resolved at each
   * zone change whose instant it does not precede, unless that would move it before the change; so
   * every intent fires exactly once (G6).
   */
  private Reminder resolve(
      ReminderPolicy policy, LocalDateTime intent, String anchor, String reason) {
    ZonedDateTime at = Times.resolve(intent, zones.get(0).zone());
    String why = reason;
    for (int i = 1; i < zones.size(); i++) {
      ZoneFrom change = zones.get(i);
      if (at.toInstant().isBefore(change.at())) {
        break;
      }
      ZonedDateTime moved = Times.resolve(intent, change.zone());
      if (moved.toInstant().isBefore(change.at())) {
        // Its time in the new zone had passed when the client arrived: it fires once, late, on
        // arrival, in the zone the client is in (never at the old zone's wall-clock time).
        at = change.at().atZone(change.zone());
        why = reason + " (late: the client changed zone)";
      } else {
        at = moved;
        why = reason;
      }
    }
    return new Reminder(
        Reminders.id(enrolment.client(), policy.id(), intent, anchor),
        policy.id(),
        policy.kind(),
        at.toLocalDateTime(),
        at.toInstant(),
        at.getZone(),
        why);
  }

  /** A time relative to a session: wall-clock intent in the zone of the service. */
  private List<Reminder> relativeToSessions(
      ReminderPolicy policy, List<Offset> offsets, boolean before) {
    List<Reminder> out = new ArrayList<>();
    Set<SessionType> types =
        policy.sessionTypes().isEmpty()
            ? Set.copyOf(protocol.sessionPlan().pattern())
            : Set.copyOf(policy.sessionTypes());
    for (PlanVersion version : versions) {
      for (Session session : version.sessions()) {
        if (!types.contains(session.type())) {
          continue;
        }
        for (Offset offset : offsets) {
          LocalDateTime intent =
              before
                  ? session.local().minus(offset.days()).minus(offset.time())
                  : session.local().plus(offset.days()).plus(offset.time());
          ZonedDateTime service = Times.resolve(intent, enrolment.zone());
          Instant instant = service.toInstant();
          if (instant.isBefore(version.from()) || !instant.isBefore(version.until())) {
            continue;
          }
          if (!before && (instant.isBefore(start) || !instant.isBefore(end))) {
            continue;
          }
          ZonedDateTime client = instant.atZone(zoneAt(instant));
          String id = Reminders.id(enrolment.client(), policy.id(), intent, "s" + session.number());
          sessionOf.put(id, session.number());
          out.add(
              new Reminder(
                  id,
                  policy.id(),
                  policy.kind(),
                  client.toLocalDateTime(),
                  instant,
                  client.getZone(),
                  words(offset, before)
                      + "session "
                      + session.number()
                      + " ("
                      + session.type().json()
                      + ")"));
        }
      }
    }
    return out;
  }

  /** Module reminders: offsets after a module opened, in the client's zone. */
  private List<Reminder> relativeToModules(ReminderPolicy policy, List<Offset> offsets) {
    List<Reminder> out = new ArrayList<>();
    for (Module module : protocol.modules()) {
      Optional<Instant> opened =
          module.isOpenFromStart() ? Optional.of(start) : modules.openedAt(module.id());
      if (opened.isEmpty()) {
        continue;
      }
      LocalDateTime openedLocal = opened.get().atZone(zoneAt(opened.get())).toLocalDateTime();
      for (Offset offset : offsets) {
        LocalDateTime intent = openedLocal.plus(offset.days()).plus(offset.time());
        Reminder reminder =
            resolve(
                policy,
                intent,
                module.id(),
                words(offset, false) + "module " + module.id() + " opened");
        if (!reminder.instant().isBefore(start) && reminder.instant().isBefore(end)) {
          moduleOf.put(reminder.id(), module.id());
          out.add(reminder);
        }
      }
    }
    return out;
  }

  private static String words(Offset offset, boolean before) {
    List<String> parts = new ArrayList<>();
    int days = offset.days().getDays();
    long hours = offset.time().toHours();
    int minutes = offset.time().toMinutesPart();
    if (days > 0) {
      parts.add(days + (days == 1 ? " day" : " days"));
    }
    if (hours > 0) {
      parts.add(hours + (hours == 1 ? " hour" : " hours"));
    }
    if (minutes > 0) {
      parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
    }
    if (parts.isEmpty()) {
      return "at the start of ";
    }
    return String.join(" ", parts) + (before ? " before " : " after ");
  }

  private ZoneId zoneAt(Instant instant) {
    ZoneId zone = zones.get(0).zone();
    for (ZoneFrom change : zones) {
      if (!instant.isBefore(change.at())) {
        zone = change.zone();
      }
    }
    return zone;
  }

  // ---- suppression ----

  private Optional<Suppressed> earlySuppression(Reminder reminder) {
    Instant at = reminder.instant();
    if (discharged.isPresent() && !at.isBefore(discharged.get())) {
      return suppressed(reminder, Suppression.DISCHARGED, "the client was discharged");
    }
    for (Instant[] pause : pauses) {
      if (!at.isBefore(pause[0]) && at.isBefore(pause[1])) {
        return suppressed(reminder, Suppression.PAUSED, "therapy is paused");
      }
    }
    if (isOptedOut(reminder.policy(), at)) {
      return suppressed(reminder, Suppression.OPTED_OUT, "the client turned this policy off");
    }
    Optional<String> done = taskDone(reminder);
    if (done.isPresent()) {
      return suppressed(reminder, Suppression.TASK_DONE, done.get());
    }
    QuietHours quiet =
        enrolment
            .preferences()
            .quietHours()
            .or(() -> protocol.reminderLimits().quietHours())
            .orElse(null);
    if (quiet != null && quiet.contains(reminder.local().toLocalTime())) {
      return suppressed(
          reminder,
          Suppression.QUIET_HOURS,
          "inside quiet hours " + quiet.from() + "-" + quiet.to());
    }
    return Optional.empty();
  }

  private static Optional<Suppressed> suppressed(Reminder reminder, Suppression by, String why) {
    return Optional.of(new Suppressed(reminder, by, why));
  }

  private boolean isOptedOut(String policyId, Instant at) {
    ReminderPolicy policy = policy(policyId);
    if (!policy.optOut()) {
      return false;
    }
    boolean out = enrolment.preferences().optedOut().contains(policyId);
    for (Event event : history.events()) {
      if (event.at().isAfter(at)) {
        break;
      }
      if (event instanceof Event.PolicyEvent p && p.policy().equals(policyId)) {
        out = p.type() == EventType.REMINDER_OPTED_OUT;
      }
    }
    return out;
  }

  private ReminderPolicy policy(String id) {
    return protocol.reminders().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** Whether what the reminder is for is already done (or cancelled) by its instant. */
  private Optional<String> taskDone(Reminder reminder) {
    Instant at = reminder.instant();
    switch (reminder.kind()) {
      case APPOINTMENT:
      case ONLINE_SESSION:
        int number = sessionOf.getOrDefault(reminder.id(), 0);
        for (Event event : history.upTo(at)) {
          if (event.aboutSession().orElse(-1) != number) {
            continue;
          }
          if (event.type() == EventType.SESSION_CANCELLED) {
            return Optional.of("session " + number + " was cancelled");
          }
          if (reminder.kind() == ReminderKind.ONLINE_SESSION
              && event.type() == EventType.SESSION_ATTENDED) {
            return Optional.of("session " + number + " is already done");
          }
        }
        return Optional.empty();
      case MODULE:
        String module = moduleOf.getOrDefault(reminder.id(), "");
        Optional<Instant> started = modules.startedAt(module);
        return started.isPresent() && !started.get().isAfter(at)
            ? Optional.of("module " + module + " is already started")
            : Optional.empty();
      case MOOD_RATING:
        LocalDate day = reminder.local().toLocalDate();
        for (Event event : history.upTo(at)) {
          if (event.type() == EventType.MOOD_RATED
              && event.at().atZone(reminder.zone()).toLocalDate().equals(day)) {
            return Optional.of("mood already rated today");
          }
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /**
   * After {@code afterIgnored} consecutive ignored prompts of a policy, only every second of its
   * occurrences fires until one is acknowledged.
   */
  private List<Decided> backoff(List<Reminder> candidates, List<Reminder> kept) {
    List<Decided> out = new ArrayList<>();
    if (protocol.reminderLimits().backoffAfterIgnored().isEmpty()) {
      kept.addAll(candidates);
      return out;
    }
    int threshold = protocol.reminderLimits().backoffAfterIgnored().getAsInt();
    Map<String, List<Event>> responses = new HashMap<>();
    for (Event event : history.events()) {
      if (event instanceof Event.ReminderEvent r) {
        responses.computeIfAbsent(Reminders.policyOf(r.reminder()), k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, int[]> state = new HashMap<>();
    for (Reminder reminder : candidates) {
      List<Event> events = responses.getOrDefault(reminder.policy(), List.of());
      int ignored = 0;
      for (Event event : events) {
        if (event.at().isAfter(reminder.instant())) {
          break;
        }
        ignored = event.type() == EventType.REMINDER_IGNORED ? ignored + 1 : 0;
      }
      int[] parity = state.computeIfAbsent(reminder.policy(), k -> new int[] {0});
      if (ignored < threshold) {
        parity[0] = 0;
        kept.add(reminder);
        continue;
      }
      parity[0]++;
      if (parity[0] % 2 == 1) {
        out.add(
            new Decided(
                reminder,
                suppressed(
                    reminder,
                    Suppression.BACKOFF,
                    ignored + " prompts in a row ignored; every second one fires")));
      } else {
        kept.add(reminder);
      }
    }
    return out;
  }

  /** Keeps at most {@code maxPerDay} per local day, appointment first and mood-rating last. */
  private List<Decided> cap(List<Reminder> candidates) {
    List<Decided> out = new ArrayList<>();
    if (protocol.reminderLimits().maxPerDay().isEmpty()) {
      candidates.forEach(r -> out.add(new Decided(r, Optional.empty())));
      return out;
    }
    int max = protocol.reminderLimits().maxPerDay().getAsInt();
    Map<LocalDate, List<Reminder>> byDay = new LinkedHashMap<>();
    for (Reminder reminder : candidates) {
      byDay.computeIfAbsent(reminder.local().toLocalDate(), d -> new ArrayList<>()).add(reminder);
    }
    for (List<Reminder> day : byDay.values()) {
      day.sort(
          Comparator.comparing((Reminder r) -> r.kind().ordinal())
              .thenComparing(Reminder::instant)
              .thenComparing(Reminder::id));
      for (int i = 0; i < day.size(); i++) {
        Reminder reminder = day.get(i);
        if (i < max) {
          out.add(new Decided(reminder, Optional.empty()));
        } else {
          out.add(
              new Decided(
                  reminder,
                  suppressed(
                      reminder, Suppression.CAP, "over the cap of " + max + " reminders a day")));
        }
      }
    }
    return out;
  }
}
