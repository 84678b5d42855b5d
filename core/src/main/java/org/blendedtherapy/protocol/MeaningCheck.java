package org.blendedtherapy.protocol;

import static org.blendedtherapy.internal.Pointers.index;
import static org.blendedtherapy.internal.Pointers.key;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.internal.ProtocolParts;

/**
 * The meaning layer of protocol validation: everything the JSON Schema cannot say. Runs on the
 * sound parts of a document ({@link ProtocolParts}); a check that reads a part that is not sound is
 * skipped.
 */
final class MeaningCheck {
  static final int MAX_RULE_DEPTH = 16;

  /** The most conditions (leaves) one rule may have; real rules have a handful. */
  static final int MAX_RULE_LEAVES = 1_000;

  static final int PROMPTS_PER_DAY_SMELL = 4;
  static final int WEEKS_SMELL = 20;

  /** See {@link SessionPlan#MAX_SPAN_DAYS}; every computation over a plan is bounded by it. */
  static final long MAX_PLAN_DAYS = SessionPlan.MAX_SPAN_DAYS;

  static final LocalDate ORIGIN = LocalDate.of(2001, 1, 1);

  private final Protocol protocol;
  private final ProtocolParts parts;

  /** The declared cadence, which the plan holds unless the plan is too long. */
  private final Period cadence;

  private final List<Issue> issues = new ArrayList<>();

  /** Sound modules by id, each with its index in the document. */
  private final Map<String, Integer> moduleIndex = new LinkedHashMap<>();

  /** Days from the first session to the end of the plan, or more than the limit when too long. */
  private final long planDays;

  /** The same for the most sessions tailoring allows: the latest a plan can end. */
  private final long longestPlanDays;

  MeaningCheck(ProtocolParts parts) {
    this.protocol = parts.protocol();
    this.parts = parts;
    this.cadence = parts.cadence();
    SessionPlan plan = protocol.sessionPlan();
    this.planDays = parts.sessionPlan() ? planDays(cadence, plan.sessions()) : -1;
    int most =
        Math.max(
            plan.sessions(),
            protocol.tailoring().sessions().map(Tailoring.SessionBounds::max).orElse(0));
    this.longestPlanDays = parts.sessionPlan() ? planDays(cadence, most) : -1;
  }

  private String modulePointer(int i) {
    return index("/modules", parts.modules().get(i));
  }

  List<Issue> run() {
    checkModuleIds();
    Set<String> inCycles = checkCycles();
    for (int i = 0; i < protocol.modules().size(); i++) {
      Module module = protocol.modules().get(i);
      String unlock = key(modulePointer(i), "unlock");
      module.unlock().ifPresent(rule -> checkUnlock(rule, unlock));
    }
    checkNeverOpens(inCycles);
    checkSessionPlan();
    checkMeasures();
    checkOutcomes();
    checkReminders();
    checkTailoring();
    return List.copyOf(issues);
  }

  private void checkModuleIds() {
    List<Module> modules = protocol.modules();
    for (int i = 0; i < modules.size(); i++) {
      Integer first = moduleIndex.putIfAbsent(modules.get(i).id(), parts.modules().get(i));
      if (first != null) {
        issues.add(
            Issue.error(
                IssueCode.DUPLICATE_ID,
                key(modulePointer(i), "id"),
                "module id \"" + modules.get(i).id() + "\" is already used at /modules/" + first));
      }
    }
  }

  private String knownModules() {
    return parts.moduleIds().orElseThrow().stream().distinct().collect(Collectors.joining(", "));
  }

  private void checkUnlock(Rule rule, String pointer) {
    int depth = rule.depth();
    if (depth > MAX_RULE_DEPTH) {
      issues.add(
          Issue.error(
              IssueCode.RULE_DEPTH,
              pointer,
              "rule depth " + depth + " exceeds the limit of " + MAX_RULE_DEPTH));
    } else if (rule.leaves() > MAX_RULE_LEAVES) {
      // Every event that can change a verdict re-evaluates the rule: its size multiplies the fold.
      issues.add(
          Issue.error(
              IssueCode.RULE_SIZE,
              pointer,
              "rule has "
                  + rule.leaves()
                  + " conditions, more than the limit of "
                  + MAX_RULE_LEAVES));
    } else {
      checkRule(rule, pointer, false);
    }
  }

