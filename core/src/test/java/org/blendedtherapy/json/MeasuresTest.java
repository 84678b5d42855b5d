package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.plan.AttendanceCode;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.OutcomeDefinitions;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.DueMeasure;
import org.blendedtherapy.state.FidelityRecord;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.Outcome;
import org.blendedtherapy.state.RiskFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measures, bands, outcome rules at every threshold (−1, =, +1), risk flags, codes, and the sample
 * clients of issue 7 (hazard H6).
 */
class MeasuresTest {
  private static final Protocol UK =
      ProtocolJson.read(ClientSamples.bytes("protocols/e-compared-uk.json"));
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  static ClientState state(String client, String at) {
    Enrolment enrolment =
        EnrolmentJson.read(ClientSamples.bytes("clients/" + client + ".enrolment.json"));
    History history =
        EventsJson.validate(ClientSamples.bytes("clients/" + client + ".events.jsonl"))
            .value()
            .orElseThrow();
    return ClientState.of(ProtocolJson.pin(UK), enrolment, history, Instant.parse(at));
  }

  @ParameterizedTest
  @CsvSource({
    "PHQ-9,0,minimal",
    "PHQ-9,4,minimal",
    "PHQ-9,5,mild",
    "PHQ-9,9,mild",
    "PHQ-9,10,moderate",
    "PHQ-9,14,moderate",
    "PHQ-9,15,moderately-severe",
    "PHQ-9,19,moderately-severe",
    "PHQ-9,20,severe",
    "PHQ-9,27,severe",
    "GAD-7,0,minimal",
    "GAD-7,4,minimal",
    "GAD-7,5,mild",
    "GAD-7,9,mild",
    "GAD-7,10,moderate",
    "GAD-7,14,moderate",
    "GAD-7,15,severe",
    "GAD-7,21,severe"
  })
  void band_followsThePublishedCutOffs(String instrument, int total, String band) {
    assertThat(Instrument.fromJson(instrument).orElseThrow().band(total)).contains(band);
  }

  @Test
  void wsas_hasNoBands_andNoCodes() {
    assertThat(Instrument.WSAS.band(40)).isEmpty();
    assertThat(Instrument.WSAS.snomedCt()).isEmpty();
    assertThat(Instrument.WSAS.loinc()).isEmpty();
  }

  @Test
  void codes_mapInstrumentsSessionTypesAndAttendance() {
    assertThat(Instrument.PHQ_9.snomedCt()).contains("720433000");
    assertThat(Instrument.PHQ_9.loinc()).contains("44249-1");
    assertThat(Instrument.PHQ_9.loincTotal()).contains("44261-6");
    assertThat(Instrument.GAD_7.snomedCt()).contains("445455005");
    assertThat(Instrument.GAD_7.loinc()).contains("69737-5");
    assertThat(Instrument.GAD_7.loincTotal()).contains("70274-6");
    assertThat(SessionType.FACE_TO_FACE.consultationMechanism()).contains("01");
    assertThat(SessionType.TELEPHONE.consultationMechanism()).contains("02");
    assertThat(SessionType.VIDEO.consultationMechanism()).contains("11");
    assertThat(SessionType.ONLINE.consultationMechanism()).isEmpty();
    Instant at = Instant.parse("2027-01-04T10:00:00Z");
    assertThat(AttendanceCode.of(new Event.SessionCancelled("a", at, 1, Event.CancelledBy.CLIENT)))
        .map(AttendanceCode::json)
        .contains("2");
    assertThat(
            AttendanceCode.of(
                new Event.SessionEvent(
                    "b", org.blendedtherapy.client.EventType.SESSION_MISSED, at, 1)))
        .map(AttendanceCode::json)
        .contains("3");
    assertThat(AttendanceCode.of(new Event.SessionCancelled("c", at, 1, Event.CancelledBy.SERVICE)))
        .map(AttendanceCode::json)
        .contains("4");
    assertThat(
            AttendanceCode.of(
                new Event.SessionEvent(
                    "d", org.blendedtherapy.client.EventType.SESSION_ATTENDED, at, 1)))
        .map(AttendanceCode::json)
        .contains("5");
    assertThat(AttendanceCode.of(new Event.MoodRated("e", at, 5))).isEmpty();
  }

