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
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
import org.blendedtherapy.timeline.Instants;
import org.blendedtherapy.timeline.Timeline;

/**
 * Generates the occurrences of a client's plan that fall in a window and decides, for each, whether
 * it fires, reading everything it needs from the client's {@link Timeline}.
 *
 * <p>Cost: in proportion to the window (widened to whole local days, which caps are decided over)
 * and to the occurrences backoff must look back over (those since the run of ignored prompts
 * began), never to the whole plan or the whole history: every question about the history is a
 * lookup in the timeline, O(log n).
 *
 * <p>Where the client stays in the enrolment's zone and the zone keeps one UTC offset (everywhere
 * but two days either side of a transition), calendar occurrences are made in order by arithmetic
 * on epoch seconds, without asking the zone's rules per occurrence and without sorting; elsewhere
 * every intent is resolved through the timeline and the span's occurrences are sorted.
 */
final class Engine {
  /** The occurrences of a window that fire, and those that do not, each by instant, then id. */
  record Decisions(List<Reminder> fired, List<Suppressed> suppressed) {}

  /**
   * An occurrence with what it is about (a session number or a module id), the index of its policy
   * and, when its zone had one UTC offset around it, that offset.
   */
  private record Occurrence(
      Reminder reminder, int session, String module, ZoneOffset offset, int policy) {}

  /** Occurrences in order, kept as columns: what the calendar fast path adds without wrapping. */
  private static final class Batch {
    Reminder[] reminders;
    int[] policies;
    int[] sessions;
    String[] modules;
    ZoneOffset[] offsets;
    int size;

    Batch(int capacity) {
      reminders = new Reminder[capacity];
      policies = new int[capacity];
      sessions = new int[capacity];
      modules = new String[capacity];
      offsets = new ZoneOffset[capacity];
    }

    void add(Reminder reminder, int session, String module, ZoneOffset offset, int policy) {
      if (size == reminders.length) {
        int capacity = size + (size >> 1) + 8;
        reminders = java.util.Arrays.copyOf(reminders, capacity);
        policies = java.util.Arrays.copyOf(policies, capacity);
        sessions = java.util.Arrays.copyOf(sessions, capacity);
        modules = java.util.Arrays.copyOf(modules, capacity);
        offsets = java.util.Arrays.copyOf(offsets, capacity);
      }
      reminders[size] = reminder;
      policies[size] = policy;
      sessions[size] = session;
      modules[size] = module;
      offsets[size] = offset;
      size++;
    }

    void add(Occurrence occurrence) {
      add(
          occurrence.reminder(),
          occurrence.session(),
          occurrence.module(),
          occurrence.offset(),
          occurrence.policy());
    }

    void addAll(List<Occurrence> occurrences) {
      occurrences.forEach(this::add);
    }
  }

  /** A calendar policy's time of day, with what every occurrence at it shares. */
  private record Slot(
      int policy,
      ReminderPolicy p,
      LocalTime time,
      long second,
      int nano,
      String reason,
      String prefix,
      String suffix) {
    /** The order of a day's occurrences at one offset: by time, then as their ids sort. */
    static final Comparator<Slot> ORDER =
        Comparator.comparing(Slot::time).thenComparing(s -> s.p().id() + ".");
  }

  private static final Comparator<Occurrence> ORDER = Engine::compare;

  private static final Comparator<Reminder> CAP_ORDER =
      Comparator.comparing((Reminder r) -> r.kind().ordinal())
          .thenComparing(Reminder::instant)
          .thenComparing(Reminder::compareIds);

  /** By instant, then id. */
  private static int compare(Occurrence a, Occurrence b) {
    return compare(a.reminder(), b.reminder());
  }

  private static int compare(Reminder a, Reminder b) {
    int byInstant = a.instant().compareTo(b.instant());
    return byInstant != 0 ? byInstant : Reminder.compareIds(a, b);
  }

  private static final long LOOKBACK_DAYS = 7;
  private static final long CHUNK_DAYS = 7;
  private static final long DAY = 86_400;

  private final Timeline timeline;
  private final Protocol protocol;
  private final Ids ids;
  private final Instant start;
  private final Instant end;
  private final Instant earliest;
  private final Instant discharged;
  private final QuietHours quiet;
  private final String quietWhy;
  private final ZoneId home;
  private final LocalDate firstDate;
  private final List<ReminderPolicy> policyList;
  private final Map<String, ReminderPolicy> policies = new HashMap<>();
  private final Map<String, Integer> policyIndex = new HashMap<>();
  // Every calendar policy's times of day, by time, then as ids sort; empty when the plan has
  // something that two occurrences of one id could come from (then every span is resolved).
  private final List<Slot> slots = new ArrayList<>();
  // Per policy: the session types it reminds of, and its offsets in words (empty for calendar).
  private final List<Set<SessionType>> types = new ArrayList<>();
  private final List<List<String>> words = new ArrayList<>();
  private final Map<ReminderPolicy, Integer> position = new java.util.IdentityHashMap<>();
  // Per plan version: whether its sessions' local times never go back.
  private final boolean[] inOrder;
  private final boolean ordered;
  // Per local day and zone: whether a rating lies on it, and the first one's instant.
  private final Map<String, Optional<Instant>> firstRating = new ConcurrentHashMap<>();