  private void checkRule(Rule rule, String pointer, boolean underNot) {
    String here = key(pointer, rule.kind().json());
    boolean checked =
        switch (rule.kind()) {
          case ALL_OF, ANY_OF -> {
            List<Rule> children = rule.children();
            for (int i = 0; i < children.size(); i++) {
              checkRule(children.get(i), index(here, i), underNot);
            }
            yield true;
          }
          case NOT -> {
            Rule child = rule.children().get(0);
            checkRule(child, here, true);
            Set<String> refs = new HashSet<>();
            collectModuleRefs(child, refs);
            // A module condition under not is already an error (not-module); one issue is enough.
            if (refs.isEmpty() && direction(child) > 0) {
              issues.add(
                  Issue.warning(
                      IssueCode.BECOMES_FALSE,
                      here,
                      "\"not\" around "
                          + describeGrowing(child)
                          + ", which only ever grows: the rule can hold at first and only become false"
                          + " later, and an opened module stays open, so it opens the module at once or"
                          + " never"));
            }
            yield true;
          }
          case MODULE_COMPLETED, MODULE_STARTED -> {
            String target = rule.referencedModule().orElseThrow();
            // Only when every module id is known: a broken module may be the one named.
            if (parts.moduleIds().isPresent() && !parts.moduleIds().get().contains(target)) {
              issues.add(
                  Issue.error(
                      IssueCode.UNKNOWN_MODULE,
                      here,
                      "no module \"" + target + "\" (known: " + knownModules() + ")"));
            }
            if (underNot) {
              issues.add(
                  Issue.error(
                      IssueCode.NOT_MODULE,
                      here,
                      rule.kind().json()
                          + " inside \"not\" would close the module again once \""
                          + target
                          + "\" progresses; expected no module condition under not"));
            }
            yield true;
          }
          case SESSIONS_ATTENDED -> {
            Optional<SessionType> type = ((Rule.SessionsAttended) rule).type();
            if (parts.sessionPlan()
                && type.isPresent()
                && !protocol.sessionPlan().pattern().contains(type.get())) {
              issues.add(
                  Issue.error(
                      IssueCode.UNKNOWN_SESSION_TYPE,
                      key(here, "type"),
                      "no \""
                          + type.get().json()
                          + "\" sessions in the plan (pattern: "
                          + pattern()
                          + ")"));
            }
            yield true;
          }
          // A measure's instrument is known: the mapper reports an unknown name
          // (unknown-instrument).
          case MEASURE, DAYS_SINCE_START, THERAPIST_RELEASE -> {
            // Nothing to check beyond the schema.
            yield true;
          }
        };
  }

  /**
   * Returns +1 when a rule, once it holds, holds for good (as time passes, sessions are attended,
   * modules progress and releases arrive), -1 when once false it stays false, 0 otherwise.
   */
  private static int direction(Rule rule) {
    return switch (rule.kind()) {
      case NOT -> -direction(rule.children().get(0));
      case ALL_OF, ANY_OF -> {
        int first = direction(rule.children().get(0));
        for (Rule child : rule.children()) {
          if (direction(child) != first) {
            yield 0;
          }
        }
        yield first;
      }
      case MODULE_COMPLETED,
          MODULE_STARTED,
          SESSIONS_ATTENDED,
          DAYS_SINCE_START,
          MEASURE,
          THERAPIST_RELEASE ->
          rule.kind().onlyGrows() ? 1 : 0;
    };
  }

  /** Names the growing kinds inside a rule, such as {@code daysSinceStart}. */
  private static String describeGrowing(Rule rule) {
    Set<String> kinds = new LinkedHashSet<>();
    collectGrowing(rule, kinds);
    return String.join(", ", kinds);
  }

  private static void collectGrowing(Rule rule, Set<String> into) {
    if (rule.kind().onlyGrows()) {
      into.add(rule.kind().json());
    }
    rule.children().forEach(c -> collectGrowing(c, into));
  }

