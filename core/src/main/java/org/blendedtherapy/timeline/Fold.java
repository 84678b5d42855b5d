package org.blendedtherapy.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.internal.Chain;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.SessionType;

/**
 * The one fold of a client's history: events in canonical order, one at a time, each accepted or
 * rejected once, every fact recorded with the position and instant it was made at. Mutable and not
 * thread-safe; {@link Timeline} guards it and hands out frozen views.
 *
 * <p>Cost: linear in events; an event that can change a rule's verdict costs O(rules that read what
 * it changes) for rule evaluation, every event O(1) otherwise (amortised); each threshold day
 * crossed costs O(modules).
 */
final class Fold {
  /** The zone in effect from an instant on. */
  record ZoneFrom(Instant at, ZoneId zone) {}

  /** The sessions' meant local times from an instant on (until the next version). */
  record PlanVersion(Instant from, LocalDateTime[] locals) {}

  /** A closed or open pause: [from, until). */
  record Pause(Instant from, Instant until) {}

  final Protocol protocol;
  final Enrolment enrolment;
  final Shape shape;
  final SessionFold sessions;
  // One ledger per module, in protocol order.
  final ModuleLedger[] ledgers;
  final List<String> order;
  final int[] attendedSeq;
  final Instant[] attendedAt;
  final Instant[] cancelledAt;
  final Map<Instrument, Chain<int[]>> scores;
  // Views of scores as of now, refreshed when a score is added: what rules read.
  final Map<Instrument, List<int[]>> scoreViews;
  final Chain<Rejection> rejected;
  // The position (seq - 1) of each rejected event, in order; below rejectedCount never rewritten.
  int[] rejectedAt = new int[0];
  int rejectedCount;
  final Chain<ZoneFrom> zones;
  final Chain<PlanVersion> versions;
  final Chain<Pause> pauses;
  final Instants moods;
  // Per policy index: the responses, each tagged with its run of ignored prompts (saturated at
  // RUN_CAP; see ignoredRun).
  final Instants[] responses;
  // Responses naming no policy of the protocol, by the name between the id's first two dots.
  Map<String, Instants> otherResponses;
  // Per policy index: opt-outs (tag 1) and opt-ins (tag 0), or null while none.
  final Instants[] opts;
  // Modules still locked.
  int locked;
  // The next daysSinceStart threshold not yet crossed, and the instant it is crossed at.
  int nextThreshold;
  Instant nextThresholdAt;
  Instant pausedAt;
  int seq;
  Instant now;
  Instant lastEventAt;

  /** The largest run of ignored prompts a response's tag holds; longer runs are chained. */
  static final int RUN_CAP = 127;

  // A frozen fold is never folded into: a timeline that holds one folds on in a copy.
  final boolean frozen;

  // The migrations the host gave, and those this client went through, oldest first.
  final Migrations routes;
  List<Timeline.Migrated> migrated = List.of();
  // The protocol and enrolment the fold started from, before any migration: what a refold uses.
  Protocol originProtocol;
  Enrolment originEnrolment;

  Fold(Protocol protocol, Enrolment enrolment) {
    this(protocol, enrolment, Migrations.none());
  }

  Fold(Protocol protocol, Enrolment enrolment, Migrations routes) {
    this.protocol = protocol;
    this.enrolment = enrolment;
    this.routes = routes;
    this.originProtocol = protocol;
    this.originEnrolment = enrolment;
    this.frozen = false;
    this.order = new ArrayList<>();
    this.scores = new HashMap<>();
    this.scoreViews = new HashMap<>();
    this.rejected = new Chain<>();
    this.zones = new Chain<>();
    this.versions = new Chain<>();
    this.pauses = new Chain<>();
    this.moods = new Instants(false);
    this.shape = Shape.of(protocol);
    this.sessions = new SessionFold(protocol, enrolment);
    int count = protocol.sessionPlan().sessions();
    attendedSeq = new int[count];
    attendedAt = new Instant[count];
    cancelledAt = new Instant[count];
    responses = new Instants[shape.policies.length];
    opts = new Instants[shape.policies.length];
    Module[] modules = shape.modules;
    ledgers = new ModuleLedger[modules.length];
    for (int i = 0; i < modules.length; i++) {
      Module module = modules[i];
      order.add(module.id());
      ModuleLedger ledger = new ModuleLedger(module.id());
      if (module.isOpenFromStart()) {
        ledger.opened =
            new ModuleLedger.Opening(
                ModuleLedger.OpenedBy.NO_RULE,
                new ModuleLedger.Fact(0, startInstant()),
                OptionalInt.empty());
      } else {
        locked++;
      }
      ledgers[i] = ledger;
    }
    zones.add(new ZoneFrom(Instant.MIN, enrolment.zone()));
    versions.add(new PlanVersion(Instant.MIN, sessions.resolvedLocals()));
    // Rules are first evaluated before anything happened, the day before the start (every day
    // before the start gives the same verdicts, as no daysSinceStart holds yet), then after each
    // event that can change a rule's verdict and at each threshold day in between. The moments a
    // rule is evaluated at thus never depend on the query instant, so a module that is open at one
    // instant is open at every later one.
    now = startDate().minusDays(1).atStartOfDay(enrolment.zone()).toInstant();
    syncThresholds();
    evaluateAll(true);
  }

