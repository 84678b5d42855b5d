package org.blendedtherapy.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionFold;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Progress;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.SessionType;

/**
 * Folds a history, in canonical order, into a client's state. Mutable, one per query; the result is
 * copied into an immutable {@link ClientState}.
 */
final class Fold implements Progress {
  private final Protocol protocol;
  private final Enrolment enrolment;
  private final SessionFold sessions;
  // First start and first completion ever: what rules and progress see, a repeat included.
  private final Map<String, Instant> startedEver = new HashMap<>();
  private final Map<String, Instant> completedEver = new HashMap<>();
  // The current round: a repeat clears these, so the module is available (then in progress) again.
  private final Map<String, Instant> started = new HashMap<>();
  private final Map<String, Instant> completed = new HashMap<>();
  private final Map<String, String> released = new HashMap<>();
  private final Map<String, Instant> skipped = new HashMap<>();
  private final Map<String, Reason> opened = new HashMap<>();
  private final Map<String, Instant> repeatedAt = new HashMap<>();
  private final Map<String, Instant> repeatedAfter = new HashMap<>();
  private final Map<String, Integer> repeats = new HashMap<>();
  private final Map<String, OptionalInt> assigned = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  private final Map<String, Integer> latest = new HashMap<>();
  private final Map<String, Integer> baseline = new HashMap<>();
  private final List<Rejection> rejected = new ArrayList<>();
  // The day counts at which some daysSinceStart condition turns true: between two events, the only
  // moments a rule's verdict can change.
  private final NavigableSet<Long> thresholds = new TreeSet<>();
  private Instant now;
  private boolean beforeStart;

  Fold(Protocol protocol, Enrolment enrolment) {
    this.protocol = protocol;
    this.enrolment = enrolment;
    this.sessions = new SessionFold(protocol, enrolment);
    for (Module module : protocol.modules()) {
      order.add(module.id());
      if (module.isOpenFromStart()) {
        opened.put(module.id(), Reason.of("open-from-start", true, "open from the start"));
      }
      module.unlock().ifPresent(this::collectThresholds);
    }
    // Rules are first evaluated before anything happened, the day before the start (every day
    // before the start gives the same verdicts, as no daysSinceStart holds yet), then after each
    // event and at each threshold day in between. The moments a rule is evaluated at thus never
    // depend on the query instant, so a module that is open at one instant is open at every later
    // one.
    this.now = startDate().minusDays(1).atStartOfDay(enrolment.zone()).toInstant();
    beforeStart = true;
    evaluate();
    beforeStart = false;
  }

  private void collectThresholds(Rule rule) {
    if (rule.kind() == Rule.Kind.DAYS_SINCE_START) {
      thresholds.add((long) ((Rule.DaysSinceStart) rule).atLeast());
    }
    rule.children().forEach(this::collectThresholds);
  }

  /** Evaluates the rules at every threshold day after now, up to and including an instant. */
  private void advanceTo(Instant next) {
    long from = daysSinceStart();
    long to = ChronoUnit.DAYS.between(startDate(), localDate(next));
    if (to > from) {
      for (long day : thresholds.subSet(from, false, to, true)) {
        now = startDate().plusDays(day).atStartOfDay(enrolment.zone()).toInstant();
        evaluate();
      }
    }
  }

  void apply(Event event) {
    advanceTo(event.at());
    now = event.at();
    Optional<String> refused =
        SessionFold.handles(event.type()) ? sessions.apply(event) : check(event);
    if (refused.isPresent()) {
      rejected.add(new Rejection(event.id(), refused.get()));
      return;
    }
    evaluate();
  }

  void finish(Instant at) {
    advanceTo(at);
    now = at;
    evaluate();
  }

