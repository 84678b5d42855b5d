package org.blendedtherapy.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.MeasurePlan;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.OutcomeDefinitions;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.reminders.Reminder;

/**
 * Derives measures, risk, outcome, bridge, fidelity and adherence from a state: its history up to
 * the query instant without the rejected events, and its sessions. One per state, made on the first
 * report asked; not API.
 *
 * <p>Cost: one pass over the events gathers what every report reads (measures with their sessions,
 * attendance, risk, mood ratings, first completions, discharge); each report then reads those, the
 * sessions and, for the bridge and fidelity, the events once more. Adherence asks the reminders of
 * the plan so far once.
 */
final class Reports {
  private final ClientState state;
  private final ZoneId zone;
  // Every event up to the instant in canonical order, and whether each was accepted.
  private final List<Event> all;
  private final boolean[] accepted;
  private final List<MeasureResult> measures = new ArrayList<>();
  // The position in all of each measure.
  private final List<Integer> measureIndex = new ArrayList<>();
  // The measures of each session, by session number (0: before any session).
  private final Map<Integer, List<MeasureResult>> bySession = new HashMap<>();
  // Accepted attendance: session number -> instant and position in all.
  private final Map<Integer, Instant> attendedAt = new HashMap<>();
  private final Map<Integer, Integer> attendedIndex = new HashMap<>();
  private int lastAttendedIndex = -1;
  private final List<RiskFlag> risk = new ArrayList<>();
  private final List<Instant> ratings = new ArrayList<>();
  // The first accepted completion of each module.
  private final Map<String, Instant> firstCompleted = new HashMap<>();
  private boolean discharged;
  private List<DueMeasure> due;

  Reports(ClientState state) {
    this.state = state;
    this.zone = state.enrolment().zone();
    this.all = state.timeline().events();
    this.accepted = new boolean[all.size()];
    Set<String> rejectedIds = new HashSet<>();
    state.rejected().forEach(r -> rejectedIds.add(r.event()));
    OptionalInt current = OptionalInt.empty();
    for (int i = 0; i < all.size(); i++) {
      Event event = all.get(i);
      if (rejectedIds.contains(event.id())) {
        continue;
      }
      accepted[i] = true;
      boolean indexed =
          switch (event.type()) {
            case SESSION_ATTENDED -> {
              int n = event.aboutSession().getAsInt();
              current = OptionalInt.of(n);
              attendedAt.put(n, event.at());
              attendedIndex.put(n, i);
              lastAttendedIndex = i;
              yield true;
            }
            case MEASURE_RECORDED -> {
              Event.MeasureRecorded measure = (Event.MeasureRecorded) event;
              MeasureResult result = result(measure, current);
              measures.add(result);
              measureIndex.add(i);
              bySession.computeIfAbsent(current.orElse(0), k -> new ArrayList<>()).add(result);
              if (measure.instrument() == Instrument.PHQ_9
                  && measure.items().size() >= 9
                  && measure.items().get(8).orElse(0) > 0) {
                risk.add(
                    new RiskFlag(
                        measure.id(),
                        measure.at(),
                        measure.instrument(),
                        9,
                        "PHQ-9 item 9 (thoughts of self-harm) answered above 0"));
              }
              yield true;
            }
            case MOOD_RATED -> {
              ratings.add(event.at());
              yield true;
            }
            case MODULE_COMPLETED -> {
              firstCompleted.putIfAbsent(event.aboutModule().orElseThrow(), event.at());
              yield true;
            }
            case DISCHARGED -> {
              discharged = true;
              yield true;
            }
            case SESSION_SCHEDULED,
                SESSION_MISSED,
                SESSION_CANCELLED,
                MODULE_STARTED,
                MODULE_RELEASED,
                MODULE_SKIPPED,
                MODULES_REORDERED,
                MODULE_REPEATED,
                MODULE_ASSIGNED,
                REMINDER_ACKNOWLEDGED,
                REMINDER_IGNORED,
                REMINDER_OPTED_OUT,
                REMINDER_OPTED_IN,
                PAUSED,
                RESUMED,
                ZONE_CHANGED,
                PROTOCOL_MIGRATED ->
                false;
          };
    }
  }