  /**
   * A copy of a fold. A frozen copy is never folded into and holds its columns in arrays of exactly
   * their size, without caches: what a compact timeline keeps; an open copy folds on apart from the
   * fold it was copied from.
   *
   * @param from the fold
   * @param frozen whether the copy is frozen
   */
  private Fold(Fold from, boolean frozen) {
    this.protocol = from.protocol;
    this.enrolment = from.enrolment;
    this.routes = from.routes;
    this.migrated = from.migrated;
    this.originProtocol = from.originProtocol;
    this.originEnrolment = from.originEnrolment;
    this.shape = from.shape;
    this.frozen = frozen;
    this.sessions = new SessionFold(from.sessions, frozen);
    this.ledgers = from.copyLedgers();
    this.order =
        from.order.equals(java.util.Arrays.asList(shape.moduleIds))
            ? (frozen ? shape.moduleOrder : new ArrayList<>(from.order))
            : new ArrayList<>(from.order);
    this.attendedSeq = from.attendedSeq.clone();
    this.attendedAt = from.attendedAt.clone();
    this.cancelledAt = frozen ? Frozen.orShared(from.cancelledAt) : from.cancelledAt.clone();
    if (frozen) {
      // Only the views: a fold copied from this one rebuilds the chains from them.
      Map<Instrument, List<int[]>> views = new HashMap<>();
      from.scoreViews.forEach((k, v) -> views.put(k, List.copyOf(v)));
      this.scores = Map.of();
      this.scoreViews = Map.copyOf(views);
    } else {
      this.scores = new HashMap<>();
      this.scoreViews = new HashMap<>();
      from.scoreViews.forEach(
          (k, v) -> {
            Chain<int[]> chain = new Chain<>();
            v.forEach(chain::add);
            scores.put(k, chain);
            scoreViews.put(k, chain.view());
          });
    }
    this.rejected = from.rejected.copy(from.rejected.size());
    this.rejectedAt = java.util.Arrays.copyOf(from.rejectedAt, from.rejectedCount);
    this.rejectedCount = from.rejectedCount;
    this.zones = from.zones.copy(from.zones.size());
    this.versions = from.versions.copy(from.versions.size());
    this.pauses = from.pauses.copy(from.pauses.size());
    this.moods = copy(from.moods, frozen);
    this.responses = new Instants[from.responses.length];
    this.opts = new Instants[from.opts.length];
    for (int i = 0; i < responses.length; i++) {
      responses[i] = copy(from.responses[i], frozen);
      opts[i] = copy(from.opts[i], frozen);
    }
    if (from.otherResponses != null) {
      otherResponses = new HashMap<>();
      from.otherResponses.forEach((k, v) -> otherResponses.put(k, copy(v, frozen)));
    }
    this.locked = from.locked;
    this.nextThreshold = from.nextThreshold;
    this.nextThresholdAt = from.nextThresholdAt;
    this.pausedAt = from.pausedAt;
    this.seq = from.seq;
    this.now = from.now;
    this.lastEventAt = from.lastEventAt;
  }

  private static Instants copy(Instants column, boolean frozen) {
    return column == null ? null : frozen ? column.trimmed() : column.fork();
  }

  /** A copy of this fold that is never folded into, in arrays of exactly their size. */
  Fold frozenCopy() {
    return new Fold(this, true);
  }

  /** A copy of this fold that folds on apart from it. */
  Fold openCopy() {
    return new Fold(this, false);
  }

  /** Finds the first threshold day not yet crossed at {@link #now}. */
  void syncThresholds() {
    long[] thresholds = shape.thresholds;
    nextThreshold = 0;
    nextThresholdAt = null;
    while (nextThreshold < thresholds.length) {
      Instant at = thresholdAt(thresholds[nextThreshold]);
      if (at.isAfter(now)) {
        nextThresholdAt = at;
        return;
      }
      nextThreshold++;
    }
  }

  private Instant thresholdAt(long day) {
    return startDate().plusDays(day).atStartOfDay(enrolment.zone()).toInstant();
  }

  /** The ledger of a module, or null when the protocol has none. */
  ModuleLedger ledger(String id) {
    int i = shape.module(id);
    return i < 0 ? null : ledgers[i];
  }

  Instant startInstant() {
    return org.blendedtherapy.plan.Times.instant(enrolment.start(), enrolment.zone());
  }

  LocalDate startDate() {
    return enrolment.start().toLocalDate();
  }

  LocalDate localDate(Instant instant) {
    return instant.atZone(enrolment.zone()).toLocalDate();
  }

  Moment moment() {
    return new Moment(
        ledgers,
        shape,
        attendedSeq,
        protocol.sessionPlan(),
        scoreViews,
        seq,
        now,
        enrolment.zone(),
        startDate());
  }

  /** Evaluates the rules at every threshold day after now, up to and including an instant. */
  private void advanceTo(Instant next) {
    while (nextThresholdAt != null && !next.isBefore(nextThresholdAt)) {
      now = nextThresholdAt;
      nextThreshold++;
      nextThresholdAt =
          nextThreshold < shape.thresholds.length
              ? thresholdAt(shape.thresholds[nextThreshold])
              : null;
      evaluateAll(false);
    }
  }

  /** Moves to the instant of the next event: thresholds crossed, then the event's position. */
  private void step(Instant at) {
    if (nextThresholdAt != null && !at.isBefore(nextThresholdAt)) {
      advanceTo(at);
    }
    seq++;
    now = at;
    lastEventAt = at;
  }

  /** Folds one event, which must come after every event folded so far in canonical order. */
  void apply(Event event) {
    // The two kinds most events are, by a class test rather than a call: a mood rating and a
    // response are always accepted and change no rule.
    if (event instanceof Event.MoodRated mood) {
      Instant at = mood.at();
      step(at);
      moods.add(at);
      return;
    }
    if (event instanceof Event.ReminderEvent response) {
      Instant at = response.at();
      step(at);
      respond(response, at);
      return;
    }
    step(event.at());
    Optional<Refusal> refused = SessionFold.handles(event.type()) ? session(event) : check(event);
    if (refused.isPresent()) {
      Rejection rejection =
          Results.rejection(event.id(), refused.get().code(), refused.get().reason());
      rejected.add(rejection);
      if (rejectedCount == rejectedAt.length) {
        rejectedAt = java.util.Arrays.copyOf(rejectedAt, rejectedCount * 2 + 4);
      }
      rejectedAt[rejectedCount++] = seq - 1;
      return;
    }
    index(event);
    if (locked > 0) {
      reevaluate(event);
    }
  }

