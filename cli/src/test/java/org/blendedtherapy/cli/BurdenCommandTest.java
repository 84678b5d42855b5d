package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BurdenCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What {@code blended burden samples/protocols/*.json} expands to in a shell. */
  static List<String> everySample() throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(Cli.samples())) {
      list.map(p -> "samples/protocols/" + p.getFileName())
          .filter(f -> f.endsWith(".json"))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  private static Cli.Result burden(List<String> files, String... options) {
    List<String> args = new ArrayList<>(List.of("burden"));
    args.addAll(files);
    args.addAll(List.of(options));
    return Cli.run(StateCommandTest.repository(), args.toArray(String[]::new));
  }

  @Test
  void everySample_slimIsShorterAndLighterThanTheUkArm_onEveryFigure() throws IOException {
    Cli.Result result = burden(everySample(), "--format", "json");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode uk = null;
    JsonNode slim = null;
    for (JsonNode p : JSON.readTree(result.out()).get("protocols")) {
      if (p.get("id").asString().equals("e-compared-uk")) {
        uk = p;
      } else if (p.get("id").asString().equals("low-intensity-slim")) {
        slim = p;
      }
    }
    assertThat(uk).isNotNull();
    assertThat(slim).isNotNull();
    for (String figure :
        List.of("weeks", "clientMinutesPerWeek", "therapistMinutesPerWeek", "modulesToComplete")) {
      assertThat(slim.get(figure).asDouble()).as(figure).isLessThan(uk.get(figure).asDouble());
    }
    for (String figure : List.of("mean", "max")) {
      assertThat(slim.get("promptsPerDay").get(figure).asDouble())
          .as("promptsPerDay." + figure)
          .isLessThan(uk.get("promptsPerDay").get(figure).asDouble());
    }
    assertThat(slim.get("daysOverCap").asInt()).isLessThanOrEqualTo(uk.get("daysOverCap").asInt());
  }

  @Test
  void json_laterProtocolsCarryTheirChangeAgainstTheFirst() {
    Cli.Result result =
        burden(
            List.of(
                "samples/protocols/e-compared-uk.json",
                "samples/protocols/low-intensity-slim.json"),
            "--format",
            "json");
    JsonNode protocols = JSON.readTree(result.out()).get("protocols");
    assertThat(protocols.get(0).has("changeFromFirst")).isFalse();
    JsonNode change = protocols.get(1).get("changeFromFirst");
    assertThat(change.get("weeks").asInt()).isEqualTo(-6);
    assertThat(change.get("therapistMinutesPerWeek").asDouble()).isEqualTo(-7.5);
    assertThat(change.get("modulesToComplete").asInt()).isEqualTo(-1);
    assertThat(protocols.get(0).get("weeks").asInt()).isEqualTo(12);
    assertThat(protocols.get(0).get("promptsPerDay").get("max").asInt()).isEqualTo(4);
  }

  @Test
  void text_oneColumnPerProtocol_laterColumnsShowTheChange() {
    Cli.Result result =
        burden(
            List.of(
                "samples/protocols/e-compared-uk.json",
                "samples/protocols/low-intensity-slim.json"));
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("e-compared-uk 1.0.0  low-intensity-slim 1.1.0-slim.1")
        .containsPattern("weeks in therapy +12 +6 \\(-6\\)")
        .containsPattern("therapist minutes per week +22.5 +15 \\(-7.5\\)")
        .containsPattern("modules to complete +5 +4 \\(-1\\)")
        .contains("no minutes for reviewing online work or measures");
  }

  @Test
  void missingFile_isExit2_andNoArguments_isUsage() {
    Cli.Result missing = burden(List.of("samples/protocols/nope.json"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).contains("cannot read samples/protocols/nope.json: no such file");
    assertThat(burden(List.of()).exit()).isEqualTo(2);
  }
}
