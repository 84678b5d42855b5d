package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.blendedtherapy.json.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValidateCommandTest {
  private static final List<String> SAMPLES =
      List.of("dutch-specialised.json", "e-compared-uk.json", "low-intensity-slim.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path scratch;

  @Test
  void samples_areValid_withTheCanonicalSha256() throws IOException {
    Cli.Result result = Cli.run(Cli.samples(), args("validate", SAMPLES));

    assertThat(result.exit()).isEqualTo(ExitCode.OK);
    assertThat(result.err()).isEmpty();
    List<String> valid = new ArrayList<>();
    for (String file : SAMPLES) {
      String sha =
          ProtocolJson.sha256(ProtocolJson.read(Files.readAllBytes(Cli.samples().resolve(file))));
      assertThat(sha).matches("[0-9a-f]{64}");
      valid.add(file + ": valid sha256=" + sha);
    }
    assertThat(result.out().lines())
        .filteredOn(line -> line.contains(": valid "))
        .containsExactlyElementsOf(valid);
    assertThat(result.out()).endsWith("\n");
  }

  @Test
  void warnings_areListedBeforeTheValidLine() {
    Cli.Result result = Cli.run(Cli.samples(), "validate", "e-compared-uk.json");

    assertThat(result.exit()).isEqualTo(ExitCode.OK);
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("e-compared-uk.json: warning /reminders [prompt-load] up to 5 prompts");
    assertThat(lines.get(1)).startsWith("e-compared-uk.json: valid sha256=");
  }

  @Test
  void fileNames_arePrintedAsGiven() {
    Path samples = Cli.samples();
    String relative = "../protocols/./low-intensity-slim.json";
    String absolute = samples.resolve("dutch-specialised.json").toString();

    Cli.Result result = Cli.run(samples, "validate", relative, absolute);

    assertThat(result.exit()).isEqualTo(ExitCode.OK);
    assertThat(result.out().lines())
        .anyMatch(line -> line.startsWith(relative + ": valid sha256="))
        .anyMatch(line -> line.startsWith(absolute + ": valid sha256="));
  }

  @Test
  void jsonFormat_hasTheDocumentedKeysInOrder() throws IOException {
    Files.write(scratch.resolve("empty.json"), new byte[0]);
    Files.copy(Cli.samples().resolve("e-compared-uk.json"), scratch.resolve("uk.json"));

    Cli.Result result = Cli.run(scratch, "validate", "--format", "json", "uk.json", "empty.json");

    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).endsWith("}\n").doesNotContain("\n{");
    JsonNode root = JSON.readTree(result.out());
    assertThat(root.propertyNames()).containsExactly("files");
    JsonNode uk = root.get("files").get(0);
    assertThat(uk.propertyNames()).containsExactly("file", "valid", "sha256", "issues");
    assertThat(uk.get("file").asString()).isEqualTo("uk.json");
    assertThat(uk.get("valid").isBoolean()).isTrue();
    assertThat(uk.get("valid").asBoolean()).isTrue();
    assertThat(uk.get("sha256").asString()).matches("[0-9a-f]{64}");
    JsonNode warning = uk.get("issues").get(0);
    assertThat(warning.propertyNames()).containsExactly("severity", "code", "pointer", "message");
    assertThat(warning.get("severity").asString()).isEqualTo("warning");
    assertThat(warning.get("code").asString()).isEqualTo("prompt-load");
    assertThat(warning.get("pointer").asString()).isEqualTo("/reminders");

    JsonNode empty = root.get("files").get(1);
    assertThat(empty.propertyNames()).containsExactly("file", "valid", "issues");
    assertThat(empty.get("valid").asBoolean()).isFalse();
    JsonNode error = empty.get("issues").get(0);
    assertThat(error.get("severity").asString()).isEqualTo("error");
    assertThat(error.get("code").asString()).isEqualTo("empty");
    assertThat(error.get("pointer").asString()).as("the raw pointer of the root").isEmpty();
    assertThat(root.get("files")).hasSize(2);
  }

  @Test
  void output_isUtf8() throws IOException {
    String sample = Cli.sample("e-compared-uk.json");
    Files.writeString(
        scratch.resolve("é.json"),
        sample.replace("\"kind\": \"optional\"", "\"kind\": \"élective\""));

    Cli.Result result = Cli.run(scratch, "validate", "é.json");

    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.out())
        .startsWith("é.json: error /modules/5/kind [not-allowed]")
        .contains("found \"élective\"");
  }

  @Test
  void missingFile_isExit2_namedOnStderr_andOtherFilesAreStillChecked() {
    Cli.Result result = Cli.run(Cli.samples(), "validate", "missing.json", "e-compared-uk.json");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .isEqualTo("blended validate: cannot read missing.json: no such file\n");
    assertThat(result.out())
        .contains("e-compared-uk.json: valid sha256=")
        .doesNotContain("missing");
  }

  @Test
  void missingFile_winsOverAnInvalidOne() throws IOException {
    Files.write(scratch.resolve("empty.json"), new byte[0]);

    Cli.Result result = Cli.run(scratch, "validate", "empty.json", "missing.json");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).startsWith("empty.json: error (root) [empty]");
  }

  @Test
  void invalidFile_isExit1_evenBesideValidOnes() throws IOException {
    Files.write(scratch.resolve("empty.json"), new byte[0]);
    Files.copy(Cli.samples().resolve("low-intensity-slim.json"), scratch.resolve("slim.json"));

    Cli.Result result = Cli.run(scratch, "validate", "slim.json", "empty.json");

    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void directory_isExit2() {
    Cli.Result result = Cli.run(Cli.samples(), "validate", ".");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .isEqualTo("blended validate: cannot read .: is a directory, expected a file\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unreadableFile_isExit2() throws IOException {
    Path locked =
        Files.copy(Cli.samples().resolve("e-compared-uk.json"), scratch.resolve("locked.json"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked), "permissions are not enforced for this user (root?)");

    Cli.Result result = Cli.run(scratch, "validate", "locked.json");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .isEqualTo("blended validate: cannot read locked.json: permission denied\n");
  }

  /**
   * Runs for every user, root included (CI runs as root, and root reads any file whatever its
   * permissions): a symbolic link to itself can be opened by nobody.
   */
  @Test
  void unreadableFile_isExit2_evenForRoot() throws IOException {
    Path loop = Files.createSymbolicLink(scratch.resolve("loop.json"), Path.of("loop.json"));
    assertThat(Files.isReadable(loop))
        .as("a link to itself is unreadable for every user")
        .isFalse();

    Cli.Result result = Cli.run(scratch, "validate", "loop.json");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("blended validate: cannot read loop.json: ").endsWith("\n");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void noArguments_isExit2_withUsage() {
    Cli.Result result = Cli.run(scratch, "validate");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("Missing required parameter: 'FILE'\n")
        .contains("Usage: blended validate");
  }

  @Test
  void noSubcommand_isExit2_withUsage() {
    Cli.Result result = Cli.run(scratch);

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("Missing required subcommand").contains("Usage: blended");
  }

  @Test
  void namesAndValues_areCaseSensitive() {
    Path samples = Cli.samples();
    assertThat(Cli.run(samples, "VALIDATE", "e-compared-uk.json").exit()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run(samples, "validate", "--FORMAT", "json", "e-compared-uk.json").exit())
        .isEqualTo(ExitCode.USAGE);
    Cli.Result upper = Cli.run(samples, "validate", "--format", "JSON", "e-compared-uk.json");
    assertThat(upper.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(upper.out()).isEmpty();
    assertThat(upper.err()).contains("--format").contains("text, json");
  }

  @Test
  void oversizedFile_isExit1_tooLarge() throws IOException {
    Path big = scratch.resolve("big.json");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] spaces = new byte[1024 * 1024];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 3; i++) {
        out.write(spaces);
      }
    }

    Cli.Result result = Cli.run(scratch, "validate", "big.json");

    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.out()).startsWith("big.json: error (root) [too-large] ");
    assertThat(result.out().lines()).hasSize(1);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void deeplyNestedFile_isExit1_tooDeep() throws IOException {
    Files.writeString(scratch.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));

    Cli.Result result = Cli.run(scratch, "validate", "deep.json");

    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.out()).startsWith("deep.json: error /0/0/0/").contains(" [too-deep] ");
    assertThat(result.out().lines()).hasSize(1);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void badInput_neverShowsAStackTrace() throws IOException {
    Files.write(scratch.resolve("nul.json"), new byte[] {'{', 0, '}'});
    Files.write(
        scratch.resolve("latin1.json"),
        "{\"id\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(scratch.resolve("truncated.json"), "{\"id\": \"x\", \"modules\": [");
    Files.writeString(scratch.resolve("deep.json"), "{\"a\":".repeat(100_000));
    Files.writeString(scratch.resolve("number.json"), "{\"id\": " + "9".repeat(10_000) + "}");
    Files.writeString(scratch.resolve("string.json"), "[\"" + "x".repeat(1_000_000) + "\"]");
    List<String[]> runs =
        List.of(
            new String[] {"validate", "nul.json", "latin1.json", "truncated.json"},
            new String[] {"validate", "deep.json", "number.json", "string.json"},
            new String[] {"validate", "--format", "json", "nul.json", "deep.json", "missing.json"},
            new String[] {"validate", "--format"},
            new String[] {"validate", "--no-such-option", "nul.json"},
            new String[] {"validate", "\0bad-name.json"},
            new String[] {"nonsense"});
    for (String[] args : runs) {
      Cli.Result result = Cli.run(scratch, args);
      assertThat(result.exit())
          .as(String.join(" ", args))
          .isIn(ExitCode.INPUT_WRONG, ExitCode.USAGE);
      assertThat(result.all())
          .as(String.join(" ", args))
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void unexpectedFailure_isOneLineOnStderr_exit2() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine commandLine =
        BlendedCli.commandLine(new java.io.PrintWriter(out), new java.io.PrintWriter(err), scratch);
    commandLine.addSubcommand("boom", new Boom());
    // As for the real subcommands, which exist before the streams are set: setErr reaches them.
    commandLine.setErr(new java.io.PrintWriter(err));

    int exit = commandLine.execute("boom");

    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "blended: unexpected failure (IllegalStateException: a bug on two lines); please report it\n");
  }

  /** A subcommand with a bug. */
  @CommandLine.Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug\non two lines");
    }
  }

  private static String[] args(String command, List<String> files) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(files);
    return all.toArray(String[]::new);
  }
}
