package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExportFhirCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String UK = "samples/protocols/e-compared-uk.json";
  private static final String AT = "2027-06-01T00:00:00Z";

  /** The golden Bundles of the sample clients: the state at AT, the reminders of one week. */
  static Cli.Result client(String name, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export-fhir",
                UK,
                "--enrolment",
                "samples/clients/" + name + ".enrolment.json",
                "--events",
                "samples/clients/" + name + ".events.jsonl",
                "--at",
                AT));
    args.addAll(List.of(more));
    return Cli.run(StateCommandTest.repository(), args.toArray(String[]::new));
  }

  private static List<String> types(String json) {
    List<String> types = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(json).path("entry")) {
      types.add(entry.path("resource").path("resourceType").asString());
    }
    return types;
  }

  @ParameterizedTest
  @ValueSource(strings = {"recovering", "at-risk"})
  void sampleClient_printsTheGoldenBundle(String name) throws IOException {
    Cli.Result result =
        client(name, "--from", "2027-01-04T00:00:00Z", "--to", "2027-01-11T00:00:00Z");
    assertThat(result.err()).isEmpty();
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo(
            Files.readString(
                DiffCommandTest.golden("export-fhir-" + name + ".json"), StandardCharsets.UTF_8));
  }

  @Test
  void atRisk_hasAFlagAndKeepsItem9() {
    String out = client("at-risk").out();
    assertThat(types(out)).contains("Flag", "QuestionnaireResponse", "Observation");
    assertThat(out).contains("\"code\": \"44260-8\"").contains("\"code\": \"44261-6\"");
  }

  static Stream<String> sampleProtocols() {
    return Stream.of(
        "samples/protocols/e-compared-uk.json",
        "samples/protocols/low-intensity-slim.json",
        "samples/protocols/dutch-specialised.json",
        "samples/clients/scenarios/module-reminder.protocol.json");
  }

  @ParameterizedTest
  @MethodSource("sampleProtocols")
  void protocolOnly_printsPlanDefinitionAndActivityDefinitions(String protocol) {
    Cli.Result result = Cli.run(StateCommandTest.repository(), "export-fhir", protocol);
    assertThat(result.err()).isEmpty();
    assertThat(result.exit()).isZero();
    List<String> types = types(result.out());
    assertThat(types.get(0)).isEqualTo("PlanDefinition");
    assertThat(types.subList(1, types.size())).containsOnly("ActivityDefinition");
    assertThat(JSON.readTree(result.out()).path("type").asString()).isEqualTo("collection");
  }

  static Stream<String[]> sampleClients() {
    return Stream.of(
        new String[] {UK, "samples/clients/adherent"},
        new String[] {UK, "samples/clients/autumn"},
        new String[] {UK, "samples/clients/interrupted"},
        new String[] {UK, "samples/clients/scenarios/e-compared-uk"},
        new String[] {
          "samples/protocols/low-intensity-slim.json",
          "samples/clients/scenarios/low-intensity-slim"
        },
        new String[] {
          "samples/protocols/dutch-specialised.json", "samples/clients/scenarios/dutch-specialised"
        },
        new String[] {
          "samples/clients/scenarios/module-reminder.protocol.json",
          "samples/clients/scenarios/module-reminder"
        });
  }

  @ParameterizedTest
  @MethodSource("sampleClients")
  void everySampleClient_exports(String protocol, String client) {
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "export-fhir",
            protocol,
            "--enrolment",
            client + ".enrolment.json",
            "--events",
            client + ".events.jsonl",
            "--at",
            AT,
            "--from",
            "2027-01-01T00:00:00Z",
            "--to",
            "2027-02-01T00:00:00Z");
    assertThat(result.err()).isEmpty();
    assertThat(result.exit()).isZero();
    assertThat(types(result.out())).contains("CarePlan", "Appointment");
  }

  @Test
  void hostIdentifier_namesTheClient_otherwiseOnlyAHash() {
    Cli.Result hashed = client("recovering");
    assertThat(hashed.out())
        .doesNotContain("sample-recovering-0001")
        .contains("https://blendedtherapy.org/schema/fhir/NamingSystem/client-sha256");
    Cli.Result named =
        client(
            "recovering",
            "--identifier-system",
            "https://fhir.nhs.uk/Id/nhs-number",
            "--identifier-value",
            "9000000009");
    assertThat(named.exit()).isZero();
    assertThat(named.out()).contains("\"value\": \"9000000009\"").doesNotContain("client-sha256");
  }

  @Test
  void clientWithoutAt_isUsage() {
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "export-fhir",
            UK,
            "--enrolment",
            "samples/clients/recovering.enrolment.json",
            "--events",
            "samples/clients/recovering.events.jsonl");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("--at is required with a client");
  }

  @Test
  void halfAClientOrHalfAWindow_isUsage() {
    assertThat(
            Cli.run(
                    StateCommandTest.repository(),
                    "export-fhir",
                    UK,
                    "--enrolment",
                    "samples/clients/recovering.enrolment.json",
                    "--at",
                    AT)
                .exit())
        .isEqualTo(2);
    assertThat(client("recovering", "--from", "2027-01-04T00:00:00Z").exit()).isEqualTo(2);
    assertThat(Cli.run(StateCommandTest.repository(), "export-fhir", UK, "--at", AT).exit())
        .isEqualTo(2);
    assertThat(
            client("recovering", "--from", "2027-01-11T00:00:00Z", "--to", "2027-01-04T00:00:00Z")
                .exit())
        .isEqualTo(2);
  }

  @Test
  void badEventLine_isExit1NamingTheLine_withoutStackTraceOrHealthData(@TempDir Path scratch)
      throws IOException {
    Path file = scratch.resolve("bad.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"a\",\"type\":\"mood-rated\",\"at\":\"2027-03-23T18:15:00Z\",\"value\":77}\n");
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "export-fhir",
            UK,
            "--enrolment",
            "samples/clients/recovering.enrolment.json",
            "--events",
            file.toString(),
            "--at",
            AT);
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("bad.jsonl: error /value [out-of-range] line 1: ")
        .doesNotContain("Exception")
        .doesNotContain("sample-recovering-0001");
    assertThat(result.err().replace(file.toString(), "FILE")).doesNotContain("77");
  }

  @Test
  void invalidProtocol_isExit1WithItsPointer(@TempDir Path scratch) throws IOException {
    Path file = scratch.resolve("p.json");
    Files.writeString(file, Cli.sample("e-compared-uk.json").replace("\"P1W\"", "\"weekly\""));
    Cli.Result result = Cli.run(scratch, "export-fhir", "p.json");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("p.json: error /sessionPlan/cadence ");
  }

  @Test
  void missingFile_isExit2() {
    Cli.Result result = Cli.run(StateCommandTest.repository(), "export-fhir", "no-such.json");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theCommand_namesNoHapiType_soBuildingItLoadsNone() {
    List<Class<?>> seen = new ArrayList<>();
    for (Field field : ExportFhirCommand.class.getDeclaredFields()) {
      seen.add(field.getType());
    }
    for (Method method : ExportFhirCommand.class.getDeclaredMethods()) {
      seen.add(method.getReturnType());
      seen.addAll(List.of(method.getParameterTypes()));
    }
    assertThat(seen)
        .extracting(Class::getName)
        .noneMatch(n -> n.startsWith("ca.uhn") || n.startsWith("org.hl7") || n.contains(".fhir."));
  }
}
