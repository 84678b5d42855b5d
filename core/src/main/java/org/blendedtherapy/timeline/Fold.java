package org.blendedtherapy.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.internal.Chain;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.SessionType;

/**
 * The one fold of a client's history: events in canonical order, one at a time, each accepted or
 * rejected once, every fact recorded with the position and instant it was made at. Mutable and not
 * thread-safe; {@link Timeline} guards it and hands out frozen views.
 *
 * <p>Cost: linear in events; each event costs O(modules) for rule evaluation plus O(log n) at most.
 */
final class Fold {
  /** The zone in effect from an instant on. */
  record ZoneFrom(Instant at, ZoneId zone) {}

  /** The sessions' meant local times from an instant on (until the next version). */
  record PlanVersion(Instant from, LocalDateTime[] locals) {}

  /** A closed or open pause: [from, until). */
  record Pause(Instant from, Instant until) {}

  /** A response to a prompt of a policy, with the run of ignored prompts it ends on. */
  record Response(Instant at, int ignoredRun) {}

  /** An opt-out or opt-in of a policy. */
  record Opt(Instant at, boolean out) {}

  final Protocol protocol;
  final Enrolment enrolment;
  final SessionFold sessions;
  final Map<String, ModuleLedger> modules = new LinkedHashMap<>();
  final List<String> order = new ArrayList<>();
  final int[] attendedSeq;
  final Instant[] attendedAt;
  final Instant[] cancelledAt;
  final Map<String, Chain<int[]>> scores = new HashMap<>();
  // Views of scores as of now, refreshed when a score is added: what rules read.
  final Map<String, List<int[]>> scoreViews = new HashMap<>();
  final Chain<Rejection> verdicts = new Chain<>();
  final Chain<Rejection> rejected = new Chain<>();
  final Chain<ZoneFrom> zones = new Chain<>();
  final Chain<PlanVersion> versions = new Chain<>();
  final Chain<Pause> pauses = new Chain<>();
  final Chain<Instant> moods = new Chain<>();
  final Map<String, Chain<Response>> responses = new HashMap<>();
  final Map<String, Chain<Opt>> opts = new HashMap<>();
  final NavigableSet<Long> thresholds;
  final Set<String> optOutPolicies = new HashSet<>();
  final Set<String> policies = new HashSet<>();
  Instant pausedAt;
  int seq;
  Instant now;
  Instant lastEventAt;

  Fold(Protocol protocol, Enrolment enrolment) {
    this.protocol = protocol;
    this.enrolment = enrolment;
    this.sessions = new SessionFold(protocol, enrolment);
    int count = protocol.sessionPlan().sessions();
    attendedSeq = new int[count];
    attendedAt = new Instant[count];
    cancelledAt = new Instant[count];
    thresholds = thresholdsOf(protocol);
    for (ReminderPolicy policy : protocol.reminders()) {
      policies.add(policy.id());
      if (policy.optOut()) {
        optOutPolicies.add(policy.id());
      }
    }
    for (Module module : protocol.modules()) {
      order.add(module.id());
      ModuleLedger ledger = new ModuleLedger(module.id());
      if (module.isOpenFromStart()) {
        ledger.opened =
            new ModuleLedger.Opening(
                ModuleLedger.OpenedBy.NO_RULE,
                new ModuleLedger.Fact(0, startInstant()),
                OptionalInt.empty());
      }
      modules.put(module.id(), ledger);
    }
    zones.add(new ZoneFrom(Instant.MIN, enrolment.zone()));
    versions.add(new PlanVersion(Instant.MIN, sessions.resolvedLocals()));
    // Rules are first evaluated before anything happened, the day before the start (every day
    // before the start gives the same verdicts, as no daysSinceStart holds yet), then after each
    // event and at each threshold day in between. The moments a rule is evaluated at thus never
    // depend on the query instant, so a module that is open at one instant is open at every later
    // one.
    now = startDate().minusDays(1).atStartOfDay(enrolment.zone()).toInstant();
    evaluate(true);
  }

  static NavigableSet<Long> thresholdsOf(Protocol protocol) {
    NavigableSet<Long> out = new TreeSet<>();
    for (Module module : protocol.modules()) {
      module.unlock().ifPresent(rule -> collect(rule, out));
    }
    return out;
  }

  private static void collect(Rule rule, NavigableSet<Long> out) {
    if (rule.kind() == Rule.Kind.DAYS_SINCE_START) {
      out.add((long) ((Rule.DaysSinceStart) rule).atLeast());
    }
    rule.children().forEach(c -> collect(c, out));
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
    return moment(modules, seq, now);
  }

