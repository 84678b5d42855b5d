package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StateCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path scratch;

  static Path repository() {
    return Cli.moduleDirectory().resolve("..").normalize();
  }

  static Cli.Result state(String client, String at, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "state",
                "samples/protocols/e-compared-uk.json",
                "--enrolment",
                "samples/clients/" + client + ".enrolment.json",
                "--events",
                "samples/clients/" + client + ".events.jsonl",
                "--at",
                at));
    args.addAll(List.of(more));
    return Cli.run(repository(), args.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"adherent", "interrupted"})
  void sampleClients_printTheStateContract(String client) {
    Cli.Result result = state(client, "2027-12-01T00:00:00Z", "--format", "json");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode state = JSON.readTree(result.out());
    List<String> keys = new ArrayList<>(state.propertyNames());
    assertThat(keys)
        .startsWith(
            "at",
            "client",
            "protocol",
            "modules",
            "sessions",
            "nextSession",
            "rejected",
            "progress");
    assertThat(state.get("sessions")).hasSize(12);
    assertThat(state.get("sessions").get(0).propertyNames())
        .contains("number", "type", "local", "instant", "status", "window");
  }

  @Test
  void text_showsATablePerSection() {
    Cli.Result result = state("interrupted", "2027-11-30T12:00:00Z");
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains(
            "Modules\n  module ",
            "Sessions\n  #  ",
            "Next session\n  session 8 online at 2027-12-01T18:30 (2027-12-01T18:30:00Z)")
        .contains("  3   face-to-face  2027-10-18T18:30  2027-10-18T17:30:00Z  missed")
        .contains("moved 9 days by a pause")
        .contains(
            "  7   face-to-face  2027-11-24T16:00  2027-11-24T16:00:00Z  attended  moved from 2027-11-24T18:30")
        .contains(
            "cognitive-restructuring  locked       locked: needs behavioural-activation completed (started 2027-11-18)");
  }

  @Test
  void shuffledAndDuplicatedLogs_printByteIdenticalJson() throws IOException {
    Path events = repository().resolve("samples/clients/adherent.events.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(events));
    lines.removeIf(String::isBlank);
    String expected = state("adherent", "2027-05-20T00:00:00Z", "--format", "json").out();
    Random random = new Random(11);
    for (int i = 0; i < 5; i++) {
      List<String> shuffled = new ArrayList<>(lines);
      shuffled.addAll(lines.subList(0, random.nextInt(lines.size())));
      Collections.shuffle(shuffled, random);
      Path file = scratch.resolve("shuffled-" + i + ".jsonl");
      Files.write(file, shuffled);
      Cli.Result result =
          Cli.run(
              repository(),
              "state",
              "samples/protocols/e-compared-uk.json",
              "--enrolment",
              "samples/clients/adherent.enrolment.json",
              "--events",
              file.toString(),
              "--at",
              "2027-05-20T00:00:00Z",
              "--format",
              "json");
      assertThat(result.out()).isEqualTo(expected);
    }
  }

  @Test
  void badEventLines_areExit1_namingEachLine_withoutValues() throws IOException {
    Path file = scratch.resolve("bad.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"a\",\"type\":\"mood-rated\",\"at\":\"2027-03-23T10:00:00Z\",\"value\":77}\n"
            + "{\"id\":\"b\",\"type\":\"session-attended\",\"at\":\"2027-03-23T10:00:00Z\",\"session\":\"1\"}\n");
    Cli.Result result =
        Cli.run(
            repository(),
            "state",
            "samples/protocols/e-compared-uk.json",
            "--enrolment",
            "samples/clients/adherent.enrolment.json",
            "--events",
            file.toString(),
            "--at",
            "2027-05-20T00:00:00Z");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("bad.jsonl: error /value [out-of-range] line 1: ")
        .contains("bad.jsonl: error /session [wrong-type] line 2: string found, integer expected")
        .doesNotContain("Exception");
    // The temporary folder's name is random and may hold any digits: look past it.
    assertThat(result.err().replace(file.toString(), "FILE")).doesNotContain("77");
  }

  @Test
  void anotherProtocolVersion_isRefused_exit1() {
    Cli.Result result =
        Cli.run(
            repository(),
            "state",
            "samples/protocols/low-intensity-slim.json",
            "--enrolment",
            "samples/clients/adherent.enrolment.json",
            "--events",
            "samples/clients/adherent.events.jsonl",
            "--at",
            "2027-05-20T00:00:00Z");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("[pin-mismatch]").doesNotContain("sample-adherent");
  }

  @Test
  void missingFileOrBadInstant_isExit2() {
    assertThat(state("nobody", "2027-05-20T00:00:00Z").exit()).isEqualTo(2);
    Cli.Result bad = state("adherent", "tomorrow");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--at").doesNotContain("\tat ");
  }

  @Test
  void simulate_session2IsOneCalendarWeekLater_acrossTheSpringTransition() {
    Cli.Result result =
        Cli.run(
            repository(),
            "simulate",
            "samples/protocols/e-compared-uk.json",
            "--start",
            "2027-03-22T10:00",
            "--zone",
            "Europe/London",
            "--format",
            "json");
    assertThat(result.exit()).isZero();
    JsonNode two = JSON.readTree(result.out()).get("state").get("sessions").get(1);
    assertThat(two.get("local").asString()).isEqualTo("2027-03-29T10:00");
    assertThat(two.get("instant").asString()).isEqualTo("2027-03-29T09:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Australia/Lord_Howe", "Pacific/Apia", "America/Santiago"})
  void simulate_keepsWallClockTimes_inDstHostileZones(String zone) {
    Cli.Result result =
        Cli.run(
            repository(),
            "simulate",
            "samples/protocols/e-compared-uk.json",
            "--start",
            "2027-03-22T10:00",
            "--zone",
            zone,
            "--format",
            "json");
    assertThat(result.exit()).isZero();
    for (JsonNode session : JSON.readTree(result.out()).get("state").get("sessions")) {
      assertThat(session.get("local").asString()).endsWith("T10:00");
      assertThat(session.get("status").asString()).isEqualTo("attended");
    }
  }

  @Test
  void simulate_text_isWeekByWeek() {
    Cli.Result result =
        Cli.run(
            repository(),
            "simulate",
            "samples/protocols/low-intensity-slim.json",
            "--start",
            "2027-03-22T10:00",
            "--until",
            "2027-03-29");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains(
            "Start 2027-03-22T10:00 Europe/London\nAssumes every session attended at its planned"
                + " time; a session lasts the midpoint of its type's durationMinutes min and max\n")
        .contains(
            "Week 1 (2027-03-22 to 2027-03-28)\n  Mon 2027-03-22T10:00  opened introduction (open from the start)\n")
        .contains(
            "Week 2 (2027-03-29 to 2027-04-04)\n  Mon 2027-03-29T10:25  session 2 online: session-attended\n")
        .contains("sessions attended 2 of 6");
  }
}