  private Optional<String> check(Event event) {
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
                  baseline.putIfAbsent(measure.instrument(), score);
                  latest.put(measure.instrument(), score);
                });
        return Optional.empty();
      case REMINDER_OPTED_OUT:
      case REMINDER_OPTED_IN:
        String id = ((Event.PolicyEvent) event).policy();
        Optional<ReminderPolicy> policy =
            protocol.reminders().stream().filter(p -> p.id().equals(id)).findFirst();
        if (policy.isEmpty()) {
          return Optional.of("no reminder policy \"" + id + "\" in the protocol");
        }
        if (!policy.get().optOut()) {
          return Optional.of("policy \"" + id + "\" does not allow opting out (optOut is false)");
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private Optional<String> module(Event.ModuleEvent event) {
    String id = event.module();
    Optional<Module> found = protocol.module(id);
    if (found.isEmpty()) {
      return Optional.of(noModule(id));
    }
    Module module = found.get();
    if (skipped.containsKey(id)) {
      return Optional.of(wasSkipped(id));
    }
    switch (event.type()) {
      case MODULE_STARTED:
        if (!opened.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is locked");
        }
        if (started.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is already started");
        }
        started.put(id, now);
        startedEver.putIfAbsent(id, now);
        return Optional.empty();
      case MODULE_COMPLETED:
        if (!opened.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is locked");
        }
        if (completed.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is already completed");
        }
        started.putIfAbsent(id, now);
        startedEver.putIfAbsent(id, now);
        completed.put(id, now);
        completedEver.putIfAbsent(id, now);
        return Optional.empty();
      case MODULE_RELEASED:
        {
          Optional<String> refused = refuseRelease(module);
          if (refused.isPresent()) {
            return refused;
          }
          release(module, "released by the therapist on " + localDate(now), "released");
          return Optional.empty();
        }
      case MODULE_REPEATED:
        if (!protocol.tailoring().repeat()) {
          return Optional.of("tailoring.repeat is false");
        }
        if (!completed.containsKey(id)) {
          return Optional.of(
              "module \"" + id + "\" is not completed, so there is nothing to repeat yet");
        }
        repeatedAfter.put(id, completed.get(id));
        started.remove(id);
        completed.remove(id);
        repeatedAt.put(id, now);
        repeats.merge(id, 1, Integer::sum);
        return Optional.empty();
      case MODULE_SKIPPED:
      default:
        if (!protocol.tailoring().maySkip(module.kind())) {
          return Optional.of(
              "tailoring.skip does not include "
                  + module.kind().json()
                  + " modules, so \""
                  + id
                  + "\" cannot be skipped");
        }
        if (completed.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is already completed");
        }
        skipped.put(id, now);
        return Optional.empty();
    }
  }

  /** Why a release of a module would be refused, or empty when it would be accepted. */
  private Optional<String> refuseRelease(Module module) {
    boolean hasLeaf = module.unlock().map(Fold::hasReleaseLeaf).orElse(false);
    if (!protocol.tailoring().release() && !hasLeaf) {
      return Optional.of(
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
  private void release(Module module, String text, String code) {
    String id = module.id();
    released.putIfAbsent(id, text);
    if (protocol.tailoring().release() && !opened.containsKey(id)) {
      List<Reason> rule =
          module.unlock().map(r -> List.of(Explain.tree(r, id, this))).orElse(List.of());
      opened.put(id, new Reason(code, true, text, rule));
    }
  }

  private Optional<String> assign(Event.ModuleAssigned event) {
    String id = event.module();
    Optional<Module> found = protocol.module(id);
    if (found.isEmpty()) {
      return Optional.of(noModule(id));
    }
    if (skipped.containsKey(id)) {
      return Optional.of(wasSkipped(id));
    }
    if (!protocol.tailoring().assign()) {
      return Optional.of("tailoring.assign is false");
    }
    if (event.session().isPresent()) {
      int n = event.session().getAsInt();
      int planned = protocol.sessionPlan().sessions();
      if (n < 1 || n > planned) {
        return Optional.of("session " + n + " is outside the plan (sessions 1 to " + planned + ")");
      }
      SessionType type = protocol.sessionPlan().typeOf(n);
      if (type != SessionType.ONLINE) {
        return Optional.of(
            "session "
                + n
                + " is a "
                + type.json()
                + " session; a module is assigned to an online session");
      }
    }
    assigned.put(id, event.session());
    // An assignment opens the module when a release of it would be accepted.
    if (refuseRelease(found.get()).isEmpty()) {
      String text =
          "assigned by the therapist on "
              + localDate(now)
              + event.session().stream()
                  .mapToObj(n -> " for online session " + n)
                  .findFirst()
                  .orElse("");
      release(found.get(), text, "assigned");
    }
    return Optional.empty();
  }

  private Optional<String> reorder(Event.ModulesReordered event) {
    if (!protocol.tailoring().reorder()) {
      return Optional.of("tailoring.reorder is false");
    }
    Set<String> seen = new HashSet<>();
    for (String id : event.order()) {
      if (protocol.module(id).isEmpty()) {
        return Optional.of(noModule(id));
      }
      if (!seen.add(id)) {
        return Optional.of("module \"" + id + "\" is listed twice in the order");
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

  /** Opens every module whose rule holds now; an opened module never closes again. */
  private void evaluate() {
    for (Module module : protocol.modules()) {
      if (!opened.containsKey(module.id())) {
        Rule rule = module.unlock().orElseThrow();
        if (rule.isSatisfiedFor(module.id(), this)) {
          opened.put(
              module.id(),
              new Reason(
                  "rule-satisfied",
                  true,
                  (beforeStart ? "open from the start: " : "opened on " + localDate(now) + ": ")
                      + Explain.describe(rule),
                  List.of(Explain.tree(rule, module.id(), this))));
        }
      }
    }
  }

  LocalDate localDate(Instant instant) {
    return instant.atZone(enrolment.zone()).toLocalDate();
  }

  LocalDate startDate() {
    return enrolment.start().toLocalDate();
  }

  Optional<LocalDate> startedOn(String module) {
    return Optional.ofNullable(startedEver.get(module)).map(this::localDate);
  }

  Optional<LocalDate> completedOn(String module) {
    return Optional.ofNullable(completedEver.get(module)).map(this::localDate);
  }

  Optional<LocalDate> skippedOn(String module) {
    return Optional.ofNullable(skipped.get(module)).map(this::localDate);
  }

  Optional<String> releaseText(String module) {
    return Optional.ofNullable(released.get(module));
  }

  ClientState result(String sha256, Instant at, History history) {
    List<ModuleState> modules = new ArrayList<>();
    Map<String, ModuleState> byId = new HashMap<>();
    int core = 0;
    int coreDone = 0;
    for (Module module : protocol.modules()) {
      ModuleState state = state(module);
      modules.add(state);
      byId.put(module.id(), state);
      if (module.kind() == ModuleKind.CORE && !skipped.containsKey(module.id())) {
        core++;
        if (completedEver.containsKey(module.id())) {
          coreDone++;
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (String id : order) {
      if (isInPath(protocol.module(id).orElseThrow())) {
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
    List<Session> sessionList = sessions.sessions();
    Optional<Session> next =
        sessions.isPaused()
            ? Optional.empty()
            : sessionList.stream()
                .filter(s -> s.status() == SessionStatus.PLANNED)
                .filter(s -> !s.instant().isBefore(at))
                .findFirst();
    return new ClientState(
        at,
        enrolment,
        protocol,
        sha256,
        history,
        modules,
        sessionList,
        next,
        rejected,
        new ProgressSummary(
            sessions.attended(Optional.empty()), protocol.sessionPlan().sessions(), coreDone, core),
        path,
        nextModule);
  }

  /**
   * The client's path: every core module that is not skipped, and the optional modules a therapist
   * assigned or released.
   */
  private boolean isInPath(Module module) {
    String id = module.id();
    return !skipped.containsKey(id)
        && (module.kind() == ModuleKind.CORE
            || assigned.containsKey(id)
            || released.containsKey(id));
  }

  private ModuleState state(Module module) {
    String id = module.id();
    OptionalInt session = assigned.getOrDefault(id, OptionalInt.empty());
    int times = repeats.getOrDefault(id, 0);
    if (skipped.containsKey(id)) {
      return new ModuleState(
          id,
          ModuleStatus.SKIPPED,
          Reason.of("skipped", true, "skipped by the therapist on " + localDate(skipped.get(id))),
          session,
          times);
    }
    Reason open = opened.get(id);
    if (open == null) {
      Rule rule = module.unlock().orElseThrow();
      return new ModuleState(
          id,
          ModuleStatus.LOCKED,
          new Reason(
              "locked",
              false,
              "locked: needs " + Explain.unmet(rule, id, this),
              List.of(Explain.tree(rule, id, this))),
          session,
          times);
    }
    if (repeatedAt.containsKey(id)) {
      open =
          new Reason(
              "repeated",
              true,
              "repeat asked by the therapist on "
                  + localDate(repeatedAt.get(id))
                  + " (completed on "
                  + localDate(repeatedAfter.get(id))
                  + ")",
              List.of(open));
    }
    if (completed.containsKey(id)) {
      return new ModuleState(
          id,
          ModuleStatus.COMPLETED,
          new Reason(
              "completed", true, "completed on " + localDate(completed.get(id)), List.of(open)),
          session,
          times);
    }
    if (started.containsKey(id)) {
      return new ModuleState(
          id,
          ModuleStatus.IN_PROGRESS,
          new Reason(
              "in-progress", true, "started on " + localDate(started.get(id)), List.of(open)),
          session,
          times);
    }
    return new ModuleState(id, ModuleStatus.AVAILABLE, open, session, times);
  }

  @Override
  public boolean isCompleted(String module) {
    return completedEver.containsKey(module) || skipped.containsKey(module);
  }

  @Override
  public boolean isStarted(String module) {
    return startedEver.containsKey(module) || skipped.containsKey(module);
  }

  @Override
  public boolean isReleased(String module) {
    return released.containsKey(module);
  }

  @Override
  public int attended(Optional<SessionType> type) {
    return sessions.attended(type);
  }

  @Override
  public long daysSinceStart() {
    return ChronoUnit.DAYS.between(enrolment.start().toLocalDate(), localDate(now));
  }

  @Override
  public OptionalInt latestScore(String instrument) {
    Integer score = latest.get(instrument);
    return score == null ? OptionalInt.empty() : OptionalInt.of(score);
  }

  @Override
  public OptionalInt baselineScore(String instrument) {
    Integer score = baseline.get(instrument);
    return score == null ? OptionalInt.empty() : OptionalInt.of(score);
  }
}