  /**
   * Evaluates the rules an accepted event can change: a module event changes the rules that read
   * that module, a release or assignment the module's own rule, an attendance the rules that count
   * sessions, a score the rules that read its instrument. Nothing else changes what rules read (a
   * repeat changes only the current round, which rules do not read), and daysSinceStart changes
   * only at the threshold days, where every rule is evaluated.
   */
  private void reevaluate(Event event) {
    boolean changesRules =
        switch (event.type()) {
          case MODULE_STARTED, MODULE_COMPLETED, MODULE_SKIPPED -> {
            evaluate(shape.readingModule(((Event.ModuleEvent) event).module()));
            yield true;
          }
          case MODULE_RELEASED -> {
            evaluate(shape.module(((Event.ModuleEvent) event).module()));
            yield true;
          }
          case MODULE_ASSIGNED -> {
            evaluate(shape.module(((Event.ModuleAssigned) event).module()));
            yield true;
          }
          case SESSION_ATTENDED -> {
            evaluate(shape.byAttendance);
            yield true;
          }
          case MEASURE_RECORDED -> {
            Event.MeasureRecorded measure = (Event.MeasureRecorded) event;
            if (measure.score().isPresent()) {
              evaluate(shape.readingInstrument(measure.instrument()));
            }
            yield true;
          }
          case SESSION_SCHEDULED,
              SESSION_MISSED,
              SESSION_CANCELLED,
              MODULES_REORDERED,
              MODULE_REPEATED,
              MOOD_RATED,
              REMINDER_ACKNOWLEDGED,
              REMINDER_IGNORED,
              REMINDER_OPTED_OUT,
              REMINDER_OPTED_IN,
              PAUSED,
              RESUMED,
              DISCHARGED,
              ZONE_CHANGED,
              PROTOCOL_MIGRATED ->
              false;
        };
  }

  private Optional<Refusal> session(Event event) {
    Optional<Refusal> refused = sessions.apply(event);
    if (refused.isPresent()) {
      return refused;
    }
    boolean indexed =
        switch (event.type()) {
          case SESSION_ATTENDED -> {
            int i = event.aboutSession().getAsInt() - 1;
            attendedSeq[i] = seq;
            attendedAt[i] = event.at();
            yield true;
          }
          case SESSION_CANCELLED -> {
            cancelledAt[event.aboutSession().getAsInt() - 1] = event.at();
            yield true;
          }
          case SESSION_SCHEDULED, RESUMED -> {
            versions.add(new PlanVersion(event.at(), sessions.resolvedLocals()));
            if (event.type() == EventType.RESUMED) {
              pauses.add(new Pause(pausedAt, event.at()));
              pausedAt = null;
            }
            yield true;
          }
          case PAUSED -> {
            pausedAt = event.at();
            yield true;
          }
          case SESSION_MISSED,
              MODULE_STARTED,
              MODULE_COMPLETED,
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
              DISCHARGED,
              ZONE_CHANGED,
              PROTOCOL_MIGRATED ->
              false;
        };
    return Optional.empty();
  }

  /** Indexes an accepted event for the questions reminders ask. */
  private void index(Event event) {
    boolean indexed =
        switch (event.type()) {
          case MOOD_RATED -> {
            moods.add(event.at());
            yield true;
          }
          case ZONE_CHANGED -> {
            zones.add(new ZoneFrom(event.at(), ((Event.ZoneChanged) event).zone()));
            yield true;
          }
          case REMINDER_ACKNOWLEDGED, REMINDER_IGNORED -> {
            respond((Event.ReminderEvent) event, event.at());
            yield true;
          }
          case REMINDER_OPTED_OUT, REMINDER_OPTED_IN -> {
            int policy = shape.policy(((Event.PolicyEvent) event).policy());
            if (opts[policy] == null) {
              opts[policy] = new Instants(true);
            }
            opts[policy].add(
                event.at(), (byte) (event.type() == EventType.REMINDER_OPTED_OUT ? 1 : 0));
            yield true;
          }
          case SESSION_SCHEDULED,
              SESSION_ATTENDED,
              SESSION_MISSED,
              SESSION_CANCELLED,
              MODULE_STARTED,
              MODULE_COMPLETED,
              MODULE_RELEASED,
              MODULE_SKIPPED,
              MODULES_REORDERED,
              MODULE_REPEATED,
              MODULE_ASSIGNED,
              MEASURE_RECORDED,
              PAUSED,
              RESUMED,
              DISCHARGED,
              PROTOCOL_MIGRATED ->
              false;
        };
  }

  /**
   * Records a response to a prompt, with the run of ignored prompts it ends, for the policy the
   * event names or, in an event without one (logs written before 0.2), the policy its reminder id
   * names.
   */
  private void respond(Event.ReminderEvent event, Instant at) {
    String id = event.policy().orElseGet(() -> policyOf(event.reminder()));
    int policy = shape.policy(id);
    Instants chain;
    if (policy >= 0) {
      chain = responses[policy];
      if (chain == null) {
        chain = new Instants(true);
        responses[policy] = chain;
      }
    } else {
      if (otherResponses == null) {
        otherResponses = new HashMap<>();
      }
      chain = otherResponses.computeIfAbsent(id, k -> new Instants(true));
    }
    int run =
        event.type() == EventType.REMINDER_IGNORED
            ? (chain.size() == 0 ? 0 : ignoredRun(chain, chain.size() - 1)) + 1
            : 0;
    chain.add(at, (byte) Math.min(run, RUN_CAP));
  }

  /**
   * The run of ignored prompts a response ends: its tag, or, where the tag is saturated, the cap
   * plus the run of the response that many places before (which lies in the same run, or just
   * before it with a run of 0).
   */
  static int ignoredRun(Instants responses, int i) {
    int run = 0;
    while (i >= 0) {
      int tag = responses.tag(i);
      run += tag;
      if (tag < RUN_CAP) {
        break;
      }
      i -= RUN_CAP;
    }
    return run;
  }

