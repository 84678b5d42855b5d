package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instants and dates on the command line: inside the supported years (1900 to 2200) they are
 * answered, outside them and in inverted windows they are usage errors (exit 2), never an
 * unexpected failure.
 */
class ArgumentRangeTest {
  private static final String PROTOCOL = "samples/protocols/e-compared-uk.json";
  private static final String ENROLMENT = "samples/clients/interrupted.enrolment.json";
  private static final String EVENTS = "samples/clients/interrupted.events.jsonl";

  private static Cli.Result run(String... args) {
    return Cli.run(StateCommandTest.repository(), args);
  }

  private static Cli.Result state(String at) {
    return run("state", PROTOCOL, "--enrolment", ENROLMENT, "--events", EVENTS, "--at", at);
  }

  private static Cli.Result reminders(String from, String to) {
    return run(
        "reminders",
        PROTOCOL,
        "--enrolment",
        ENROLMENT,
        "--events",
        EVENTS,
        "--from",
        from,
        "--to",
        to);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1900-01-01T00:00:00Z", "2200-12-31T23:59:59Z"})
  void state_atBothEnds_isAnswered(String at) {
    Cli.Result result = state(at);

    assertThat(result.exit()).isEqualTo(ExitCode.OK);
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1899-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"})
  void state_pastEitherEnd_isAUsageError(String at) {
    Cli.Result result = state(at);

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("--at " + at + " is outside the supported range (years 1900 to 2200)\n")
        .contains("Usage: blended state")
        .doesNotContain("unexpected failure");
  }

  @ParameterizedTest
  @CsvSource({
    "1899-12-31T23:59:59Z,2027-01-01T00:00:00Z,--from",
    "2027-01-01T00:00:00Z,2201-01-01T00:00:00Z,--to"
  })
  void reminders_pastEitherEnd_isAUsageError(String from, String to, String option) {
    Cli.Result result = reminders(from, to);

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains(option + " ").contains("is outside the supported range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1900-01-01T00:00", "2200-12-31T10:00"})
  void simulate_startAtBothEnds_isAnswered(String start) {
    Cli.Result result = run("simulate", PROTOCOL, "--start", start);

    assertThat(result.exit()).isEqualTo(ExitCode.OK);
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "1899-12-31T10:00,--start",
    "2201-01-01T10:00,--start",
    "+999999999-12-01T10:00,--start"
  })
  void simulate_startPastEitherEnd_isAUsageError(String start, String option) {
    Cli.Result result = run("simulate", PROTOCOL, "--start", start);

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .startsWith(option + " " + start + " is outside the supported range (years 1900 to 2200)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2201-01-01", "+999999999-12-31"})
  void simulate_untilPastTheEnd_isAUsageError(String until) {
    Cli.Result result = run("simulate", PROTOCOL, "--start", "2027-01-04T10:00", "--until", until);

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("--until " + until + " is outside the supported range");
  }

  @Test
  void invertedWindows_areUsageErrors() {
    Cli.Result reminders = reminders("2027-11-03T00:00:00Z", "2027-11-01T00:00:00Z");
    assertThat(reminders.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(reminders.out()).isEmpty();
    assertThat(reminders.err())
        .startsWith(
            "--to 2027-11-01T00:00:00Z is before --from 2027-11-03T00:00:00Z; expected a window"
                + " that ends after it starts\n");

    Cli.Result simulate =
        run("simulate", PROTOCOL, "--start", "2027-01-04T10:00", "--until", "2027-01-03");
    assertThat(simulate.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(simulate.err()).startsWith("--until 2027-01-03 is before --start 2027-01-04T10:00;");

    Cli.Result empty = reminders("2027-11-03T00:00:00Z", "2027-11-03T00:00:00Z");
    assertThat(empty.exit()).as("an empty window is not inverted").isEqualTo(ExitCode.OK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "Z", "UTC+2", "Mars/Olympus"})
  void simulate_aZoneNoEnrolmentWouldAccept_isAUsageError(String zone) {
    Cli.Result result = run("simulate", PROTOCOL, "--start", "2027-03-22T10:00", "--zone", zone);

    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith(
            "--zone "
                + zone
                + ": unknown time zone; expected an IANA zone id known to the Java runtime, such"
                + " as Europe/London\n");
  }

  @Test
  void simulate_anIanaZone_isAnswered() {
    Cli.Result result =
        run("simulate", PROTOCOL, "--start", "2027-03-22T10:00", "--zone", "Australia/Lord_Howe");

    assertThat(result.exit()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("Australia/Lord_Howe");
  }
}
