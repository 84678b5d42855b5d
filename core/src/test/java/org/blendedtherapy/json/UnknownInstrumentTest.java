package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.blendedtherapy.Issue;
import org.blendedtherapy.Severity;
import org.blendedtherapy.Validation;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

/**
 * The model holds an {@link org.blendedtherapy.protocol.Instrument}, so an unknown instrument name
 * in a protocol is reported before the model is built, with the code, pointer and message the
 * meaning checks gave it when instruments were strings.
 */
class UnknownInstrumentTest {
  private static final String KNOWN = " (known: PHQ-9, GAD-7, WSAS)";

  @Test
  void unknownInstruments_inARuleAndInTheMeasures_areReportedWithTheirPointers() {
    String text =
        ClientSamples.text("protocols/e-compared-uk.json")
            .replaceFirst(
                "\"unlock\": \\{ \"therapistRelease\": \\{\\} \\}",
                "\"unlock\": { \"allOf\": [ { \"therapistRelease\": {} },"
                    + " { \"not\": { \"measure\": { \"instrument\": \"PHQ-8\", \"atMost\": 9 } } } ]"
                    + " }")
            .replace("{ \"instrument\": \"GAD-7\", \"at\"", "{ \"instrument\": \"BDI-II\", \"at\"");
    Validation<Protocol> validation = ProtocolJson.validate(text);

    assertThat(validation.value()).isEmpty();
    assertThat(validation.issues())
        .filteredOn(i -> i.severity() == Severity.ERROR)
        .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "unknown-instrument",
                "/modules/5/unlock/allOf/1/not/measure/instrument",
                "unknown instrument \"PHQ-8\"" + KNOWN),
            org.assertj.core.groups.Tuple.tuple(
                "unknown-instrument",
                "/measures/1/instrument",
                "unknown instrument \"BDI-II\"" + KNOWN));
  }

  /**
   * The same two issues as before instruments were typed; the unknown name now comes first, with
   * the issues found before the meaning checks, where it came after the depression measure's.
   */
  @Test
  void unknownOutcomeInstrument_isReportedAlone_andTheOtherMeasureIsStillChecked() {
    String text =
        ClientSamples.text("protocols/e-compared-uk.json")
            .replace(
                "\"reminders\": [",
                "\"outcomes\": { \"depression\": { \"instrument\": \"GAD-7\", \"caseness\": 10,"
                    + " \"reliableChange\": 60 }, \"anxiety\": { \"instrument\": \"HADS-A\","
                    + " \"caseness\": 8, \"reliableChange\": 4 } },\n  \"reminders\": [");
    assertThat(ProtocolJson.validate(text).issues())
        .filteredOn(i -> i.severity() == Severity.ERROR)
        .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "unknown-instrument",
                "/outcomes/anxiety/instrument",
                "unknown instrument \"HADS-A\"" + KNOWN),
            org.assertj.core.groups.Tuple.tuple(
                "out-of-range",
                "/outcomes/depression/reliableChange",
                "reliableChange 60 is above the highest GAD-7 total (21)"));
  }
}