  /**
   * The policy a reminder id names ({@code CLIENTHASH.POLICY.…}, see {@code Reminders.id}): its
   * second dot-separated part, or the empty string when it has fewer parts.
   */
  static String policyOf(String id) {
    int first = id.indexOf('.');
    int second = first < 0 ? -1 : id.indexOf('.', first + 1);
    return second < 0 ? "" : id.substring(first + 1, second);
  }

  private Optional<Refusal> check(Event event) {
    return switch (event.type()) {
      // Reached only when refused: an accepted migration is folded by next(), into a new fold.
      case PROTOCOL_MIGRATED ->
          refuseMigration((Event.ProtocolMigrated) event)
              .or(() -> refuse(RejectionCode.MIGRATION_REFUSED, "the migration was not folded"));
      case MODULE_STARTED, MODULE_COMPLETED, MODULE_RELEASED, MODULE_SKIPPED, MODULE_REPEATED ->
          module((Event.ModuleEvent) event);
      case MODULE_ASSIGNED -> assign((Event.ModuleAssigned) event);
      case MODULES_REORDERED -> reorder((Event.ModulesReordered) event);
      case MEASURE_RECORDED -> {
        Event.MeasureRecorded measure = (Event.MeasureRecorded) event;
        measure
            .score()
            .ifPresent(
                score -> {
                  Chain<int[]> chain =
                      scores.computeIfAbsent(measure.instrument(), k -> new Chain<>());
                  chain.add(new int[] {seq, score});
                  scoreViews.put(measure.instrument(), chain.view());
                });
        yield Optional.empty();
      }
      case REMINDER_OPTED_OUT, REMINDER_OPTED_IN -> {
        String id = ((Event.PolicyEvent) event).policy();
        int policy = shape.policy(id);
        if (policy < 0) {
          yield Fold.refuse(
              RejectionCode.UNKNOWN_POLICY, "no reminder policy \"" + id + "\" in the protocol");
        }
        if (!shape.optOut[policy]) {
          yield Fold.refuse(
              RejectionCode.OPT_OUT_NOT_ALLOWED,
              "policy \"" + id + "\" does not allow opting out (optOut is false)");
        }
        yield Optional.empty();
      }
      case SESSION_SCHEDULED,
          SESSION_ATTENDED,
          SESSION_MISSED,
          SESSION_CANCELLED,
          MOOD_RATED,
          REMINDER_ACKNOWLEDGED,
          REMINDER_IGNORED,
          PAUSED,
          RESUMED,
          DISCHARGED,
          ZONE_CHANGED ->
          Optional.empty();
    };
  }

  private Optional<Refusal> module(Event.ModuleEvent event) {
    String id = event.module();
    int index = shape.module(id);
    if (index < 0) {
      return Fold.refuse(RejectionCode.UNKNOWN_MODULE, noModule(id));
    }
    Module module = shape.modules[index];
    ModuleLedger ledger = ledgers[index];
    if (ledger.skipped != null) {
      return Fold.refuse(RejectionCode.MODULE_SKIPPED, wasSkipped(id));
    }
    ModuleLedger.Fact fact = new ModuleLedger.Fact(seq, now);
    return switch (event.type()) {
      case MODULE_STARTED -> {
        if (ledger.opened == null) {
          yield Fold.refuse(RejectionCode.MODULE_LOCKED, "module \"" + id + "\" is locked");
        }
        if (ledger.started != null) {
          yield Fold.refuse(
              RejectionCode.ALREADY_STARTED, "module \"" + id + "\" is already started");
        }
        ledger.started = now;
        if (ledger.startedEver == null) {
          ledger.startedEver = fact;
        }
        yield Optional.empty();
      }
      case MODULE_COMPLETED -> {
        if (ledger.opened == null) {
          yield Fold.refuse(RejectionCode.MODULE_LOCKED, "module \"" + id + "\" is locked");
        }
        if (ledger.completed != null) {
          yield Fold.refuse(
              RejectionCode.ALREADY_COMPLETED, "module \"" + id + "\" is already completed");
        }
        if (ledger.started == null) {
          ledger.started = now;
        }
        if (ledger.startedEver == null) {
          ledger.startedEver = fact;
        }
        ledger.completed = now;
        if (ledger.completedEver == null) {
          ledger.completedEver = fact;
        }
        yield Optional.empty();
      }
      case MODULE_RELEASED -> {
        Optional<Refusal> refused = refuseRelease(module);
        if (refused.isPresent()) {
          yield refused;
        }
        release(ledger, ModuleLedger.OpenedBy.RELEASE, OptionalInt.empty());
        yield Optional.empty();
      }
      case MODULE_REPEATED -> {
        if (!protocol.tailoring().repeat()) {
          yield Fold.refuse(RejectionCode.TAILORING_FORBIDS, "tailoring.repeat is false");
        }
        if (ledger.completed == null) {
          yield Fold.refuse(
              RejectionCode.NOT_COMPLETED,
              "module \"" + id + "\" is not completed, so there is nothing to repeat yet");
        }
        ledger.repeatedAfter = ledger.completed;
        ledger.started = null;
        ledger.completed = null;
        ledger.repeatedAt = now;
        ledger.repeats++;
        yield Optional.empty();
      }
      case MODULE_SKIPPED -> {
        if (!protocol.tailoring().maySkip(module.kind())) {
          yield Fold.refuse(
              RejectionCode.TAILORING_FORBIDS,
              "tailoring.skip does not include "
                  + module.kind().json()
                  + " modules, so \""
                  + id
                  + "\" cannot be skipped");
        }
        if (ledger.completed != null) {
          yield Fold.refuse(
              RejectionCode.ALREADY_COMPLETED, "module \"" + id + "\" is already completed");
        }
        ledger.skipped = fact;
        yield Optional.empty();
      }
      case SESSION_SCHEDULED,
          SESSION_ATTENDED,
          SESSION_MISSED,
          SESSION_CANCELLED,
          MODULES_REORDERED,
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
          PROTOCOL_MIGRATED ->
          throw new IllegalArgumentException("not a module event: " + event.type());
    };
  }