  private static Outcome outcome(int d0, int d1, int a0, int a1, int contacts) {
    OutcomeDefinitions defs = OutcomeDefinitions.DEFAULT;
    return Outcome.of(
        new Outcome.Basis(
            new Outcome.Scores(Instrument.PHQ_9, d0, d1, "a", "b", 10, 6),
            new Outcome.Scores(Instrument.GAD_7, a0, a1, "c", "d", 8, 4),
            1,
            3,
            contacts),
        defs.finishedTreatmentSessions(),
        false);
  }

  @ParameterizedTest
  @CsvSource({"9,false", "10,true", "11,true"})
  void caseness_phq9AtTen(int phq, boolean caseness) {
    assertThat(outcome(phq, phq, 0, 0, 2).caseness()).isEqualTo(caseness);
  }

  @ParameterizedTest
  @CsvSource({"7,false", "8,true", "9,true"})
  void caseness_gad7AtEight(int gad, boolean caseness) {
    assertThat(outcome(0, 0, gad, gad, 2).caseness()).isEqualTo(caseness);
  }

  @ParameterizedTest
  @CsvSource({"1,false", "2,true", "3,true"})
  void finishedTreatment_atTwoSessions(int contacts, boolean finished) {
    assertThat(outcome(0, 0, 0, 0, contacts).finishedTreatment()).isEqualTo(finished);
  }

  @ParameterizedTest
  @CsvSource({"9,true", "10,false", "11,false"})
  void recovery_needsLatestPhq9BelowTen(int latest, boolean recovery) {
    assertThat(outcome(16, latest, 12, 5, 2).recovery()).isEqualTo(recovery);
  }

  @ParameterizedTest
  @CsvSource({"7,true", "8,false", "9,false"})
  void recovery_needsLatestGad7BelowEight(int latest, boolean recovery) {
    assertThat(outcome(16, 5, 12, latest, 2).recovery()).isEqualTo(recovery);
  }

  @Test
  void recovery_needsCasenessAtTheFirstMeasure() {
    assertThat(outcome(9, 0, 7, 0, 2).recovery()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"5,false", "6,true", "7,true"})
  void reliableImprovement_phq9DownSix(int down, boolean improved) {
    Outcome o = outcome(20, 20 - down, 10, 10, 2);
    assertThat(o.reliableImprovement()).isEqualTo(improved);
    assertThat(o.reliableRecovery()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"3,false", "4,true", "5,true"})
  void reliableImprovement_gad7DownFour(int down, boolean improved) {
    assertThat(outcome(5, 5, 15, 15 - down, 2).reliableImprovement()).isEqualTo(improved);
  }

  @ParameterizedTest
  @CsvSource({"5,false", "6,true", "7,true"})
  void reliableDeterioration_phq9UpSix(int up, boolean worse) {
    assertThat(outcome(5, 5 + up, 5, 5, 2).reliableDeterioration()).isEqualTo(worse);
  }

  @ParameterizedTest
  @CsvSource({"3,false", "4,true", "5,true"})
  void reliableDeterioration_gad7UpFour(int up, boolean worse) {
    assertThat(outcome(5, 5, 5, 5 + up, 2).reliableDeterioration()).isEqualTo(worse);
  }

  @Test
  void reliableImprovement_isCancelledWhenTheOtherMeasureIsReliablyWorse() {
    Outcome o = outcome(20, 10, 5, 9, 2);
    assertThat(o.reliableDeterioration()).isTrue();
    assertThat(o.reliableImprovement()).isFalse();
  }

  @Test
  void reliableRecovery_isRecoveryAndReliableImprovement() {
    assertThat(outcome(16, 9, 12, 7, 2).reliableRecovery()).isTrue();
    // Recovered (16 -> 9) but only 4 points down on PHQ-9 and 1 on GAD-7: not reliable.
    Outcome o = outcome(13, 9, 8, 7, 2);
    assertThat(o.recovery()).isTrue();
    assertThat(o.reliableImprovement()).isFalse();
    assertThat(o.reliableRecovery()).isFalse();
  }

