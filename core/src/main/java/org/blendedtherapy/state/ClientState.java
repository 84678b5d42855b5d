package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.internal.Queries;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.timeline.ModuleLedger;
import org.blendedtherapy.timeline.Moment;
import org.blendedtherapy.timeline.Timeline;

/**
 * A client's state at an instant: every module with its status and reason, every session with its
 * planned local time, instant, window and status, the next session, the events that had no effect
 * (with reasons), progress, and the client's path of modules with the next suggested one.
 *
 * <p>Modules: a module without a rule is open from the start; one with a rule opens when the rule
 * holds, and an opened module never closes again. A {@code module-released} event satisfies the
 * module's {@code therapistRelease} conditions and, when {@code tailoring.release} is true, opens
 * the module whatever its rule says. A skipped module is out of the client's path and counts as
 * completed and started for every rule that waits on it. A {@code module-repeated} event turns a
 * completed module available again (then in progress and completed once more); rules that waited on
 * it stay satisfied. A {@code module-assigned} event puts a module in the client's path and opens
 * it when a release of it would be accepted. A {@code modules-reordered} event changes only the
 * suggested order. A tailoring event the protocol's {@code tailoring} forbids has no effect and is
 * listed in {@link #rejected()} naming the setting, such as {@code tailoring.repeat is false}.
 *
 * <p>The state is the history folded in canonical order ({@code at}, then {@code id}), up to and
 * including the query instant: the order in which the host hands events over never matters, a
 * repeated event leaves no trace, and an event after the instant has no effect. Folding events one
 * at a time with {@link #apply(Event)} gives exactly the state of folding them all at once.
 *
 * <p>Costs: {@link #of} folds the events up to the instant once, linear in events; {@link
 * #apply(Event)} of an event that comes after every event so far extends that fold without
 * refolding, O(modules); the first question asked of a state freezes a view of the fold, O(modules
 * + sessions); the reports ({@link #measures()}, {@link #bridge()}, {@link #fidelity()}, {@link
 * #outcome()}, {@link #adherence()}) are computed once per state, linear in events; {@link
 * #reminders} costs in proportion to its window.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ClientState {
  private final PinnedProtocol pinned;
  private final Timeline timeline;
  private volatile Parts parts;
  private volatile Reports reports;

  /** What a state shows, built from the timeline on first use. */
  private record Parts(
      List<ModuleState> modules,
      List<Session> sessions,
      Optional<Session> nextSession,
      ProgressSummary progress,
      List<String> path,
      Optional<String> nextModule) {}

  private ClientState(PinnedProtocol pinned, Timeline timeline) {
    this.pinned = pinned;
    this.timeline = timeline;
  }

  /**
   * Computes a client's state at an instant. Linear in the events up to the instant.
   *
   * @param protocol the protocol the client is enrolled on, pinned
   * @param enrolment the enrolment, whose pin must match
   * @param history the client's events
   * @param at the query instant
   * @return the state
   * @throws InvalidInputException with code {@code pin-mismatch} if the enrolment is pinned to
   *     another protocol id, version or SHA-256: a new protocol version never silently changes an
   *     enrolled client; with code {@code out-of-range} if the instant lies outside years 1 to
   *     9998, whose states the state JSON can write
   */
  public static ClientState of(
      PinnedProtocol protocol, Enrolment enrolment, History history, Instant at) {
    protocol.requirePinOf(enrolment);
    requireWritable(at);
    return new ClientState(protocol, Timeline.of(protocol.protocol(), enrolment, history, at));
  }

  /** The first instant a state can be asked at: 0001-01-01T00:00:00Z. */
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  /** The first instant a state can no longer be asked at: 9999-01-01T00:00:00Z. */
  private static final Instant PAST_LAST = Instant.parse("9999-01-01T00:00:00Z");

  /**
   * Refuses a query instant whose state the state JSON could not write: its instants have
   * four-digit years, and the state holds instants up to months after the query (a year of margin).
   * Wider than the supported years ({@link SupportedRange}), which bound inputs, because a plan
   * that starts in them may run past them. Found by the engine-queries fuzz target (FUZZING.md).
   */
  private static void requireWritable(Instant at) {
    if (at.isBefore(FIRST) || !at.isBefore(PAST_LAST)) {
      throw new InvalidInputException(
          "query instant",
          List.of(
              org.blendedtherapy.Issue.error(
                  IssueCode.OUT_OF_RANGE,
                  "",
                  "instant "
                      + at
                      + " is outside the years a state can be written for (1 to 9998)")));
    }
  }

  /**
   * Computes the state of a client whose history may record migrations to other protocol versions.
   * Up to a {@code protocol-migrated} event the client follows the protocol it was enrolled on;
   * from it, the migration's target, with every module it had opened still open, its starts and
   * completions at their own instants, sessions before the migration's {@code newPlanFrom} at their
   * dates and its measures, moods, responses and opt-outs carried. Reminders before a migration are
   * the old protocol's, unchanged. A migration event naming a migration not given, or one that does
   * not fit the client, is refused and the client stays where it was. Linear in the events.
   *
   * @param protocol the protocol the client was enrolled on, pinned
   * @param enrolment the enrolment, whose pin must match it
   * @param history the client's events
   * @param at the query instant
   * @param migrations the migrations its events may name
   * @return the state
   * @throws InvalidInputException with code {@code pin-mismatch} if the enrolment is pinned to
   *     another protocol
   */
  public static ClientState of(
      PinnedProtocol protocol,
      Enrolment enrolment,
      History history,
      Instant at,
      Migrations migrations) {
    protocol.requirePinOf(enrolment);
    return new ClientState(
        protocol, Timeline.of(protocol.protocol(), enrolment, history, at, migrations));
  }

  /**
   * Computes a client's state after every event of a history: at the latest event's instant, or at
   * the start (session 1 as first planned) when there is none. What reminder queries over a whole
   * log start from.
   *
   * @param protocol the protocol the client is enrolled on, pinned
   * @param enrolment the enrolment, whose pin must match
   * @param history the client's events
   * @return the state
   * @throws InvalidInputException with code {@code pin-mismatch} if the enrolment is pinned to
   *     another protocol id, version or SHA-256
   */
  public static ClientState of(PinnedProtocol protocol, Enrolment enrolment, History history) {
    Instant start = enrolment.start().atZone(enrolment.zone()).toInstant();
    Instant last = history.lastAt().orElse(start);
    return of(protocol, enrolment, history, last.isAfter(start) ? last : start);
  }

  /**
   * Returns the state after one more event: at {@code max(at, event.at())}, with the event in the
   * history. Equal to {@link #of} over the whole history at that instant. When the event comes
   * after every event so far (the usual case), the fold is extended, not redone: O(modules).
   *
   * @param event the event
   * @return the new state
   * @throws InvalidInputException if the history holds another event with the same id
   */
  public ClientState apply(Event event) {
    return new ClientState(pinned, timeline.plus(event));
  }

  /**
   * Returns the state of the same client at another instant.
   *
   * @param instant the query instant
   * @return the state then
   * @throws InvalidInputException with code {@code out-of-range} if the instant lies outside years
   *     1 to 9998, whose states the state JSON can write
   */
  public ClientState at(Instant instant) {
    requireWritable(instant);
    return new ClientState(pinned, timeline.at(instant));
  }

  /**
   * Writes this state's timeline as a snapshot: versioned bytes from which {@link #restore} folds
   * on exactly as this state would, so a stream processor or a database host can keep the snapshot
   * instead of replaying the history. The snapshot holds the protocol pin, the instant, each folded
   * event's id with a 32-bit fingerprint of its content (so a repeat is still ignored and a
   * conflict still refused), and the fold's own state: module ledgers with their instants,
   * sessions, plan versions, zones, pauses, discharge, scores, mood-rating, reminder-response and
   * opt-out instants, and the rejections (event id, code, the library's own words). It holds no
   * event content beyond that, no client reference and no text a host or client wrote. Cost: linear
   * in the events folded.
   *
   * @return the snapshot
   */
  public byte[] snapshot() {
    return timeline.snapshot(pinned().sha256());
  }

  /**
   * Restores a state from a snapshot: at the snapshot's instant, answering modules, sessions, the
   * next session, progress, path, rejections and reminders exactly as the state it was taken of,
   * and folding later events with {@link #apply} exactly as that state would. The events before the
   * snapshot are not held: {@link #history()} holds only the events applied since, the reports that
   * list past events ({@link #measures()}, {@link #bridge()}, {@link #fidelity()}, {@link
   * #outcome()}, {@link #adherence()}, {@link #risk()}, {@link #dueMeasures()}) throw {@link
   * IllegalStateException}, and an event that sorts before the snapshot's last event is refused
   * with {@link IllegalArgumentException}: fold the whole history for those.
   *
   * @param protocol the protocol, pinned
   * @param enrolment the enrolment, whose pin must match
   * @param snapshot the bytes {@link #snapshot()} wrote
   * @return the state
   * @throws InvalidInputException with code {@code pin-mismatch} if the enrolment is pinned to
   *     another protocol, or {@code bad-snapshot} if the bytes are not a snapshot of this version
   *     on this protocol
   */
  public static ClientState restore(PinnedProtocol protocol, Enrolment enrolment, byte[] snapshot) {
    protocol.requirePinOf(enrolment);
    try {
      return new ClientState(
          protocol, Timeline.restore(protocol.protocol(), protocol.sha256(), enrolment, snapshot));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "snapshot",
          List.of(
              org.blendedtherapy.Issue.error(
                  IssueCode.BAD_SNAPSHOT,
                  "",
                  e.getMessage() + "; expected the bytes ClientState.snapshot() wrote")));
    }
  }

  /**
   * Returns this state in the form a host keeps between queries: it answers modules, sessions, the
   * next session, progress, path, rejections and reminders exactly as this state, and folds later
   * events with {@link #apply} exactly as this state would, but holds none of the events folded so
   * far: what it knows of them is the fold itself in primitive arrays (module ledgers, sessions,
   * plan versions, zones, pauses, scores, mood-rating, reminder-response and opt-out instants,
   * rejections) and their ids, exact and front-coded, each with a 32-bit fingerprint of the event's
   * content, so that a repeated event is still ignored and a conflicting one still refused. Like a
   * state restored from a {@link #snapshot()}: {@link #history()} holds only the events not yet
   * folded (after {@link #at()}) and those applied since, the reports that list past events throw
   * {@link IllegalStateException}, and an event that sorts before the last folded event is refused
   * with {@link IllegalArgumentException}. Linear in the events folded; a compact state's first
   * {@link #apply} copies the fold once (linear), later ones extend it.
   *
   * @return the compact state
   */
  public ClientState compact() {
    Timeline compact = timeline.compact();
    return compact == timeline ? this : new ClientState(pinned, compact);
  }

  Timeline timeline() {
    return timeline;
  }

  /**
   * Returns the query instant.
   *
   * @return the instant
   */
  public Instant at() {
    return timeline.at();
  }

  /**
   * Returns the enrolment.
   *
   * @return the enrolment
   */
  public Enrolment enrolment() {
    return timeline.enrolment();
  }

  /**
   * Returns the pinned protocol.
   *
   * @return the protocol
   */
  public Protocol protocol() {
    return pinned().protocol();
  }

  /**
   * Returns the protocol the client follows at the query instant, with its canonical SHA-256, equal
   * to the pin of {@link #enrolment()}: the one it was enrolled on, or the target of its last
   * migration.
   *
   * @return the pinned protocol
   */
  public PinnedProtocol pinned() {
    List<Timeline.Migrated> migrations = timeline.migrations();
    return migrations.isEmpty() ? pinned : migrations.get(migrations.size() - 1).to();
  }

  /**
   * Returns the migrations the client went through up to the query instant, oldest first.
   *
   * @return them
   */
  public List<Migrated> migrations() {
    List<Migrated> list = new ArrayList<>();
    for (Timeline.Migrated m : timeline.migrations()) {
      list.add(new Migrated(m.event(), m.at(), m.migration(), m.retired()));
    }
    return List.copyOf(list);
  }

  /**
   * Returns every event the host handed over, including any after {@link #at()}.
   *
   * @return the history
   */
  public History history() {
    return timeline.history();
  }

  /**
   * Returns the modules in protocol order, each with its status and reason.
   *
   * @return the modules
   */
  public List<ModuleState> modules() {
    return parts().modules();
  }

  /**
   * Returns the sessions in number order, with planned local time, instant, window and status.
   *
   * @return the sessions
   */
  public List<Session> sessions() {
    return parts().sessions();
  }

  /**
   * Returns the first planned session at or after {@link #at()}.
   *
   * @return the session; empty while paused or when none is left
   */
  public Optional<Session> nextSession() {
    return parts().nextSession();
  }

  /**
   * Returns the events up to {@link #at()} that had no effect, in canonical order, with reasons.
   *
   * @return the rejections
   */
  public List<Rejection> rejected() {
    return timeline.rejected();
  }

  /**
   * Returns sessions attended and core modules completed.
   *
   * @return the progress
   */
  public ProgressSummary progress() {
    return parts().progress();
  }

  /**
   * Returns the client's path in suggested order: every core module that is not skipped, and the
   * optional modules a therapist assigned or released; the protocol's order unless a {@code
   * modules-reordered} event changed it.
   *
   * @return the module ids
   */
  public List<String> path() {
    return parts().path();
  }

  /**
   * Returns the client's next suggested module: the first module of the path that is available or
   * in progress.
   *
   * @return the module id, or empty when there is none
   */
  public Optional<String> nextModule() {
    return parts().nextModule();
  }

  private Parts parts() {
    Parts p = parts;
    if (p == null) {
      p = buildParts();
      parts = p;
    }
    return p;
  }

  private Parts buildParts() {
    Protocol protocol = protocol();
    List<ModuleState> modules = new ArrayList<>();
    Map<String, ModuleState> byId = new HashMap<>();
    int core = 0;
    int coreDone = 0;
    Moment now = timeline.moment();
    for (Module module : protocol.modules()) {
      ModuleLedger ledger = timeline.module(module.id()).orElseThrow();
      ModuleState state = state(module, ledger, now);
      modules.add(state);
      byId.put(module.id(), state);
      if (module.kind() == ModuleKind.CORE && ledger.skipped().isEmpty()) {
        core++;
        if (ledger.completedEver().isPresent()) {
          coreDone++;
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (String id : timeline.order()) {
      Module module = protocol.module(id).orElseThrow();
      ModuleLedger ledger = timeline.module(id).orElseThrow();
      if (ledger.skipped().isEmpty()
          && (module.kind() == ModuleKind.CORE
              || ledger.assigned().isPresent()
              || ledger.released().isPresent())) {
        path.add(id);
      }
    }
    Optional<String> nextModule =
        path.stream()
            .filter(
                id ->
                    byId.get(id).status() == ModuleStatus.AVAILABLE
                        || byId.get(id).status() == ModuleStatus.IN_PROGRESS)
            .findFirst();
    List<Session> sessions = timeline.sessions();
    Instant at = timeline.at();
    Optional<Session> next =
        timeline.isPaused()
            ? Optional.empty()
            : sessions.stream()
                .filter(s -> s.status() == SessionStatus.PLANNED)
                .filter(s -> !s.instant().isBefore(at))
                .findFirst();
    int attended = 0;
    for (Session session : sessions) {
      if (timeline.attendedAt(session.number()).isPresent()) {
        attended++;
      }
    }
    return new Parts(
        List.copyOf(modules),
        sessions,
        next,
        new ProgressSummary(attended, protocol.sessionPlan().sessions(), coreDone, core),
        List.copyOf(path),
        nextModule);
  }

  private ModuleState state(Module module, ModuleLedger ledger, Moment now) {
    String id = module.id();
    OptionalInt session = ledger.assigned().orElse(OptionalInt.empty());
    int times = ledger.repeats();
    if (ledger.skipped().isPresent()) {
      return new ModuleState(
          id,
          ModuleStatus.SKIPPED,
          Reason.of(
              "skipped",
              true,
              "skipped by the therapist on " + now.localDate(ledger.skipped().get().at())),
          session,
          times);
    }
    if (ledger.opened().isEmpty()) {
      Rule rule = module.unlock().orElseThrow();
      return new ModuleState(
          id,
          ModuleStatus.LOCKED,
          new Reason(
              "locked",
              false,
              "locked: needs " + Explain.unmet(rule, id, now),
              List.of(Explain.tree(rule, id, now))),
          session,
          times);
    }
    Reason open = opened(module, ledger.opened().get());
    if (ledger.repeatedAt().isPresent()) {
      open =
          new Reason(
              "repeated",
              true,
              "repeat asked by the therapist on "
                  + now.localDate(ledger.repeatedAt().get())
                  + " (completed on "
                  + now.localDate(ledger.repeatedAfter().orElseThrow())
                  + ")",
              List.of(open));
    }
    if (ledger.completed().isPresent()) {
      return new ModuleState(
          id,
          ModuleStatus.COMPLETED,
          new Reason(
              "completed",
              true,
              "completed on " + now.localDate(ledger.completed().get()),
              List.of(open)),
          session,
          times);
    }
    if (ledger.started().isPresent()) {
      return new ModuleState(
          id,
          ModuleStatus.IN_PROGRESS,
          new Reason(
              "in-progress",
              true,
              "started on " + now.localDate(ledger.started().get()),
              List.of(open)),
          session,
          times);
    }
    return new ModuleState(id, ModuleStatus.AVAILABLE, open, session, times);
  }

  /** Why a module is open, with its rule explained as it stood when it opened. */
  private Reason opened(Module module, ModuleLedger.Opening opening) {
    String id = module.id();
    if (opening.by() == ModuleLedger.OpenedBy.NO_RULE) {
      return Reason.of("open-from-start", true, "open from the start");
    }
    Moment then = timeline.momentOf(opening.fact());
    Rule rule = module.unlock().orElseThrow();
    List<Reason> tree = List.of(Explain.tree(rule, id, then));
    return switch (opening.by()) {
      case RULE_FROM_START ->
          new Reason(
              "rule-satisfied", true, "open from the start: " + Explain.describe(rule), tree);
      case RULE ->
          new Reason(
              "rule-satisfied",
              true,
              "opened on " + then.localDate(opening.fact().at()) + ": " + Explain.describe(rule),
              tree);
      case RELEASE -> new Reason("released", true, Explain.releaseText(opening, then), tree);
      case ASSIGNMENT -> new Reason("assigned", true, Explain.releaseText(opening, then), tree);
      case NO_RULE -> throw new IllegalStateException("a module without a rule is answered above");
    };
  }

  /**
   * Finds a module's state.
   *
   * @param moduleId the module id
   * @return its state, or empty when the protocol has no such module
   */
  public Optional<ModuleState> module(String moduleId) {
    return modules().stream().filter(m -> m.id().equals(moduleId)).findFirst();
  }

  /**
   * Returns the exact instant a module left {@code locked}: the event that opened it, the start of
   * the local day a {@code daysSinceStart} threshold was crossed, or the start (session 1 as first
   * planned) for a module open from the start. Module reminders count from this instant.
   *
   * @param moduleId the module id
   * @return the instant, or empty while locked or when there is no such module
   */
  public Optional<Instant> openedAt(String moduleId) {
    Instant start = timeline.start();
    return timeline
        .module(moduleId)
        .flatMap(ModuleLedger::opened)
        .map(o -> o.fact().at().isBefore(start) ? start : o.fact().at());
  }

  /**
   * Returns when a module was first started, completed or skipped: what stops its module reminders.
   *
   * @param moduleId the module id
   * @return the instant, or empty
   */
  public Optional<Instant> startedAt(String moduleId) {
    return timeline.module(moduleId).flatMap(ModuleLedger::firstTouched);
  }

  /**
   * Returns a session by number.
   *
   * @param number the session number, from 1
   * @return the session
   * @throws IndexOutOfBoundsException if there is no such session
   */
  public Session session(int number) {
    return sessions().get(number - 1);
  }

  /**
   * Returns the reminders of this client in {@code [from, to)}, firing or suppressed, read from the
   * history up to {@link #at()}; modules that rules will open by time alone count as opening when
   * they will. Cost: in proportion to the window (widened to whole local days for the daily cap)
   * and to the occurrences backoff looks back over; never the whole plan.
   *
   * <p>Every occurrence is resolved from local intent in the client's zone (a time in a
   * spring-forward gap moves forward by the gap, a time in an autumn overlap is the earlier
   * instant; a {@code zone-changed} event re-resolves intents from its instant on, each intent
   * firing exactly once), then either fires or is suppressed with the first reason that applies:
   * discharged, paused, opted out, task already done, quiet hours, backoff, daily cap. Caps and
   * backoff are decided per whole local day and per policy history, never per query window, so
   * {@code [a,b)} plus {@code [b,c)} always equals {@code [a,c)}.
   *
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the reminders and the suppressed occurrences, each sorted by instant, then id
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  public ReminderSchedule reminders(Instant from, Instant to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException(
          "the window starts after it ends: from " + from + ", to " + to);
    }
    return Queries.reminders().between(timeline, from, to);
  }

  /**
   * Returns the next reminders that fire at or after an instant (phones keep at most 64 pending).
   * Cost: in proportion to the time until the last one.
   *
   * @param after the instant, inclusive
   * @param count how many at most
   * @return up to {@code count} reminders, sorted by instant, then id
   */
  public List<Reminder> nextReminders(Instant after, int count) {
    return Queries.reminders().next(timeline, after, count);
  }

  Reports reports() {
    Reports r = reports;
    if (r == null) {
      r = new Reports(this);
      reports = r;
    }
    return r;
  }

  /**
   * Returns every questionnaire recorded up to the query instant, in canonical order, with its
   * total, severity band and the session it belongs to (the latest session attended before it).
   *
   * @return the measures
   */
  public List<MeasureResult> measures() {
    return reports().measures();
  }

  /**
   * Returns the questionnaires the protocol's {@code measures} make due at each attended session,
   * with whether each is due, done or overdue, in session order, then protocol order.
   *
   * @return the due measures
   */
  public List<DueMeasure> dueMeasures() {
    return reports().dueMeasures();
  }

  /**
   * Returns the risk flags: one for each PHQ-9 up to the query instant with item 9 answered above
   * 0, whatever its total, in canonical order.
   *
   * @return the flags
   */
  public List<RiskFlag> risk() {
    return reports().risk();
  }

  /**
   * Returns the standard outcome flags on the first and latest complete measure pair, with the
   * scores they used; final once the client is discharged.
   *
   * @return the outcome, or empty while no complete pair of the depression and anxiety measures
   *     belongs to one session
   */
  public Optional<Outcome> outcome() {
    return reports().outcome();
  }

  /**
   * Returns the bridge summary for the next session with a therapist: what happened since the last
   * attended face-to-face (or telephone or video) session, up to the query instant.
   *
   * @return the summary
   */
  public Bridge bridge() {
    return reports().bridge();
  }

  /**
   * Returns a fidelity record for each attended session, in the order of attendance.
   *
   * @return the records
   */
  public List<FidelityRecord> fidelity() {
    return reports().fidelity();
  }

  /**
   * Returns adherence per week and overall, counting the mood-rating prompts the reminders of the
   * plan so far fired.
   *
   * @return the adherence
   */
  public Adherence adherence() {
    return reports().adherence();
  }

  /**
   * Two states are equal when they answer alike: same instant, enrolment, pinned protocol, history,
   * modules, sessions, next session, rejections, progress and path.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ClientState s
        && s.at().equals(at())
        && s.enrolment().equals(enrolment())
        && s.pinned().equals(pinned())
        && s.history().equals(history())
        && s.parts().equals(parts())
        && s.rejected().equals(rejected());
  }

  @Override
  public int hashCode() {
    return Objects.hash(at(), pinned(), history(), parts());
  }

  /** Returns a summary without the client reference or any health data. */
  @Override
  public String toString() {
    return "ClientState[at="
        + at()
        + ", protocol="
        + protocol().id()
        + " "
        + protocol().version()
        + ", modules="
        + modules()
        + ", sessions="
        + sessions().size()
        + ", rejected="
        + rejected().size()
        + "]";
  }
}