  /** Why a release of a module would be refused, or empty when it would be accepted. */
  private Optional<Refusal> refuseRelease(Module module) {
    boolean hasLeaf = shape.hasReleaseLeaf[shape.module(module.id())];
    if (!protocol.tailoring().release() && !hasLeaf) {
      return Fold.refuse(
          RejectionCode.TAILORING_FORBIDS,
          "tailoring.release is false and the rule of \""
              + module.id()
              + "\" has no therapistRelease condition");
    }
    return Optional.empty();
  }

  /**
   * Records a release: it satisfies the module's therapistRelease leaves and, under
   * tailoring.release, opens the module whatever its rule says.
   */
  private void release(ModuleLedger ledger, ModuleLedger.OpenedBy by, OptionalInt session) {
    ModuleLedger.Opening opening =
        new ModuleLedger.Opening(by, new ModuleLedger.Fact(seq, now), session);
    if (ledger.released == null) {
      ledger.released = opening;
    }
    if (protocol.tailoring().release() && ledger.opened == null) {
      ledger.opened = opening;
      locked--;
    }
  }

  private Optional<Refusal> assign(Event.ModuleAssigned event) {
    String id = event.module();
    int index = shape.module(id);
    if (index < 0) {
      return Fold.refuse(RejectionCode.UNKNOWN_MODULE, noModule(id));
    }
    ModuleLedger ledger = ledgers[index];
    if (ledger.skipped != null) {
      return Fold.refuse(RejectionCode.MODULE_SKIPPED, wasSkipped(id));
    }
    if (!protocol.tailoring().assign()) {
      return Fold.refuse(RejectionCode.TAILORING_FORBIDS, "tailoring.assign is false");
    }
    if (event.session().isPresent()) {
      int n = event.session().getAsInt();
      int planned = protocol.sessionPlan().sessions();
      if (n < 1 || n > planned) {
        return Fold.refuse(
            RejectionCode.UNKNOWN_SESSION,
            "session " + n + " is outside the plan (sessions 1 to " + planned + ")");
      }
      SessionType type = protocol.sessionPlan().typeOf(n);
      if (type != SessionType.ONLINE) {
        return Fold.refuse(
            RejectionCode.NOT_ONLINE_SESSION,
            "session "
                + n
                + " is a "
                + type.json()
                + " session; a module is assigned to an online session");
      }
    }
    ledger.assigned = event.session();
    // An assignment opens the module when a release of it would be accepted.
    if (refuseRelease(shape.modules[index]).isEmpty()) {
      release(ledger, ModuleLedger.OpenedBy.ASSIGNMENT, event.session());
    }
    return Optional.empty();
  }

  private Optional<Refusal> reorder(Event.ModulesReordered event) {
    if (!protocol.tailoring().reorder()) {
      return Fold.refuse(RejectionCode.TAILORING_FORBIDS, "tailoring.reorder is false");
    }
    Set<String> seen = new HashSet<>();
    for (String id : event.order()) {
      if (shape.module(id) < 0) {
        return Fold.refuse(RejectionCode.UNKNOWN_MODULE, noModule(id));
      }
      if (!seen.add(id)) {
        return Fold.refuse(
            RejectionCode.LISTED_TWICE, "module \"" + id + "\" is listed twice in the order");
      }
    }
    List<String> rest = new ArrayList<>(order);
    rest.removeAll(event.order());
    order.clear();
    order.addAll(event.order());
    order.addAll(rest);
    return Optional.empty();
  }

  private static String noModule(String id) {
    return "no module \"" + id + "\" in the protocol";
  }

  private static String wasSkipped(String id) {
    return "module \"" + id + "\" was skipped";
  }

  static Optional<Refusal> refuse(RejectionCode code, String reason) {
    return Optional.of(new Refusal(code, reason));
  }

  /** Opens every module whose rule holds now; an opened module never closes again. */
  private void evaluateAll(boolean beforeStart) {
    if (locked == 0) {
      return;
    }
    Moment moment = null;
    for (int i = 0; i < ledgers.length; i++) {
      if (ledgers[i].opened == null) {
        if (moment == null) {
          moment = moment();
        }
        open(i, moment, beforeStart);
      }
    }
  }

  /** Opens those of some modules whose rule holds now. */
  private void evaluate(int[] which) {
    Moment moment = null;
    for (int i : which) {
      if (ledgers[i].opened == null) {
        if (moment == null) {
          moment = moment();
        }
        open(i, moment, false);
      }
    }
  }

  /** Opens a module whose rule holds now. */
  private void evaluate(int i) {
    if (i >= 0 && ledgers[i].opened == null) {
      open(i, moment(), false);
    }
  }

  private void open(int i, Moment moment, boolean beforeStart) {
    Module module = shape.modules[i];
    if (module.unlock().orElseThrow().isSatisfiedFor(module.id(), moment)) {
      ledgers[i].opened =
          new ModuleLedger.Opening(
              beforeStart ? ModuleLedger.OpenedBy.RULE_FROM_START : ModuleLedger.OpenedBy.RULE,
              new ModuleLedger.Fact(seq, now),
              OptionalInt.empty());
      locked--;
    }
  }

  /**
   * Folds one event into this fold, or, for an accepted {@code protocol-migrated} event, into a new
   * fold of the target protocol that carries this one's progress across; returns the fold to go on
   * with. This fold is left as it was for a migration, so timelines sharing it stay right.
   */
  static Fold next(Fold fold, Event event) {
    if (event instanceof Event.ProtocolMigrated migrated
        && fold.refuseMigration(migrated).isEmpty()) {
      return fold.migrate(migrated);
    }
    fold.apply(event);
    return fold;
  }

