package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.protocol.QuietHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnrolmentJsonTest {
  private static final String ADHERENT = "clients/adherent.enrolment.json";
  private static final String INTERRUPTED = "clients/interrupted.enrolment.json";

  @Test
  void adherentSample_readsOntoTheModel() {
    Enrolment enrolment = EnrolmentJson.read(ClientSamples.bytes(ADHERENT));

    assertThat(enrolment.client()).isEqualTo("sample-adherent-0001");
    assertThat(enrolment.start()).isEqualTo(LocalDateTime.parse("2027-03-22T10:00"));
    assertThat(enrolment.zone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(enrolment.preferences())
        .isEqualTo(
            new Preferences(
                Optional.of(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0))),
                Set.of(),
                Map.of("activity", List.of(LocalTime.of(13, 0)))));
  }

  @Test
  void aLongZoneOrPinnedVersion_isTooLong_withoutOverflowingTheStack() {
    String sample =
        new String(ClientSamples.bytes(ADHERENT), java.nio.charset.StandardCharsets.UTF_8);
    String hostile =
        sample
            .replace("\"Europe/London\"", "\"" + "a/".repeat(5_000) + "a\"")
            .replace("\"1.0.0\"", "\"1.0.0-" + "a.".repeat(1_000) + "a\"");
    Validation<Enrolment> result = EnrolmentJson.validate(hostile);
    assertThat(result.value()).isEmpty();
    assertThat(result.issues())
        .extracting(i -> i.code() + " " + i.pointer())
        .contains("too-long /zone", "too-long /protocol/version");
  }

  @Test
  void sampleClients_pinTheSampleProtocolsCanonicalHash() {
    String sha256 =
        ProtocolJson.sha256(ProtocolJson.read(ClientSamples.bytes("protocols/e-compared-uk.json")));

    for (String sample : List.of(ADHERENT, INTERRUPTED)) {
      Validation<Enrolment> result = EnrolmentJson.validate(ClientSamples.bytes(sample));
      assertThat(result.issues()).as(sample).isEmpty();
      assertThat(result.value().orElseThrow().protocol())
          .isEqualTo(new ProtocolPin("e-compared-uk", "1.0.0", sha256));
    }
  }

  @Test
  void withoutPreferences_theProtocolsSettingsApply() {
    Map<String, Object> json = ClientSamples.enrolment(INTERRUPTED);
    json.remove("preferences");

    assertThat(EnrolmentJson.read(ClientSamples.json(json)).preferences())
        .isSameAs(Preferences.NONE);
    assertThat(
            EnrolmentJson.read(new ByteArrayInputStream(ClientSamples.bytes(INTERRUPTED)))
                .preferences()
                .optedOut())
        .containsExactly("activity");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  private static Arguments shape(
      String name, Consumer<Map<String, Object>> change, String code, String pointer) {
    Map<String, Object> json = ClientSamples.enrolment(ADHERENT);
    change.accept(json);
    return Arguments.of(name, ClientSamples.json(json), code, pointer);
  }

  static Stream<Arguments> shapeErrors() {
    return Stream.of(
        shape("no client", j -> j.remove("client"), "missing-key", ""),
        shape("empty client", j -> j.put("client", ""), "too-short", "/client"),
        shape("long client", j -> j.put("client", "c".repeat(257)), "too-long", "/client"),
        shape("client as number", j -> j.put("client", 17), "wrong-type", "/client"),
        shape(
            "other schema",
            j -> j.put("$schema", "https://example.org/x"),
            "not-allowed",
            "/$schema"),
        shape("unknown key", j -> j.put("name", "x"), "unknown-key", "/name"),
        shape(
            "no protocol sha256",
            j -> at(j, "protocol").remove("sha256"),
            "missing-key",
            "/protocol"),
        shape(
            "uppercase sha256",
            j -> at(j, "protocol").put("sha256", "A".repeat(64)),
            "wrong-form",
            "/protocol/sha256"),
        shape(
            "short sha256",
            j -> at(j, "protocol").put("sha256", "a".repeat(63)),
            "wrong-form",
            "/protocol/sha256"),
        shape(
            "version not semver",
            j -> at(j, "protocol").put("version", "1.0"),
            "wrong-form",
            "/protocol/version"),
        shape(
            "protocol id form",
            j -> at(j, "protocol").put("id", "E-Compared"),
            "wrong-form",
            "/protocol/id"),
        shape("start without time", j -> j.put("start", "2027-03-22"), "wrong-form", "/start"),
        shape("start with zone", j -> j.put("start", "2027-03-22T10:00Z"), "wrong-form", "/start"),
        shape("start not a date", j -> j.put("start", "2027-02-29T10:00"), "wrong-form", "/start"),
        shape("unknown zone", j -> j.put("zone", "Europe/Atlantis"), "unknown-zone", "/zone"),
        shape("offset zone", j -> j.put("zone", "+01:00"), "wrong-form", "/zone"),
        shape(
            "empty quiet hours",
            j -> at(j, "preferences").put("quietHours", Map.of("from", "22:00", "to", "22:00")),
            "empty-range",
            "/preferences/quietHours"),
        shape(
            "quiet hours 24:00",
            j -> at(j, "preferences").put("quietHours", Map.of("from", "24:00", "to", "08:00")),
            "wrong-form",
            "/preferences/quietHours/from"),
        shape(
            "opted out twice",
            j -> at(j, "preferences").put("optedOut", List.of("activity", "activity")),
            "repeated-item",
            "/preferences/optedOut/1"),
        shape(
            "policy id form in reminderTimes",
            j -> at(j, "preferences").put("reminderTimes", Map.of("Mood", List.of("09:00"))),
            "wrong-form",
            "/preferences/reminderTimes"),
        shape(
            "no reminder times",
            j -> at(j, "preferences").put("reminderTimes", Map.of("mood-rating", List.of())),
            "too-few",
            "/preferences/reminderTimes/mood-rating"),
        shape(
            "unknown preference",
            j -> at(j, "preferences").put("language", "en"),
            "unknown-key",
            "/preferences/language"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapeErrors")
  void shapeError_hasCodeAndPointer(String name, String json, String code, String pointer) {
    Validation<Enrolment> result = EnrolmentJson.validate(json);

    assertThat(result.isValid()).isFalse();
    assertThat(result.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .contains(Tuple.tuple(code, pointer));
  }

  @Test
  void syntaxAndDuplicateKeys_areReportedWithoutValues() {
    Map<String, Object> json = new LinkedHashMap<>(ClientSamples.enrolment(ADHERENT));
    String text = ClientSamples.json(json);
    String duplicated = text.replace("\"zone\":", "\"client\":\"again\",\"zone\":");

    assertThat(EnrolmentJson.validate(duplicated).issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .containsExactly(Tuple.tuple("duplicate-key", "/client"));
    assertThat(EnrolmentJson.validate(text.substring(0, 40)).issues())
        .extracting(i -> i.code().json())
        .containsExactly("truncated");
    assertThat(EnrolmentJson.validate("").issues())
        .extracting(i -> i.code().json())
        .containsExactly("empty");
  }

  @Test
  void read_throwsTheLibrarysException_withoutTheClientReference() {
    Map<String, Object> json = ClientSamples.enrolment(ADHERENT);
    json.put("zone", "Nowhere/Land");

    assertThatThrownBy(() -> EnrolmentJson.read(ClientSamples.json(json)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[unknown-zone]")
        .hasMessageNotContaining("sample-adherent-0001")
        .hasMessageNotContaining("Nowhere");
  }
}
