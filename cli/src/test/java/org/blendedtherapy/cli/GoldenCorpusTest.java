package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code blended validate} on every document of the golden error corpus (in protocol-schemas'
 * test resources) and compares standard output verbatim with the {@code .txt} beside it.
 */
class GoldenCorpusTest {
  private static final String DESCRIPTION = "\"description\": \"The UK arm";
  private static final int MAX_BYTES = 2 * 1024 * 1024;

  /**
   * Cases too big to keep in the repository, built from the sample's text as the corpus README
   * describes; each replaces the first (and only) occurrence of {@link #DESCRIPTION}.
   */
  private static final Map<String, UnaryOperator<String>> GENERATED =
      Map.of(
          "11-string-too-long.json",
          text ->
              text.replace(
                  DESCRIPTION, "\"description\": \"" + "a".repeat(100_001) + " The UK arm"),
          "12-too-large.json",
          text ->
              text.replace(
                  DESCRIPTION,
                  "\"description\": \""
                      + "a".repeat(MAX_BYTES + 1 - text.getBytes(StandardCharsets.UTF_8).length)
                      + "The UK arm"),
          "13-too-many-tokens.json",
          text ->
              text.replace(
                  DESCRIPTION, "\"notes\": [" + "0,".repeat(500_000) + "0],\n  " + DESCRIPTION));

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(Cli.corpus())) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".txt"))
          .map(name -> name.substring(0, name.length() - ".txt".length()) + ".json")
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate_printsGoldenText(String file, @TempDir Path scratch) throws IOException {
    Path directory = Cli.corpus();
    if (GENERATED.containsKey(file)) {
      String text = GENERATED.get(file).apply(Cli.sample("e-compared-uk.json"));
      Files.writeString(scratch.resolve(file), text, StandardCharsets.UTF_8);
      directory = scratch;
    }
    assertThat(directory.resolve(file)).as("the document of %s", file).isRegularFile();
    String expected = Files.readString(Cli.corpus().resolve(file.replace(".json", ".txt")));

    Cli.Result result = Cli.run(directory, "validate", file);

    assertThat(result.out()).isEqualTo(expected);
    assertThat(result.err()).isEmpty();
    // A case of a warning alone is a valid document: exit 0, as for any warning.
    assertThat(result.exit())
        .isEqualTo(expected.contains(": error ") ? ExitCode.INPUT_WRONG : ExitCode.OK);
  }

  @Test
  void corpus_hasAtLeastThirtyCasesEachWithItsText() throws IOException {
    List<String> cases = cases().collect(Collectors.toList());
    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    try (Stream<Path> files = Files.list(Cli.corpus())) {
      List<String> documents =
          files
              .map(path -> path.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .collect(Collectors.toList());
      assertThat(cases).containsAll(documents);
      for (String file : cases) {
        assertThat(documents.contains(file) || GENERATED.containsKey(file))
            .as("%s is in the corpus or generated", file)
            .isTrue();
      }
    }
  }

  @Test
  void generatedCases_areAsTheReadmeDescribes() {
    String sample = Cli.sample("e-compared-uk.json");
    assertThat(sample.indexOf(DESCRIPTION)).isPositive().isEqualTo(sample.lastIndexOf(DESCRIPTION));
    assertThat(GENERATED.get("12-too-large.json").apply(sample).getBytes(StandardCharsets.UTF_8))
        .hasSize(MAX_BYTES + 1);
    assertThat(
            GENERATED
                .get("11-string-too-long.json")
                .apply(sample)
                .getBytes(StandardCharsets.UTF_8)
                .length)
        .isLessThan(200_000);
  }
}
