package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Progress;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.protocol.Tailoring;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.ModuleStatus;
import org.blendedtherapy.state.Reason;
import org.junit.jupiter.api.Test;

/**
 * Properties of unlocking rules and therapist tailoring (issue #5), over generated valid protocols
 * and small generated histories: release beats every rule, skip never closes anything, opened
 * modules stay open, a module without a rule is open from the start, the reason tree's verdict is
 * the status, and every rule shape evaluates, correctly, against any progress.
 */
class RuleProperties {
  private static final List<String> ZONES =
      List.of("Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Apia");
  private static final List<EventType> MODULE_TYPES =
      List.of(
          EventType.MODULE_STARTED,
          EventType.MODULE_COMPLETED,
          EventType.MODULE_RELEASED,
          EventType.MODULE_SKIPPED,
          EventType.MODULE_REPEATED);

  /** A protocol, a client enrolled on it, a history, and an instant after all of it. */
  record Case(PinnedProtocol pinned, Enrolment enrolment, List<Event> events) {
    Protocol protocol() {
      return pinned.protocol();
    }

    ClientState at(Instant at) {
      return ClientState.of(pinned, enrolment, History.of(events), at);
    }

    ClientState end() {
      return at(origin().plus(90, ChronoUnit.DAYS));
    }

    Instant origin() {
      return enrolment.start().atZone(enrolment.zone()).toInstant();
    }

    Case with(Event event) {
      List<Event> more = new ArrayList<>(events);
      more.add(event);
      return new Case(pinned, enrolment, more);
    }

    @Override
    public String toString() {
      return ProtocolJson.canonical(protocol())
          + "\nstart "
          + enrolment.start()
          + " "
          + enrolment.zone()
          + "\nevents "
          + events;
    }
  }

  static Gen<Case> cases() {
    return Gen.zip(Protocols.valid(), Gen.chooseLong(0, Long.MAX_VALUE), RuleProperties::build);
  }

  /** Cases whose protocol lets a therapist release any module. */
  static Gen<Case> releasing() {
    return Gen.zip(
        Protocols.valid().map(RuleProperties::withRelease),
        Gen.chooseLong(0, Long.MAX_VALUE),
        RuleProperties::build);
  }

  static Protocol withRelease(Protocol p) {
    Tailoring t = p.tailoring();
    return p.withTailoring(
        new Tailoring(true, t.skip(), t.reorder(), t.repeat(), t.assign(), t.sessions()));
  }

  static Case build(Protocol p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LocalDateTime start =
        LocalDateTime.of(
            2010 + random.nextInt(26),
            1 + random.nextInt(12),
            1 + random.nextInt(28),
            random.nextInt(24),
            15 * random.nextInt(4));
    ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
    PinnedProtocol pinned = ProtocolJson.pin(p);
    String sha = pinned.sha256();
    Enrolment e =
        new Enrolment(
            "prop", new ProtocolPin(p.id(), p.version(), sha), start, zone, Preferences.NONE);
    Instant origin = start.atZone(zone).toInstant();
    List<Event> events = new ArrayList<>();
    int count = random.nextInt(25);
    for (int i = 0; i < count; i++) {
      events.add(
          event(p, "e" + i, origin.plus(random.nextInt(60 * 24 * 60), ChronoUnit.MINUTES), random));
    }
    return new Case(pinned, e, events);
  }

  static String anyModule(Protocol p, SplittableRandom random) {
    return random.nextInt(20) == 0
        ? "zz-unknown"
        : p.modules().get(random.nextInt(p.modules().size())).id();
  }