  private static MeasureResult result(Event.MeasureRecorded event, OptionalInt session) {
    OptionalInt total = event.score();
    Instrument instrument = event.instrument();
    Optional<String> band =
        total.isPresent() && total.getAsInt() >= 0 && total.getAsInt() <= instrument.totalMax()
            ? instrument.band(total.getAsInt())
            : Optional.empty();
    return new MeasureResult(
        event.id(), event.at(), event.instrument(), event.items(), total, band, session);
  }

  /** A measure as text: {@code PHQ-9 16 moderately-severe}, or {@code PHQ-9 incomplete}. */
  static String describe(MeasureResult measure) {
    if (measure.total().isEmpty()) {
      return measure.instrument().json() + " incomplete";
    }
    return measure.instrument().json()
        + " "
        + measure.total().getAsInt()
        + measure.band().map(b -> " " + b).orElse("");
  }

  List<MeasureResult> measures() {
    return Collections.unmodifiableList(measures);
  }

  List<RiskFlag> risk() {
    return Collections.unmodifiableList(risk);
  }

  private List<Instrument> dueAt(Session session) {
    List<Instrument> due = new ArrayList<>();
    int last = state.sessions().size();
    for (MeasurePlan plan : state.protocol().measures()) {
      boolean applies =
          switch (plan.at()) {
            case EVERY_SESSION -> true;
            case EVERY_FACE_TO_FACE_SESSION -> session.type().isTherapistContact();
            case EVERY_ONLINE_SESSION -> session.type() == SessionType.ONLINE;
            case FIRST_AND_LAST_SESSION -> session.number() == 1 || session.number() == last;
          };
      if (applies) {
        due.add(plan.instrument());
      }
    }
    return due;
  }

  List<DueMeasure> dueMeasures() {
    List<DueMeasure> d = due;
    if (d == null) {
      d = Collections.unmodifiableList(computeDue());
      due = d;
    }
    return d;
  }

  private List<DueMeasure> computeDue() {
    List<DueMeasure> due = new ArrayList<>();
    for (Session session : state.sessions()) {
      int n = session.number();
      if (session.status() != SessionStatus.ATTENDED || !attendedAt.containsKey(n)) {
        continue;
      }
      boolean superseded = attendedIndex.get(n) < lastAttendedIndex;
      boolean closed = superseded || !state.at().isBefore(session.windowEnd());
      List<MeasureResult> taken = bySession.getOrDefault(n, List.of());
      for (Instrument instrument : dueAt(session)) {
        Optional<String> event = Optional.empty();
        for (MeasureResult m : taken) {
          if (m.instrument() == instrument) {
            event = Optional.of(m.event());
          }
        }
        DueMeasure.Status status =
            event.isPresent()
                ? DueMeasure.Status.DONE
                : closed ? DueMeasure.Status.OVERDUE : DueMeasure.Status.DUE;
        due.add(new DueMeasure(n, instrument, status, event));
      }
    }
    return due;
  }

  Optional<Outcome> outcome() {
    OutcomeDefinitions defs = state.protocol().outcomeDefinitions();
    TreeMap<Integer, MeasureResult> depression = latestCompleteBySession(defs.depression());
    TreeMap<Integer, MeasureResult> anxiety = latestCompleteBySession(defs.anxiety());
    List<Integer> paired = new ArrayList<>(depression.keySet());
    paired.retainAll(anxiety.keySet());
    if (paired.isEmpty()) {
      return Optional.empty();
    }
    int first = paired.get(0);
    int latest = paired.get(paired.size() - 1);
    int contacts =
        (int)
            state.sessions().stream()
                .filter(s -> s.status() == SessionStatus.ATTENDED && s.type().isTherapistContact())
                .count();
    Outcome.Basis basis =
        new Outcome.Basis(
            scores(defs.depression(), depression.get(first), depression.get(latest)),
            scores(defs.anxiety(), anxiety.get(first), anxiety.get(latest)),
            first,
            latest,
            contacts);
    return Optional.of(Outcome.of(basis, defs.finishedTreatmentSessions(), discharged));
  }

