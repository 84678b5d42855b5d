package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus of client inputs ({@code golden/client} beside the protocol corpus): each
 * {@code NN-name.txt} is the exact text {@code blended state} prints on standard error for the
 * enrolment ({@code NN-name.enrolment.json}) or event log ({@code NN-name.events.jsonl}) beside it,
 * run with the sample protocol and the sample adherent client's other file; for a snapshot ({@code
 * NN-name.snapshot}, which no command reads) it is the text of the issues {@link
 * ClientState#restore} throws, in the same form. Also proves that every {@link IssueCode} has a
 * golden case in one corpus or the other.
 */
class GoldenClientCorpusTest {
  private static final String AT = "2027-06-01T00:00:00Z";
  private static final Pattern CODE =
      Pattern.compile(": (?:error|warning) \\S+ \\[([a-z0-9-]+)\\]");

  /** The one case too big to keep: 100,001 mood ratings, one past the limit of a log. */
  private static final String GENERATED = "08-too-many-events.events.jsonl";

  static Path corpus() {
    return Cli.corpus().resolveSibling("client");
  }

  static Path clients() {
    return Cli.moduleDirectory().resolve("../samples/clients").normalize();
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".txt"))
          .map(name -> name.substring(0, name.length() - ".txt".length()))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void input_printsGoldenText(String name, @TempDir Path scratch) throws IOException {
    String expected = Files.readString(corpus().resolve(name + ".txt"), StandardCharsets.UTF_8);
    Path directory = corpus();
    String input = input(name, scratch);
    if (input.equals(GENERATED)) {
      directory = scratch;
    }
    assertThat(directory.resolve(input)).as("the input of %s", name).isRegularFile();

    if (input.endsWith(".snapshot")) {
      assertThat(restore(directory.resolve(input))).isEqualTo(expected);
      return;
    }
    String enrolment = clients().resolve("adherent.enrolment.json").toString();
    String events = clients().resolve("adherent.events.jsonl").toString();
    if (input.endsWith(".enrolment.json")) {
      enrolment = input;
    } else {
      events = input;
    }
    String protocol = Cli.samples().resolve("e-compared-uk.json").toString();
    Cli.Result result =
        Cli.run(
            directory, "state", protocol, "--enrolment", enrolment, "--events", events, "--at", AT);

    assertThat(result.err()).isEqualTo(expected);
    assertThat(result.out()).isEmpty();
    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
  }

  @Test
  void everyIssueCode_hasAGoldenCase() throws IOException {
    Set<IssueCode> seen = EnumSet.noneOf(IssueCode.class);
    for (Path directory : List.of(Cli.corpus(), corpus(), MigrateCommandTest.corpus())) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
          Matcher codes = CODE.matcher(Files.readString(file, StandardCharsets.UTF_8));
          while (codes.find()) {
            String code = codes.group(1);
            seen.add(
                IssueCode.fromJson(code)
                    .orElseThrow(() -> new AssertionError(file + " has unknown code " + code)));
          }
        }
      }
    }
    assertThat(EnumSet.complementOf(EnumSet.copyOf(seen)))
        .as("issue codes without a golden case")
        .isEmpty();
  }

  @Test
  void generatedCase_isOnePastTheLimitOfALog(@TempDir Path scratch) throws IOException {
    Path log = scratch.resolve(input("08-too-many-events", scratch));
    try (Stream<String> lines = Files.lines(log)) {
      assertThat(lines.count()).isEqualTo(100_001);
    }
  }

  /** The input file of a case, writing the generated one into {@code scratch}. */
  private static String input(String name, Path scratch) throws IOException {
    if ((name + ".events.jsonl").equals(GENERATED)) {
      try (Writer out = Files.newBufferedWriter(scratch.resolve(GENERATED))) {
        for (int i = 1; i <= 100_001; i++) {
          out.write(
              String.format(
                  "{\"id\":\"m-%06d\",\"type\":\"mood-rated\",\"at\":\"2027-03-23T18:15:00Z\","
                      + "\"value\":5}\n",
                  i));
        }
      }
      return GENERATED;
    }
    for (String extension : List.of(".enrolment.json", ".events.jsonl", ".snapshot")) {
      if (Files.isRegularFile(corpus().resolve(name + extension))) {
        return name + extension;
      }
    }
    throw new AssertionError("no input for golden case " + name);
  }

  /** The issues restoring a snapshot throws, as {@code FILE: issue} lines. */
  private static String restore(Path snapshot) throws IOException {
    PinnedProtocol protocol = ProtocolJson.pin(ProtocolJson.read(Cli.sample("e-compared-uk.json")));
    Enrolment enrolment =
        EnrolmentJson.read(Files.readAllBytes(clients().resolve("adherent.enrolment.json")));
    InvalidInputException thrown =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> ClientState.restore(protocol, enrolment, Files.readAllBytes(snapshot)));
    return thrown.issues().stream()
        .map(Issue::toString)
        .map(issue -> snapshot.getFileName() + ": " + issue + "\n")
        .collect(Collectors.joining());
  }
}