  private String pattern() {
    return protocol.sessionPlan().pattern().stream()
        .map(SessionType::json)
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /** Reports each prerequisite cycle once, naming every module on it; returns their members. */
  private Set<String> checkCycles() {
    Map<String, Set<String>> edges = new LinkedHashMap<>();
    for (Module module : protocol.modules()) {
      Set<String> targets = new LinkedHashSet<>();
      module.unlock().ifPresent(rule -> collectModuleRefs(rule, targets));
      targets.retainAll(moduleIndex.keySet());
      edges.putIfAbsent(module.id(), targets);
    }
    Set<String> inCycles = new HashSet<>();
    for (String start : edges.keySet()) {
      if (inCycles.contains(start)) {
        continue;
      }
      List<String> cycle = findCycle(start, edges);
      if (!cycle.isEmpty()) {
        inCycles.addAll(cycle);
        List<String> named = new ArrayList<>(cycle);
        named.add(cycle.get(0));
        issues.add(
            Issue.error(
                IssueCode.CYCLE,
                key(index("/modules", moduleIndex.get(start)), "unlock"),
                "prerequisite cycle: " + String.join(" -> ", named)));
      }
    }
    return inCycles;
  }

  /** Finds a path from {@code start} back to itself, or returns an empty list. */
  private static List<String> findCycle(String start, Map<String, Set<String>> edges) {
    List<String> path = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    return dfs(start, start, edges, path, visited) ? path : List.of();
  }

  private static boolean dfs(
      String start,
      String node,
      Map<String, Set<String>> edges,
      List<String> path,
      Set<String> visited) {
    path.add(node);
    visited.add(node);
    for (String next : edges.getOrDefault(node, Set.of())) {
      if (next.equals(start)) {
        return true;
      }
      if (!visited.contains(next) && dfs(start, next, edges, path, visited)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  private static void collectModuleRefs(Rule rule, Set<String> into) {
    rule.referencedModule().ifPresent(into::add);
    for (Rule child : rule.children()) {
      collectModuleRefs(child, into);
    }
  }

  /**
   * Computes which modules some sequence of events can open (a least fixpoint) and reports the
   * others: an error for core modules, a warning for optional ones. Cycle members are reported as
   * cycles already.
   */
  private void checkNeverOpens(Set<String> inCycles) {
    if (!parts.tailoring()
        || !parts.measures()
        || !parts.sessionPlan()
        || parts.moduleIds().isEmpty()
        || protocol.tailoring().release()) {
      return;
    }
    // Modules whose rule already has an error, cycle members and modules with a schema error are
    // assumed fixed: only modules that still cannot open are root causes worth an issue of their
    // own.
    Set<String> openable = new HashSet<>(parts.moduleIds().get());
    protocol.modules().forEach(m -> openable.remove(m.id()));
    openable.addAll(inCycles);
    for (int i = 0; i < protocol.modules().size(); i++) {
      String unlock = key(modulePointer(i), "unlock");
      if (issues.stream().anyMatch(x -> x.isError() && x.pointer().startsWith(unlock + "/"))) {
        openable.add(protocol.modules().get(i).id());
      }
    }
    Set<String> assumed = Set.copyOf(openable);
    Set<String> ever = openable(new HashSet<>(openable), false);
    // A second fixpoint, bounded by the plan: what can open before the end of the last session's
    // window, given only the measures the plan records. A plan over the limit is an error already.
    Set<String> inPlan =
        planDays < 0 || planDays > MAX_PLAN_DAYS ? ever : openable(new HashSet<>(openable), true);
    for (int i = 0; i < protocol.modules().size(); i++) {
      Module module = protocol.modules().get(i);
      if (inPlan.contains(module.id()) || assumed.contains(module.id())) {
        continue;
      }
      boolean never = !ever.contains(module.id());
      Rule unlock = module.unlock().orElseThrow();
      String why =
          never
              ? whyImpossible(unlock, ever, false).orElse("")
              : whyImpossible(unlock, inPlan, true).orElse("");
      String message =
          "module \""
              + module.id()
              + (never ? "\" can never open: " : "\" cannot open before the plan ends: ")
              + why;
      IssueCode code = never ? IssueCode.NEVER_OPENS : IssueCode.OPENS_AFTER_PLAN;
      String pointer = key(modulePointer(i), "unlock");
      issues.add(
          module.kind() == ModuleKind.CORE
              ? Issue.error(code, pointer, message)
              : Issue.warning(code, pointer, message));
    }
  }

  /** The least fixpoint of modules some history can open, within the plan or ever. */
  private Set<String> openable(Set<String> openable, boolean withinPlan) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Module module : protocol.modules()) {
        if (!openable.contains(module.id())
            && module
                .unlock()
                .map(r -> whyImpossible(r, openable, withinPlan).isEmpty())
                .orElse(true)) {
          openable.add(module.id());
          changed = true;
        }
      }
    }
    return openable;
  }

  /**
   * Returns why no history can satisfy the rule, or empty when one can; within the plan, also why
   * none can before the end of the last session's window.
   */
  private Optional<String> whyImpossible(Rule rule, Set<String> openable, boolean withinPlan) {
    return switch (rule.kind()) {
      case ALL_OF -> {
        for (Rule child : rule.children()) {
          Optional<String> why = whyImpossible(child, openable, withinPlan);
          if (why.isPresent()) {
            yield why;
          }
        }
        yield Optional.empty();
      }
      case ANY_OF -> {
        List<String> reasons = new ArrayList<>();
        for (Rule child : rule.children()) {
          Optional<String> why = whyImpossible(child, openable, withinPlan);
          if (why.isEmpty()) {
            yield Optional.empty();
          }
          reasons.add(why.get());
        }
        yield Optional.of(String.join(" and ", reasons));
      }
      case MODULE_COMPLETED, MODULE_STARTED ->
          moduleImpossible(rule.referencedModule().orElseThrow(), openable, withinPlan);
      case SESSIONS_ATTENDED -> sessionsImpossible((Rule.SessionsAttended) rule);
      case MEASURE -> {
        Optional<String> why = measureImpossible((Rule.Measure) rule);
        yield why.isPresent() || !withinPlan ? why : measureUnrecorded((Rule.Measure) rule);
      }
      case DAYS_SINCE_START ->
          withinPlan ? daysAfterPlan((Rule.DaysSinceStart) rule) : Optional.empty();
      case NOT, THERAPIST_RELEASE -> Optional.empty();
    };
  }

  private Optional<String> daysAfterPlan(Rule.DaysSinceStart rule) {
    if (rule.atLeast() <= longestPlanDays) {
      return Optional.empty();
    }
    return Optional.of(
        "it needs "
            + rule.atLeast()
            + " days since the start and the plan ends "
            + (longestPlanDays == planDays ? "" : "at most ")
            + longestPlanDays
            + " days after the start");
  }

  private Optional<String> measureUnrecorded(Rule.Measure rule) {
    boolean recorded =
        protocol.measures().stream().anyMatch(m -> m.instrument().equals(rule.instrument()));
    if (recorded) {
      return Optional.empty();
    }
    String planned =
        protocol.measures().isEmpty()
            ? "none"
            : protocol.measures().stream()
                .map(m -> m.instrument().json())
                .collect(Collectors.joining(", "));
    return Optional.of(
        "it needs a "
            + rule.instrument().json()
            + " score and the plan never records "
            + rule.instrument().json()
            + " (measures: "
            + planned
            + ")");
  }

  private Optional<String> moduleImpossible(
      String target, Set<String> openable, boolean withinPlan) {
    if (openable.contains(target)) {
      return Optional.empty();
    }
    Optional<Module> module = protocol.module(target);
    if (module.isEmpty()) {
      return Optional.of("it needs module \"" + target + "\", which does not exist");
    }
    if (protocol.tailoring().maySkip(module.get().kind())) {
      return Optional.empty();
    }
    return Optional.of(
        "it needs module \""
            + target
            + (withinPlan
                ? "\", which cannot open before the plan ends"
                : "\", which can never open"));
  }

  private Optional<String> sessionsImpossible(Rule.SessionsAttended rule) {
    int most = protocol.sessionPlan().sessions();
    if (protocol.tailoring().sessions().isPresent()) {
      most = Math.max(most, protocol.tailoring().sessions().get().max());
    }
    int available = 0;
    for (int n = 1; n <= most; n++) {
      SessionType type = protocol.sessionPlan().typeOf(n);
      if (rule.type().isEmpty() || rule.type().get() == type) {
        available++;
      }
    }
    if (available >= rule.atLeast()) {
      return Optional.empty();
    }
    String which = rule.type().map(t -> t.json() + " ").orElse("");
    return Optional.of(
        "it needs "
            + rule.atLeast()
            + " attended "
            + which
            + "sessions and the plan has at most "
            + available);
  }

  private static Optional<String> measureImpossible(Rule.Measure rule) {
    int max = rule.instrument().totalMax();
    int low = Math.max(0, rule.atLeast().orElse(0));
    int high = Math.min(max, rule.atMost().orElse(max));
    int changeLow = Math.max(-max, rule.changeAtLeast().orElse(-max));
    int changeHigh = Math.min(max, rule.changeAtMost().orElse(max));
    String name = rule.instrument().json();
    if (rule.atLeast().orElse(0) > max) {
      return Optional.of(
          "it needs a "
              + name
              + " total of at least "
              + low
              + " and the highest possible is "
              + max);
    }
    if (low > high) {
      return Optional.of(
          "it needs a " + name + " total of at least " + low + " and at most " + high);
    }
    if (rule.changeAtLeast().orElse(-max) > max || rule.changeAtMost().orElse(max) < -max) {
      return Optional.of(
          "it needs a " + name + " change outside the possible -" + max + " to " + max);
    }
    if (changeLow > changeHigh) {
      return Optional.of(
          "it needs a " + name + " change of at least " + changeLow + " and at most " + changeHigh);
    }
    return Optional.empty();
  }

  private void checkSessionPlan() {
    if (!parts.sessionPlan()) {
      return;
    }
    SessionPlan plan = protocol.sessionPlan();
    if (cadence.isZero() || cadence.isNegative()) {
      issues.add(
          Issue.error(
              IssueCode.ZERO_CADENCE,
              "/sessionPlan/cadence",
              "cadence " + cadence + " is not a positive period"));
    }
    Set<SessionType> inPattern = new LinkedHashSet<>(plan.pattern());
    for (SessionType type : inPattern) {
      if (!plan.durationMinutes().containsKey(type)) {
        issues.add(
            Issue.error(
                IssueCode.MISSING_DURATION,
                "/sessionPlan/durationMinutes",
                "no duration for \""
                    + type.json()
                    + "\" sessions (expected one for every type in the pattern: "
                    + pattern()
                    + ")"));
      }
    }
    for (SessionType type : SessionType.values()) {
      MinutesRange range = plan.durationMinutes().get(type);
      if (range == null) {
        continue;
      }
      String pointer = key("/sessionPlan/durationMinutes", type.json());
      if (!inPattern.contains(type)) {
        issues.add(
            Issue.warning(
                IssueCode.UNUSED_DURATION,
                pointer,
                "a duration for \""
                    + type.json()
                    + "\" sessions, which the pattern never plans (pattern: "
                    + pattern()
                    + ")"));
      }
      if (range.min() > range.max()) {
        issues.add(
            Issue.error(
                IssueCode.MIN_ABOVE_MAX,
                pointer,
                "min " + range.min() + " is above max " + range.max()));
      }
    }
    long weeks = planDays / 7;
    long days = planDays;
    if (days > MAX_PLAN_DAYS) {
      issues.add(
          Issue.error(
              IssueCode.PLAN_TOO_LONG,
              "/sessionPlan",
              "the plan runs more than 5 years ("
                  + plan.sessions()
                  + " sessions every "
                  + cadence
                  + "); expected at most "
                  + MAX_PLAN_DAYS
                  + " days from the first session to the end of the last session's window"));
    } else if (days > WEEKS_SMELL * 7L) {
      issues.add(
          Issue.warning(
              IssueCode.LONG_PLAN,
              "/sessionPlan",
              "the plan runs "
                  + (days % 7 == 0 ? weeks + " weeks" : days + " days")
                  + " (more than "
                  + WEEKS_SMELL
                  + " weeks)"));
    }
  }

  /** See {@link SessionPlan#spanDays}. */
  static long planDays(Period cadence, int sessions) {
    return SessionPlan.spanDays(cadence, sessions);
  }

  private void checkMeasures() {
    Map<Instrument, Integer> seen = new EnumMap<>(Instrument.class);
    List<MeasurePlan> measures = protocol.measures();
    for (int i = 0; i < measures.size(); i++) {
      Instrument instrument = measures.get(i).instrument();
      String pointer = key(index("/measures", i), "instrument");
      Integer first = seen.putIfAbsent(instrument, i);
      if (first != null) {
        issues.add(
            Issue.error(
                IssueCode.DUPLICATE_ID,
                pointer,
                "instrument \""
                    + instrument.json()
                    + "\" is already planned at /measures/"
                    + first));
      }
    }
  }

  private void checkOutcomes() {
    protocol
        .outcomes()
        .ifPresent(
            outcomes -> {
              checkOutcome(outcomes.depression(), "/outcomes/depression");
              checkOutcome(outcomes.anxiety(), "/outcomes/anxiety");
            });
  }

  private void checkOutcome(OutcomeDefinitions.OutcomeMeasure measure, String pointer) {
    int max = measure.instrument().totalMax();
    if (measure.caseness() > max) {
      issues.add(
          Issue.error(
              IssueCode.OUT_OF_RANGE,
              pointer + "/caseness",
              "caseness "
                  + measure.caseness()
                  + " is above the highest "
                  + measure.instrument().json()
                  + " total ("
                  + max
                  + ")"));
    }
    if (measure.reliableChange() > max) {
      issues.add(
          Issue.error(
              IssueCode.OUT_OF_RANGE,
              pointer + "/reliableChange",
              "reliableChange "
                  + measure.reliableChange()
                  + " is above the highest "
                  + measure.instrument().json()
                  + " total ("
                  + max
                  + ")"));
    }
  }

  private void checkReminders() {
    Map<String, Integer> seen = new HashMap<>();
    List<ReminderPolicy> policies = protocol.reminders();
    int total = 0;
    List<String> load = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      ReminderPolicy policy = policies.get(i);
      String at = index("/reminders", parts.reminders().get(i));
      Integer first = seen.putIfAbsent(policy.id(), i);
      if (first != null) {
        issues.add(
            Issue.error(
                IssueCode.DUPLICATE_ID,
                key(at, "id"),
                "policy id \"" + policy.id() + "\" is already used at /reminders/" + first));
      }
      Schedule.Kind schedule = policy.schedule().kind();
      boolean relative = schedule == Schedule.Kind.BEFORE || schedule == Schedule.Kind.AFTER;
      if (!policy.sessionTypes().isEmpty() && !relative) {
        issues.add(
            Issue.error(
                IssueCode.MISPLACED_KEY,
                key(at, "sessionTypes"),
                "sessionTypes applies to before and after schedules only, found with "
                    + schedule.json()));
      }
      List<SessionType> listed = policy.sessionTypes();
      for (int t = 0; t < listed.size(); t++) {
        SessionType type = listed.get(t);
        if (parts.sessionPlan() && !protocol.sessionPlan().pattern().contains(type)) {
          issues.add(
              Issue.error(
                  IssueCode.UNKNOWN_SESSION_TYPE,
                  index(key(at, "sessionTypes"), t),
                  "no \"" + type.json() + "\" sessions in the plan (pattern: " + pattern() + ")"));
        }
      }
      if (policy.kind() == ReminderKind.MODULE && schedule == Schedule.Kind.BEFORE) {
        issues.add(
            Issue.error(
                IssueCode.MISPLACED_KEY,
                key(at, "before"),
                "a module reminder has no session to come before; expected after (counted from"
                    + " the module's opening)"));
      }
      checkAlwaysQuiet(policy, at);
      checkNeverFires(policy, at);
      int perDay = policy.schedule().maxPerDay();
      total += perDay;
      load.add(policy.id() + " " + perDay);
    }
    // A policy with a schema error may add prompts of its own: the total is known only with all.
    if (parts.everyReminder() && total > PROMPTS_PER_DAY_SMELL) {
      issues.add(
          Issue.warning(
              IssueCode.PROMPT_LOAD,
              "/reminders",
              "up to "
                  + total
                  + " prompts can fall on one day (more than "
                  + PROMPTS_PER_DAY_SMELL
                  + "): "
                  + String.join(", ", load)));
    }
    protocol
        .reminderLimits()
        .quietHours()
        .filter(q -> q.from().equals(q.to()))
        .ifPresent(
            q ->
                issues.add(
                    Issue.error(
                        IssueCode.EMPTY_RANGE,
                        "/reminderLimits/quietHours",
                        "quiet hours from "
                            + q.from()
                            + " to "
                            + q.to()
                            + " are empty; expected"
                            + " two different times")));
  }

