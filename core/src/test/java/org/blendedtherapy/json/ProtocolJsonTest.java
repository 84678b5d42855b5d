package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolJsonTest {
  static final Path SAMPLES = Path.of("../samples/protocols");

  static String sample(String name) throws IOException {
    return Files.readString(SAMPLES.resolve(name + ".json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"e-compared-uk", "low-intensity-slim", "dutch-specialised"})
  void samples_validateWithoutErrors(String name) throws IOException {
    Validation<Protocol> result = ProtocolJson.validate(sample(name));
    assertThat(result.issues()).noneMatch(Issue::isError);
    assertThat(result.value()).get().extracting(Protocol::id).isEqualTo(name);
  }

  @Test
  void eComparedUk_isTheTrialAsDescribed() throws IOException {
    Protocol p = ProtocolJson.read(sample("e-compared-uk"));
    assertThat(p.sessionPlan().sessions()).isEqualTo(12);
    assertThat(p.sessionPlan().cadence()).isEqualTo(Period.ofWeeks(1));
    assertThat(p.sessionPlan().countsByType().values()).containsExactly(6, 6);
    assertThat(p.modules().stream().filter(m -> m.kind().json().equals("core"))).hasSize(5);
    assertThat(p.tailoring().skip()).isEmpty();
  }

  @Test
  void readers_agreeOnStringBytesStreamAndReader() throws IOException {
    String text = sample("low-intensity-slim");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Protocol fromString = ProtocolJson.read(text);
    assertThat(ProtocolJson.read(bytes)).isEqualTo(fromString);
    assertThat(ProtocolJson.read(new ByteArrayInputStream(bytes))).isEqualTo(fromString);
    assertThat(ProtocolJson.read(new StringReader(text))).isEqualTo(fromString);
  }

  @Test
  void canonical_isStableAndReadsBackEqual() throws IOException {
    Protocol p = ProtocolJson.read(sample("dutch-specialised"));
    String canonical = ProtocolJson.canonical(p);
    Protocol again = ProtocolJson.read(canonical);
    assertThat(again).isEqualTo(p);
    assertThat(ProtocolJson.canonical(again)).isEqualTo(canonical);
    assertThat(ProtocolJson.sha256(again)).isEqualTo(ProtocolJson.sha256(p)).hasSize(64);
  }

  @Test
  void canonical_ignoresWhiteSpaceKeyOrderAndOmittedDefaults() throws IOException {
    Protocol p = ProtocolJson.read(sample("e-compared-uk"));
    String reordered =
        sample("e-compared-uk")
            .replace("\"release\": false,", "")
            .replace("\"reorder\": false,", "")
            .replace("\n", " ");
    assertThat(ProtocolJson.sha256(ProtocolJson.read(reordered))).isEqualTo(ProtocolJson.sha256(p));
  }

  @Test
  void canonical_followsRfc8785ForStringsAndKeyOrder() {
    assertThat(Canonical.write(tree("{\"b\":1,\"a\":\"x\\u0001\\n\\\"é\",\"A\":[true,null]}")))
        .isEqualTo("{\"A\":[true,null],\"a\":\"x\\u0001\\n\\\"é\",\"b\":1}");
  }

  private static tools.jackson.databind.JsonNode tree(String json) {
    return new JsonInput(true).parse(json.getBytes(StandardCharsets.UTF_8)).tree().orElseThrow();
  }

  @Test
  void read_throwsOnlyTheLibrarysExceptionWithEveryIssue() {
    assertThatThrownBy(() -> ProtocolJson.read("{\"id\": 1, \"zzz\": true}"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).issues())
                    .extracting(i -> i.code().json())
                    .contains("wrong-type", "unknown-key", "missing-key"));
  }

  @Test
  void schemaError_pointsAtTheExactNode() throws IOException {
    String bad =
        sample("e-compared-uk")
            .replace(
                "\"unlock\": { \"moduleCompleted\": \"cognitive-restructuring\" }",
                "\"unlock\": { \"allOf\": [ { \"moduleCompleted\": \"cognitive-restructuring\" },"
                    + " { \"anyOf\": [ { \"therapistRelease\": {} },"
                    + " { \"daysSinceStart\": { \"atLeast\": \"3\" } } ] } ] }");
    assertThat(ProtocolJson.validate(bad).issues())
        .extracting(Issue::toString)
        .containsExactly(
            "error /modules/4/unlock/allOf/1/anyOf/1/daysSinceStart/atLeast [wrong-type]"
                + " string \"3\" found, integer expected",
            // The other parts passed the schema, so their meaning is checked in the same round.
            "warning /reminders [prompt-load] up to 5 prompts can fall on one day (more than 4):"
                + " mood-rating 2, activity 1, homework 1, appointment 1");
  }

  @Test
  void schemaError_stillReportsMeaningErrorsOfSoundParts() throws IOException {
    String bad =
        sample("e-compared-uk")
            .replace(
                "\"daily\": { \"at\": [\"12:00\"] }, \"optOut\": true",
                "\"daily\": { \"at\": [\"12:00\"] }, \"optOut\": \"yes\"")
            .replace(
                "\"sessions\": { \"min\": 12, \"max\": 12 }",
                "\"sessions\": { \"min\": 13, \"max\": 14 }");
    Validation<Protocol> result = ProtocolJson.validate(bad);
    assertThat(result.value()).isEmpty();
    // No prompt-load: a policy with a schema error may add prompts of its own.
    assertThat(result.issues())
        .extracting(Issue::toString)
        .containsExactly(
            "error /reminders/1/optOut [wrong-type] string \"yes\" found, boolean expected",
            "error /tailoring/sessions [out-of-bounds] the plan has 12 sessions, outside the"
                + " tailoring bounds 13..14");
  }

  @Test
  void schemaError_hidesMeaningChecksThatReadTheBrokenPart() throws IOException {
    String bad =
        sample("e-compared-uk")
            .replace("{ \"id\": \"introduction\",", "{ \"id\": \"Introduction\",")
            .replace("\"cadence\": \"P1W\"", "\"cadence\": 7");
    // Neither "introduction" unknown in the rule of psychoeducation, nor anything about the plan.
    assertThat(ProtocolJson.validate(bad).issues())
        .extracting(i -> i.code().json())
        .containsExactly("wrong-form", "wrong-type", "prompt-load");
  }
}
