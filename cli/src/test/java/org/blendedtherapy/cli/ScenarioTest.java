package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Replays the scenarios under {@code samples/clients/scenarios/} with {@code blended state}. */
class ScenarioTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Cli.Result state(String scenario, String at, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "state",
                "samples/protocols/" + scenario + ".json",
                "--enrolment",
                "samples/clients/scenarios/" + scenario + ".enrolment.json",
                "--events",
                "samples/clients/scenarios/" + scenario + ".events.jsonl",
                "--at",
                at));
    args.addAll(List.of(more));
    return Cli.run(StateCommandTest.repository(), args.toArray(String[]::new));
  }

  static JsonNode module(JsonNode state, String id) {
    for (JsonNode module : state.get("modules")) {
      if (module.get("id").asString().equals(id)) {
        return module;
      }
    }
    throw new AssertionError("no module " + id);
  }

  @Test
  void eComparedUk_behaviouralActivationWaitsForPsychoeducation() {
    Cli.Result result = state("e-compared-uk", "2027-01-15T12:00:00Z");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("locked: needs psychoeducation completed (started 2027-01-12)");
    JsonNode json =
        JSON.readTree(state("e-compared-uk", "2027-01-21T12:00:00Z", "--format", "json").out());
    assertThat(module(json, "behavioural-activation").get("status").asString())
        .isEqualTo("in-progress");
    assertThat(json.get("rejected").get(1).get("reason").asString())
        .isEqualTo("tailoring.repeat is false");
  }

  @Test
  void lowIntensitySlim_skipOpensBehaviouralActivationAtOnce() {
    JsonNode json =
        JSON.readTree(
            state("low-intensity-slim", "2027-01-04T10:45:00Z", "--format", "json").out());
    assertThat(module(json, "psychoeducation").get("status").asString()).isEqualTo("skipped");
    JsonNode activation = module(json, "behavioural-activation");
    assertThat(activation.get("status").asString()).isEqualTo("available");
    assertThat(activation.get("explanation").get("code").asString()).isEqualTo("rule-satisfied");
    assertThat(activation.get("explanation").get("children").get(0).get("holds").asBoolean())
        .isTrue();
  }

  @Test
  void dutchSpecialised_repeatAndAssignmentAppearInThePlan() {
    Cli.Result result = state("dutch-specialised", "2027-01-20T12:00:00Z", "--format", "json");
    assertThat(result.exit()).isZero();
    JsonNode json = JSON.readTree(result.out());
    assertThat(module(json, "psychoeducation").get("repeats").asInt()).isEqualTo(1);
    assertThat(module(json, "problem-solving").get("session").asInt()).isEqualTo(4);
    assertThat(json.get("path").get(1).asString()).isEqualTo("problem-solving");
    assertThat(json.get("nextModule").asString()).isEqualTo("psychoeducation");
  }
}