  /**
   * Warns about a policy whose every time of day falls inside the protocol's quiet hours: it never
   * fires for a client without quiet hours or reminder times of their own.
   */
  private void checkAlwaysQuiet(ReminderPolicy policy, String pointer) {
    Optional<QuietHours> quiet = protocol.reminderLimits().quietHours();
    List<LocalTime> times = policy.schedule().timesOfDay();
    if (quiet.isEmpty() || times.isEmpty() || !times.stream().allMatch(quiet.get()::contains)) {
      return;
    }
    issues.add(
        Issue.warning(
            IssueCode.ALWAYS_QUIET,
            pointer,
            "every time of policy \""
                + policy.id()
                + "\" ("
                + times.stream().map(LocalTime::toString).collect(Collectors.joining(", "))
                + ") falls inside the quiet hours "
                + quiet.get().from()
                + " to "
                + quiet.get().to()
                + ": it never fires for a client without quiet hours or reminder times of their"
                + " own"));
  }

  /**
   * Warns about an {@code after} policy whose shortest offset, counted from the earliest anchor
   * (the first session of its types, or the start for a module), already reaches the end of the
   * plan: none of its occurrences falls inside the plan.
   */
  private void checkNeverFires(ReminderPolicy policy, String pointer) {
    if (policy.schedule().kind() != Schedule.Kind.AFTER
        || planDays < 0
        || planDays > MAX_PLAN_DAYS) {
      return;
    }
    SessionPlan plan = protocol.sessionPlan();
    LocalDateTime start = ORIGIN.atStartOfDay();
    LocalDateTime end = start.plusDays(planDays);
    LocalDateTime anchor = null;
    if (policy.kind() == ReminderKind.MODULE) {
      anchor = start;
    } else {
      for (int n = 1; n <= plan.sessions() && anchor == null; n++) {
        if (policy.sessionTypes().isEmpty() || policy.sessionTypes().contains(plan.typeOf(n))) {
          LocalDate date = ORIGIN;
          for (int k = 1; k < n; k++) {
            date = date.plus(plan.cadence());
          }
          anchor = date.atStartOfDay();
        }
      }
    }
    if (anchor == null) {
      return;
    }
    Offset shortest = null;
    LocalDateTime first = null;
    for (Offset offset : policy.schedule().offsets()) {
      if (offset.days().getDays() > MAX_PLAN_DAYS || offset.time().toDays() > MAX_PLAN_DAYS) {
        continue;
      }
      LocalDateTime at = anchor.plus(offset.days()).plus(offset.time());
      if (first == null || at.isBefore(first)) {
        first = at;
        shortest = offset;
      }
    }
    if (first != null && first.isBefore(end)) {
      return;
    }
    issues.add(
        Issue.warning(
            IssueCode.NEVER_FIRES,
            key(pointer, "after"),
            "policy \""
                + policy.id()
                + "\" never fires: "
                + (shortest == null ? "every offset" : "its shortest offset " + shortest)
                + " after "
                + (policy.kind() == ReminderKind.MODULE
                    ? "a module opens"
                    : "the first session it follows")
                + " falls after the end of the plan, "
                + planDays
                + " days after the start"));
  }

  private void checkTailoring() {
    if (!parts.sessionPlan()) {
      return;
    }
    protocol
        .tailoring()
        .sessions()
        .ifPresent(
            bounds -> {
              int planned = protocol.sessionPlan().sessions();
              if (bounds.min() > bounds.max()) {
                issues.add(
                    Issue.error(
                        IssueCode.MIN_ABOVE_MAX,
                        "/tailoring/sessions",
                        "min " + bounds.min() + " is above max " + bounds.max()));
              } else if (planned < bounds.min() || planned > bounds.max()) {
                issues.add(
                    Issue.error(
                        IssueCode.OUT_OF_BOUNDS,
                        "/tailoring/sessions",
                        "the plan has "
                            + planned
                            + " sessions, outside the tailoring bounds "
                            + bounds.min()
                            + ".."
                            + bounds.max()));
              }
            });
  }
}
