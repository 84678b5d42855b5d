package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the command line's parsing layer for every argument that is an instant, a local date, a
 * local date-time or a zone ({@code state --at}, {@code reminders --from --to}, {@code simulate
 * --start --until --zone}), in-process on the sample files and without starting a process. Each
 * value is either a valid example edited at fuzzed places or fuzzed text. What must hold: the exit
 * code is 0, 1 or 2, never an unexpected failure; a usage error prints nothing on standard output.
 *
 * <p>In a normal build Jazzer replays the inputs in {@code ArgumentsFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} (or {@code .fuzz/run}) it fuzzes.
 */
class ArgumentsFuzzTest {
  private static final String PROTOCOL = "samples/protocols/e-compared-uk.json";
  private static final String ENROLMENT = "samples/clients/interrupted.enrolment.json";
  private static final String EVENTS = "samples/clients/interrupted.events.jsonl";

  private static final List<String> INSTANTS =
      List.of(
          "2027-10-20T12:00:00Z",
          "2027-03-28T01:30:00Z",
          "1900-01-01T00:00:00Z",
          "2200-12-31T23:59:59.999999999Z",
          "+1000000000-12-31T23:59:59Z");
  private static final List<String> DATE_TIMES =
      List.of("2027-10-04T18:30", "2027-03-28T01:30:00", "1900-01-01T00:00", "2200-12-31T23:59");
  private static final List<String> DATES = List.of("2027-12-31", "2028-02-29", "2200-12-31");
  private static final List<String> ZONES =
      List.of("Europe/London", "America/Sao_Paulo", "UTC", "Z", "+02:00", "GMT+1", "Etc/GMT-14");

  @FuzzTest(maxDuration = "60s")
  void timeArguments_areAnsweredOrRefused_neverAnUnexpectedFailure(FuzzedDataProvider data) {
    List<String> args = new ArrayList<>();
    switch (data.consumeInt(0, 2)) {
      case 0:
        client(args, "state");
        args.add("--at");
        args.add(value(data, INSTANTS));
        break;
      case 1:
        client(args, "reminders");
        args.add("--from");
        args.add(value(data, INSTANTS));
        args.add("--to");
        args.add(value(data, INSTANTS));
        break;
      default:
        args.add("simulate");
        args.add(PROTOCOL);
        args.add("--start");
        args.add(value(data, DATE_TIMES));
        if (data.consumeBoolean()) {
          args.add("--zone");
          args.add(value(data, ZONES));
        }
        if (data.consumeBoolean()) {
          args.add("--until");
          args.add(value(data, DATES));
        }
        break;
    }
    if (data.consumeBoolean()) {
      args.add("--format=json");
    }

    Cli.Result result = Cli.run(StateCommandTest.repository(), args.toArray(new String[0]));

    assertThat(result.err()).as("%s", args).doesNotContain("unexpected failure");
    assertThat(result.exit()).as("%s", args).isBetween(ExitCode.OK, ExitCode.USAGE);
    if (result.exit() == ExitCode.USAGE) {
      assertThat(result.out()).as("%s", args).isEmpty();
    }
  }

  private static void client(List<String> args, String command) {
    args.addAll(List.of(command, PROTOCOL, "--enrolment", ENROLMENT, "--events", EVENTS));
  }

  /** A valid example edited at a few fuzzed places, or fuzzed text. */
  private static String value(FuzzedDataProvider data, List<String> examples) {
    if (data.consumeInt(0, 7) == 0) {
      return data.consumeString(48);
    }
    StringBuilder text = new StringBuilder(data.pickValue(examples));
    int edits = data.consumeInt(0, 3);
    for (int i = 0; i < edits; i++) {
      int at = data.consumeInt(0, text.length());
      char c = data.consumeChar();
      switch (data.consumeInt(0, 2)) {
        case 0:
          text.insert(at, c);
          break;
        case 1:
          if (at < text.length()) {
            text.setCharAt(at, c);
          }
          break;
        default:
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
          break;
      }
    }
    return text.toString();
  }
}