  Engine(Timeline timeline) {
    this.timeline = timeline;
    this.protocol = timeline.protocol();
    this.ids = new Ids(timeline.enrolment().client());
    this.start = timeline.start();
    this.end = timeline.end();
    this.home = timeline.enrolment().zone();
    this.firstDate = timeline.enrolment().start().toLocalDate();
    this.policyList = List.copyOf(protocol.reminders());
    long before = 0;
    boolean plain = true;
    for (int i = 0; i < policyList.size(); i++) {
      ReminderPolicy policy = policyList.get(i);
      policies.put(policy.id(), policy);
      policyIndex.put(policy.id(), i);
      position.put(policy, i);
      Schedule schedule = policy.schedule();
      types.add(
          policy.sessionTypes().isEmpty()
              ? Set.copyOf(protocol.sessionPlan().pattern())
              : Set.copyOf(policy.sessionTypes()));
      List<String> inWords = new ArrayList<>();
      if (schedule instanceof Schedule.Before b) {
        b.offsets().forEach(o -> inWords.add(words(o, true)));
      } else if (schedule instanceof Schedule.After a) {
        a.offsets().forEach(o -> inWords.add(words(o, false)));
      }
      words.add(List.copyOf(inWords));
      if (schedule.kind() == Schedule.Kind.BEFORE) {
        for (Offset offset : schedule.offsets()) {
          before = Math.max(before, offset.days().getDays() + offset.time().toDays() + 1);
          plain &= wholeMinutes(offset);
        }
      } else if (schedule.kind() == Schedule.Kind.AFTER) {
        for (Offset offset : schedule.offsets()) {
          plain &= wholeMinutes(offset);
        }
      } else if (isCalendar(policy)) {
        List<LocalTime> times =
            timeline
                .enrolment()
                .preferences()
                .reminderTimes()
                .getOrDefault(policy.id(), schedule.timesOfDay());
        Set<Integer> minutes = new HashSet<>();
        for (LocalTime time : times) {
          plain &= minutes.add(time.getHour() * 60 + time.getMinute());
          slots.add(
              new Slot(
                  i,
                  policy,
                  time,
                  time.toSecondOfDay(),
                  time.getNano(),
                  describe(schedule, time),
                  ids.prefix(policy.id()),
                  Ids.suffix(time)));
        }
      }
    }
    plain &= policies.size() == policyList.size();
    LocalDateTime firstLocal = timeline.planVersions().get(0).locals().get(0);
    this.inOrder = new boolean[timeline.planVersions().size()];
    for (int v = 0; v < inOrder.length; v++) {
      Timeline.PlanVersion version = timeline.planVersions().get(v);
      LocalDateTime session1 = version.locals().get(0);
      firstLocal = session1.isBefore(firstLocal) ? session1 : firstLocal;
      inOrder[v] = true;
      LocalDateTime previous = null;
      for (LocalDateTime local : version.locals()) {
        plain &= local.getSecond() == 0 && local.getNano() == 0;
        inOrder[v] &= previous == null || !local.isBefore(previous);
        previous = local;
      }
    }
    slots.sort(Slot.ORDER);
    this.ordered = plain;
    Instant session1 = Times.instant(firstLocal, home);
    Instant first = session1.isBefore(start) ? session1 : start;
    this.earliest = first.minus(before + 3, ChronoUnit.DAYS);
    this.discharged = timeline.dischargedAt().orElse(null);
    this.quiet =
        timeline
            .enrolment()
            .preferences()
            .quietHours()
            .or(() -> protocol.reminderLimits().quietHours())
            .orElse(null);
    this.quietWhy = quiet == null ? "" : "inside quiet hours " + quiet.from() + "-" + quiet.to();
  }

  private static boolean wholeMinutes(Offset offset) {
    return offset.time().toSecondsPart() == 0 && offset.time().getNano() == 0;
  }

