package org.blendedtherapy.testkit;

import static org.blendedtherapy.testkit.Gen.booleans;
import static org.blendedtherapy.testkit.Gen.choose;
import static org.blendedtherapy.testkit.Gen.constant;
import static org.blendedtherapy.testkit.Gen.elements;
import static org.blendedtherapy.testkit.Gen.frequency;
import static org.blendedtherapy.testkit.Gen.listOf;
import static org.blendedtherapy.testkit.Gen.optional;
import static org.blendedtherapy.testkit.Gen.weighted;
import static org.blendedtherapy.testkit.Gen.zip;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.MeasurePlan;
import org.blendedtherapy.protocol.MeasureSchedule;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.OutcomeDefinitions;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderLimits;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.protocol.Tailoring;

/**
 * Generators of valid protocols, built so that every meaning rule holds by construction: rules
 * reference earlier modules only, every leaf can be satisfied, no module condition under a {@code
 * not}. Not API.
 */
final class ValidProtocols {
  static final int MAX_RULE_DEPTH = 16;

  private ValidProtocols() {}

  private static final String ID_START = "abcdefghijklmnopqrstuvwxyz";
  private static final String ID_REST = "abcdefghijklmnopqrstuvwxyz0123456789-";

  /**
   * Text pieces that exercise escaping in the canonical form: quotes, a backslash, non-BMP, a line
   * separator. Control characters are refused in texts by the schema.
   */
  private static final List<String> TEXT_PIECES =
      List.of(
          "a", "Mood", " ", "é", "ß", "漢", "😀", "\"", "\\", "/", "\u2028", "<b>", "&", "'", "~",
          "\uFEFF");

  /** Descriptions may also hold tabs and line ends, which the canonical form escapes. */
  private static final List<String> DESCRIPTION_PIECES =
      java.util.stream.Stream.concat(
              TEXT_PIECES.stream(), java.util.stream.Stream.of("\n", "\t", "\r"))
          .toList();

  static Gen<String> ids() {
    Gen<Character> start = elements(chars(ID_START));
    Gen<Character> rest = elements(chars(ID_REST));
    return zip(start, Gen.sized(size -> listOf(rest, 0, Math.min(20, 2 + size / 5))), Str::id);
  }

  static Gen<String> texts(int maxPieces) {
    return listOf(elements(TEXT_PIECES), 1, maxPieces).map(pieces -> String.join("", pieces));
  }

  static Gen<String> descriptions(int maxPieces) {
    return listOf(elements(DESCRIPTION_PIECES), 1, maxPieces)
        .map(pieces -> String.join("", pieces));
  }

  static Gen<String> versions() {
    Gen<Integer> part = choose(0, 20);
    Gen<String> core = zip(zip(part, part, (a, b) -> a + "." + b), part, (ab, c) -> ab + "." + c);
    Gen<Optional<String>> pre = optional(elements("slim.1", "alpha", "rc.2", "x-y.3", "0.3.7"));
    Gen<Optional<String>> build = optional(elements("build.5", "sha-1a2b", "001"));
    return frequency(
        List.of(
            weighted(3, core),
            weighted(
                1,
                zip(
                    zip(core, pre, (c, p) -> c + p.map(x -> "-" + x).orElse("")),
                    build,
                    (cp, b) -> cp + b.map(x -> "+" + x).orElse("")))));
  }

