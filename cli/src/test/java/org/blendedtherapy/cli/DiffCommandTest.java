package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DiffCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String UK = "samples/protocols/e-compared-uk.json";
  private static final String SLIM = "samples/protocols/low-intensity-slim.json";

  static Path golden(String name) {
    return Cli.moduleDirectory().resolve("src/test/resources/golden").resolve(name);
  }

  @Test
  void ukToSlim_listsEveryChange_asTheGoldenText() throws IOException {
    Cli.Result result = Cli.run(StateCommandTest.repository(), "diff", UK, SLIM);
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            Files.readString(
                golden("diff-e-compared-uk-low-intensity-slim.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void json_hasTheSameChanges_andTheBurdenDifference() {
    Cli.Result text = Cli.run(StateCommandTest.repository(), "diff", UK, SLIM);
    Cli.Result json = Cli.run(StateCommandTest.repository(), "diff", UK, SLIM, "--format", "json");
    assertThat(json.exit()).isZero();
    JsonNode root = JSON.readTree(json.out());
    assertThat(root.get("old").get("id").asString()).isEqualTo("e-compared-uk");
    assertThat(root.get("new").get("version").asString()).isEqualTo("1.1.0-slim.1");
    for (JsonNode change : root.get("changes")) {
      assertThat(text.out()).contains(change.get("text").asString());
    }
    assertThat(text.out()).contains(": " + root.get("changes").size() + " changes");
    assertThat(root.get("burden").get("change").get("weeks").asInt()).isEqualTo(-6);
  }

  @Test
  void sameProtocol_hasNoChanges() {
    Cli.Result result = Cli.run(StateCommandTest.repository(), "diff", UK, UK);
    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains(": 0 changes").contains("  no changes\n");
  }

  @Test
  void wrongArgumentCount_isUsage() {
    assertThat(Cli.run(StateCommandTest.repository(), "diff", UK).exit()).isEqualTo(2);
  }
}
