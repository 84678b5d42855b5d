package org.blendedtherapy.reminders;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import java.util.concurrent.ConcurrentHashMap;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.timeline.Timeline;

/**
 * Generates the occurrences of a client's plan that fall in a window and decides, for each, whether
 * it fires, reading everything it needs from the client's {@link Timeline}.
 *
 * <p>Cost: in proportion to the window (widened to whole local days, which caps are decided over)
 * and to the occurrences backoff must look back over (those since the run of ignored prompts
 * began), never to the whole plan or the whole history: every question about the history is a
 * lookup in the timeline, O(log n).
 */
final class Engine {
  /** An occurrence and, when it does not fire, why. */
  record Decided(Reminder reminder, Optional<Suppressed> suppressed) {}

  /** An occurrence with what it is about: a session number or a module id. */
  /**
   * An occurrence with what it is about (a session number or a module id) and, when its zone had
   * one UTC offset around it, that offset.
   */
  private record Occurrence(Reminder reminder, int session, String module, ZoneOffset offset) {}

  private static final Comparator<Occurrence> ORDER =
      Comparator.comparing((Occurrence o) -> o.reminder().instant())
          .thenComparing(o -> o.reminder().id());

  private static final Comparator<Decided> DECIDED_ORDER =
      Comparator.comparing((Decided d) -> d.reminder().instant())
          .thenComparing(d -> d.reminder().id());

  private static final long LOOKBACK_DAYS = 7;

  private final Timeline timeline;
  private final Protocol protocol;
  private final Ids ids;
  private final Instant start;
  private final Instant end;
  private final Instant earliest;
  private final QuietHours quiet;
  private final Map<String, ReminderPolicy> policies = new HashMap<>();
  // Per local day and zone: whether a rating lies on it, and the first one's instant.
  private final Map<String, Optional<Instant>> firstRating = new ConcurrentHashMap<>();

  Engine(Timeline timeline) {
    this.timeline = timeline;
    this.protocol = timeline.protocol();
    this.ids = new Ids(timeline.enrolment().client());
    this.start = timeline.start();
    this.end = timeline.end();
    long before = 0;
    for (ReminderPolicy policy : protocol.reminders()) {
      policies.put(policy.id(), policy);
      if (policy.schedule().kind() == Schedule.Kind.BEFORE) {
        for (Offset offset : ((Schedule.Before) policy.schedule()).offsets()) {
          before = Math.max(before, offset.days().getDays() + offset.time().toDays() + 1);
        }
      }
    }
    LocalDateTime firstLocal = timeline.planVersions().get(0).locals().get(0);
    for (Timeline.PlanVersion version : timeline.planVersions()) {
      LocalDateTime session1 = version.locals().get(0);
      firstLocal = session1.isBefore(firstLocal) ? session1 : firstLocal;
    }
    Instant session1 = Times.instant(firstLocal, timeline.enrolment().zone());
    Instant first = session1.isBefore(start) ? session1 : start;
    this.earliest = first.minus(before + 3, ChronoUnit.DAYS);
    this.quiet =
        timeline
            .enrolment()
            .preferences()
            .quietHours()
            .or(() -> protocol.reminderLimits().quietHours())
            .orElse(null);
  }

  /** Decides every occurrence in {@code [from, to)}, sorted by instant, then id. */
  List<Decided> decide(Instant from, Instant to) {
    Instant lo = from.isBefore(earliest) ? earliest : from;
    Instant hi = to.isAfter(end.plus(1, ChronoUnit.DAYS)) ? end.plus(1, ChronoUnit.DAYS) : to;
    if (!lo.isBefore(hi)) {
      return List.of();
    }
    // Caps are decided per whole local day: generate every occurrence of the days the window
    // touches.
    Instant genFrom;
    Instant genTo;
    ZoneId zone = timeline.zoneAt(lo);
    Instant wideFrom = lo.minus(2, ChronoUnit.DAYS);
    Instant wideTo = hi.plus(2, ChronoUnit.DAYS);
    if (zone.equals(timeline.zoneAt(hi)) && !timeline.changesZone(wideFrom, wideTo)) {
      genFrom = lo.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
      genTo =
          hi.minusNanos(1).atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    } else {
      genFrom = wideFrom;
      genTo = wideTo;
    }
    List<Occurrence> occurrences = generate(genFrom, genTo, null);
    List<Decided> decided = new ArrayList<>();
    List<Occurrence> candidates = new ArrayList<>();
    for (Occurrence occurrence : occurrences) {
      Optional<Suppressed> early = earlySuppression(occurrence);
      if (early.isPresent()) {
        decided.add(new Decided(occurrence.reminder(), early));
      } else {
        candidates.add(occurrence);
      }
    }
    List<Reminder> afterBackoff = new ArrayList<>();
    decided.addAll(backoff(candidates, afterBackoff, genFrom));
    decided.addAll(cap(afterBackoff));
    List<Decided> out = new ArrayList<>();
    for (Decided d : decided) {
      Instant at = d.reminder().instant();
      if (!at.isBefore(from) && at.isBefore(to)) {
        out.add(d);
      }
    }
    out.sort(DECIDED_ORDER);
    return out;
  }

