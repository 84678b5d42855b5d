package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.blendedtherapy.json.MigrationJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code blended migrate}: the sample migration of a mid-course client as golden text, a caseload
 * as golden lines, the JSON form, a proposal that reads back, refusals, and the golden corpus of
 * invalid mappings ({@code golden/migration}).
 */
class MigrateCommandTest {
  private static final String UK = "samples/protocols/e-compared-uk.json";
  private static final String SLIM = "samples/protocols/low-intensity-slim.json";
  private static final String MAPPING = "samples/migrations/e-compared-uk-to-slim.json";
  private static final String ENROLMENT = "samples/migrations/clients/mid-course.enrolment.json";
  private static final String EVENTS = "samples/migrations/clients/mid-course.events.jsonl";
  private static final String AT = "2027-01-20T12:00:00Z";
  private static final String WARNINGS =
      MAPPING
          + ": warning /modules/physical-exercise [work-dropped] clients' work on"
          + " \"physical-exercise\" is dropped: not offered in the slim course\n"
          + MAPPING
          + ": warning /modules/problem-solving [work-dropped] clients' work on \"problem-solving\""
          + " is dropped: not offered in the slim course\n";

  static Path repository() {
    return StateCommandTest.repository();
  }

  static String golden(String name) throws IOException {
    return Files.readString(DiffCommandTest.golden(name), StandardCharsets.UTF_8);
  }

  static Cli.Result migrate(String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("migrate", UK, SLIM, "--mapping", MAPPING, "--at", AT));
    args.addAll(List.of(more));
    return Cli.run(repository(), args.toArray(String[]::new));
  }

  @Test
  void aMidCourseClient_seesWhatChanges_asTheGoldenText() throws IOException {
    Cli.Result result = migrate("--enrolment", ENROLMENT, "--events", EVENTS);
    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo(golden("migrate-mid-course.txt"));
    assertThat(result.err()).isEqualTo(WARNINGS);
    assertThat(result.out()).contains("Closes: none");
  }

  @Test
  void aCaseload_getsOneLinePerClientAndASummary() throws IOException {
    Cli.Result result = migrate("--clients", "samples/clients");
    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo(golden("migrate-clients.txt"));
    assertThat(result.out()).endsWith("5 clients: 5 would move, 0 refused, 0 on other protocols\n");
  }

  @Test
  void json_saysTheSame() {
    Cli.Result result = migrate("--enrolment", ENROLMENT, "--events", EVENTS, "--format", "json");
    assertThat(result.exit()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(result.out());
    assertThat(root.get("result").asString()).isEqualTo("moves");
    assertThat(root.get("client").asString()).isEqualTo("sample-mid-course-0001");
    assertThat(root.get("modules").size()).isEqualTo(7);
    assertThat(root.get("sessions").size()).isEqualTo(6);
    assertThat(root.get("remindersPerDayAfter").asDouble())
        .isLessThan(root.get("remindersPerDayBefore").asDouble());
  }

  @Test
  void aProposal_readsBackAsAMigration() {
    Cli.Result result = Cli.run(repository(), "migrate", UK, SLIM, "--propose");
    assertThat(result.exit()).isZero();
    assertThat(MigrationJson.validate(result.out().getBytes(StandardCharsets.UTF_8)).isValid())
        .isTrue();
    assertThat(result.out()).contains("To decide: module \\\"cognitive-restructuring\\\"");
  }

  @Test
  void aClientWhoseSessionFourIsHeld_isRefusedWithExitOne(@TempDir Path scratch)
      throws IOException {
    Path events = scratch.resolve("held.events.jsonl");
    Files.writeString(
        events,
        Files.readString(repository().resolve(EVENTS))
            + "{\"id\":\"m-013\",\"type\":\"session-attended\",\"at\":\"2027-01-19T10:50:00Z\","
            + "\"session\":4}\n");
    Cli.Result result = migrate("--enrolment", ENROLMENT, "--events", events.toString());
    assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
    assertThat(result.out())
        .contains(
            "Refused: session 4 is already recorded, but the migration plans it anew (newPlanFrom"
                + " 4, 6 sessions in the new protocol)");
  }

  @Test
  void afterTheEventIsCommitted_stateAndRemindersFollowTheMigration(@TempDir Path scratch)
      throws IOException {
    Cli.Result json = migrate("--enrolment", ENROLMENT, "--events", EVENTS, "--format", "json");
    String sha = JsonMapper.builder().build().readTree(json.out()).get("migration").asString();
    Path events = scratch.resolve("migrated.events.jsonl");
    Files.writeString(
        events,
        Files.readString(repository().resolve(EVENTS))
            + "{\"id\":\"m-013\",\"type\":\"protocol-migrated\",\"at\":\""
            + AT
            + "\",\"migration\":\""
            + sha
            + "\"}\n");
    Cli.Result state =
        Cli.run(
            repository(),
            "state",
            UK,
            "--enrolment",
            ENROLMENT,
            "--events",
            events.toString(),
            "--at",
            "2027-01-21T12:00:00Z",
            "--migration",
            MAPPING,
            SLIM);
    assertThat(state.exit()).isZero();
    assertThat(state.out())
        .contains("Protocol low-intensity-slim 1.1.0-slim.1")
        .contains(
            "moved from e-compared-uk 1.0.0 to low-intensity-slim 1.1.0-slim.1 on 2027-01-20");
    Cli.Result without =
        Cli.run(
            repository(),
            "state",
            UK,
            "--enrolment",
            ENROLMENT,
            "--events",
            events.toString(),
            "--at",
            "2027-01-21T12:00:00Z");
    assertThat(without.exit()).isZero();
    assertThat(without.out()).contains("Protocol e-compared-uk 1.0.0").contains("no migration");
    Cli.Result reminders =
        Cli.run(
            repository(),
            "reminders",
            UK,
            "--enrolment",
            ENROLMENT,
            "--events",
            events.toString(),
            "--from",
            "2027-01-21T00:00:00Z",
            "--to",
            "2027-02-21T00:00:00Z",
            "--migration",
            MAPPING,
            SLIM,
            "--format",
            "json");
    assertThat(reminders.exit()).isZero();
    assertThat(reminders.out()).doesNotContain("\"homework\"").doesNotContain("\"activity\"");
  }

  @Test
  void withoutAMappingOrAClient_isAUsageError() {
    Cli.Result result = Cli.run(repository(), "migrate", UK, SLIM, "--at", AT);
    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("expected --mapping FILE");
  }

  static Path corpus() {
    return Cli.corpus().resolveSibling("migration");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".migration.json"))
          .map(n -> n.substring(0, n.length() - ".migration.json".length()))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aMapping_printsItsGoldenIssues(String name) throws IOException {
    Path root = repository();
    Cli.Result result =
        Cli.run(
            corpus(),
            "migrate",
            root.resolve(UK).toString(),
            root.resolve(SLIM).toString(),
            "--mapping",
            name + ".migration.json",
            "--enrolment",
            root.resolve(ENROLMENT).toString(),
            "--events",
            root.resolve(EVENTS).toString(),
            "--at",
            AT);
    assertThat(result.err())
        .isEqualTo(Files.readString(corpus().resolve(name + ".txt"), StandardCharsets.UTF_8));
    assertThat(result.exit())
        .isEqualTo(result.err().contains(": error ") ? ExitCode.INPUT_WRONG : ExitCode.OK);
  }
}
