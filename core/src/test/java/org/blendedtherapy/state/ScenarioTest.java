package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the scenarios under {@code samples/clients/scenarios/} and checks their reason texts
 * verbatim against {@code golden/reasons/NAME.txt}. Each golden file lists its query instants as
 * {@code == at INSTANT} lines; run with {@code -Dblended.golden.update=true} to rewrite the files
 * from the current output, then review the difference.
 */
class ScenarioTest {
  private static final Path SCENARIOS = Path.of("../samples/clients/scenarios");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/reasons");

  record Scenario(Protocol protocol, Enrolment enrolment, History history) {
    ClientState at(String instant) {
      return ClientState.of(ProtocolJson.pin(protocol), enrolment, history, Instant.parse(instant));
    }
  }

  static Scenario scenario(String name) {
    try {
      Protocol protocol =
          ProtocolJson.read(Files.readString(Path.of("../samples/protocols/" + name + ".json")));
      Enrolment enrolment =
          EnrolmentJson.read(Files.readString(SCENARIOS.resolve(name + ".enrolment.json")));
      History history =
          EventsJson.read(Files.readString(SCENARIOS.resolve(name + ".events.jsonl")));
      return new Scenario(protocol, enrolment, history);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders what a therapist reads: every module's reason tree, the path, and the rejections. */
  static String render(ClientState state) {
    StringBuilder out = new StringBuilder();
    out.append("== at ").append(state.at()).append('\n');
    for (ModuleState module : state.modules()) {
      out.append(module.id()).append(" (").append(module.status().json()).append(")\n");
      out.append(module.explanation().outline());
    }
    out.append("path: ").append(String.join(", ", state.path())).append('\n');
    out.append("next module: ").append(state.nextModule().orElse("none")).append('\n');
    for (Rejection rejection : state.rejected()) {
      out.append("rejected ")
          .append(rejection.event())
          .append(": ")
          .append(rejection.reason())
          .append('\n');
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"e-compared-uk", "low-intensity-slim", "dutch-specialised"})
  void reasonTexts_matchTheGoldenFile(String name) throws IOException {
    Path file = GOLDEN.resolve(name + ".txt");
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    Scenario scenario = scenario(name);
    StringBuilder actual = new StringBuilder();
    List<String> instants = new ArrayList<>();
    for (String line : expected.split("\n")) {
      if (line.startsWith("== at ")) {
        instants.add(line.substring("== at ".length()));
      }
    }
    assertThat(instants).isNotEmpty();
    for (String instant : instants) {
      actual.append(render(scenario.at(instant)));
    }
    if (Boolean.getBoolean("blended.golden.update")) {
      Files.writeString(file, actual.toString(), StandardCharsets.UTF_8);
    }
    assertThat(actual.toString()).isEqualTo(expected);
  }

  @Test
  void eComparedUk_behaviouralActivationWaitsForIntroductionAndPsychoeducation() {
    Scenario uk = scenario("e-compared-uk");
    ClientState before = uk.at("2027-01-15T12:00:00Z");
    assertThat(before.module("behavioural-activation").orElseThrow().reason())
        .isEqualTo("locked: needs psychoeducation completed (started 2027-01-12)");
    assertThat(before.nextModule()).contains("psychoeducation");
    ClientState after = uk.at("2027-01-21T12:00:00Z");
    assertThat(after.module("behavioural-activation").orElseThrow().status())
        .isEqualTo(ModuleStatus.IN_PROGRESS);
    assertThat(after.module("behavioural-activation").orElseThrow().explanation().children())
        .extracting(Reason::code, Reason::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "rule-satisfied", "opened on 2027-01-19: psychoeducation completed"));
    assertThat(after.rejected())
        .containsExactly(
            Results.rejection(
                "uk-03",
                RejectionCode.MODULE_LOCKED,
                "module \"behavioural-activation\" is locked"),
            Results.rejection(
                "uk-07", RejectionCode.TAILORING_FORBIDS, "tailoring.repeat is false"));
  }

  @Test
  void lowIntensitySlim_skippingPsychoeducationOpensBehaviouralActivationAtOnce() {
    Scenario slim = scenario("low-intensity-slim");
    assertThat(slim.at("2027-01-04T10:44:00Z").module("behavioural-activation").orElseThrow())
        .extracting(ModuleState::status)
        .isEqualTo(ModuleStatus.LOCKED);
    ClientState afterSkip = slim.at("2027-01-04T10:45:00Z");
    ModuleState activation = afterSkip.module("behavioural-activation").orElseThrow();
    assertThat(activation.status()).isEqualTo(ModuleStatus.AVAILABLE);
    assertThat(activation.explanation().children().get(0).text())
        .isEqualTo("psychoeducation skipped by the therapist on 2027-01-04 (counts as completed)");
    assertThat(afterSkip.path()).doesNotContain("psychoeducation");
    assertThat(afterSkip.module("psychoeducation").orElseThrow().status())
        .isEqualTo(ModuleStatus.SKIPPED);
    assertThat(slim.at("2027-01-08T12:00:00Z").rejected())
        .containsExactly(
            Results.rejection(
                "slim-04", RejectionCode.MODULE_SKIPPED, "module \"psychoeducation\" was skipped"));
  }

  @Test
  void dutchSpecialised_repeatedAndAssignedModulesAppearInThePlan() {
    Scenario dutch = scenario("dutch-specialised");
    ClientState s = dutch.at("2027-01-20T12:00:00Z");
    ModuleState psychoeducation = s.module("psychoeducation").orElseThrow();
    assertThat(psychoeducation.status()).isEqualTo(ModuleStatus.IN_PROGRESS);
    assertThat(psychoeducation.repeats()).isEqualTo(1);
    assertThat(psychoeducation.explanation().children().get(0).code()).isEqualTo("repeated");
    ModuleState problemSolving = s.module("problem-solving").orElseThrow();
    assertThat(problemSolving.status()).isEqualTo(ModuleStatus.AVAILABLE);
    assertThat(problemSolving.session()).isEqualTo(OptionalInt.of(4));
    assertThat(problemSolving.reason())
        .isEqualTo("assigned by the therapist on 2027-01-18 for online session 4");
    assertThat(s.path())
        .containsExactly(
            "psychoeducation",
            "problem-solving",
            "behavioural-activation",
            "introduction",
            "cognitive-restructuring",
            "relapse-prevention");
    assertThat(s.nextModule()).contains("psychoeducation");
    assertThat(s.rejected())
        .containsExactly(
            Results.rejection(
                "nl-11",
                RejectionCode.NOT_ONLINE_SESSION,
                "session 3 is a face-to-face session; a module is assigned to an online session"));
    assertThat(dutch.at("2027-01-22T12:00:00Z").nextModule()).contains("problem-solving");
  }
}
