package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blendedtherapy.state.ClientStateTest.SLIM;
import static org.blendedtherapy.state.ClientStateTest.UK;
import static org.blendedtherapy.state.ClientStateTest.enrol;
import static org.blendedtherapy.state.ClientStateTest.module;
import static org.blendedtherapy.state.ClientStateTest.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.Rule;
import org.junit.jupiter.api.Test;

class TailoringTest {
  static final Protocol DUTCH = ClientStateTest.load("dutch-specialised");

  static Event reorder(String id, String at, String... order) {
    return new Event.ModulesReordered(id, Instant.parse(at), List.of(order));
  }

  static Event assign(String id, String at, String module, OptionalInt session) {
    return new Event.ModuleAssigned(id, Instant.parse(at), module, session);
  }

  @Test
  void tailoringTheProtocolForbids_isRejectedNamingTheSetting() {
    Enrolment e = enrol(UK, "2027-01-04T10:00", "Europe/London");
    List<Event> events =
        List.of(
            module("c", EventType.MODULE_COMPLETED, "2027-01-04T12:00:00Z", "introduction"),
            module("r", EventType.MODULE_REPEATED, "2027-01-04T13:00:00Z", "introduction"),
            assign("a", "2027-01-04T13:01:00Z", "problem-solving", OptionalInt.of(2)),
            reorder("o", "2027-01-04T13:02:00Z", "psychoeducation"));
    ClientState s = state(UK, e, events, "2027-01-05T00:00:00Z");
    assertThat(s.rejected())
        .containsExactly(
            Results.rejection("r", RejectionCode.TAILORING_FORBIDS, "tailoring.repeat is false"),
            Results.rejection("a", RejectionCode.TAILORING_FORBIDS, "tailoring.assign is false"),
            Results.rejection("o", RejectionCode.TAILORING_FORBIDS, "tailoring.reorder is false"));
    assertThat(s.module("introduction").orElseThrow().status()).isEqualTo(ModuleStatus.COMPLETED);
    assertThat(s.module("problem-solving").orElseThrow().status()).isEqualTo(ModuleStatus.LOCKED);
    assertThat(s.path()).doesNotContain("problem-solving");
  }

  @Test
  void release_opensALockedModuleWhateverItsRule_underTailoringRelease() {
    Enrolment e = enrol(SLIM, "2027-01-04T10:00", "Europe/London");
    ClientState s =
        state(
            SLIM,
            e,
            List.of(
                module(
                    "r", EventType.MODULE_RELEASED, "2027-01-05T09:00:00Z", "relapse-prevention")),
            "2027-01-06T00:00:00Z");
    ModuleState released = s.module("relapse-prevention").orElseThrow();
    assertThat(released.status()).isEqualTo(ModuleStatus.AVAILABLE);
    assertThat(released.explanation().code()).isEqualTo("released");
    assertThat(released.reason()).isEqualTo("released by the therapist on 2027-01-05");
    assertThat(released.explanation().children()).extracting(Reason::holds).containsExactly(false);
  }

  @Test
  void repeat_reopensACompletedModule_andRulesThatWaitedOnItStaySatisfied() {
    Enrolment e = enrol(DUTCH, "2027-01-04T10:00", "Europe/London");
    List<Event> events =
        List.of(
            module("c", EventType.MODULE_COMPLETED, "2027-01-04T12:00:00Z", "introduction"),
            module("r", EventType.MODULE_REPEATED, "2027-01-05T12:00:00Z", "introduction"),
            module("r2", EventType.MODULE_REPEATED, "2027-01-05T12:01:00Z", "introduction"),
            module("r3", EventType.MODULE_REPEATED, "2027-01-05T12:02:00Z", "psychoeducation"));
    ClientState s = state(DUTCH, e, events, "2027-01-06T00:00:00Z");
    ModuleState introduction = s.module("introduction").orElseThrow();
    assertThat(introduction.status()).isEqualTo(ModuleStatus.AVAILABLE);
    assertThat(introduction.repeats()).isEqualTo(1);
    assertThat(introduction.reason())
        .isEqualTo("repeat asked by the therapist on 2027-01-05 (completed on 2027-01-04)");
    assertThat(s.rejected())
        .extracting(Rejection::reason)
        .containsExactly(
            "module \"introduction\" is not completed, so there is nothing to repeat yet",
            "module \"psychoeducation\" is not completed, so there is nothing to repeat yet");
    assertThat(s.progress().coreModulesCompleted()).isEqualTo(1);
  }

  @Test
  void assign_rejectsSessionsOutsideThePlan_andUnknownModules() {
    Enrolment e = enrol(DUTCH, "2027-01-04T10:00", "Europe/London");
    List<Event> events =
        List.of(
            assign("a1", "2027-01-04T12:00:00Z", "problem-solving", OptionalInt.of(20)),
            assign("a2", "2027-01-04T12:01:00Z", "m9", OptionalInt.empty()),
            assign("a3", "2027-01-04T12:02:00Z", "physical-exercise", OptionalInt.empty()),
            reorder("o1", "2027-01-04T12:03:00Z", "m9"),
            reorder("o2", "2027-01-04T12:04:00Z", "physical-exercise", "physical-exercise"));
    ClientState s = state(DUTCH, e, events, "2027-01-05T00:00:00Z");
    assertThat(s.rejected())
        .containsExactly(
            Results.rejection(
                "a1",
                RejectionCode.UNKNOWN_SESSION,
                "session 20 is outside the plan (sessions 1 to 19)"),
            Results.rejection(
                "a2", RejectionCode.UNKNOWN_MODULE, "no module \"m9\" in the protocol"),
            Results.rejection(
                "o1", RejectionCode.UNKNOWN_MODULE, "no module \"m9\" in the protocol"),
            Results.rejection(
                "o2",
                RejectionCode.LISTED_TWICE,
                "module \"physical-exercise\" is listed twice in the order"));
    ModuleState exercise = s.module("physical-exercise").orElseThrow();
    assertThat(exercise.status()).isEqualTo(ModuleStatus.AVAILABLE);
    assertThat(exercise.session()).isEmpty();
    assertThat(exercise.reason()).isEqualTo("assigned by the therapist on 2027-01-04");
    assertThat(s.path()).endsWith("physical-exercise");
  }