  static Event event(Protocol p, String id, Instant at, SplittableRandom random) {
    switch (random.nextInt(8)) {
      case 0:
      case 1:
      case 2:
        return new Event.ModuleEvent(
            id, MODULE_TYPES.get(random.nextInt(MODULE_TYPES.size())), at, anyModule(p, random));
      case 3:
        return new Event.ModuleAssigned(
            id,
            at,
            anyModule(p, random),
            random.nextBoolean()
                ? OptionalInt.empty()
                : OptionalInt.of(1 + random.nextInt(p.sessionPlan().sessions() + 1)));
      case 4:
        {
          List<String> order = new ArrayList<>();
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            order.add(anyModule(p, random));
          }
          return new Event.ModulesReordered(id, at, order);
        }
      case 5:
        return new Event.MeasureRecorded(
            id,
            at,
            random.nextBoolean() ? Instrument.PHQ_9 : Instrument.GAD_7,
            List.of(),
            OptionalInt.of(random.nextInt(22)));
      default:
        return new Event.SessionEvent(
            id, EventType.SESSION_ATTENDED, at, 1 + random.nextInt(p.sessionPlan().sessions()));
    }
  }

  @Test
  void release_beatsEveryRule_underTailoringRelease() {
    Property.forAll(
            Gen.zip(
                releasing(),
                Gen.chooseLong(0, Long.MAX_VALUE),
                (c, s) -> {
                  SplittableRandom random = new SplittableRandom(s);
                  Module m =
                      c.protocol().modules().get(random.nextInt(c.protocol().modules().size()));
                  Instant at = c.origin().plus(random.nextInt(60 * 24 * 60), ChronoUnit.MINUTES);
                  return Map.entry(
                      c.with(new Event.ModuleEvent("rel", EventType.MODULE_RELEASED, at, m.id())),
                      m.id());
                }))
        .verify(
            pair -> {
              ModuleState m = pair.getKey().end().module(pair.getValue()).orElseThrow();
              assertThat(m.status()).isNotEqualTo(ModuleStatus.LOCKED);
            });
  }

  @Test
  void skip_neverClosesAnything() {
    Property.forAll(
            Gen.zip(
                cases(),
                Gen.chooseLong(0, Long.MAX_VALUE),
                (c, s) -> {
                  SplittableRandom random = new SplittableRandom(s);
                  Instant at = c.origin().plus(random.nextInt(60 * 24 * 60), ChronoUnit.MINUTES);
                  return List.of(
                      c,
                      c.with(
                          new Event.ModuleEvent(
                              "skip",
                              EventType.MODULE_SKIPPED,
                              at,
                              anyModule(c.protocol(), random))));
                }))
        .verify(
            pair -> {
              ClientState without = pair.get(0).end();
              ClientState with = pair.get(1).end();
              for (int i = 0; i < without.modules().size(); i++) {
                if (without.modules().get(i).status() != ModuleStatus.LOCKED) {
                  assertThat(with.modules().get(i).status())
                      .as(without.modules().get(i).id())
                      .isNotEqualTo(ModuleStatus.LOCKED);
                }
              }
            });
  }

  @Test
  void openedModules_stayOpen_withoutAnExplicitEvent() {
    Property.forAll(cases())
        .verify(
            c -> {
              List<Instant> instants = new ArrayList<>();
              c.events().forEach(e -> instants.add(e.at()));
              instants.add(c.origin().plus(90, ChronoUnit.DAYS));
              instants.sort(null);
              Set<String> open = new HashSet<>();
              for (Instant at : instants) {
                ClientState s = c.at(at);
                for (ModuleState m : s.modules()) {
                  if (open.contains(m.id())) {
                    assertThat(m.status())
                        .as(m.id() + " at " + at)
                        .isNotEqualTo(ModuleStatus.LOCKED);
                  }
                  if (m.status() != ModuleStatus.LOCKED) {
                    open.add(m.id());
                  }
                }
              }
            });
  }

  @Test
  void aModuleWithoutARule_isOpenFromTheStart() {
    Property.forAll(cases())
        .verify(
            c -> {
              ClientState empty = new Case(c.pinned(), c.enrolment(), List.of()).at(c.origin());
              ClientState end = c.end();
              for (Module module : c.protocol().modules()) {
                if (module.isOpenFromStart()) {
                  ModuleState first = empty.module(module.id()).orElseThrow();
                  assertThat(first.status()).isEqualTo(ModuleStatus.AVAILABLE);
                  assertThat(first.explanation().code()).isEqualTo("open-from-start");
                  assertThat(end.module(module.id()).orElseThrow().status())
                      .isNotEqualTo(ModuleStatus.LOCKED);
                }
              }
            });
  }

  @Test
  void reasonTreeVerdict_equalsTheStatus() {
    Property.forAll(cases())
        .verify(
            c -> {
              ClientState s = c.end();
              for (int i = 0; i < s.modules().size(); i++) {
                ModuleState m = s.modules().get(i);
                boolean locked = m.status() == ModuleStatus.LOCKED;
                assertThat(m.explanation().holds()).as(m.id()).isEqualTo(!locked);
                assertThat(m.reason()).isEqualTo(m.explanation().text());
                if (locked) {
                  Rule rule = c.protocol().modules().get(i).unlock().orElseThrow();
                  assertThat(m.explanation().code()).isEqualTo("locked");
                  assertThat(m.reason()).startsWith("locked: needs ");
                  matches(m.explanation().children().get(0), rule);
                }
                if (m.status() == ModuleStatus.SKIPPED) {
                  assertThat(s.path()).doesNotContain(m.id());
                }
              }
              s.nextModule()
                  .ifPresent(
                      next -> {
                        assertThat(s.path()).contains(next);
                        assertThat(s.module(next).orElseThrow().status())
                            .isIn(ModuleStatus.AVAILABLE, ModuleStatus.IN_PROGRESS);
                      });
            });
  }

  /** Checks that a reason tree mirrors a rule node for node, with consistent verdicts. */
  static void matches(Reason reason, Rule rule) {
    assertThat(reason.code()).isEqualTo(rule.kind().code());
    assertThat(reason.children()).hasSameSizeAs(rule.children());
    for (int i = 0; i < rule.children().size(); i++) {
      matches(reason.children().get(i), rule.children().get(i));
    }
    List<Boolean> kids = reason.children().stream().map(Reason::holds).toList();
    switch (rule.kind()) {
      case ALL_OF -> assertThat(reason.holds()).isEqualTo(!kids.contains(false));
      case ANY_OF -> assertThat(reason.holds()).isEqualTo(kids.contains(true));
      case NOT -> assertThat(reason.holds()).isEqualTo(!kids.get(0));
      default -> {
        // A leaf's verdict is checked against the rule by rulesEvaluate_rightForAnyProgress.
      }
    }
  }

  /** A progress with arbitrary values, extremes included, to exercise every rule shape. */
  record RandomProgress(
      Set<String> completed,
      Set<String> started,
      Set<String> released,
      Map<Optional<SessionType>, Integer> attended,
      long days,
      Map<Instrument, Integer> latest,
      Map<Instrument, Integer> baseline)
      implements Progress {
    @Override
    public boolean isCompleted(String module) {
      return completed.contains(module);
    }

    @Override
    public boolean isStarted(String module) {
      return started.contains(module);
    }

    @Override
    public boolean isReleased(String module) {
      return released.contains(module);
    }

    @Override
    public int attended(Optional<SessionType> type) {
      return attended.getOrDefault(type, 0);
    }

    @Override
    public long daysSinceStart() {
      return days;
    }

    @Override
    public OptionalInt latestScore(Instrument instrument) {
      Integer v = latest.get(instrument);
      return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public OptionalInt baselineScore(Instrument instrument) {
      Integer v = baseline.get(instrument);
      return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
  }

  private static final int[] EXTREMES = {
    Integer.MIN_VALUE, -30, -1, 0, 1, 5, 9, 27, Integer.MAX_VALUE
  };

  static int anyInt(SplittableRandom random) {
    return random.nextBoolean()
        ? EXTREMES[random.nextInt(EXTREMES.length)]
        : random.nextInt(-40, 41);
  }

  static RandomProgress progress(Protocol p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> completed = new HashSet<>();
    Set<String> started = new HashSet<>();
    Set<String> released = new HashSet<>();
    for (Module m : p.modules()) {
      if (random.nextBoolean()) completed.add(m.id());
      if (random.nextBoolean()) started.add(m.id());
      if (random.nextBoolean()) released.add(m.id());
    }
    Map<Optional<SessionType>, Integer> attended = new HashMap<>();
    attended.put(Optional.empty(), anyInt(random));
    for (SessionType t : SessionType.values()) {
      attended.put(Optional.of(t), anyInt(random));
    }
    Map<Instrument, Integer> latest = new HashMap<>();
    Map<Instrument, Integer> baseline = new HashMap<>();
    for (Instrument instrument : List.of(Instrument.PHQ_9, Instrument.GAD_7, Instrument.WSAS)) {
      if (random.nextInt(4) > 0) {
        latest.put(instrument, anyInt(random));
        baseline.put(instrument, anyInt(random));
      }
    }
    long days = random.nextBoolean() ? anyInt(random) : random.nextLong();
    return new RandomProgress(completed, started, released, attended, days, latest, baseline);
  }

  @Test
  void rulesEvaluate_rightForAnyProgress() {
    Property.forAll(
            Gen.zip(
                Protocols.valid(),
                Gen.chooseLong(0, Long.MAX_VALUE),
                (p, s) -> Map.entry(p, progress(p, s))))
        .verify(
            pair -> {
              for (Module m : pair.getKey().modules()) {
                if (m.unlock().isPresent()) {
                  Rule rule = m.unlock().get();
                  assertThat(rule.isSatisfiedFor(m.id(), pair.getValue()))
                      .as(m.id())
                      .isEqualTo(reference(rule, m.id(), pair.getValue()));
                }
              }
            });
  }

  /** An independent reading of the rule vocabulary in DESIGN.md, in exact arithmetic. */
  static boolean reference(Rule rule, String module, RandomProgress progress) {
    switch (rule.kind()) {
      case ALL_OF:
        for (Rule child : rule.children()) {
          if (!reference(child, module, progress)) {
            return false;
          }
        }
        return true;
      case ANY_OF:
        for (Rule child : rule.children()) {
          if (reference(child, module, progress)) {
            return true;
          }
        }
        return false;
      case NOT:
        return !reference(rule.children().get(0), module, progress);
      case MODULE_COMPLETED:
        return progress.isCompleted(((Rule.ModuleCompleted) rule).module());
      case MODULE_STARTED:
        return progress.isStarted(((Rule.ModuleStarted) rule).module());
      case SESSIONS_ATTENDED:
        {
          Rule.SessionsAttended r = (Rule.SessionsAttended) rule;
          return progress.attended(r.type()) >= r.atLeast();
        }
      case DAYS_SINCE_START:
        return progress.daysSinceStart() >= ((Rule.DaysSinceStart) rule).atLeast();
      case MEASURE:
        {
          Rule.Measure r = (Rule.Measure) rule;
          OptionalInt latest = progress.latestScore(r.instrument());
          if (latest.isEmpty()) {
            return false;
          }
          java.math.BigInteger score = java.math.BigInteger.valueOf(latest.getAsInt());
          java.math.BigInteger change =
              score.subtract(
                  java.math.BigInteger.valueOf(
                      progress.baselineScore(r.instrument()).orElse(latest.getAsInt())));
          return within(score, r.atLeast(), r.atMost())
              && within(change, r.changeAtLeast(), r.changeAtMost());
        }
      case THERAPIST_RELEASE:
      default:
        return progress.isReleased(module);
    }
  }

  private static boolean within(java.math.BigInteger value, OptionalInt low, OptionalInt high) {
    return (low.isEmpty() || value.compareTo(java.math.BigInteger.valueOf(low.getAsInt())) >= 0)
        && (high.isEmpty() || value.compareTo(java.math.BigInteger.valueOf(high.getAsInt())) <= 0);
  }
}
