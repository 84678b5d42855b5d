package org.blendedtherapy.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Severity;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protocol → PlanDefinition (written as JSON and parsed again) → protocol gives the protocol back
 * except for the parts {@link FhirExport#notExpressed} lists: quiet hours, cap and backoff,
 * tailoring, outcome thresholds and {@code reschedulingMovesLater} come back as the defaults, and
 * an offset with both calendar days and a clock part (such as {@code P1DT10H}) comes back in hours
 * ({@code PT34H}).
 */
class RoundTripTest {

  static List<Path> protocols() {
    return Samples.protocols();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void roundTrip_givesTheProtocolLessWhatFhirCannotHold(Path file) {
    Protocol original = Samples.protocol(file);
    String json = FhirExport.json(FhirExport.protocol(original));
    Bundle parsed = FhirExport.context().newJsonParser().parseResource(Bundle.class, json);

    ProtocolImport back = FhirImport.protocol(parsed);

    List<Issue> errors =
        back.protocol().issues().stream().filter(i -> i.severity() == Severity.ERROR).toList();
    assertThat(errors).isEmpty();
    assertThat(back.protocol().value()).contains(expected(original));
    assertThat(back.notCarried()).isNotEmpty();
  }

  @Test
  void notExpressed_listsWhatTheSampleLoses() {
    Protocol uk = Samples.protocol(Samples.root().resolve("protocols/e-compared-uk.json"));
    assertThat(FhirExport.notExpressed(uk))
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly("/reminderLimits", "/tailoring");

    Protocol timed =
        Samples.protocol(Samples.root().resolve("clients/scenarios/module-reminder.protocol.json"));
    assertThat(FhirExport.notExpressed(timed))
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly("/reminders/module-nudge/after/1", "/reminderLimits", "/tailoring");
  }

  @Test
  void roundTrip_keepsEveryRuleVerbatim() {
    Protocol slim = Samples.protocol(Samples.root().resolve("protocols/low-intensity-slim.json"));
    Protocol back = FhirImport.protocol(FhirExport.protocol(slim)).protocol().value().orElseThrow();
    assertThat(back.modules()).isEqualTo(slim.modules());
    assertThat(back.sessionPlan()).isEqualTo(slim.sessionPlan());
    assertThat(back.reminders()).isEqualTo(slim.reminders());
    assertThat(back.measures()).isEqualTo(slim.measures());
  }

  @Test
  void aBrokenRule_isReportedAtItsPointer_notThrown() {
    Protocol uk = Samples.protocol(Samples.root().resolve("protocols/e-compared-uk.json"));
    Bundle bundle = FhirExport.protocol(uk);
    org.hl7.fhir.r4.model.PlanDefinition plan =
        (org.hl7.fhir.r4.model.PlanDefinition) bundle.getEntryFirstRep().getResource();
    plan.getAction()
        .get(0)
        .getAction()
        .get(1)
        .getConditionFirstRep()
        .getExtensionByUrl(Names.UNLOCK_RULE)
        .setValue(new org.hl7.fhir.r4.model.StringType("{\"moduleCompleted\": \"nowhere\"}"));
    ProtocolImport back = FhirImport.protocol(bundle);
    assertThat(back.protocol().isValid()).isFalse();
    assertThat(back.protocol().issues())
        .extracting(Issue::pointer)
        .contains("/modules/1/unlock/moduleCompleted");
  }

  @Test
  void aBundleWithoutPlanDefinition_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FhirImport.protocol(new Bundle()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The protocol as a PlanDefinition carries it: the listed differences applied. */
  private static Protocol expected(Protocol original) {
    ObjectNode doc = (ObjectNode) PlanDefinitions.MAPPER.readTree(ProtocolJson.canonical(original));
    doc.remove("reminderLimits");
    doc.remove("tailoring");
    doc.remove("outcomes");
    ((ObjectNode) doc.path("sessionPlan")).remove("reschedulingMovesLater");
    for (JsonNode policy : doc.path("reminders")) {
      for (String key : List.of("before", "after")) {
        if (policy.has(key)) {
          ArrayNode offsets = (ArrayNode) policy.path(key);
          for (int i = 0; i < offsets.size(); i++) {
            org.blendedtherapy.protocol.Offset offset =
                org.blendedtherapy.protocol.Offset.parse(offsets.path(i).asString());
            if (!offset.days().isZero() && !offset.time().isZero()) {
              java.time.Duration hours =
                  java.time.Duration.ofDays(offset.days().getDays()).plus(offset.time());
              offsets.set(
                  i,
                  new org.blendedtherapy.protocol.Offset(java.time.Period.ZERO, hours).toString());
            }
          }
        }
      }
    }
    return ProtocolJson.read(PlanDefinitions.MAPPER.writeValueAsString(doc));
  }
}