  static Gen<LocalTime> minutesOfDay() {
    return choose(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60));
  }

  static Gen<SessionPlan> sessionPlans() {
    Gen<List<SessionType>> pattern = listOf(elements(SessionType.values()), 1, 4);
    Gen<Period> cadence =
        frequency(
            List.of(
                weighted(4, choose(1, 2).map(Period::ofWeeks)),
                weighted(2, choose(1, 28).map(Period::ofDays)),
                weighted(1, choose(1, 2).map(Period::ofMonths)),
                weighted(1, zip(choose(0, 1), choose(0, 10), (m, d) -> Period.of(0, m, d + 1)))));
    Gen<Integer> sessions =
        frequency(List.of(weighted(9, choose(1, 24)), weighted(1, choose(1, 200))));
    Gen<MinutesRange> range =
        zip(choose(1, 120), choose(0, 120), (min, extra) -> new MinutesRange(min, min + extra));
    Gen<Map<SessionType, MinutesRange>> ranges =
        listOf(range, SessionType.values().length, SessionType.values().length)
            .map(
                list -> {
                  Map<SessionType, MinutesRange> all = new EnumMap<>(SessionType.class);
                  for (SessionType type : SessionType.values()) {
                    all.put(type, list.get(type.ordinal()));
                  }
                  return all;
                });
    Gen<Set<SessionType>> unusedTypes = subsets(List.of(SessionType.values()), 0.1);
    return zip(
        zip(pattern, cadence, PlanParts::new),
        zip(
            zip(sessions, ranges, Counts::new),
            zip(unusedTypes, booleans(), Extra::new),
            Tail::new),
        (head, tail) -> {
          Map<SessionType, MinutesRange> durations = new EnumMap<>(SessionType.class);
          for (SessionType type : SessionType.values()) {
            if (head.pattern().contains(type) || tail.extra().unused().contains(type)) {
              durations.put(type, tail.counts().ranges().get(type));
            }
          }
          return new SessionPlan(
              head.pattern(),
              head.cadence(),
              withinFiveYears(head.cadence(), tail.counts().sessions()),
              durations,
              tail.extra().moveLater());
        });
  }

  private record PlanParts(List<SessionType> pattern, Period cadence) {}

  /** The validator refuses a plan of more than 5 years (1,826 days); stay inside it. */
  private static int withinFiveYears(Period cadence, int sessions) {
    long longest = cadence.toTotalMonths() * 31 + cadence.getDays();
    return (int) Math.max(1, Math.min(sessions, 1826 / Math.max(1, longest)));
  }

  /** Days from the first session to the end of the plan, counted as the validator counts them. */
  static int planDays(SessionPlan plan) {
    LocalDate origin = LocalDate.of(2001, 1, 1);
    LocalDate end = origin;
    for (int n = 0; n < plan.sessions(); n++) {
      end = end.plus(plan.cadence());
    }
    return (int) ChronoUnit.DAYS.between(origin, end);
  }

  private record Counts(int sessions, Map<SessionType, MinutesRange> ranges) {}

  private record Extra(Set<SessionType> unused, boolean moveLater) {}

  private record Tail(Counts counts, Extra extra) {}

  /** Subsets of {@code all}, each element present with probability {@code p}. */
  static <T> Gen<Set<T>> subsets(List<T> all, double p) {
    int scale = 1000;
    int threshold = (int) Math.round(p * scale);
    return listOf(choose(0, scale - 1), all.size(), all.size())
        .map(
            draws -> {
              Set<T> out = new LinkedHashSet<>();
              for (int i = 0; i < all.size(); i++) {
                // Shrinking draws towards 0 keeps elements; invert so subsets shrink to empty.
                if (scale - 1 - draws.get(i) < threshold) {
                  out.add(all.get(i));
                }
              }
              return out;
            });
  }

  static Gen<Tailoring> tailorings(SessionPlan plan) {
    int planned = plan.sessions();
    Gen<Optional<Tailoring.SessionBounds>> bounds =
        optional(zip(choose(1, planned), choose(planned, 200), Tailoring.SessionBounds::new));
    Gen<Set<ModuleKind>> skip = subsets(List.of(ModuleKind.values()), 0.4);
    Gen<List<Boolean>> flags = listOf(booleans(), 4, 4);
    return zip(
        zip(flags, skip, Flags::new),
        bounds,
        (f, b) ->
            new Tailoring(
                f.flags().get(0),
                f.skip(),
                f.flags().get(1),
                f.flags().get(2),
                f.flags().get(3),
                b));
  }

  private record Flags(List<Boolean> flags, Set<ModuleKind> skip) {}

  /** What a rule may refer to: earlier module ids, and the planned sessions by type. */
  record Scope(List<String> earlier, SessionPlan plan) {}

  static Gen<Rule> rules(Scope scope, int depth, boolean moduleRefs) {
    List<Gen.Weighted<Rule>> leaves = new ArrayList<>();
    if (moduleRefs && !scope.earlier().isEmpty()) {
      leaves.add(weighted(4, elements(scope.earlier()).map(Rule.ModuleCompleted::new)));
      leaves.add(weighted(2, elements(scope.earlier()).map(Rule.ModuleStarted::new)));
    }
    leaves.add(weighted(2, sessionsAttended(scope.plan())));
    leaves.add(
        weighted(
            1,
            // Within the plan: a threshold past its end is an error (opens-after-plan).
            frequency(
                    List.of(
                        weighted(4, choose(0, Math.min(100, planDays(scope.plan())))),
                        weighted(1, choose(0, planDays(scope.plan())))))
                .map(Rule.DaysSinceStart::new)));
    leaves.add(weighted(1, measures()));
    leaves.add(weighted(1, constant(new Rule.TherapistRelease())));
    Gen<Rule> leaf = frequency(leaves);
    if (depth <= 1) {
      return leaf;
    }
    Gen<Rule> all =
        (random, size) ->
            listOf(rules(scope, depth - 1, moduleRefs), 1, 3)
                .<Rule>map(Rule.AllOf::new)
                .generate(random, size);
    Gen<Rule> any =
        (random, size) ->
            listOf(rules(scope, depth - 1, moduleRefs), 1, 3)
                .<Rule>map(Rule.AnyOf::new)
                .generate(random, size);
    Gen<Rule> not =
        (random, size) ->
            rules(scope, depth - 1, false).<Rule>map(Rule.Not::new).generate(random, size);
    return frequency(
        List.of(weighted(6, leaf), weighted(2, all), weighted(2, any), weighted(1, not)));
  }

  /** A rule nested exactly {@link #MAX_RULE_DEPTH} deep, the limit the validator allows. */
  static Gen<Rule> deepestRules(Scope scope) {
    return zip(
        rules(scope, 1, true),
        listOf(choose(0, 2), MAX_RULE_DEPTH - 1, MAX_RULE_DEPTH - 1),
        (leaf, wraps) -> {
          Rule rule = leaf;
          boolean refs = leaf.referencedModule().isPresent();
          for (int wrap : wraps) {
            if (wrap == 2 && !refs) {
              rule = new Rule.Not(rule);
            } else if (wrap == 1) {
              rule = new Rule.AnyOf(List.of(rule));
            } else {
              rule = new Rule.AllOf(List.of(rule));
            }
          }
          return rule;
        });
  }

  static Gen<Rule> sessionsAttended(SessionPlan plan) {
    Map<SessionType, Integer> counts = plan.countsByType();
    List<Optional<SessionType>> types = new ArrayList<>();
    types.add(Optional.empty());
    counts.keySet().forEach(t -> types.add(Optional.of(t)));
    return elements(types)
        .flatMap(
            type -> {
              int most = type.map(counts::get).orElse(plan.sessions());
              return choose(1, most).map(n -> new Rule.SessionsAttended(type, n));
            });
  }

  static Gen<Rule> measures() {
    return elements(Instrument.values())
        .flatMap(
            instrument -> {
              int max = instrument.totalMax();
              Gen<int[]> level =
                  zip(
                      choose(0, max),
                      choose(0, max),
                      (a, b) -> new int[] {Math.min(a, b), Math.max(a, b)});
              Gen<int[]> change =
                  zip(
                      choose(-max, max),
                      choose(-max, max),
                      (a, b) -> new int[] {Math.min(a, b), Math.max(a, b)});
              return zip(
                  zip(level, change, (l, c) -> new int[] {l[0], l[1], c[0], c[1]}),
                  choose(1, 15),
                  (bounds, mask) ->
                      new Rule.Measure(
                          instrument,
                          bound(mask, 1, bounds[0]),
                          bound(mask, 2, bounds[1]),
                          bound(mask, 4, bounds[2]),
                          bound(mask, 8, bounds[3])));
            });
  }

  private static OptionalInt bound(int mask, int bit, int value) {
    return (mask & bit) != 0 ? OptionalInt.of(value) : OptionalInt.empty();
  }

  static Gen<List<Module>> modules(SessionPlan plan) {
    return Gen.sized(size -> listOf(ids(), 1, 2 + size / 12))
        .map(Str::distinct)
        .flatMap(ids -> modules(plan, ids));
  }

  private static Gen<List<Module>> modules(SessionPlan plan, List<String> ids) {
    List<Gen<Module>> gens = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      gens.add(module(ids.get(i), new Scope(ids.subList(0, i), plan)));
    }
    return (random, size) -> {
      List<Shrinkable<Module>> parts = new ArrayList<>();
      for (Gen<Module> gen : gens) {
        parts.add(gen.generate(random, size));
      }
      return Shrinkable.zip(parts);
    };
  }

  private static Gen<Module> module(String id, Scope scope) {
    Gen<Optional<Rule>> unlock =
        frequency(
            List.of(
                weighted(2, constant(Optional.<Rule>empty())),
                weighted(
                    6,
                    Gen.sized(size -> rules(scope, 1 + Math.min(5, size / 20), true))
                        .map(Optional::of)),
                weighted(1, deepestRules(scope).map(Optional::of))));
    Gen<OptionalInt> minutes =
        optional(choose(1, 6000)).map(m -> m.map(OptionalInt::of).orElse(OptionalInt.empty()));
    return zip(
        zip(texts(6), elements(ModuleKind.values()), TitleKind::new),
        zip(zip(minutes, optional(descriptions(12)), MinutesText::new), unlock, Body::new),
        (head, body) ->
            new Module(
                id,
                head.title(),
                head.kind(),
                body.minutes().minutes(),
                body.minutes().description(),
                body.unlock()));
  }

  private record TitleKind(String title, ModuleKind kind) {}

  private record MinutesText(OptionalInt minutes, Optional<String> description) {}

  private record Body(MinutesText minutes, Optional<Rule> unlock) {}

  static Gen<List<MeasurePlan>> measurePlans() {
    return listOf(elements(MeasureSchedule.values()), 3, 3)
        .flatMap(
            schedules ->
                subsets(List.of(Instrument.values()), 0.5)
                    .map(
                        chosen -> {
                          List<MeasurePlan> out = new ArrayList<>();
                          for (Instrument instrument : chosen) {
                            out.add(
                                new MeasurePlan(instrument, schedules.get(instrument.ordinal())));
                          }
                          return out;
                        }));
  }

  static Gen<List<LocalTime>> times() {
    return listOf(minutesOfDay(), 1, 3);
  }

  /** Offsets of 0 to 14 days and 0 to 48 hours in quarters of an hour, zero included. */
  static Gen<Offset> offsets() {
    return zip(
        choose(0, 14),
        choose(0, 48 * 4).map(q -> q * 15),
        (days, minutes) -> new Offset(Period.ofDays(days), Duration.ofMinutes(minutes)));
  }

  static Gen<Schedule> schedules(boolean relative, boolean before) {
    Gen<List<Offset>> offsets =
        listOf(offsets(), 1, 3).map(list -> List.copyOf(new LinkedHashSet<>(list)));
    if (relative) {
      return before ? offsets.map(Schedule.Before::new) : offsets.map(Schedule.After::new);
    }
    Gen<Set<DayOfWeek>> days =
        subsets(List.of(DayOfWeek.values()), 0.4)
            .flatMap(
                set ->
                    set.isEmpty()
                        ? elements(DayOfWeek.values()).map(d -> EnumSet.of(d))
                        : constant(set));
    return frequency(
        List.of(
            weighted(2, times().map(Schedule.Daily::new)),
            weighted(1, zip(days, times(), Schedule.Weekly::new)),
            weighted(1, zip(choose(1, 366), times(), Schedule.EveryDays::new))));
  }

  static Gen<ReminderPolicy> policies(String id, SessionPlan plan) {
    List<SessionType> inPattern = List.copyOf(new LinkedHashSet<>(plan.pattern()));
    Gen<ReminderKind> kinds = elements(ReminderKind.values());
    // 0: daily/weekly/everyDays, 1: before, 2: after
    return zip(kinds, choose(0, 2), KindShape::new)
        .flatMap(
            ks -> {
              boolean relative = ks.shape() != 0;
              boolean before = ks.shape() == 1 && ks.kind() != ReminderKind.MODULE;
              Gen<Set<SessionType>> types =
                  relative ? subsets(inPattern, 0.4) : constant(Set.<SessionType>of());
              return zip(
                  zip(booleans(), optional(texts(8)), OptTitle::new),
                  zip(schedules(relative, before), types, SchedTypes::new),
                  (ot, st) ->
                      new ReminderPolicy(
                          id,
                          ks.kind(),
                          ot.optOut(),
                          ot.title(),
                          st.schedule(),
                          List.copyOf(st.types())));
            });
  }

  private record KindShape(ReminderKind kind, int shape) {}

  private record OptTitle(boolean optOut, Optional<String> title) {}

  private record SchedTypes(Schedule schedule, Set<SessionType> types) {}

  static Gen<List<ReminderPolicy>> reminders(SessionPlan plan) {
    // Each policy is drawn with its own id, so removing one while shrinking leaves the others as
    // they were; repeated ids are then made distinct by position.
    Gen<ReminderPolicy> policy = ids().flatMap(id -> policies(id, plan));
    return listOf(policy, 0, 4)
        .map(
            list -> {
              List<String> ids = Str.distinct(list.stream().map(ReminderPolicy::id).toList());
              List<ReminderPolicy> out = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                ReminderPolicy p = list.get(i);
                out.add(
                    new ReminderPolicy(
                        ids.get(i),
                        p.kind(),
                        p.optOut(),
                        p.title(),
                        p.schedule(),
                        p.sessionTypes()));
              }
              return out;
            });
  }

  static Gen<ReminderLimits> limits() {
    Gen<Optional<QuietHours>> quiet =
        optional(
            zip(
                minutesOfDay(),
                choose(1, 24 * 60 - 1),
                (from, length) -> new QuietHours(from, from.plusMinutes(length))));
    Gen<OptionalInt> perDay =
        optional(choose(1, 48)).map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
    Gen<OptionalInt> backoff =
        optional(choose(1, 100)).map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
    return zip(
        quiet, zip(perDay, backoff, Ints::new), (q, i) -> new ReminderLimits(q, i.a(), i.b()));
  }

  private record Ints(OptionalInt a, OptionalInt b) {}

  private record Header(String id, String version, String title, Optional<String> description) {}

  private record Body2(
      List<Module> modules,
      Tailoring tailoring,
      List<ReminderPolicy> reminders,
      List<MeasurePlan> measures,
      ReminderLimits limits) {}

  static Gen<Protocol> protocols() {
    Gen<Header> header =
        zip(
            zip(ids(), versions(), IdVersion::new),
            zip(texts(10), optional(descriptions(30)), TitleDescription::new),
            (iv, td) -> new Header(iv.id(), iv.version(), td.title(), td.description()));
    Gen<Protocol> body =
        sessionPlans()
            .flatMap(
                plan ->
                    zip(
                            zip(modules(plan), tailorings(plan), ModulesTailoring::new),
                            zip(
                                reminders(plan),
                                zip(measurePlans(), limits(), MeasuresLimits::new),
                                RemindersRest::new),
                            (mt, rr) ->
                                new Body2(
                                    mt.modules(),
                                    mt.tailoring(),
                                    rr.reminders(),
                                    rr.rest().measures(),
                                    rr.rest().limits()))
                        .map(b -> protocol(plan, b)));
    Gen<Protocol> headed =
        zip(
            header,
            body,
            (h, p) ->
                p.withId(h.id())
                    .withVersion(h.version())
                    .withTitle(h.title())
                    .withDescription(h.description()));
    // A third of the protocols state their outcome definitions, so round trips cover the key.
    return zip(
        headed,
        frequency(
            List.of(
                weighted(2, constant(Optional.<OutcomeDefinitions>empty())),
                weighted(1, outcomes().map(Optional::of)))),
        Protocol::withOutcomes);
  }

  /** Outcome definitions within the schema's and the meaning checks' bounds. */
  static Gen<OutcomeDefinitions> outcomes() {
    return zip(
        zip(outcomeMeasure(), outcomeMeasure(), (d, a) -> List.of(d, a)),
        choose(1, 20),
        (m, finished) -> new OutcomeDefinitions(m.get(0), m.get(1), finished));
  }

  private static Gen<OutcomeDefinitions.OutcomeMeasure> outcomeMeasure() {
    return elements(Instrument.values())
        .flatMap(
            instrument ->
                zip(
                    choose(0, instrument.totalMax()),
                    choose(1, instrument.totalMax()),
                    (caseness, change) ->
                        new OutcomeDefinitions.OutcomeMeasure(instrument, caseness, change)));
  }

  private static Protocol protocol(SessionPlan plan, Body2 b) {
    // A measure rule on an instrument the plan never records is an error (opens-after-plan).
    List<MeasurePlan> measures = new ArrayList<>(b.measures());
    Set<Instrument> recorded = new HashSet<>();
    measures.forEach(m -> recorded.add(m.instrument()));
    for (Module module : b.modules()) {
      module.unlock().ifPresent(rule -> recordMeasured(rule, recorded, measures));
    }
    return new Protocol(
        "x",
        "1.0.0",
        "x",
        Optional.empty(),
        b.modules(),
        plan,
        measures,
        b.reminders(),
        b.limits(),
        b.tailoring());
  }

  private static void recordMeasured(Rule rule, Set<Instrument> recorded, List<MeasurePlan> into) {
    if (rule.kind() == Rule.Kind.MEASURE) {
      Instrument instrument = ((Rule.Measure) rule).instrument();
      if (recorded.add(instrument)) {
        into.add(new MeasurePlan(instrument, MeasureSchedule.values()[0]));
      }
    }
    rule.children().forEach(child -> recordMeasured(child, recorded, into));
  }

  private record IdVersion(String id, String version) {}

  private record TitleDescription(String title, Optional<String> description) {}

  private record ModulesTailoring(List<Module> modules, Tailoring tailoring) {}

  private record MeasuresLimits(List<MeasurePlan> measures, ReminderLimits limits) {}

  private record RemindersRest(List<ReminderPolicy> reminders, MeasuresLimits rest) {}

  private static List<Character> chars(String text) {
    List<Character> out = new ArrayList<>();
    for (char c : text.toCharArray()) {
      out.add(c);
    }
    return out;
  }

  /** String helpers for ids. */
  static final class Str {
    private Str() {}

    static String id(char start, List<Character> rest) {
      StringBuilder out = new StringBuilder().append(start);
      rest.forEach(out::append);
      return out.toString();
    }

    /** Makes ids distinct by suffixing repeats with their position; keeps them valid ids. */
    static List<String> distinct(List<String> ids) {
      Set<String> seen = new HashSet<>();
      List<String> out = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        while (!seen.add(id)) {
          id = id + "-" + i;
        }
        out.add(id);
      }
      return out;
    }
  }
}