  @Test
  void recovering_sixFaceToFaceSessions_showsRecoveryAndReliableImprovement_finalOnceDischarged() {
    ClientState before = state("recovering", "2027-03-20T12:00:00Z");
    Outcome o = before.outcome().orElseThrow();
    assertThat(o.basis().depression().first()).isEqualTo(16);
    assertThat(o.basis().depression().latest()).isEqualTo(9);
    assertThat(o.basis().anxiety().first()).isEqualTo(12);
    assertThat(o.basis().anxiety().latest()).isEqualTo(7);
    assertThat(o.basis().treatmentSessionsAttended()).isEqualTo(6);
    assertThat(o.caseness()).isTrue();
    assertThat(o.finishedTreatment()).isTrue();
    assertThat(o.recovery()).isTrue();
    assertThat(o.reliableImprovement()).isTrue();
    assertThat(o.reliableDeterioration()).isFalse();
    assertThat(o.reliableRecovery()).isTrue();
    assertThat(o.isFinal()).isFalse();
    assertThat(state("recovering", "2027-03-24T12:00:00Z").outcome().orElseThrow().isFinal())
        .isTrue();
    assertThat(before.risk()).isEmpty();
    assertThat(before.dueMeasures())
        .hasSize(12)
        .allMatch(d -> d.status() == DueMeasure.Status.DONE);
  }

  @Test
  void atRisk_item9AnsweredOne_raisesTheFlag_whateverTheTotal() {
    ClientState state = state("at-risk", "2027-01-06T12:00:00Z");
    List<RiskFlag> risk = state.risk();
    assertThat(risk).hasSize(1);
    assertThat(risk.get(0).event()).isEqualTo("k-002");
    assertThat(risk.get(0).item()).isEqualTo(9);
    assertThat(state.measures().get(0).band()).contains("mild");
    // Below caseness on both measures at the only pair.
    assertThat(state.outcome().orElseThrow().caseness()).isFalse();
    assertThat(StateJson.write(state))
        .containsPattern("\"risk\" : \\[\\s*\\{\\s*\"event\" : \"k-002\"");
  }

  @Test
  void incompleteMeasure_hasNoTotal_andIsNeverUsedAsAPair() {
    // The adherent sample's session-7 PHQ-9 (e-026) has an unanswered item.
    Enrolment enrolment =
        EnrolmentJson.read(ClientSamples.bytes("clients/adherent.enrolment.json"));
    History history =
        EventsJson.validate(ClientSamples.bytes("clients/adherent.events.jsonl"))
            .value()
            .orElseThrow();
    ClientState state =
        ClientState.of(
            ProtocolJson.pin(UK), enrolment, history, Instant.parse("2027-05-04T12:00:00Z"));
    MeasureResult e026 =
        state.measures().stream().filter(m -> m.event().equals("e-026")).findFirst().orElseThrow();
    assertThat(e026.isComplete()).isFalse();
    assertThat(e026.total()).isEmpty();
    assertThat(e026.band()).isEmpty();
    assertThat(e026.session()).isEqualTo(OptionalInt.of(7));
    assertThat(state.outcome().orElseThrow().basis().latestSession()).isEqualTo(5);
  }

  @Test
  void dueMeasure_isOverdueWhenALaterSessionWasAttendedWithoutIt() {
    Instant at = Instant.parse("2027-01-04T10:50:00Z");
    Enrolment enrolment =
        EnrolmentJson.read(ClientSamples.bytes("clients/recovering.enrolment.json"));
    History history =
        History.of(
            List.of(
                new Event.SessionEvent(
                    "s1", org.blendedtherapy.client.EventType.SESSION_ATTENDED, at, 1)));
    ClientState due = ClientState.of(ProtocolJson.pin(UK), enrolment, history, at);
    assertThat(due.dueMeasures())
        .extracting(DueMeasure::status)
        .containsOnly(DueMeasure.Status.DUE);
    ClientState overdue = due.at(Instant.parse("2027-01-11T10:00:00Z"));
    assertThat(overdue.dueMeasures())
        .extracting(DueMeasure::status)
        .containsOnly(DueMeasure.Status.OVERDUE);
    FidelityRecord record = overdue.fidelity().get(0);
    assertThat(record.deviations())
        .extracting(FidelityRecord.Deviation::code)
        .containsExactly("measure-not-recorded", "measure-not-recorded");
  }