  /** Decides every occurrence in {@code [from, to)}, sorted by instant, then id. */
  Decisions decide(Instant from, Instant to) {
    Instant lo = from.isBefore(earliest) ? earliest : from;
    Instant hi = to.isAfter(end.plus(1, ChronoUnit.DAYS)) ? end.plus(1, ChronoUnit.DAYS) : to;
    if (!lo.isBefore(hi)) {
      return new Decisions(List.of(), List.of());
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
    Batch occurrences = generate(genFrom, genTo, null);
    int n = occurrences.size;
    Suppressed[] why = new Suppressed[n];
    Context context = new Context();
    for (int i = 0; i < n; i++) {
      why[i] = earlySuppression(occurrences, i, context);
    }
    backoff(occurrences, why, genFrom, context);
    cap(occurrences, why);
    int held = 0;
    for (Suppressed s : why) {
      held += s == null ? 0 : 1;
    }
    List<Reminder> fired = new ArrayList<>(n - held);
    List<Suppressed> suppressed = new ArrayList<>(held);
    for (int i = 0; i < n; i++) {
      Reminder reminder = occurrences.reminders[i];
      Instant at = reminder.instant();
      if (!at.isBefore(from) && at.isBefore(to)) {
        if (why[i] == null) {
          fired.add(reminder);
        } else {
          suppressed.add(why[i]);
        }
      }
    }
    return new Decisions(fired, suppressed);
  }

  /** The latest instant any occurrence can have. */
  Instant last() {
    return end.plus(1, ChronoUnit.DAYS);
  }

  // ---- occurrences ----

  /**
   * The one UTC offset of the client's zone over a span (with two days either side), when the
   * client stays in the enrolment's zone and it has no transition then: local times and instants
   * then convert by arithmetic, without asking the zone's rules per occurrence.
   */
  private ZoneOffset fixedOffset(Instant from, Instant to) {
    Instant a = from.minus(2, ChronoUnit.DAYS);
    Instant b = to.plus(2, ChronoUnit.DAYS);
    if (!timeline.zoneAt(a).equals(home) || timeline.changesZone(a, b)) {
      return null;
    }
    ZoneRules rules = home.getRules();
    if (rules.isFixedOffset()) {
      return rules.getOffset(a);
    }
    ZoneOffsetTransition next = rules.nextTransition(a);
    return next == null || next.getInstant().isAfter(b) ? rules.getOffset(a) : null;
  }

  /**
   * Every occurrence with an instant in {@code [from, to)}, deduplicated by id, sorted by instant
   * then id; of one policy only when {@code only} is given. Generated span by span: the longest
   * spans from the start of which to two days before the zone's next transition the client stays in
   * the enrolment's zone convert local times by arithmetic, in order; the rest go a week at a time,
   * resolved through the timeline and sorted.
   */
  private Batch generate(Instant from, Instant to, ReminderPolicy only) {
    Instant lo = from.isBefore(earliest) ? earliest : from;
    Instant hi = to.isAfter(last()) ? last() : to;
    if (!ordered) {
      Map<String, Occurrence> unique = new LinkedHashMap<>();
      for (Instant chunk = lo;
          chunk.isBefore(hi);
          chunk = chunk.plus(CHUNK_DAYS, ChronoUnit.DAYS)) {
        Instant end = chunk.plus(CHUNK_DAYS, ChronoUnit.DAYS);
        Instant until = end.isAfter(hi) ? hi : end;
        resolved(chunk, until, only, fixedOffset(chunk, until), unique(unique));
      }
      List<Occurrence> sorted = new ArrayList<>(unique.values());
      sorted.sort(ORDER);
      Batch out = new Batch(sorted.size());
      out.addAll(sorted);
      return out;
    }
    // Every id has one instant, so spans never share an id and each span is deduplicated alone.
    long days = (hi.getEpochSecond() - lo.getEpochSecond()) / DAY + 2;
    Batch out = new Batch((int) Math.max(10, Math.min(1 << 14, days * (slots.size() + 1))));
    ZoneRules rules = home.getRules();
    Instant chunk = lo;
    while (chunk.isBefore(hi)) {
      Instant a = chunk.minus(2, ChronoUnit.DAYS);
      Instant end = chunk.plus(CHUNK_DAYS, ChronoUnit.DAYS);
      Instant until = end.isAfter(hi) ? hi : end;
      if (timeline.zoneAt(a).equals(home)) {
        Instant limit = hi;
        Instant past = null;
        ZoneOffsetTransition next = rules.isFixedOffset() ? null : rules.nextTransition(a);
        if (next != null) {
          Instant before = next.getInstant().minus(2, ChronoUnit.DAYS).minusNanos(1);
          limit = before.isBefore(limit) ? before : limit;
          past = next.getInstant().plus(2, ChronoUnit.DAYS).plusNanos(1);
        }
        if (limit.isAfter(chunk)) {
          if (!timeline.changesZone(a, limit.plus(2, ChronoUnit.DAYS))) {
            fixed(chunk, limit, only, rules.getOffset(a), out);
            chunk = limit;
            continue;
          }
        } else if (past != null) {
          // The days around a transition, on their own.
          until = past.isAfter(hi) ? hi : past;
          if (transition(chunk, until, only, next, out)) {
            chunk = until;
            continue;
          }
        }
      }
      ZoneOffset offset = fixedOffset(chunk, until);
      if (offset != null) {
        fixed(chunk, until, only, offset, out);
      } else {
        Map<String, Occurrence> unique = new LinkedHashMap<>();
        resolved(chunk, until, only, null, unique(unique));
        List<Occurrence> sorted = new ArrayList<>(unique.values());
        sorted.sort(ORDER);
        out.addAll(sorted);
      }
      chunk = until;
    }
    return out;
  }

  /**
   * The occurrences of a span at one offset, in order: calendar ones by arithmetic, day by day in
   * slot order; those relative to sessions and modules resolved, sorted, and merged in.
   */
  private void fixed(Instant from, Instant to, ReminderPolicy only, ZoneOffset fixed, Batch out) {
    List<Occurrence> generated = new ArrayList<>();
    for (int i = 0; i < policyList.size(); i++) {
      ReminderPolicy policy = policyList.get(i);
      if ((only == null || only == policy) && !isCalendar(policy)) {
        relative(policy, from, to, fixed, generated::add);
      }
    }
    // Stable: of the occurrences of one id (and so of one instant), the first made comes first.
    generated.sort(ORDER);
    List<Occurrence> relative = new ArrayList<>(generated.size());
    for (Occurrence occurrence : generated) {
      if (relative.isEmpty()
          || !relative
              .get(relative.size() - 1)
              .reminder()
              .id()
              .equals(occurrence.reminder().id())) {
        relative.add(occurrence);
      }
    }
    int r = 0;
    Instant lo = from.isBefore(start) ? start : from;
    Instant hi = to.isAfter(end) ? end : to;
    if (lo.isBefore(hi) && !slots.isEmpty()) {
      int offset = fixed.getTotalSeconds();
      long loSec = lo.getEpochSecond();
      int loNano = lo.getNano();
      long hiSec = hi.getEpochSecond();
      int hiNano = hi.getNano();
      long lastDay = Math.floorDiv(hiSec + offset, DAY);
      for (long day = Math.floorDiv(loSec + offset, DAY); day <= lastDay; day++) {
        LocalDate date = null;
        for (Slot slot : slots) {
          if (only != null && only != slot.p()) {
            continue;
          }
          long sec = day * DAY + slot.second() - offset;
          int nano = slot.nano();
          if (sec < loSec || sec == loSec && nano < loNano) {
            continue;
          }
          if (sec > hiSec || sec == hiSec && nano >= hiNano) {
            continue;
          }
          if (date == null) {
            date = LocalDate.ofEpochDay(day);
          }
          if (!onDay(slot.p().schedule(), date, firstDate)) {
            continue;
          }
          LocalDateTime intent = LocalDateTime.of(date, slot.time());
          Instant instant = Instant.ofEpochSecond(sec, nano);
          int year = date.getYear();
          Reminder reminder =
              year >= 1000 && year <= 9999
                  ? new Reminder(
                      slot.prefix(),
                      slot.suffix(),
                      slot.p().id(),
                      slot.p().kind(),
                      intent,
                      instant,
                      home,
                      slot.reason())
                  : new Reminder(
                      ids.id(slot.p().id(), intent, ""),
                      slot.p().id(),
                      slot.p().kind(),
                      intent,
                      instant,
                      home,
                      slot.reason());
          while (r < relative.size() && compare(relative.get(r).reminder(), reminder) < 0) {
            out.add(relative.get(r++));
          }
          out.add(reminder, 0, "", fixed, slot.policy());
        }
      }
    }
    while (r < relative.size()) {
      out.add(relative.get(r++));
    }
  }

  /**
   * The occurrences of a span around one transition of the enrolment's zone, when the client stays
   * in that zone and the zone has no other transition within four days: calendar ones by arithmetic
   * on the transition's two offsets (as {@link ZonedDateTime#of} resolves: a time in a gap moves
   * forward by the gap, a time in an overlap takes the earlier offset), the rest resolved; all
   * sorted. False, with nothing added, when the span does not qualify.
   */
  private boolean transition(
      Instant from, Instant to, ReminderPolicy only, ZoneOffsetTransition transition, Batch out) {
    ZoneRules rules = home.getRules();
    Instant wideFrom = from.minus(4, ChronoUnit.DAYS);
    Instant wideTo = to.plus(4, ChronoUnit.DAYS);
    ZoneOffsetTransition previous = rules.previousTransition(transition.getInstant());
    ZoneOffsetTransition next = rules.nextTransition(transition.getInstant());
    if (previous != null && !previous.getInstant().isBefore(wideFrom)
        || next != null && !next.getInstant().isAfter(wideTo)
        || !timeline.zoneAt(wideFrom).equals(home)
        || timeline.changesZone(wideFrom, wideTo)) {
      return false;
    }
    List<Occurrence> made = new ArrayList<>();
    for (ReminderPolicy policy : policyList) {
      if ((only == null || only == policy) && !isCalendar(policy)) {
        relative(policy, from, to, null, made::add);
      }
    }
    Instant lo = from.isBefore(start) ? start : from;
    Instant hi = to.isAfter(end) ? end : to;
    if (lo.isBefore(hi)) {
      long at = transition.getInstant().getEpochSecond();
      int before = transition.getOffsetBefore().getTotalSeconds();
      int after = transition.getOffsetAfter().getTotalSeconds();
      // The local times of the transition at each offset, in epoch seconds.
      long localBefore = at + before;
      long localAfter = at + after;
      boolean gap = after > before;
      long loSec = lo.getEpochSecond();
      int loNano = lo.getNano();
      long hiSec = hi.getEpochSecond();
      int hiNano = hi.getNano();
      long lastDay = Math.floorDiv(hiSec + Math.max(before, after), DAY) + 2;
      for (long day = Math.floorDiv(loSec + Math.min(before, after), DAY) - 2;
          day <= lastDay;
          day++) {
        LocalDate date = null;
        for (Slot slot : slots) {
          if (only != null && only != slot.p()) {
            continue;
          }
          long local = day * DAY + slot.second();
          long sec;
          long shift = 0;
          if (gap) {
            if (local < localAfter) {
              sec = local - before;
              shift = local < localBefore ? 0 : after - before;
            } else {
              sec = local - after;
            }
          } else {
            sec = local < localBefore ? local - before : local - after;
          }
          int nano = slot.nano();
          if (sec < loSec || sec == loSec && nano < loNano) {
            continue;
          }
          if (sec > hiSec || sec == hiSec && nano >= hiNano) {
            continue;
          }
          if (date == null) {
            date = LocalDate.ofEpochDay(day);
          }
          if (!onDay(slot.p().schedule(), date, firstDate)) {
            continue;
          }
          LocalDateTime intent = LocalDateTime.of(date, slot.time());
          made.add(
              new Occurrence(
                  new Reminder(
                      ids.id(slot.p().id(), intent, ""),
                      slot.p().id(),
                      slot.p().kind(),
                      shift == 0 ? intent : intent.plusSeconds(shift),
                      Instant.ofEpochSecond(sec, nano),
                      home,
                      slot.reason()),
                  0,
                  "",
                  null,
                  slot.policy()));
        }
      }
    }
    // Stable: of the occurrences of one id (and so of one instant), the first made comes first.
    made.sort(ORDER);
    Reminder last = null;
    for (Occurrence occurrence : made) {
      if (last == null || !last.id().equals(occurrence.reminder().id())) {
        out.add(occurrence);
        last = occurrence.reminder();
      }
    }
    return true;
  }

  /** The occurrences of a span resolved through the timeline, each policy in turn. */
  private void resolved(
      Instant from, Instant to, ReminderPolicy only, ZoneOffset fixed, Sink sink) {
    for (ReminderPolicy policy : protocol.reminders()) {
      if (only != null && only != policy) {
        continue;
      }
      if (isCalendar(policy)) {
        calendar(policy, from, to, fixed, sink);
      } else {
        relative(policy, from, to, fixed, sink);
      }
    }
  }

  private static boolean isCalendar(ReminderPolicy policy) {
    Schedule.Kind kind = policy.schedule().kind();
    return kind != Schedule.Kind.BEFORE && kind != Schedule.Kind.AFTER;
  }

  /** A policy relative to sessions or to modules. */
  private void relative(
      ReminderPolicy policy, Instant from, Instant to, ZoneOffset fixed, Sink sink) {
    Schedule schedule = policy.schedule();
    // A switch expression, so that a new schedule kind does not compile until it is placed here.
    boolean relative =
        switch (schedule.kind()) {
          case BEFORE -> {
            relativeToSessions(policy, schedule.offsets(), true, from, to, fixed, sink);
            yield true;
          }
          case AFTER -> {
            List<Offset> offsets = schedule.offsets();
            if (policy.kind() == ReminderKind.MODULE) {
              relativeToModules(policy, offsets, from, to, fixed, sink);
            } else {
              relativeToSessions(policy, offsets, false, from, to, fixed, sink);
            }
            yield true;
          }
          case DAILY, WEEKLY, EVERY_DAYS -> false;
        };
  }

  /** Where generated occurrences go. */
  private interface Sink {
    void add(Occurrence occurrence);
  }

  /** A sink that keeps the first occurrence of each id. */
  private static Sink unique(Map<String, Occurrence> unique) {
    return occurrence -> unique.putIfAbsent(occurrence.reminder().id(), occurrence);
  }

  private int index(ReminderPolicy policy) {
    return policyIndex.get(policy.id());
  }

  /** Daily, weekly and every-N-days policies, from the start to the end of the plan. */
  private void calendar(
      ReminderPolicy policy, Instant from, Instant to, ZoneOffset fixed, Sink sink) {
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
    LocalDate first = firstDate;
    int index = index(policy);
    if (fixed != null) {
      // No transition and no zone change near: an intent is its own local time, and its instant is
      // in the window exactly when the local time is.
      LocalDateTime loLocal = LocalDateTime.ofEpochSecond(lo.getEpochSecond(), lo.getNano(), fixed);
      LocalDateTime hiLocal = LocalDateTime.ofEpochSecond(hi.getEpochSecond(), hi.getNano(), fixed);
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
          sink.add(
              new Occurrence(
                  new Reminder(
                      ids.id(policy.id(), intent, ""),
                      policy.id(),
                      policy.kind(),
                      intent,
                      intent.toInstant(fixed),
                      home,
                      describe(policy.schedule(), time)),
                  0,
                  "",
                  fixed,
                  index));
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
    LocalDate firstDay = lo.atZone(zone).toLocalDate().minusDays(margin);
    LocalDate lastDay = hi.atZone(timeline.zoneAt(hi)).toLocalDate().plusDays(margin);
    for (LocalDate date = firstDay; !date.isAfter(lastDay); date = date.plusDays(1)) {
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
        sink.add(
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
                fixed,
                index));
      }
    }
  }