  /** Why a migration does not fit this client now, or empty when it does. */
  Optional<Refusal> refuseMigration(Event.ProtocolMigrated event) {
    Optional<Migrations.Step> step = routes.find(event.migration());
    if (step.isEmpty()) {
      return refuse(
          RejectionCode.UNKNOWN_MIGRATION,
          "no migration with SHA-256 " + event.migration() + " was given");
    }
    Migration migration = step.get().migration();
    ProtocolPin pin = enrolment.protocol();
    if (!migration.from().equals(pin)) {
      return refuse(
          RejectionCode.MIGRATION_REFUSED,
          "the migration moves clients from "
              + migration.from().id()
              + " "
              + migration.from().version()
              + " but the client is on "
              + pin.id()
              + " "
              + pin.version());
    }
    if (sessions.dischargedAt().isPresent()) {
      return refuse(RejectionCode.DISCHARGED, "the client was discharged before this event");
    }
    int blocking =
        sessions.blocksMigration(
            migration.newPlanFrom(), step.get().to().protocol().sessionPlan().sessions());
    if (blocking > 0) {
      return refuse(
          RejectionCode.MIGRATION_REFUSED,
          "session "
              + blocking
              + " is already recorded, but the migration plans it anew (newPlanFrom "
              + migration.newPlanFrom()
              + ", "
              + step.get().to().protocol().sessionPlan().sessions()
              + " sessions in the new protocol)");
    }
    return Optional.empty();
  }

  /** The fold of the target protocol at the migration event, with this one's progress carried. */
  private Fold migrate(Event.ProtocolMigrated event) {
    Migrations.Step step = routes.find(event.migration()).orElseThrow();
    Migration migration = step.migration();
    Protocol target = step.to().protocol();
    // Thresholds the old rules cross before the migration still count; on a copy, so timelines
    // sharing this fold are left as they were.
    Fold old = openCopy();
    if (old.nextThresholdAt != null && !event.at().isBefore(old.nextThresholdAt)) {
      old.advanceTo(event.at());
    }
    Set<String> optedOut = new java.util.TreeSet<>();
    for (String policy : enrolment.preferences().optedOut()) {
      migration.policy(policy).ifPresent(optedOut::add);
    }
    Map<String, List<java.time.LocalTime>> times = new java.util.TreeMap<>();
    enrolment
        .preferences()
        .reminderTimes()
        .forEach((policy, list) -> migration.policy(policy).ifPresent(p -> times.put(p, list)));
    Enrolment moved =
        new Enrolment(
            enrolment.client(),
            step.to().pin(),
            enrolment.start(),
            enrolment.zone(),
            new org.blendedtherapy.client.Preferences(
                enrolment.preferences().quietHours(), Set.copyOf(optedOut), Map.copyOf(times)));
    Fold next = new Fold(target, moved, routes);
    next.originProtocol = originProtocol;
    next.originEnrolment = originEnrolment;
    next.carry(old, migration, event);
    return next;
  }

  /** Carries an old fold's progress into this fresh fold of the target protocol. */
  private void carry(Fold old, Migration migration, Event.ProtocolMigrated event) {
    int seqAt = old.seq + 1;
    Instant at = event.at();
    // Modules: every ledger moved into a new module, merged as the migration says.
    Map<String, List<ModuleLedger>> into = new HashMap<>();
    Map<String, Migration.Merge> merges = new HashMap<>();
    for (ModuleLedger ledger : old.ledgers) {
      if (migration.target(ledger.id()) instanceof Migration.Moved moved
          && shape.module(moved.into()) >= 0) {
        into.computeIfAbsent(moved.into(), k -> new ArrayList<>()).add(ledger);
        merges.put(moved.into(), moved.merge());
      }
    }
    locked = 0;
    for (int i = 0; i < ledgers.length; i++) {
      ModuleLedger fresh = new ModuleLedger(shape.modules[i].id());
      List<ModuleLedger> sources = into.get(fresh.id());
      if (sources != null) {
        ModuleLedger.merge(fresh, sources, merges.get(fresh.id()) == Migration.Merge.ALL);
      }
      ledgers[i] = fresh;
      if (fresh.opened == null) {
        if (shape.modules[i].isOpenFromStart()) {
          fresh.opened =
              new ModuleLedger.Opening(
                  ModuleLedger.OpenedBy.NO_RULE,
                  new ModuleLedger.Fact(seqAt, at),
                  OptionalInt.empty());
        } else {
          locked++;
        }
      }
    }
    List<String> carriedOrder = new ArrayList<>();
    for (String id : old.order) {
      if (migration.target(id) instanceof Migration.Moved moved
          && shape.module(moved.into()) >= 0
          && !carriedOrder.contains(moved.into())) {
        carriedOrder.add(moved.into());
      }
    }
    for (String id : shape.moduleIds) {
      if (!carriedOrder.contains(id)) {
        carriedOrder.add(id);
      }
    }
    order.clear();
    order.addAll(carriedOrder);
    // Sessions: kept before newPlanFrom, planned anew from it.
    SessionFold carried =
        new SessionFold(protocol, enrolment, old.sessions, migration.newPlanFrom());
    sessions.copyFrom(carried);
    int kept =
        Math.min(migration.newPlanFrom() - 1, Math.min(attendedAt.length, old.attendedAt.length));
    for (int i = 0; i < kept; i++) {
      attendedSeq[i] = old.attendedSeq[i];
      attendedAt[i] = old.attendedAt[i];
      cancelledAt[i] = old.cancelledAt[i];
    }
    // The client's own facts: scores, moods, zones, pauses, rejections.
    old.scoreViews.forEach(
        (k, v) -> {
          Chain<int[]> chain = new Chain<>();
          v.forEach(chain::add);
          scores.put(k, chain);
          scoreViews.put(k, chain.view());
        });
    for (int i = 0; i < old.rejected.size(); i++) {
      rejected.add(old.rejected.get(i));
    }
    rejectedAt = java.util.Arrays.copyOf(old.rejectedAt, old.rejectedCount);
    rejectedCount = old.rejectedCount;
    zones.clear();
    for (int i = 0; i < old.zones.size(); i++) {
      zones.add(old.zones.get(i));
    }
    pauses.clear();
    for (int i = 0; i < old.pauses.size(); i++) {
      pauses.add(old.pauses.get(i));
    }
    // Earlier plan versions keep their times, in the new plan's length (what readers index by).
    LocalDateTime[] planned = sessions.resolvedLocals();
    versions.clear();
    for (int i = 0; i < old.versions.size(); i++) {
      PlanVersion version = old.versions.get(i);
      LocalDateTime[] locals = planned.clone();
      System.arraycopy(
          version.locals(), 0, locals, 0, Math.min(locals.length, version.locals().length));
      versions.add(new PlanVersion(version.from(), locals));
    }
    versions.add(new PlanVersion(at, planned));
    for (int i = 0; i < old.moods.size(); i++) {
      moods.add(old.moods.get(i));
    }
    // Responses and opt-outs: by the policy each old one becomes.
    for (int p = 0; p < old.shape.policies.length; p++) {
      Optional<String> target = migration.policy(old.shape.policies[p]);
      int q = target.isPresent() ? shape.policy(target.get()) : -1;
      if (q < 0) {
        continue;
      }
      responses[q] = mergeColumns(responses[q], old.responses[p]);
      opts[q] = mergeColumns(opts[q], old.opts[p]);
    }
    if (old.otherResponses != null) {
      otherResponses = new HashMap<>();
      old.otherResponses.forEach((k, v) -> otherResponses.put(k, v.fork()));
    }
    pausedAt = old.pausedAt;
    List<Timeline.Migrated> history = new ArrayList<>(old.migrated);
    Map<String, String> retired = new java.util.TreeMap<>();
    for (ModuleLedger ledger : old.ledgers) {
      if (migration.target(ledger.id()) instanceof Migration.Retired) {
        retired.put(
            ledger.id(),
            ledger.completedEver != null
                ? "completed"
                : ledger.startedEver != null
                    ? "started"
                    : ledger.opened != null ? "open" : "locked");
      }
    }
    history.add(
        new Timeline.Migrated(
            event.id(),
            at,
            migration,
            routes.find(event.migration()).orElseThrow().to(),
            java.util.Collections.unmodifiableMap(retired)));
    migrated = List.copyOf(history);
    // The migration event itself: counted, then every rule of the new protocol asked at it.
    seq = old.seq;
    now = old.now;
    lastEventAt = old.lastEventAt;
    step(at);
    syncThresholds();
    evaluateAll(false);
  }