  private TreeMap<Integer, MeasureResult> latestCompleteBySession(
      OutcomeDefinitions.OutcomeMeasure measure) {
    TreeMap<Integer, MeasureResult> by = new TreeMap<>();
    for (MeasureResult m : measures) {
      if (m.isComplete() && m.instrument() == measure.instrument()) {
        by.put(m.session().orElse(0), m);
      }
    }
    return by;
  }

  private static Outcome.Scores scores(
      OutcomeDefinitions.OutcomeMeasure measure, MeasureResult first, MeasureResult latest) {
    return new Outcome.Scores(
        measure.instrument(),
        first.total().getAsInt(),
        latest.total().getAsInt(),
        first.event(),
        latest.event(),
        measure.caseness(),
        measure.reliableChange());
  }

  Bridge bridge() {
    int from = 0;
    OptionalInt since = OptionalInt.empty();
    for (Map.Entry<Integer, Integer> e : attendedIndex.entrySet()) {
      SessionType type = state.protocol().sessionPlan().typeOf(e.getKey());
      if (type.isTherapistContact() && e.getValue() + 1 > from) {
        from = e.getValue() + 1;
        since = OptionalInt.of(e.getKey());
      }
    }
    List<String> started = new ArrayList<>();
    List<String> completed = new ArrayList<>();
    List<Integer> moods = new ArrayList<>();
    List<Bridge.MeasureChange> changes = new ArrayList<>();
    int acknowledged = 0;
    int ignored = 0;
    List<String> optedOut = new ArrayList<>();
    List<String> optedIn = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    Map<String, Rejection> reasons = null;
    for (int i = from; i < all.size(); i++) {
      Event event = all.get(i);
      if (!accepted[i]) {
        if (reasons == null) {
          reasons = new HashMap<>();
          for (Rejection r : state.rejected()) {
            reasons.put(r.event(), r);
          }
        }
        rejected.add(reasons.get(event.id()));
        continue;
      }
      boolean counted =
          switch (event.type()) {
            case MODULE_STARTED -> {
              started.add(event.aboutModule().orElseThrow());
              yield true;
            }
            case MODULE_COMPLETED -> {
              completed.add(event.aboutModule().orElseThrow());
              yield true;
            }
            case MOOD_RATED -> {
              moods.add(((Event.MoodRated) event).value());
              yield true;
            }
            case REMINDER_ACKNOWLEDGED -> {
              acknowledged++;
              yield true;
            }
            case REMINDER_IGNORED -> {
              ignored++;
              yield true;
            }
            case REMINDER_OPTED_OUT -> {
              optedOut.add(((Event.PolicyEvent) event).policy());
              yield true;
            }
            case REMINDER_OPTED_IN -> {
              optedIn.add(((Event.PolicyEvent) event).policy());
              yield true;
            }
            case SESSION_SCHEDULED,
                SESSION_ATTENDED,
                SESSION_MISSED,
                SESSION_CANCELLED,
                MODULE_RELEASED,
                MODULE_SKIPPED,
                MODULES_REORDERED,
                MODULE_REPEATED,
                MODULE_ASSIGNED,
                MEASURE_RECORDED,
                PAUSED,
                RESUMED,
                DISCHARGED,
                ZONE_CHANGED,
                PROTOCOL_MIGRATED ->
                false;
          };
    }
    for (int m = 0; m < measures.size(); m++) {
      MeasureResult measure = measures.get(m);
      // The last session's own measures were taken with the therapist: not news for the next one.
      if (measureIndex.get(m) < from || measure.session().equals(since)) {
        continue;
      }
      OptionalInt change = OptionalInt.empty();
      for (int p = m - 1; p >= 0 && measure.isComplete(); p--) {
        MeasureResult previous = measures.get(p);
        if (previous.isComplete() && previous.instrument().equals(measure.instrument())) {
          change = OptionalInt.of(measure.total().getAsInt() - previous.total().getAsInt());
          break;
        }
      }
      changes.add(new Bridge.MeasureChange(measure, change));
    }
    long sum = 0;
    int lowest = Integer.MAX_VALUE;
    for (int mood : moods) {
      sum += mood;
      lowest = Math.min(lowest, mood);
    }
    Bridge.Mood mood =
        new Bridge.Mood(
            moods.size(),
            moods.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) sum / moods.size()),
            moods.isEmpty() ? OptionalInt.empty() : OptionalInt.of(lowest),
            trend(moods));
    Optional<Instant> sinceAt =
        since.isPresent() ? Optional.of(attendedAt.get(since.getAsInt())) : Optional.empty();
    List<String> migrations = new ArrayList<>();
    for (Migrated m : state.migrations()) {
      if (sinceAt.isEmpty() || m.at().isAfter(sinceAt.get())) {
        migrations.add(moved(m));
      }
    }
    return new Bridge(
            since,
            sinceAt,
            state.at(),
            started,
            completed,
            mood,
            changes,
            new Bridge.ReminderCounts(acknowledged, ignored, optedOut, optedIn),
            rejected)
        .withMigrations(migrations);
  }

  private static String trend(List<Integer> moods) {
    if (moods.size() < 2) {
      return "too few";
    }
    int change = moods.get(moods.size() - 1) - moods.get(0);
    return change > 0 ? "rising" : change < 0 ? "falling" : "steady";
  }

  List<FidelityRecord> fidelity() {
    List<DueMeasure> due = dueMeasures();
    LinkedHashSet<String> inProgress = new LinkedHashSet<>();
    Optional<String> lastCompleted = Optional.empty();
    List<FidelityRecord.Deviation> pending = new ArrayList<>();
    List<FidelityRecord> records = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!accepted[i]) {
        continue;
      }
      Event event = all.get(i);
      boolean handled =
          switch (event.type()) {
            case MODULE_STARTED -> {
              inProgress.remove(event.aboutModule().orElseThrow());
              inProgress.add(event.aboutModule().orElseThrow());
              yield true;
            }
            case MODULE_COMPLETED -> {
              inProgress.remove(event.aboutModule().orElseThrow());
              lastCompleted = event.aboutModule();
              yield true;
            }
            case SESSION_ATTENDED -> {
              Session session = state.session(event.aboutSession().getAsInt());
              int n = session.number();
              List<FidelityRecord.Deviation> deviations = new ArrayList<>(pending);
              pending.clear();
              for (DueMeasure d : due) {
                if (d.session() == n && d.status() == DueMeasure.Status.OVERDUE) {
                  deviations.add(
                      new FidelityRecord.Deviation(
                          "measure-not-recorded",
                          session.type().isTherapistContact() ? "therapist" : "client",
                          Optional.empty(),
                          d.instrument().json() + " due at this session, not recorded"));
                }
              }
              Optional<String> focus = lastCompleted;
              for (String module : inProgress) {
                focus = Optional.of(module);
              }
              records.add(
                  new FidelityRecord(
                      n,
                      session.type(),
                      session.planned(),
                      session.local(),
                      event.at(),
                      Optional.ofNullable(
                          state.protocol().sessionPlan().durationMinutes().get(session.type())),
                      dueAt(session),
                      focus,
                      bySession.getOrDefault(n, List.of()),
                      deviations));
              yield true;
            }
            case SESSION_SCHEDULED,
                SESSION_MISSED,
                SESSION_CANCELLED,
                MODULE_RELEASED,
                MODULE_SKIPPED,
                MODULES_REORDERED,
                MODULE_REPEATED,
                MODULE_ASSIGNED,
                MOOD_RATED,
                MEASURE_RECORDED,
                REMINDER_ACKNOWLEDGED,
                REMINDER_IGNORED,
                REMINDER_OPTED_OUT,
                REMINDER_OPTED_IN,
                PAUSED,
                RESUMED,
                DISCHARGED,
                ZONE_CHANGED,
                PROTOCOL_MIGRATED -> {
              deviation(event).ifPresent(pending::add);
              yield true;
            }
          };
    }
    return records;
  }

  private Optional<FidelityRecord.Deviation> deviation(Event event) {
    String id = event.id();
    String module = event.aboutModule().orElse("");
    return switch (event.type()) {
      case SESSION_SCHEDULED -> {
        Event.SessionScheduled moved = (Event.SessionScheduled) event;
        yield dev(
            "moved",
            "service",
            id,
            "session " + moved.session() + " moved to " + Times.format(moved.start()));
      }
      case SESSION_CANCELLED -> {
        Event.SessionCancelled cancelled = (Event.SessionCancelled) event;
        String by = cancelled.by() == Event.CancelledBy.CLIENT ? "client" : "service";
        yield dev(
            "cancelled", by, id, "session " + cancelled.session() + " cancelled by the " + by);
      }
      case SESSION_MISSED ->
          dev("missed", "client", id, "session " + event.aboutSession().getAsInt() + " missed");
      case PAUSED -> dev("paused", "service", id, "therapy paused");
      case RESUMED -> dev("resumed", "service", id, "therapy resumed");
      case MODULE_RELEASED -> dev("released", "therapist", id, "module " + module + " released");
      case MODULE_SKIPPED -> dev("skipped", "therapist", id, "module " + module + " skipped");
      case MODULE_REPEATED ->
          dev("repeated", "therapist", id, "module " + module + " to be repeated");
      case MODULE_ASSIGNED -> dev("assigned", "therapist", id, "module " + module + " assigned");
      case MODULES_REORDERED ->
          dev(
              "reordered",
              "therapist",
              id,
              "modules reordered: " + String.join(", ", ((Event.ModulesReordered) event).order()));
      case SESSION_ATTENDED,
          MODULE_STARTED,
          MODULE_COMPLETED,
          MOOD_RATED,
          MEASURE_RECORDED,
          REMINDER_ACKNOWLEDGED,
          REMINDER_IGNORED,
          REMINDER_OPTED_OUT,
          REMINDER_OPTED_IN,
          DISCHARGED,
          ZONE_CHANGED ->
          Optional.empty();
      case PROTOCOL_MIGRATED ->
          state.migrations().stream()
              .filter(m -> m.event().equals(id))
              .findFirst()
              .flatMap(m -> dev("migrated", "service", id, moved(m)));
    };
  }

  /** One sentence for a migration, for the bridge and the fidelity record. */
  private String moved(Migrated m) {
    return "moved from "
        + m.from().id()
        + " "
        + m.from().version()
        + " to "
        + m.to().id()
        + " "
        + m.to().version()
        + " on "
        + m.at().atZone(state.enrolment().zone()).toLocalDate();
  }

  private static Optional<FidelityRecord.Deviation> dev(
      String code, String by, String id, String text) {
    return Optional.of(new FidelityRecord.Deviation(code, by, Optional.of(id), text));
  }

  Adherence adherence() {
    LocalDate start = state.enrolment().start().toLocalDate();
    Instant at = state.at();
    List<Instant> prompts = new ArrayList<>();
    for (Reminder reminder : state.reminders(Instant.MIN, at.plusNanos(1)).reminders()) {
      if (reminder.kind() == ReminderKind.MOOD_RATING) {
        prompts.add(reminder.instant());
      }
    }
    // In time order already (reminders come sorted by instant); sorting makes sure at no cost.
    prompts.sort(null);
    // Both lists are in time order: one pass answers, for each prompt, whether a rating falls
    // before the next prompt.
    List<Instant> answered = new ArrayList<>();
    int r = 0;
    for (int i = 0; i < prompts.size(); i++) {
      Instant from = prompts.get(i);
      Instant to = i + 1 < prompts.size() ? prompts.get(i + 1) : at.plusNanos(1);
      while (r < ratings.size() && ratings.get(r).isBefore(from)) {
        r++;
      }
      if (r < ratings.size() && ratings.get(r).isBefore(to)) {
        answered.add(from);
      }
    }
    List<Instant> coreCompleted = new ArrayList<>();
    int core = 0;
    for (Module module : state.protocol().modules()) {
      if (module.kind() == ModuleKind.CORE
          && state.module(module.id()).orElseThrow().status() != ModuleStatus.SKIPPED) {
        core++;
        Instant done = firstCompleted.get(module.id());
        if (done != null) {
          coreCompleted.add(done);
        }
      }
    }
    Adherence.Counts overall =
        counts(s -> true, prompts.size(), answered.size(), coreCompleted, core, at.plusNanos(1));
    List<Adherence.Week> weeks = new ArrayList<>();
    LocalDate today = at.atZone(zone).toLocalDate();
    List<Session> sessions = state.sessions();
    LocalDate end =
        sessions.get(sessions.size() - 1).windowEnd().minusNanos(1).atZone(zone).toLocalDate();
    LocalDate last = today.isBefore(end) ? today : end;
    long lastWeek = last.isBefore(start) ? 0 : ChronoUnit.DAYS.between(start, last) / 7 + 1;
    // Prompts and answers counted per week in one pass each, not once per week.
    Days days = new Days(zone);
    int[] promptedIn = perWeek(days, prompts, start, lastWeek);
    int[] ratedIn = perWeek(days, answered, start, lastWeek);
    for (int w = 1; w <= lastWeek; w++) {
      LocalDate from = start.plusDays(7L * (w - 1));
      LocalDate to = from.plusDays(7);
      Predicate<LocalDate> in = d -> !d.isBefore(from) && d.isBefore(to);
      Instant weekEnd = to.atStartOfDay(zone).toInstant();
      Adherence.Counts counts =
          counts(
              s -> in.test(s.local().toLocalDate()),
              promptedIn[w],
              ratedIn[w],
              coreCompleted,
              core,
              weekEnd.isBefore(at) ? weekEnd : at.plusNanos(1));
      weeks.add(new Adherence.Week(w, from, to, counts));
    }
    return new Adherence(overall, weeks);
  }

  /** How many of the instants fall in each week from the start (index 1 is the first week). */
  private static int[] perWeek(Days days, List<Instant> instants, LocalDate start, long lastWeek) {
    int[] out = new int[(int) lastWeek + 1];
    long first = start.toEpochDay();
    for (Instant instant : instants) {
      long day = days.epochDay(instant);
      if (day < first) {
        continue;
      }
      long week = (day - first) / 7 + 1;
      if (week <= lastWeek) {
        out[(int) week]++;
      }
    }
    return out;
  }

  /**
   * The local date of instants in one zone, as {@code instant.atZone(zone).toLocalDate()} gives it,
   * by arithmetic while no offset transition comes between one instant and the next.
   */
  static final class Days {
    private final ZoneRules rules;
    // Epoch seconds [from, until) over which the offset holds.
    private long from = Long.MAX_VALUE;
    private long until = Long.MIN_VALUE;
    private int offset;

    Days(ZoneId zone) {
      this.rules = zone.getRules();
    }

    long epochDay(Instant instant) {
      long second = instant.getEpochSecond();
      if (second < from || second >= until) {
        offset = rules.getOffset(instant).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(instant);
        from = second;
        until = next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond();
      }
      return Math.floorDiv(second + offset, 86_400L);
    }
  }

  private Adherence.Counts counts(
      Predicate<Session> sessionIn,
      int prompted,
      int rated,
      List<Instant> coreCompleted,
      int core,
      Instant coreBy) {
    int planned = 0;
    int attended = 0;
    int online = 0;
    int onlineDone = 0;
    for (Session s : state.sessions()) {
      if (!sessionIn.test(s)) {
        continue;
      }
      boolean isAttended = s.status() == SessionStatus.ATTENDED;
      if (isAttended || !s.instant().isAfter(state.at())) {
        planned++;
        attended += isAttended ? 1 : 0;
        if (s.type() == SessionType.ONLINE) {
          online++;
          Instant when = attendedAt.get(s.number());
          if (isAttended
              && when != null
              && !when.isBefore(s.instant())
              && when.isBefore(s.windowEnd())) {
            onlineDone++;
          }
        }
      }
    }
    int coreDone = 0;
    for (Instant done : coreCompleted) {
      coreDone += done.isBefore(coreBy) ? 1 : 0;
    }
    return new Adherence.Counts(
        new Adherence.Ratio(attended, planned),
        new Adherence.Ratio(onlineDone, online),
        new Adherence.Ratio(coreDone, core),
        new Adherence.Ratio(rated, prompted));
  }
}