  @Test
  void reorder_changesOnlyTheSuggestedOrder() {
    Enrolment e = enrol(SLIM, "2027-01-04T10:00", "Europe/London");
    ClientState before = state(SLIM, e, List.of(), "2027-01-05T00:00:00Z");
    ClientState after =
        state(
            SLIM,
            e,
            List.of(reorder("o", "2027-01-04T12:00:00Z", "relapse-prevention", "introduction")),
            "2027-01-05T00:00:00Z");
    assertThat(after.modules()).isEqualTo(before.modules());
    assertThat(after.path())
        .containsExactly(
            "relapse-prevention", "introduction", "psychoeducation", "behavioural-activation");
    assertThat(after.nextModule()).contains("introduction");
  }

  @Test
  void ruleTexts_nameDatesCountsAndScores() {
    Rule rule =
        new Rule.AllOf(
            List.of(
                new Rule.DaysSinceStart(14),
                new Rule.Measure(
                    Instrument.PHQ_9,
                    OptionalInt.empty(),
                    OptionalInt.of(9),
                    OptionalInt.empty(),
                    OptionalInt.of(-5)),
                new Rule.Not(new Rule.SessionsAttended(Optional.empty(), 3))));
    Protocol p = withRule(SLIM, 3, rule);
    Enrolment e = enrol(p, "2027-01-04T10:00", "Europe/London");
    List<Event> events =
        List.of(
            new Event.MeasureRecorded(
                "m1",
                Instant.parse("2027-01-04T10:30:00Z"),
                Instrument.PHQ_9,
                List.of(),
                OptionalInt.of(18)),
            new Event.MeasureRecorded(
                "m2",
                Instant.parse("2027-01-11T10:30:00Z"),
                Instrument.PHQ_9,
                List.of(),
                OptionalInt.of(12)));
    ModuleState m = state(p, e, events, "2027-01-12T00:00:00Z").module("relapse-prevention").get();
    assertThat(m.reason())
        .isEqualTo(
            "locked: needs 14 days since the start, from 2027-01-18 (8 so far) and PHQ-9 at most 9,"
                + " change at most -5 (latest 12, baseline 18)");
    assertThat(m.explanation().outline())
        .isEqualTo(
            "- locked: needs 14 days since the start, from 2027-01-18 (8 so far) and PHQ-9 at"
                + " most 9, change at most -5 (latest 12, baseline 18) [locked]\n"
                + "  - all of: 1 of 3 hold [all-of]\n"
                + "    - 14 days since the start, from 2027-01-18 (8 so far) [days-since-start]\n"
                + "    - PHQ-9 at most 9, change at most -5 (latest 12, baseline 18) [measure]\n"
                + "    + not (3 attended sessions) [not]\n"
                + "      - 3 attended sessions (0 so far) [sessions-attended]\n");
    assertThat(m.toString()).doesNotContain("12").doesNotContain("18");
  }

  @Test
  void openedModules_stayOpen_whateverInstantIsAskedFirst() {
    Protocol p = withRule(SLIM, 3, new Rule.Not(new Rule.SessionsAttended(Optional.empty(), 1)));
    Enrolment e = enrol(p, "2027-01-04T10:00", "Europe/London");
    List<Event> events = List.of(ClientStateTest.attended("a", "2027-01-04T10:40:00Z", 1));
    for (String at :
        List.of("2027-01-04T10:00:00Z", "2027-01-04T11:00:00Z", "2027-02-01T00:00:00Z")) {
      ModuleState m = state(p, e, events, at).module("relapse-prevention").orElseThrow();
      assertThat(m.status()).as(at).isEqualTo(ModuleStatus.AVAILABLE);
      assertThat(m.reason()).isEqualTo("open from the start: not (1 attended session)");
    }
  }

  @Test
  void daysSinceStart_opensOnTheThresholdDay_notOnTheQueryDay() {
    Protocol p = withRule(SLIM, 3, new Rule.DaysSinceStart(14));
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London");
    ModuleState m =
        state(p, e, List.of(), "2027-05-01T00:00:00Z").module("relapse-prevention").get();
    assertThat(m.reason()).isEqualTo("opened on 2027-04-05: 14 days since the start");
    assertThat(m.explanation().children().get(0).text())
        .isEqualTo("14 days since the start, from 2027-04-05 (14 so far)");
  }

  static Protocol withRule(Protocol p, int index, Rule rule) {
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    Module old = modules.get(index);
    modules.set(
        index,
        new Module(
            old.id(),
            old.title(),
            old.kind(),
            old.estimatedMinutes(),
            old.description(),
            Optional.of(rule)));
    return p.withModules(modules);
  }
}