  /** The latest instant any occurrence can have. */
  Instant last() {
    return end.plus(1, ChronoUnit.DAYS);
  }

  // ---- occurrences ----

  /**
   * Every occurrence with an instant in {@code [from, to)}, deduplicated by id, sorted by instant
   * then id; of one policy only when {@code only} is given.
   */
  /**
   * The one UTC offset of the client's zone over a span (with two days either side), when the
   * client stays in the enrolment's zone and it has no transition then: local times and instants
   * then convert by arithmetic, without asking the zone's rules per occurrence.
   */
  private ZoneOffset fixedOffset(Instant from, Instant to) {
    Instant a = from.minus(2, ChronoUnit.DAYS);
    Instant b = to.plus(2, ChronoUnit.DAYS);
    ZoneId zone = timeline.enrolment().zone();
    if (!timeline.zoneAt(a).equals(zone) || timeline.changesZone(a, b)) {
      return null;
    }
    java.time.zone.ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      return rules.getOffset(a);
    }
    java.time.zone.ZoneOffsetTransition next = rules.nextTransition(a);
    return next == null || next.getInstant().isAfter(b) ? rules.getOffset(a) : null;
  }

  private static final long CHUNK_DAYS = 7;

  /**
   * Every occurrence with an instant in {@code [from, to)}, deduplicated by id, sorted by instant
   * then id; of one policy only when {@code only} is given. Generated a week at a time, so that the
   * weeks without a transition of the client's zone convert local times by arithmetic.
   */
  private List<Occurrence> generate(Instant from, Instant to, ReminderPolicy only) {
    Map<String, Occurrence> unique = new LinkedHashMap<>();
    Instant lo = from.isBefore(earliest) ? earliest : from;
    Instant hi = to.isAfter(last()) ? last() : to;
    for (Instant chunk = lo; chunk.isBefore(hi); chunk = chunk.plus(CHUNK_DAYS, ChronoUnit.DAYS)) {
      Instant end = chunk.plus(CHUNK_DAYS, ChronoUnit.DAYS);
      Instant until = end.isAfter(hi) ? hi : end;
      generate(chunk, until, only, fixedOffset(chunk, until), unique);
    }
    List<Occurrence> sorted = new ArrayList<>(unique.values());
    sorted.sort(ORDER);
    return sorted;
  }

  private void generate(
      Instant from,
      Instant to,
      ReminderPolicy only,
      ZoneOffset fixed,
      Map<String, Occurrence> unique) {
    for (ReminderPolicy policy : protocol.reminders()) {
      if (only != null && only != policy) {
        continue;
      }
      Schedule schedule = policy.schedule();
      switch (schedule.kind()) {
        case BEFORE:
          relativeToSessions(
              policy, ((Schedule.Before) schedule).offsets(), true, from, to, fixed, unique);
          break;
        case AFTER:
          List<Offset> offsets = ((Schedule.After) schedule).offsets();
          if (policy.kind() == ReminderKind.MODULE) {
            relativeToModules(policy, offsets, from, to, fixed, unique);
          } else {
            relativeToSessions(policy, offsets, false, from, to, fixed, unique);
          }
          break;
        default:
          calendar(policy, from, to, fixed, unique);
          break;
      }
    }
  }

  private static void add(Map<String, Occurrence> unique, Occurrence occurrence) {
    unique.putIfAbsent(occurrence.reminder().id(), occurrence);
  }

  /** Daily, weekly and every-N-days policies, from the start to the end of the plan. */
  private void calendar(
      ReminderPolicy policy,
      Instant from,
      Instant to,
      ZoneOffset fixed,
      Map<String, Occurrence> unique) {
    Instant lo = from.isBefore(start) ? start : from;
    Instant hi = to.isAfter(end) ? end : to;
    if (!lo.isBefore(hi)) {
      return;
    }
    List<LocalTime> times =
        timeline
            .enrolment()
            .preferences()
            .reminderTimes()
            .getOrDefault(policy.id(), policy.schedule().timesOfDay());
    LocalDate first = timeline.enrolment().start().toLocalDate();
    if (fixed != null) {
      // No transition and no zone change near: an intent is its own local time, and its instant is
      // in the window exactly when the local time is.
      LocalDateTime loLocal = LocalDateTime.ofEpochSecond(lo.getEpochSecond(), lo.getNano(), fixed);
      LocalDateTime hiLocal = LocalDateTime.ofEpochSecond(hi.getEpochSecond(), hi.getNano(), fixed);
      ZoneId zone = timeline.enrolment().zone();
      for (LocalDate date = loLocal.toLocalDate();
          !date.isAfter(hiLocal.toLocalDate());
          date = date.plusDays(1)) {
        if (!onDay(policy.schedule(), date, first)) {
          continue;
        }
        for (LocalTime time : times) {
          LocalDateTime intent = date.atTime(time);
          if (intent.isBefore(loLocal) || !intent.isBefore(hiLocal)) {
            continue;
          }
          add(
              unique,
              new Occurrence(
                  new Reminder(
                      ids.id(policy.id(), intent, ""),
                      policy.id(),
                      policy.kind(),
                      intent,
                      intent.toInstant(fixed),
                      zone,
                      describe(policy.schedule(), time)),
                  0,
                  "",
                  fixed));
        }
      }
      return;
    }
    // An intent fires within a day of its date, or on arrival after a zone change: one day either
    // side covers the first, two the second.
    ZoneId zone = timeline.zoneAt(lo);
    long margin =
        zone.equals(timeline.zoneAt(hi))
                && !timeline.changesZone(lo.minus(2, ChronoUnit.DAYS), hi.plus(2, ChronoUnit.DAYS))
            ? 1
            : 2;
    LocalDate firstDate = lo.atZone(zone).toLocalDate().minusDays(margin);
    LocalDate lastDate = hi.atZone(timeline.zoneAt(hi)).toLocalDate().plusDays(margin);
    for (LocalDate date = firstDate; !date.isAfter(lastDate); date = date.plusDays(1)) {
      if (!onDay(policy.schedule(), date, first)) {
        continue;
      }
      for (LocalTime time : times) {
        LocalDateTime intent = date.atTime(time);
        Timeline.Resolved resolved = timeline.resolve(intent);
        Instant instant = resolved.at().toInstant();
        if (instant.isBefore(lo) || !instant.isBefore(hi)) {
          continue;
        }
        String reason = describe(policy.schedule(), time);
        add(
            unique,
            new Occurrence(
                new Reminder(
                    ids.id(policy.id(), intent, ""),
                    policy.id(),
                    policy.kind(),
                    resolved.at().toLocalDateTime(),
                    instant,
                    resolved.at().getZone(),
                    resolved.late() ? reason + " (late: the client changed zone)" : reason),
                0,
                "",
                fixed));
      }
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

  /** A time relative to a session: wall-clock intent in the zone of the service. */
  private void relativeToSessions(
      ReminderPolicy policy,
      List<Offset> offsets,
      boolean before,
      Instant from,
      Instant to,
      ZoneOffset fixed,
      Map<String, Occurrence> unique) {
    Set<SessionType> types =
        policy.sessionTypes().isEmpty()
            ? Set.copyOf(protocol.sessionPlan().pattern())
            : Set.copyOf(policy.sessionTypes());
    ZoneId service = timeline.enrolment().zone();
    // Local date-times more than two days outside the window cannot resolve into it.
    Instant lo = from.isBefore(earliest) ? earliest : from;
    Instant hi = to.isAfter(last()) ? last() : to;
    if (!lo.isBefore(hi)) {
      return;
    }
    LocalDateTime lowest =
        LocalDateTime.ofEpochSecond(lo.getEpochSecond(), lo.getNano(), ZoneOffset.UTC).minusDays(2);
    LocalDateTime highest =
        LocalDateTime.ofEpochSecond(hi.getEpochSecond(), hi.getNano(), ZoneOffset.UTC).plusDays(2);
    // Sessions further from the window than the longest offset cannot give an intent in it.
    long reach = 1;
    for (Offset offset : offsets) {
      reach = Math.max(reach, offset.days().getDays() + offset.time().toDays() + 1);
    }
    LocalDateTime nearest = lowest.minusDays(reach);
    LocalDateTime furthest = highest.plusDays(reach);
    for (Timeline.PlanVersion version : timeline.planVersions()) {
      if (!version.until().isAfter(from) || !version.from().isBefore(to)) {
        continue;
      }
      List<LocalDateTime> locals = version.locals();
      for (int i = 0; i < locals.size(); i++) {
        int number = i + 1;
        SessionType type = protocol.sessionPlan().typeOf(number);
        if (!types.contains(type)
            || locals.get(i).isBefore(nearest)
            || locals.get(i).isAfter(furthest)) {
          continue;
        }
        for (Offset offset : offsets) {
          LocalDateTime intent =
              before
                  ? locals.get(i).minus(offset.days()).minus(offset.time())
                  : locals.get(i).plus(offset.days()).plus(offset.time());
          if (intent.isBefore(lowest) || intent.isAfter(highest)) {
            continue;
          }
          Instant instant =
              fixed != null ? intent.toInstant(fixed) : Times.instant(intent, service);
          if (instant.isBefore(from) || !instant.isBefore(to)) {
            continue;
          }
          if (instant.isBefore(version.from()) || !instant.isBefore(version.until())) {
            continue;
          }
          if (!before && (instant.isBefore(start) || !instant.isBefore(end))) {
            continue;
          }
          LocalDateTime clientLocal;
          ZoneId clientZone;
          if (fixed != null) {
            clientLocal = intent;
            clientZone = service;
          } else {
            ZonedDateTime client = instant.atZone(timeline.zoneAt(instant));
            clientLocal = client.toLocalDateTime();
            clientZone = client.getZone();
          }
          add(
              unique,
              new Occurrence(
                  new Reminder(
                      ids.id(policy.id(), intent, "s" + number),
                      policy.id(),
                      policy.kind(),
                      clientLocal,
                      instant,
                      clientZone,
                      words(offset, before) + "session " + number + " (" + type.json() + ")"),
                  number,
                  "",
                  fixed));
        }
      }
    }
  }

  /** Module reminders: offsets after a module opened, in the client's zone. */
  private void relativeToModules(
      ReminderPolicy policy,
      List<Offset> offsets,
      Instant from,
      Instant to,
      ZoneOffset fixed,
      Map<String, Occurrence> unique) {
    for (Module module : protocol.modules()) {
      Optional<Instant> opened = timeline.reminderAnchor(module.id());
      if (opened.isEmpty()) {
        continue;
      }
      LocalDateTime openedLocal =
          opened.get().atZone(timeline.zoneAt(opened.get())).toLocalDateTime();
      for (Offset offset : offsets) {
        LocalDateTime intent = openedLocal.plus(offset.days()).plus(offset.time());
        Timeline.Resolved resolved = timeline.resolve(intent);
        Instant instant = resolved.at().toInstant();
        if (instant.isBefore(from)
            || !instant.isBefore(to)
            || instant.isBefore(start)
            || !instant.isBefore(end)) {
          continue;
        }
        String reason = words(offset, false) + "module " + module.id() + " opened";
        add(
            unique,
            new Occurrence(
                new Reminder(
                    ids.id(policy.id(), intent, module.id()),
                    policy.id(),
                    policy.kind(),
                    resolved.at().toLocalDateTime(),
                    instant,
                    resolved.at().getZone(),
                    resolved.late() ? reason + " (late: the client changed zone)" : reason),
                0,
                module.id(),
                fixed));
      }
    }
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

  // ---- suppression ----

  private Optional<Suppressed> earlySuppression(Occurrence occurrence) {
    Reminder reminder = occurrence.reminder();
    Instant at = reminder.instant();
    Optional<Instant> discharged = timeline.dischargedAt();
    if (discharged.isPresent() && !at.isBefore(discharged.get())) {
      return suppressed(reminder, Suppression.DISCHARGED, "the client was discharged");
    }
    if (timeline.isPausedAt(at)) {
      return suppressed(reminder, Suppression.PAUSED, "therapy is paused");
    }
    if (timeline.isOptedOut(policies.get(reminder.policy()), at)) {
      return suppressed(reminder, Suppression.OPTED_OUT, "the client turned this policy off");
    }
    Optional<String> done = taskDone(occurrence);
    if (done.isPresent()) {
      return suppressed(reminder, Suppression.TASK_DONE, done.get());
    }
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

  /** Whether what the reminder is for is already done (or cancelled) by its instant. */
  private Optional<String> taskDone(Occurrence occurrence) {
    Reminder reminder = occurrence.reminder();
    ZoneOffset fixed = occurrence.offset();
    Instant at = reminder.instant();
    switch (reminder.kind()) {
      case APPOINTMENT:
      case ONLINE_SESSION:
        {
          int number = occurrence.session();
          if (number < 1) {
            return Optional.empty();
          }
          Optional<Instant> cancelled = timeline.cancelledAt(number);
          Optional<Instant> attended = timeline.attendedAt(number);
          if (cancelled.isPresent() && !cancelled.get().isAfter(at)) {
            return Optional.of("session " + number + " was cancelled");
          }
          if (reminder.kind() == ReminderKind.ONLINE_SESSION
              && attended.isPresent()
              && !attended.get().isAfter(at)) {
            return Optional.of("session " + number + " is already done");
          }
          return Optional.empty();
        }
      case MODULE:
        {
          String module = occurrence.module();
          Optional<Instant> started =
              timeline.module(module).flatMap(ledger -> ledger.firstTouched());
          return started.isPresent() && !started.get().isAfter(at)
              ? Optional.of("module " + module + " is already started")
              : Optional.empty();
        }
      case MOOD_RATING:
        {
          LocalDate day = reminder.local().toLocalDate();
          Optional<Instant> first =
              fixed != null
                  ? timeline.firstMoodRatingBetween(
                      day.atStartOfDay().toInstant(fixed),
                      day.plusDays(1).atStartOfDay().toInstant(fixed))
                  : firstRating.computeIfAbsent(
                      day + " " + reminder.zone(),
                      k -> timeline.firstMoodRatingOn(day, reminder.zone()));
          return first.isPresent() && !first.get().isAfter(at)
              ? Optional.of("mood already rated today")
              : Optional.empty();
        }
      default:
        return Optional.empty();
    }
  }

  /**
   * After {@code afterIgnored} consecutive ignored prompts of a policy, only every second of its
   * occurrences fires until one is acknowledged. The count of a run that began before the generated
   * days is found by looking back over the policy's earlier occurrences.
   */
  private List<Decided> backoff(List<Occurrence> candidates, List<Reminder> kept, Instant from) {
    List<Decided> out = new ArrayList<>();
    if (protocol.reminderLimits().backoffAfterIgnored().isEmpty()) {
      candidates.forEach(c -> kept.add(c.reminder()));
      return out;
    }
    int threshold = protocol.reminderLimits().backoffAfterIgnored().getAsInt();
    Map<String, int[]> parity = new HashMap<>();
    for (Occurrence occurrence : candidates) {
      Reminder reminder = occurrence.reminder();
      int ignored = timeline.ignoredRun(reminder.policy(), reminder.instant());
      if (ignored < threshold) {
        parity.put(reminder.policy(), new int[] {0});
        kept.add(reminder);
        continue;
      }
      int[] count =
          parity.computeIfAbsent(
              reminder.policy(), p -> new int[] {lookBack(policies.get(p), from, threshold)});
      count[0]++;
      if (count[0] % 2 == 1) {
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

  /**
   * Counts the policy's candidates before {@code before} back to the last one whose run of ignored
   * prompts was below the threshold: where every-second-one counting stands at {@code before}.
   */
  private int lookBack(ReminderPolicy policy, Instant before, int threshold) {
    int count = 0;
    Instant to = before;
    while (to.isAfter(earliest)) {
      Instant from = to.minus(LOOKBACK_DAYS, ChronoUnit.DAYS);
      List<Occurrence> chunk = generate(from, to, policy);
      for (int i = chunk.size() - 1; i >= 0; i--) {
        Occurrence occurrence = chunk.get(i);
        if (earlySuppression(occurrence).isPresent()) {
          continue;
        }
        Reminder reminder = occurrence.reminder();
        if (timeline.ignoredRun(policy.id(), reminder.instant()) < threshold) {
          return count;
        }
        count++;
      }
      to = from;
    }
    return count;
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
