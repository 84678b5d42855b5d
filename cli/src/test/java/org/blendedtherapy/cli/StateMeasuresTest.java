package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The measures, outcome and risk sections of {@code blended state}, on the sample clients. */
class StateMeasuresTest {
  static Cli.Result state(String client, String at, String... format) {
    String[] args = {
      "state",
      "samples/protocols/e-compared-uk.json",
      "--enrolment",
      "samples/clients/" + client + ".enrolment.json",
      "--events",
      "samples/clients/" + client + ".events.jsonl",
      "--at",
      at
    };
    String[] all = new String[args.length + format.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(format, 0, all, args.length, format.length);
    return Cli.run(StateCommandTest.repository(), all);
  }

  @Test
  void recoveringClient_showsRecoveryAndReliableImprovement_asTextAndJson() {
    Cli.Result text = state("recovering", "2027-03-24T12:00:00Z");
    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .contains("Outcome\n  final (discharged)")
        .contains("  PHQ-9 16 -> 9 (caseness 10, reliable change 6)\n")
        .contains("  GAD-7 12 -> 7 (caseness 8, reliable change 4)\n")
        .contains("recovery yes; reliable improvement yes; reliable deterioration no");
    JsonNode outcome =
        JsonMapper.builder()
            .build()
            .readTree(state("recovering", "2027-03-24T12:00:00Z", "--format", "json").out())
            .get("outcome");
    assertThat(outcome.get("recovery").asBoolean()).isTrue();
    assertThat(outcome.get("reliableImprovement").asBoolean()).isTrue();
    assertThat(outcome.get("reliableDeterioration").asBoolean()).isFalse();
    assertThat(outcome.get("final").asBoolean()).isTrue();
  }

  @Test
  void atRiskClient_showsTheRiskFlagWithItsEvent_andNoScore() {
    Cli.Result text = state("at-risk", "2027-03-24T12:00:00Z");
    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .contains(
            "Risk\n  FLAG k-002 at 2027-01-04T10:52: PHQ-9 item 9 (thoughts of self-harm) answered above 0\n");
  }
}