  Moment moment(Map<String, ModuleLedger> ledgers, int atSeq, Instant instant) {
    return new Moment(
        ledgers,
        attendedSeq,
        protocol.sessionPlan(),
        scoreViews,
        atSeq,
        instant,
        enrolment.zone(),
        startDate());
  }

  /** Evaluates the rules at every threshold day after now, up to and including an instant. */
  private void advanceTo(Instant next) {
    if (thresholds.isEmpty()) {
      return;
    }
    long from = ChronoUnit.DAYS.between(startDate(), localDate(now));
    long to = ChronoUnit.DAYS.between(startDate(), localDate(next));
    if (to > from) {
      for (long day : thresholds.subSet(from, false, to, true)) {
        now = startDate().plusDays(day).atStartOfDay(enrolment.zone()).toInstant();
        evaluate(false);
      }
    }
  }

  /** Folds one event, which must come after every event folded so far in canonical order. */
  void apply(Event event) {
    advanceTo(event.at());
    seq++;
    now = event.at();
    lastEventAt = event.at();
    Optional<Refusal> refused = SessionFold.handles(event.type()) ? session(event) : check(event);
    if (refused.isPresent()) {
      Rejection rejection = new Rejection(event.id(), refused.get().code(), refused.get().reason());
      verdicts.add(rejection);
      rejected.add(rejection);
      return;
    }
    verdicts.add(null);
    index(event);
    if (canChangeProgress(event.type())) {
      evaluate(false);
    }
  }

  /**
   * Whether an accepted event of a type can change what rules read: only module events, attendance
   * and measures do; a mood rating, a reminder response or a zone change never opens a module, so
   * rules are not evaluated after them.
   */
  private static boolean canChangeProgress(EventType type) {
    switch (type) {
      case MODULE_STARTED:
      case MODULE_COMPLETED:
      case MODULE_RELEASED:
      case MODULE_SKIPPED:
      case MODULE_REPEATED:
      case MODULE_ASSIGNED:
      case SESSION_ATTENDED:
      case MEASURE_RECORDED:
        return true;
      default:
        return false;
    }
  }

  private Optional<Refusal> session(Event event) {
    Optional<Refusal> refused = sessions.apply(event);
    if (refused.isPresent()) {
      return refused;
    }
    switch (event.type()) {
      case SESSION_ATTENDED:
        {
          int i = event.aboutSession().getAsInt() - 1;
          attendedSeq[i] = seq;
          attendedAt[i] = event.at();
          break;
        }
      case SESSION_CANCELLED:
        cancelledAt[event.aboutSession().getAsInt() - 1] = event.at();
        break;
      case SESSION_SCHEDULED:
      case RESUMED:
        versions.add(new PlanVersion(event.at(), sessions.resolvedLocals()));
        if (event.type() == EventType.RESUMED) {
          pauses.add(new Pause(pausedAt, event.at()));
          pausedAt = null;
        }
        break;
      case PAUSED:
        pausedAt = event.at();
        break;
      default:
        break;
    }
    return Optional.empty();
  }

  /** Indexes an accepted event for the questions reminders ask. */
  private void index(Event event) {
    switch (event.type()) {
      case MOOD_RATED:
        moods.add(event.at());
        break;
      case ZONE_CHANGED:
        zones.add(new ZoneFrom(event.at(), ((Event.ZoneChanged) event).zone()));
        break;
      case REMINDER_ACKNOWLEDGED:
      case REMINDER_IGNORED:
        {
          Chain<Response> chain =
              responses.computeIfAbsent(
                  policyOf(((Event.ReminderEvent) event).reminder(), policies), k -> new Chain<>());
          int run = chain.size() == 0 ? 0 : chain.last().ignoredRun();
          chain.add(
              new Response(event.at(), event.type() == EventType.REMINDER_IGNORED ? run + 1 : 0));
          break;
        }
      case REMINDER_OPTED_OUT:
      case REMINDER_OPTED_IN:
        opts.computeIfAbsent(((Event.PolicyEvent) event).policy(), k -> new Chain<>())
            .add(new Opt(event.at(), event.type() == EventType.REMINDER_OPTED_OUT));
        break;
      default:
        break;
    }
  }

