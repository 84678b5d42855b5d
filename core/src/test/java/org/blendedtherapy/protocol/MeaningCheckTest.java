package org.blendedtherapy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Severity;
import org.blendedtherapy.json.ProtocolJson;
import org.junit.jupiter.api.Test;

class MeaningCheckTest {
  static Protocol sample(String name) throws IOException {
    return ProtocolJson.read(Files.readString(Path.of("../samples/protocols/" + name + ".json")));
  }

  static Module module(Module m, Optional<Rule> unlock) {
    return new Module(m.id(), m.title(), m.kind(), m.estimatedMinutes(), m.description(), unlock);
  }

  @Test
  void cycle_namesEveryModuleOnIt() throws IOException {
    Protocol p = sample("e-compared-uk");
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(
        0, module(modules.get(0), Optional.of(new Rule.ModuleCompleted("behavioural-activation"))));
    assertThat(p.withModules(modules).check())
        .extracting(Issue::toString)
        .contains(
            "error /modules/0/unlock [cycle] prerequisite cycle: introduction -> "
                + "behavioural-activation -> psychoeducation -> introduction");
  }

  @Test
  void moduleThatCanNeverOpen_isAnErrorForCoreAndAWarningForOptional() throws IOException {
    Protocol p = sample("dutch-specialised");
    Rule impossible = new Rule.SessionsAttended(Optional.of(SessionType.FACE_TO_FACE), 11);
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(4, module(modules.get(4), Optional.of(impossible)));
    modules.set(5, module(modules.get(5), Optional.of(impossible)));
    Protocol changed = p.withModules(modules).withTailoring(Tailoring.NONE);
    assertThat(changed.check())
        .filteredOn(i -> i.code().json().equals("never-opens"))
        .extracting(Issue::severity, Issue::pointer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "/modules/4/unlock"),
            org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "/modules/5/unlock"));
  }

  @Test
  void skippableDependency_countsAsAWayToOpen() throws IOException {
    Protocol p = sample("e-compared-uk");
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(
        0, module(modules.get(0), Optional.of(new Rule.SessionsAttended(Optional.empty(), 99))));
    Protocol blocked = p.withModules(modules);
    assertThat(blocked.check()).filteredOn(i -> i.code().json().equals("never-opens")).hasSize(5);
    Tailoring skipCore =
        new Tailoring(false, Set.of(ModuleKind.CORE), false, false, false, Optional.empty());
    assertThat(blocked.withTailoring(skipCore).check())
        .filteredOn(i -> i.code().json().equals("never-opens"))
        .extracting(Issue::pointer)
        .containsExactly("/modules/0/unlock");
  }

  @Test
  void releaseAllowed_meansEveryModuleCanOpen() throws IOException {
    Protocol p = sample("low-intensity-slim");
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(
        1, module(modules.get(1), Optional.of(new Rule.SessionsAttended(Optional.empty(), 99))));
    assertThat(p.withModules(modules).check())
        .noneMatch(i -> i.code().json().equals("never-opens"));
  }

  @Test
  void notAroundAModuleCondition_isRejected() throws IOException {
    Protocol p = sample("e-compared-uk");
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(
        5,
        module(modules.get(5), Optional.of(new Rule.Not(new Rule.ModuleStarted("introduction")))));
    assertThat(p.withModules(modules).check())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "not-module", "/modules/5/unlock/not/moduleStarted"));
  }

  @Test
  void ruleDepth_isLimitedTo16() throws IOException {
    Protocol p = sample("e-compared-uk");
    Rule rule = new Rule.TherapistRelease();
    for (int depth = 1; depth < 16; depth++) {
      rule = new Rule.AllOf(List.of(rule));
    }
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(5, module(modules.get(5), Optional.of(rule)));
    assertThat(p.withModules(modules).check()).noneMatch(i -> i.code().json().equals("rule-depth"));
    modules.set(5, module(modules.get(5), Optional.of(new Rule.AnyOf(List.of(rule)))));
    assertThat(p.withModules(modules).check())
        .extracting(Issue::toString)
        .contains("error /modules/5/unlock [rule-depth] rule depth 17 exceeds the limit of 16");
  }

  @Test
  void burdenSmells_areWarnings() throws IOException {
    assertThat(sample("e-compared-uk").check())
        .extracting(Issue::toString)
        .containsExactly(
            "warning /reminders [prompt-load] up to 5 prompts can fall on one day (more than 4):"
                + " mood-rating 2, activity 1, homework 1, appointment 1");
    Protocol p = sample("dutch-specialised");
    SessionPlan longer =
        new SessionPlan(
            p.sessionPlan().pattern(),
            java.time.Period.ofWeeks(2),
            19,
            p.sessionPlan().durationMinutes(),
            false);
    Protocol slow = p.withSessionPlan(longer);
    assertThat(slow.check())
        .extracting(Issue::toString)
        .contains("warning /sessionPlan [long-plan] the plan runs 38 weeks (more than 20 weeks)");
  }

  @Test
  void notAroundAConditionThatOnlyGrows_warnsBecomesFalse() throws IOException {
    Protocol p = sample("e-compared-uk");
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    modules.set(
        5,
        module(
            modules.get(5),
            Optional.of(
                new Rule.AnyOf(
                    List.of(
                        new Rule.TherapistRelease(),
                        new Rule.Not(
                            new Rule.AllOf(
                                List.of(
                                    new Rule.DaysSinceStart(14),
                                    new Rule.SessionsAttended(Optional.empty(), 2)))))))));
    assertThat(p.withModules(modules).check())
        .filteredOn(i -> i.code().json().equals("becomes-false"))
        .extracting(Issue::severity, Issue::pointer, Issue::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                org.blendedtherapy.Severity.WARNING,
                "/modules/5/unlock/anyOf/1/not",
                "\"not\" around daysSinceStart, sessionsAttended, which only ever grows: the rule"
                    + " can hold at first and only become false later, and an opened module stays"
                    + " open, so it opens the module at once or never"));
  }

  @Test
  void notAroundAMeasure_orAroundANot_doesNotWarn() throws IOException {
    Protocol p = sample("e-compared-uk");
    List<Module> modules = new java.util.ArrayList<>(p.modules());
    Rule measure =
        new Rule.Measure(
            Instrument.PHQ_9,
            java.util.OptionalInt.of(10),
            java.util.OptionalInt.empty(),
            java.util.OptionalInt.empty(),
            java.util.OptionalInt.empty());
    modules.set(5, module(modules.get(5), Optional.of(new Rule.Not(measure))));
    modules.set(
        6,
        module(
            modules.get(6), Optional.of(new Rule.Not(new Rule.Not(new Rule.TherapistRelease())))));
    assertThat(p.withModules(modules).check())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .containsOnlyOnce(
            org.assertj.core.groups.Tuple.tuple("becomes-false", "/modules/6/unlock/not/not"))
        .noneMatch(t -> t.toList().get(1).equals("/modules/5/unlock/not"));
  }
}