  /** Two columns of one policy, in time order; either may be null. */
  private static Instants mergeColumns(Instants a, Instants b) {
    if (b == null) {
      return a;
    }
    if (a == null) {
      return b.fork();
    }
    List<Object[]> all = new ArrayList<>();
    for (Instants column : List.of(a, b)) {
      for (int i = 0; i < column.size(); i++) {
        all.add(new Object[] {column.get(i), column.tag(i)});
      }
    }
    all.sort(java.util.Comparator.comparing(x -> (Instant) x[0]));
    Instants merged = new Instants(true);
    for (Object[] x : all) {
      merged.add((Instant) x[0], (Byte) x[1]);
    }
    return merged;
  }

  /** Writes everything this fold knows, in the order {@link #read} reads it. */
  void write(Codec.Out out) throws java.io.IOException {
    java.io.DataOutputStream d = out.out();
    d.writeInt(seq);
    out.instant(now);
    out.instant(lastEventAt);
    for (ModuleLedger ledger : ledgers) {
      out.opening(ledger.opened);
      out.opening(ledger.released);
      out.fact(ledger.startedEver);
      out.fact(ledger.completedEver);
      out.fact(ledger.skipped);
      out.instant(ledger.started);
      out.instant(ledger.completed);
      out.instant(ledger.repeatedAt);
      out.instant(ledger.repeatedAfter);
      d.writeInt(ledger.repeats);
      d.writeBoolean(ledger.assigned != null);
      if (ledger.assigned != null) {
        d.writeInt(ledger.assigned.orElse(-1));
      }
    }
    d.writeInt(order.size());
    for (String id : order) {
      d.writeUTF(id);
    }
    for (int i = 0; i < attendedSeq.length; i++) {
      d.writeInt(attendedSeq[i]);
      out.instant(attendedAt[i]);
      out.instant(cancelledAt[i]);
    }
    d.writeInt(scoreViews.size());
    // In the order of the instruments' names, as when the scores were keyed by name.
    Map<Instrument, List<int[]>> byName =
        new java.util.TreeMap<>(java.util.Comparator.comparing(Instrument::json));
    byName.putAll(scoreViews);
    for (Map.Entry<Instrument, List<int[]>> e : byName.entrySet()) {
      d.writeUTF(e.getKey().json());
      d.writeInt(e.getValue().size());
      for (int[] fact : e.getValue()) {
        d.writeInt(fact[0]);
        d.writeInt(fact[1]);
      }
    }
    d.writeInt(rejected.size());
    for (Rejection r : rejected.view()) {
      d.writeUTF(r.event());
      d.writeByte(r.code().ordinal());
      d.writeUTF(r.reason());
    }
    d.writeInt(zones.size());
    for (ZoneFrom zone : zones.view()) {
      out.instant(zone.at());
      d.writeUTF(zone.zone().getId());
    }
    d.writeInt(versions.size());
    for (PlanVersion version : versions.view()) {
      out.instant(version.from());
      for (LocalDateTime local : version.locals()) {
        out.local(local);
      }
    }
    d.writeInt(pauses.size());
    for (Pause pause : pauses.view()) {
      out.instant(pause.from());
      out.instant(pause.until());
    }
    out.instant(pausedAt);
    d.writeInt(moods.size());
    for (int i = 0; i < moods.size(); i++) {
      out.instant(moods.get(i));
    }
    java.util.TreeMap<String, Instants> byPolicy = new java.util.TreeMap<>();
    for (int i = 0; i < responses.length; i++) {
      if (responses[i] != null) {
        byPolicy.put(shape.policies[i], responses[i]);
      }
    }
    if (otherResponses != null) {
      byPolicy.putAll(otherResponses);
    }
    d.writeInt(byPolicy.size());
    for (Map.Entry<String, Instants> e : byPolicy.entrySet()) {
      Instants chain = e.getValue();
      d.writeUTF(e.getKey());
      d.writeInt(chain.size());
      for (int i = 0; i < chain.size(); i++) {
        out.instant(chain.get(i));
        d.writeInt(ignoredRun(chain, i));
      }
    }
    byPolicy.clear();
    for (int i = 0; i < opts.length; i++) {
      if (opts[i] != null) {
        byPolicy.put(shape.policies[i], opts[i]);
      }
    }
    d.writeInt(byPolicy.size());
    for (Map.Entry<String, Instants> e : byPolicy.entrySet()) {
      Instants chain = e.getValue();
      d.writeUTF(e.getKey());
      d.writeInt(chain.size());
      for (int i = 0; i < chain.size(); i++) {
        out.instant(chain.get(i));
        d.writeBoolean(chain.tag(i) != 0);
      }
    }
    sessions.write(out);
  }