  private static boolean onDay(Schedule schedule, LocalDate date, LocalDate first) {
    return switch (schedule.kind()) {
      case WEEKLY -> ((Schedule.Weekly) schedule).days().contains(date.getDayOfWeek());
      case EVERY_DAYS -> {
        long days = ChronoUnit.DAYS.between(first, date);
        yield days >= 0 && days % ((Schedule.EveryDays) schedule).days() == 0;
      }
      case DAILY, BEFORE, AFTER -> true;
    };
  }

  private static String describe(Schedule schedule, LocalTime time) {
    return switch (schedule.kind()) {
      case WEEKLY -> {
        List<String> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
          if (((Schedule.Weekly) schedule).days().contains(day)) {
            days.add(day.name().substring(0, 2));
          }
        }
        yield "weekly on " + String.join(", ", days) + " at " + time;
      }
      case EVERY_DAYS -> "every " + ((Schedule.EveryDays) schedule).days() + " days at " + time;
      case DAILY, BEFORE, AFTER -> "daily at " + time;
    };
  }

  /** A time relative to a session: wall-clock intent in the zone of the service. */
  private void relativeToSessions(
      ReminderPolicy policy,
      List<Offset> offsets,
      boolean before,
      Instant from,
      Instant to,
      ZoneOffset fixed,
      Sink sink) {
    int index = index(policy);
    int at = position.get(policy);
    Set<SessionType> types = this.types.get(at);
    List<String> inWords = this.words.get(at);
    ZoneId service = home;
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
    List<Timeline.PlanVersion> versions = timeline.planVersions();
    for (int v = 0; v < versions.size(); v++) {
      Timeline.PlanVersion version = versions.get(v);
      if (!version.until().isAfter(from) || !version.from().isBefore(to)) {
        continue;
      }
      List<LocalDateTime> locals = version.locals();
      // Sessions in time order (as planned, unless one was moved past another): from the first
      // that can reach the window.
      int first = 0;
      if (inOrder[v]) {
        int high = locals.size();
        while (first < high) {
          int mid = (first + high) >>> 1;
          if (locals.get(mid).isBefore(nearest)) {
            first = mid + 1;
          } else {
            high = mid;
          }
        }
      }
      for (int i = first; i < locals.size(); i++) {
        if (inOrder[v] && locals.get(i).isAfter(furthest)) {
          break;
        }
        int number = i + 1;
        SessionType type = protocol.sessionPlan().typeOf(number);
        if (!types.contains(type)
            || locals.get(i).isBefore(nearest)
            || locals.get(i).isAfter(furthest)) {
          continue;
        }
        for (int o = 0; o < offsets.size(); o++) {
          Offset offset = offsets.get(o);
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
          sink.add(
              new Occurrence(
                  new Reminder(
                      ids.id(policy.id(), intent, "s" + number),
                      policy.id(),
                      policy.kind(),
                      clientLocal,
                      instant,
                      clientZone,
                      inWords.get(o) + "session " + number + " (" + type.json() + ")"),
                  number,
                  "",
                  fixed,
                  index));
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
      Sink sink) {
    int index = index(policy);
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
        sink.add(
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
                fixed,
                index));
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

  /**
   * What one query has learnt of the history so far, as it walks occurrences in order: where the
   * mood ratings stand, the first rating of the last day asked about, and per policy the run of
   * ignored prompts and the opt-out, each with the span of instants over which it holds.
   */
  private final class Context {
    final Instants moods = timeline.moodColumn();
    boolean moodKnown;
    long moodFrom;
    int mood;
    long ratedDay = Long.MIN_VALUE;
    int ratedOffset;
    // The index of the first rating of the day asked about last, or -1.
    int rated = -1;
    final Memo[] ignored = new Memo[policyList.size()];
    final Memo[] opted = new Memo[policyList.size()];

    /** The index of the first rating in {@code [from, to)} (epoch seconds), or -1. */
    int firstMood(long from, long to) {
      int size = moods.size();
      if (!moodKnown || from < moodFrom) {
        int low = 0;
        int high = size;
        while (low < high) {
          int mid = (low + high) >>> 1;
          if (moods.seconds(mid) < from) {
            low = mid + 1;
          } else {
            high = mid;
          }
        }
        mood = low;
      } else {
        while (mood < size && moods.seconds(mood) < from) {
          mood++;
        }
      }
      moodKnown = true;
      moodFrom = from;
      return mood < size && moods.seconds(mood) < to ? mood : -1;
    }

    /** Whether rating {@code i} (-1: none) is at or before an instant. */
    boolean ratedBy(int i, Instant at) {
      if (i < 0) {
        return false;
      }
      long seconds = moods.seconds(i);
      return seconds < at.getEpochSecond()
          || seconds == at.getEpochSecond() && moods.nano(i) <= at.getNano();
    }

    int ignoredRun(int policy, Instant at) {
      Memo memo = ignored[policy];
      if (memo == null) {
        memo = new Memo(timeline.responseColumn(policy));
        ignored[policy] = memo;
      }
      if (!memo.covers(at)) {
        memo.around(at);
        memo.value = timeline.ignoredRun(policy, at);
      }
      return memo.value;
    }

    boolean isOptedOut(int policy, Instant at) {
      ReminderPolicy p = policyList.get(policy);
      if (!p.optOut()) {
        return false;
      }
      Memo memo = opted[policy];
      if (memo == null) {
        memo = new Memo(timeline.optColumn(policy));
        opted[policy] = memo;
      }
      if (!memo.covers(at)) {
        memo.around(at);
        memo.value = timeline.isOptedOut(p, at) ? 1 : 0;
      }
      return memo.value == 1;
    }
  }

  /**
   * An answer that can change only at the given instants (a column in time order), and the span
   * between two of them over which it holds: {@code [changes[index - 1], changes[index])}, from the
   * start when {@code index} is 0 and to the end when it is the column's size.
   */
  private static final class Memo {
    final Instants changes;
    boolean known;
    // How many changes lie at or before the span.
    int index;
    int value;

    Memo(Instants changes) {
      this.changes = changes;
    }

    boolean covers(Instant at) {
      return known
          && (index == 0 || changes.compare(index - 1, at) <= 0)
          && (index >= changes.size() || changes.compare(index, at) > 0);
    }

    void around(Instant at) {
      int size = changes.size();
      int low;
      if (known && index < size && changes.compare(index, at) <= 0) {
        // Walking forward, as a query does: the next few changes first.
        low = index + 1;
        while (low < size && low <= index + 4 && changes.compare(low, at) <= 0) {
          low++;
        }
        if (low < size && low > index + 4) {
          low = changes.lastAtOrBefore(at) + 1;
        }
      } else {
        low = changes.lastAtOrBefore(at) + 1;
      }
      index = low;
      known = true;
    }
  }

  private Suppressed earlySuppression(Batch occurrences, int index, Context context) {
    Reminder reminder = occurrences.reminders[index];
    Instant at = reminder.instant();
    if (discharged != null && !at.isBefore(discharged)) {
      return new Suppressed(reminder, Suppression.DISCHARGED, "the client was discharged");
    }
    if (timeline.isPausedAt(at)) {
      return new Suppressed(reminder, Suppression.PAUSED, "therapy is paused");
    }
    if (context.isOptedOut(occurrences.policies[index], at)) {
      return new Suppressed(reminder, Suppression.OPTED_OUT, "the client turned this policy off");
    }
    String done = taskDone(occurrences, index, context);
    if (done != null) {
      return new Suppressed(reminder, Suppression.TASK_DONE, done);
    }
    if (quiet != null && quiet.contains(reminder.local().toLocalTime())) {
      return new Suppressed(reminder, Suppression.QUIET_HOURS, quietWhy);
    }
    return null;
  }

  /** Whether what the reminder is for is already done (or cancelled) by its instant, and why. */
  private String taskDone(Batch occurrences, int index, Context context) {
    Reminder reminder = occurrences.reminders[index];
    ZoneOffset fixed = occurrences.offsets[index];
    Instant at = reminder.instant();
    return switch (reminder.kind()) {
      case APPOINTMENT, ONLINE_SESSION -> {
        int number = occurrences.sessions[index];
        if (number < 1) {
          yield null;
        }
        Optional<Instant> cancelled = timeline.cancelledAt(number);
        Optional<Instant> attended = timeline.attendedAt(number);
        if (cancelled.isPresent() && !cancelled.get().isAfter(at)) {
          yield "session " + number + " was cancelled";
        }
        if (reminder.kind() == ReminderKind.ONLINE_SESSION
            && attended.isPresent()
            && !attended.get().isAfter(at)) {
          yield "session " + number + " is already done";
        }
        yield null;
      }
      case MODULE -> {
        String module = occurrences.modules[index];
        Optional<Instant> started =
            timeline.module(module).flatMap(ledger -> ledger.firstTouched());
        yield started.isPresent() && !started.get().isAfter(at)
            ? "module " + module + " is already started"
            : null;
      }
      case MOOD_RATING -> {
        if (fixed != null) {
          int offset = fixed.getTotalSeconds();
          long day = reminder.local().toLocalDate().toEpochDay();
          if (day != context.ratedDay || context.ratedOffset != offset) {
            context.rated = context.firstMood(day * DAY - offset, (day + 1) * DAY - offset);
            context.ratedDay = day;
            context.ratedOffset = offset;
          }
          yield context.ratedBy(context.rated, at) ? "mood already rated today" : null;
        }
        LocalDate day = reminder.local().toLocalDate();
        Instant first =
            firstRating
                .computeIfAbsent(
                    day + " " + reminder.zone(),
                    k -> timeline.firstMoodRatingOn(day, reminder.zone()))
                .orElse(null);
        yield first != null && !first.isAfter(at) ? "mood already rated today" : null;
      }
      case HOMEWORK, ACTIVITY -> null;
    };
  }

  /**
   * After {@code afterIgnored} consecutive ignored prompts of a policy, only every second of its
   * occurrences fires until one is acknowledged. The count of a run that began before the generated
   * days is found by looking back over the policy's earlier occurrences. Marks, in {@code why}, the
   * candidates (those not yet suppressed) it holds back.
   */
  private void backoff(Batch occurrences, Suppressed[] why, Instant from, Context context) {
    if (protocol.reminderLimits().backoffAfterIgnored().isEmpty()) {
      return;
    }
    int threshold = protocol.reminderLimits().backoffAfterIgnored().getAsInt();
    // Per policy: where every-second-one counting stands, once known.
    int[] parity = new int[policyList.size()];
    boolean[] known = new boolean[policyList.size()];
    for (int i = 0; i < why.length; i++) {
      if (why[i] != null) {
        continue;
      }
      Reminder reminder = occurrences.reminders[i];
      int p = occurrences.policies[i];
      int ignored = context.ignoredRun(p, reminder.instant());
      if (ignored < threshold) {
        parity[p] = 0;
        known[p] = true;
        continue;
      }
      if (!known[p]) {
        parity[p] = lookBack(policyList.get(p), from, threshold);
        known[p] = true;
      }
      parity[p]++;
      if (parity[p] % 2 == 1) {
        why[i] =
            new Suppressed(
                reminder,
                Suppression.BACKOFF,
                ignored + " prompts in a row ignored; every second one fires");
      }
    }
  }

  /**
   * Counts the policy's candidates before {@code before} back to the last one whose run of ignored
   * prompts was below the threshold: where every-second-one counting stands at {@code before}.
   */
  private int lookBack(ReminderPolicy policy, Instant before, int threshold) {
    int count = 0;
    Instant to = before;
    Context context = new Context();
    while (to.isAfter(earliest)) {
      Instant from = to.minus(LOOKBACK_DAYS, ChronoUnit.DAYS);
      Batch chunk = generate(from, to, policy);
      for (int i = chunk.size - 1; i >= 0; i--) {
        if (earlySuppression(chunk, i, context) != null) {
          continue;
        }
        Reminder reminder = chunk.reminders[i];
        if (timeline.ignoredRun(index(policy), reminder.instant()) < threshold) {
          return count;
        }
        count++;
      }
      to = from;
    }
    return count;
  }

  /**
   * Keeps at most {@code maxPerDay} per local day, appointment first and mood-rating last: marks,
   * in {@code why}, the candidates over the cap.
   */
  private void cap(Batch occurrences, Suppressed[] why) {
    if (protocol.reminderLimits().maxPerDay().isEmpty()) {
      return;
    }
    int max = protocol.reminderLimits().maxPerDay().getAsInt();
    String over = "over the cap of " + max + " reminders a day";
    // Candidates come by instant; their local days too, unless the client changed zone.
    boolean monotonic = true;
    LocalDate previous = null;
    for (int i = 0; i < why.length && monotonic; i++) {
      if (why[i] == null) {
        LocalDate day = occurrences.reminders[i].local().toLocalDate();
        monotonic = previous == null || !day.isBefore(previous);
        previous = day;
      }
    }
    if (monotonic) {
      int i = 0;
      while (i < why.length) {
        if (why[i] != null) {
          i++;
          continue;
        }
        LocalDate day = occurrences.reminders[i].local().toLocalDate();
        int count = 0;
        int j = i;
        for (; j < why.length; j++) {
          if (why[j] == null) {
            if (!occurrences.reminders[j].local().toLocalDate().equals(day)) {
              break;
            }
            count++;
          }
        }
        if (count > max) {
          List<Integer> group = new ArrayList<>();
          for (int k = i; k < j; k++) {
            if (why[k] == null) {
              group.add(k);
            }
          }
          capDay(occurrences, why, group, max, over);
        }
        i = j;
      }
      return;
    }
    Map<LocalDate, List<Integer>> byDay = new LinkedHashMap<>();
    for (int i = 0; i < why.length; i++) {
      if (why[i] == null) {
        byDay
            .computeIfAbsent(occurrences.reminders[i].local().toLocalDate(), d -> new ArrayList<>())
            .add(i);
      }
    }
    for (List<Integer> group : byDay.values()) {
      if (group.size() > max) {
        capDay(occurrences, why, group, max, over);
      }
    }
  }

  private static void capDay(
      Batch occurrences, Suppressed[] why, List<Integer> group, int max, String over) {
    group.sort(Comparator.comparing(k -> occurrences.reminders[k], CAP_ORDER));
    for (int k = max; k < group.size(); k++) {
      int at = group.get(k);
      why[at] = new Suppressed(occurrences.reminders[at], Suppression.CAP, over);
    }
  }
}
