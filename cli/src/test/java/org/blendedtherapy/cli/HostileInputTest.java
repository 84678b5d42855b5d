package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs within the documented limits that once crashed the command or reached the terminal raw: an
 * endless device as the event log, and control characters in document strings.
 */
class HostileInputTest {
  private static final String ENROLMENT = "adherent.enrolment.json";

  @Test
  void anEndlessDeviceAsTheEventLog_isRefusedAsNotARegularFile(@TempDir Path dir)
      throws IOException {
    copySamples(dir);
    Path zero = Path.of("/dev/zero");
    assertThat(zero).exists();

    Cli.Result result =
        Cli.run(
            dir,
            "state",
            "e-compared-uk.json",
            "--enrolment",
            ENROLMENT,
            "--events",
            zero.toString(),
            "--at",
            "2027-05-01T00:00:00Z");

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .isEqualTo("blended state: cannot read /dev/zero: not a regular file\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void controlCharactersInAClientReference_areRefusedNotSent(@TempDir Path dir) throws IOException {
    copySamples(dir);
    String enrolment = Files.readString(dir.resolve(ENROLMENT), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("evil.json"),
        enrolment.replace("\"sample-adherent-0001\"", "\"evil\\u001b]0;pwned\\u0007\\u009b2J\""),
        StandardCharsets.UTF_8);

    Cli.Result result =
        Cli.run(
            dir,
            "state",
            "e-compared-uk.json",
            "--enrolment",
            "evil.json",
            "--events",
            "adherent.events.jsonl",
            "--at",
            "2027-05-01T00:00:00Z");

    // The enrolment schema refuses them, without quoting the value; nothing unsafe is printed.
    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.err())
        .contains("evil.json: error /client [wrong-form] expected text without control")
        .doesNotContain("pwned");
    assertThat(result.all().chars().noneMatch(c -> TerminalSafe.isUnsafe((char) c))).isTrue();
  }

  @Test
  void terminalSafe_escapesExactlyTheUnsafeCharacters_andKeepsTheRest() throws IOException {
    SplittableRandom random = new SplittableRandom(20261201L);
    for (int run = 0; run < 1_000; run++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(0, 200);
      for (int i = 0; i < length; i++) {
        int pick = random.nextInt(8);
        if (pick == 0) {
          text.append("\r\n");
        } else {
          text.append((char) (pick < 3 ? random.nextInt(0, 0x2070) : random.nextInt(0x20, 0x7f)));
        }
      }
      java.io.StringWriter sink = new java.io.StringWriter();
      try (TerminalSafe safe = new TerminalSafe(sink)) {
        safe.write(text.toString());
      }
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
        expected.append(
            TerminalSafe.isUnsafe(c) && !crlf
                ? String.format(java.util.Locale.ROOT, "\\u%04X", (int) c)
                : String.valueOf(c));
      }
      assertThat(sink.toString()).isEqualTo(expected.toString());
      assertThat(
              sink.toString()
                  .replace("\r\n", "\n")
                  .chars()
                  .noneMatch(c -> TerminalSafe.isUnsafe((char) c)))
          .isTrue();
    }
    assertThat(TerminalSafe.isUnsafe('\n')).isFalse();
    assertThat(TerminalSafe.isUnsafe('\t')).isFalse();
    assertThat(TerminalSafe.isUnsafe('\r')).isTrue();
    assertThat(TerminalSafe.isUnsafe('\u001b')).isTrue();
    assertThat(TerminalSafe.isUnsafe('\u202e')).isTrue();
    assertThat(TerminalSafe.isUnsafe('é')).isFalse();
  }

  private static void copySamples(Path dir) throws IOException {
    Path samples = Cli.samples();
    Files.copy(samples.resolve("e-compared-uk.json"), dir.resolve("e-compared-uk.json"));
    Path clients = samples.resolveSibling("clients");
    Files.copy(clients.resolve(ENROLMENT), dir.resolve(ENROLMENT));
    Files.copy(clients.resolve("adherent.events.jsonl"), dir.resolve("adherent.events.jsonl"));
  }
}