  @Test
  void outcomes_inData_replaceTheDefaults_andOnlyThenEnterTheCanonicalForm() {
    assertThat(ProtocolJson.sha256(UK))
        .isEqualTo("799114942ae3ebf8e5535d25774715e7382e2282b911e0c1e230a2f5bb07bbb8");
    assertThat(ProtocolJson.canonical(UK)).doesNotContain("outcomes");
    String text =
        ClientSamples.text("protocols/e-compared-uk.json")
            .replace(
                "\"reminders\": [",
                "\"outcomes\": { \"depression\": { \"instrument\": \"PHQ-9\", \"caseness\": 17,"
                    + " \"reliableChange\": 6 }, \"anxiety\": { \"instrument\": \"GAD-7\","
                    + " \"caseness\": 13, \"reliableChange\": 4 } },\n  \"reminders\": [");
    Protocol strict = ProtocolJson.read(text);
    assertThat(strict.outcomeDefinitions().depression().caseness()).isEqualTo(17);
    assertThat(strict.outcomeDefinitions().finishedTreatmentSessions()).isEqualTo(2);
    assertThat(ProtocolJson.canonical(strict)).contains("\"finishedTreatmentSessions\":2");
    assertThat(ProtocolJson.read(ProtocolJson.canonical(strict))).isEqualTo(strict);
    Enrolment enrolment =
        EnrolmentJson.read(ClientSamples.bytes("clients/recovering.enrolment.json"));
    History history =
        EventsJson.validate(ClientSamples.bytes("clients/recovering.events.jsonl"))
            .value()
            .orElseThrow();
    Enrolment pinned =
        new Enrolment(
            enrolment.client(),
            new ProtocolPin(strict.id(), strict.version(), ProtocolJson.sha256(strict)),
            enrolment.start(),
            enrolment.zone(),
            enrolment.preferences());
    ClientState state =
        ClientState.of(
            ProtocolJson.pin(strict), pinned, history, Instant.parse("2027-03-24T12:00:00Z"));
    // PHQ-9 16 and GAD-7 12 are below the stricter cut-offs of 17 and 13.
    assertThat(state.outcome().orElseThrow().caseness()).isFalse();
    assertThat(state.outcome().orElseThrow().recovery()).isFalse();
  }

  @Test
  void outcomes_withAnUnknownInstrument_isAnError() {
    String text =
        ClientSamples.text("protocols/e-compared-uk.json")
            .replace(
                "\"reminders\": [",
                "\"outcomes\": { \"depression\": { \"instrument\": \"PHQ-8\", \"caseness\": 10,"
                    + " \"reliableChange\": 6 }, \"anxiety\": { \"instrument\": \"GAD-7\","
                    + " \"caseness\": 30, \"reliableChange\": 4 } },\n  \"reminders\": [");
    assertThat(ProtocolJson.validate(text).issues())
        .filteredOn(i -> i.severity() == org.blendedtherapy.Severity.ERROR)
        .extracting(i -> i.pointer() + " " + i.code())
        .containsExactly(
            "/outcomes/depression/instrument unknown-instrument",
            "/outcomes/anxiety/caseness out-of-range");
  }

  @Test
  void goldenBridgeSummary_beforeSessionThree() throws Exception {
    ClientState state = state("recovering", "2027-01-17T12:00:00Z");
    assertThat(state.bridge().text(ZoneId.of("Europe/London")))
        .isEqualTo(golden("bridge/recovering-2027-01-17.txt"));
  }

  @Test
  void goldenFidelityRecords_afterDischarge() throws Exception {
    ClientState state = state("recovering", "2027-03-24T12:00:00Z");
    String text =
        state.fidelity().stream()
            .map(f -> f.text(ZoneId.of("Europe/London")))
            .collect(Collectors.joining());
    assertThat(text).isEqualTo(golden("fidelity/recovering.txt"));
  }

  private static String golden(String name) throws Exception {
    return Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8);
  }
}