  /**
   * Returns the policy a reminder id names: {@code CLIENTHASH.POLICY.…}.
   *
   * @param id a reminder id
   * @return the policy id, or the empty string when the id is not one of ours
   */
  static String policyOf(String id, Set<String> known) {
    // Most ids name a known policy: find it without cutting a new string out of the id.
    int first = id.indexOf('.');
    if (first >= 0) {
      for (String policy : known) {
        int end = first + 1 + policy.length();
        if (id.startsWith(policy, first + 1) && end < id.length() && id.charAt(end) == '.') {
          return policy;
        }
      }
    }
    return policyOf(id);
  }

  static String policyOf(String id) {
    int first = id.indexOf('.');
    int second = first < 0 ? -1 : id.indexOf('.', first + 1);
    return second < 0 ? "" : id.substring(first + 1, second);
  }

  private Optional<Refusal> check(Event event) {
    switch (event.type()) {
      case MODULE_STARTED:
      case MODULE_COMPLETED:
      case MODULE_RELEASED:
      case MODULE_SKIPPED:
      case MODULE_REPEATED:
        return module((Event.ModuleEvent) event);
      case MODULE_ASSIGNED:
        return assign((Event.ModuleAssigned) event);
      case MODULES_REORDERED:
        return reorder((Event.ModulesReordered) event);
      case MEASURE_RECORDED:
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
        return Optional.empty();
      case REMINDER_OPTED_OUT:
      case REMINDER_OPTED_IN:
        String id = ((Event.PolicyEvent) event).policy();
        if (!policies.contains(id)) {
          return Fold.refuse(
              RejectionCode.UNKNOWN_POLICY, "no reminder policy \"" + id + "\" in the protocol");
        }
        if (!optOutPolicies.contains(id)) {
          return Fold.refuse(
              RejectionCode.OPT_OUT_NOT_ALLOWED,
              "policy \"" + id + "\" does not allow opting out (optOut is false)");
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private Optional<Refusal> module(Event.ModuleEvent event) {
    String id = event.module();
    Optional<Module> found = protocol.module(id);
    if (found.isEmpty()) {
      return Fold.refuse(RejectionCode.UNKNOWN_MODULE, noModule(id));
    }
    Module module = found.get();
    ModuleLedger ledger = modules.get(id);
    if (ledger.skipped != null) {
      return Fold.refuse(RejectionCode.MODULE_SKIPPED, wasSkipped(id));
    }
    ModuleLedger.Fact fact = new ModuleLedger.Fact(seq, now);
    switch (event.type()) {
      case MODULE_STARTED:
        if (ledger.opened == null) {
          return Fold.refuse(RejectionCode.MODULE_LOCKED, "module \"" + id + "\" is locked");
        }
        if (ledger.started != null) {
          return Fold.refuse(
              RejectionCode.ALREADY_STARTED, "module \"" + id + "\" is already started");
        }
        ledger.started = now;
        if (ledger.startedEver == null) {
          ledger.startedEver = fact;
        }
        return Optional.empty();
      case MODULE_COMPLETED:
        if (ledger.opened == null) {
          return Fold.refuse(RejectionCode.MODULE_LOCKED, "module \"" + id + "\" is locked");
        }
        if (ledger.completed != null) {
          return Fold.refuse(
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
        return Optional.empty();
      case MODULE_RELEASED:
        {
          Optional<Refusal> refused = refuseRelease(module);
          if (refused.isPresent()) {
            return refused;
          }
          release(ledger, ModuleLedger.OpenedBy.RELEASE, OptionalInt.empty());
          return Optional.empty();
        }
      case MODULE_REPEATED:
        if (!protocol.tailoring().repeat()) {
          return Fold.refuse(RejectionCode.TAILORING_FORBIDS, "tailoring.repeat is false");
        }
        if (ledger.completed == null) {
          return Fold.refuse(
              RejectionCode.NOT_COMPLETED,
              "module \"" + id + "\" is not completed, so there is nothing to repeat yet");
        }
        ledger.repeatedAfter = ledger.completed;
        ledger.started = null;
        ledger.completed = null;
        ledger.repeatedAt = now;
        ledger.repeats++;
        return Optional.empty();
      case MODULE_SKIPPED:
      default:
        if (!protocol.tailoring().maySkip(module.kind())) {
          return Fold.refuse(
              RejectionCode.TAILORING_FORBIDS,
              "tailoring.skip does not include "
                  + module.kind().json()
                  + " modules, so \""
                  + id
                  + "\" cannot be skipped");
        }
        if (ledger.completed != null) {
          return Fold.refuse(
              RejectionCode.ALREADY_COMPLETED, "module \"" + id + "\" is already completed");
        }
        ledger.skipped = fact;
        return Optional.empty();
    }
  }

  /** Why a release of a module would be refused, or empty when it would be accepted. */
  private Optional<Refusal> refuseRelease(Module module) {
    boolean hasLeaf = module.unlock().map(Fold::hasReleaseLeaf).orElse(false);
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
    }
  }

  private Optional<Refusal> assign(Event.ModuleAssigned event) {
    String id = event.module();
    Optional<Module> found = protocol.module(id);
    if (found.isEmpty()) {
      return Fold.refuse(RejectionCode.UNKNOWN_MODULE, noModule(id));
    }
    ModuleLedger ledger = modules.get(id);
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
    if (refuseRelease(found.get()).isEmpty()) {
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
      if (protocol.module(id).isEmpty()) {
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

  private static boolean hasReleaseLeaf(Rule rule) {
    return rule.kind() == Rule.Kind.THERAPIST_RELEASE
        || rule.children().stream().anyMatch(Fold::hasReleaseLeaf);
  }

  static Optional<Refusal> refuse(RejectionCode code, String reason) {
    return Optional.of(new Refusal(code, reason));
  }

  /** Opens every module whose rule holds now; an opened module never closes again. */
  private void evaluate(boolean beforeStart) {
    Moment moment = null;
    for (Module module : protocol.modules()) {
      ModuleLedger ledger = modules.get(module.id());
      if (ledger.opened == null) {
        if (moment == null) {
          moment = moment();
        }
        if (module.unlock().orElseThrow().isSatisfiedFor(module.id(), moment)) {
          ledger.opened =
              new ModuleLedger.Opening(
                  beforeStart ? ModuleLedger.OpenedBy.RULE_FROM_START : ModuleLedger.OpenedBy.RULE,
                  new ModuleLedger.Fact(seq, now),
                  OptionalInt.empty());
        }
      }
    }
  }

  /** Writes everything this fold knows, in the order {@link #read} reads it. */
  void write(Codec.Out out) throws java.io.IOException {
    java.io.DataOutputStream d = out.out();
    d.writeInt(seq);
    out.instant(now);
    out.instant(lastEventAt);
    for (ModuleLedger ledger : modules.values()) {
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
    d.writeInt(scores.size());
    for (Map.Entry<String, Chain<int[]>> e : new java.util.TreeMap<>(scores).entrySet()) {
      d.writeUTF(e.getKey());
      d.writeInt(e.getValue().size());
      for (int[] fact : e.getValue().view()) {
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
    for (Instant mood : moods.view()) {
      out.instant(mood);
    }
    d.writeInt(responses.size());
    for (Map.Entry<String, Chain<Response>> e : new java.util.TreeMap<>(responses).entrySet()) {
      d.writeUTF(e.getKey());
      d.writeInt(e.getValue().size());
      for (Response r : e.getValue().view()) {
        out.instant(r.at());
        d.writeInt(r.ignoredRun());
      }
    }
    d.writeInt(opts.size());
    for (Map.Entry<String, Chain<Opt>> e : new java.util.TreeMap<>(opts).entrySet()) {
      d.writeUTF(e.getKey());
      d.writeInt(e.getValue().size());
      for (Opt o : e.getValue().view()) {
        out.instant(o.at());
        d.writeBoolean(o.out());
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
    for (ModuleLedger ledger : modules.values()) {
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
      String instrument = d.readUTF();
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
      rejected.add(new Rejection(d.readUTF(), codes[d.readUnsignedByte()], d.readUTF()));
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
      Chain<Response> chain = new Chain<>();
      responses.put(d.readUTF(), chain);
      for (int m = d.readInt(), j = 0; j < m; j++) {
        chain.add(new Response(in.instant(), d.readInt()));
      }
    }
    for (int n = d.readInt(), i = 0; i < n; i++) {
      Chain<Opt> chain = new Chain<>();
      opts.put(d.readUTF(), chain);
      for (int m = d.readInt(), j = 0; j < m; j++) {
        chain.add(new Opt(in.instant(), d.readBoolean()));
      }
    }
    sessions.read(in);
  }

  /** Empties a chain a new fold began and fills it from another (the chains are final). */
  private static <T> void replace(Chain<T> into, Chain<T> from) {
    into.clear();
    for (T item : from.view()) {
      into.add(item);
    }
  }

  Map<String, ModuleLedger> copyLedgers() {
    Map<String, ModuleLedger> copy = new LinkedHashMap<>();
    modules.forEach((k, v) -> copy.put(k, v.copy()));
    return copy;
  }
}