  /** Reads what {@link #write} wrote into a fold just made for the same protocol and enrolment. */
  void read(Codec.In in) throws java.io.IOException {
    java.io.DataInputStream d = in.in();
    seq = d.readInt();
    now = in.instant();
    lastEventAt = in.instant();
    for (ModuleLedger ledger : ledgers) {
      ledger.opened = in.opening();
      ledger.released = in.opening();
      ledger.startedEver = in.fact();
      ledger.completedEver = in.fact();
      ledger.skipped = in.fact();
      ledger.started = in.instant();
      ledger.completed = in.instant();
      ledger.repeatedAt = in.instant();
      ledger.repeatedAfter = in.instant();
      ledger.repeats = d.readInt();
      if (d.readBoolean()) {
        int session = d.readInt();
        ledger.assigned = session < 0 ? OptionalInt.empty() : OptionalInt.of(session);
      } else {
        ledger.assigned = null;
      }
    }
    order.clear();
    for (int n = d.readInt(), i = 0; i < n; i++) {
      order.add(d.readUTF());
    }
    for (int i = 0; i < attendedSeq.length; i++) {
      attendedSeq[i] = d.readInt();
      attendedAt[i] = in.instant();
      cancelledAt[i] = in.instant();
    }
    for (int n = d.readInt(), i = 0; i < n; i++) {
      Instrument instrument = Instrument.fromJson(d.readUTF()).orElseThrow();
      Chain<int[]> chain = new Chain<>();
      for (int m = d.readInt(), j = 0; j < m; j++) {
        chain.add(new int[] {d.readInt(), d.readInt()});
      }
      scores.put(instrument, chain);
      scoreViews.put(instrument, chain.view());
    }
    org.blendedtherapy.client.RejectionCode[] codes =
        org.blendedtherapy.client.RejectionCode.values();
    for (int n = d.readInt(), i = 0; i < n; i++) {
      rejected.add(Results.rejection(d.readUTF(), codes[d.readUnsignedByte()], d.readUTF()));
      // Restored rejections have no position: a restored timeline answers no verdict by position.
      if (rejectedCount == rejectedAt.length) {
        rejectedAt = java.util.Arrays.copyOf(rejectedAt, rejectedCount * 2 + 4);
      }
      rejectedAt[rejectedCount++] = -1;
    }
    Chain<ZoneFrom> readZones = new Chain<>();
    for (int n = d.readInt(), i = 0; i < n; i++) {
      readZones.add(new ZoneFrom(in.instant(), ZoneId.of(d.readUTF())));
    }
    replace(zones, readZones);
    Chain<PlanVersion> readVersions = new Chain<>();
    int count = attendedSeq.length;
    for (int n = d.readInt(), i = 0; i < n; i++) {
      Instant from = in.instant();
      LocalDateTime[] locals = new LocalDateTime[count];
      for (int j = 0; j < count; j++) {
        locals[j] = in.local();
      }
      readVersions.add(new PlanVersion(from, locals));
    }
    replace(versions, readVersions);
    for (int n = d.readInt(), i = 0; i < n; i++) {
      pauses.add(new Pause(in.instant(), in.instant()));
    }
    pausedAt = in.instant();
    for (int n = d.readInt(), i = 0; i < n; i++) {
      moods.add(in.instant());
    }
    for (int n = d.readInt(), i = 0; i < n; i++) {
      String policy = d.readUTF();
      int index = shape.policy(policy);
      Instants chain = new Instants(true);
      if (index >= 0) {
        responses[index] = chain;
      } else {
        if (otherResponses == null) {
          otherResponses = new HashMap<>();
        }
        otherResponses.put(policy, chain);
      }
      for (int m = d.readInt(), j = 0; j < m; j++) {
        Instant at = in.instant();
        chain.add(at, (byte) Math.min(d.readInt(), RUN_CAP));
      }
    }
    for (int n = d.readInt(), i = 0; i < n; i++) {
      Instants chain = new Instants(true);
      opts[policyIndexOrFail(d.readUTF())] = chain;
      for (int m = d.readInt(), j = 0; j < m; j++) {
        Instant at = in.instant();
        chain.add(at, (byte) (d.readBoolean() ? 1 : 0));
      }
    }
    sessions.read(in);
    locked = 0;
    for (ModuleLedger ledger : ledgers) {
      if (ledger.opened == null) {
        locked++;
      }
    }
    syncThresholds();
  }

  /** Empties a chain a new fold began and fills it from another (the chains are final). */
  private static <T> void replace(Chain<T> into, Chain<T> from) {
    into.clear();
    for (T item : from.view()) {
      into.add(item);
    }
  }

  private int policyIndexOrFail(String policy) {
    int index = shape.policy(policy);
    if (index < 0) {
      throw new IllegalArgumentException("the snapshot names a policy the protocol does not have");
    }
    return index;
  }

  ModuleLedger[] copyLedgers() {
    ModuleLedger[] copy = new ModuleLedger[ledgers.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = ledgers[i].copy();
    }
    return copy;
  }
}
