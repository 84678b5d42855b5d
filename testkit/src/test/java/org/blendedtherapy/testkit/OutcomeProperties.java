package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.OutcomeDefinitions;
import org.blendedtherapy.state.Adherence;
import org.blendedtherapy.state.Bridge;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Invariants of measures and outcomes (hazard H6), adherence and the bridge summary, at 1,000 tries
 * each.
 */
class OutcomeProperties {
  private static final PinnedProtocol UK =
      ProtocolJson.pin(ProtocolJson.read(bytes("protocols/e-compared-uk.json")));
  private static final Enrolment ENROLMENT =
      EnrolmentJson.read(bytes("clients/recovering.enrolment.json"));

  private static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(Path.of("..", "samples").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A restatement of DOMAIN.md's definitions, written apart from {@code Outcome.of}. */
  private static void assertDefinitions(
      Outcome o, int d0, int d1, int a0, int a1, OutcomeDefinitions defs, int contacts) {
    int cd = defs.depression().caseness();
    int ca = defs.anxiety().caseness();
    int rd = defs.depression().reliableChange();
    int ra = defs.anxiety().reliableChange();
    boolean caseness = d0 >= cd || a0 >= ca;
    boolean recovery = caseness && d1 < cd && a1 < ca;
    boolean worse = d1 >= d0 + rd || a1 >= a0 + ra;
    boolean better = (d1 <= d0 - rd || a1 <= a0 - ra) && !worse;
    assertThat(o.caseness()).as("caseness").isEqualTo(caseness);
    assertThat(o.recovery()).as("recovery").isEqualTo(recovery);
    assertThat(o.reliableDeterioration()).as("deterioration").isEqualTo(worse);
    assertThat(o.reliableImprovement()).as("improvement").isEqualTo(better);
    assertThat(o.reliableRecovery()).as("reliable recovery").isEqualTo(recovery && better);
    assertThat(o.finishedTreatment())
        .as("finished")
        .isEqualTo(contacts >= defs.finishedTreatmentSessions());
  }

  @Test
  void outcomeFlags_agreeWithTheDefinitions_forGeneratedScoresAndThresholds() {
    Property.forAll(Gen.listOf(Gen.choose(0, 100_000), 11, 11))
        .tries(1_000)
        .verify(
            r -> {
              OutcomeDefinitions defs =
                  new OutcomeDefinitions(
                      new OutcomeDefinitions.OutcomeMeasure(
                          Instrument.PHQ_9, r.get(0) % 28, 1 + r.get(1) % 27),
                      new OutcomeDefinitions.OutcomeMeasure(
                          Instrument.GAD_7, r.get(2) % 22, 1 + r.get(3) % 21),
                      1 + r.get(4) % 6);
              int d0 = r.get(5) % 28;
              int d1 = r.get(6) % 28;
              int a0 = r.get(7) % 22;
              int a1 = r.get(8) % 22;
              int contacts = r.get(9) % 8;
              Outcome.Basis basis =
                  new Outcome.Basis(
                      new Outcome.Scores(
                          Instrument.PHQ_9,
                          d0,
                          d1,
                          "a",
                          "b",
                          defs.depression().caseness(),
                          defs.depression().reliableChange()),
                      new Outcome.Scores(
                          Instrument.GAD_7,
                          a0,
                          a1,
                          "c",
                          "d",
                          defs.anxiety().caseness(),
                          defs.anxiety().reliableChange()),
                      1,
                      3,
                      contacts);
              Outcome o = Outcome.of(basis, defs.finishedTreatmentSessions(), r.get(10) % 2 == 0);
              assertDefinitions(o, d0, d1, a0, a1, defs, contacts);
              assertThat(o.isFinal()).isEqualTo(r.get(10) % 2 == 0);
            });
  }

  /**
   * Through the whole state: two face-to-face sessions with generated PHQ-9 and GAD-7 items (some
   * unanswered); totals are the sums of complete items, incomplete measures have no total, and the
   * outcome uses the first and latest complete pair under the default definitions.
   */
  @Test
  void stateOutcome_usesCompletePairs_andTotalsAreTheSumOfItems() {
    Property.forAll(Gen.listOf(Gen.choose(0, 4), 32, 32))
        .tries(1_000)
        .verify(
            r -> {
              List<Event> events = new ArrayList<>();
              Instant s1 = Instant.parse("2027-01-04T10:50:00Z");
              Instant s3 = Instant.parse("2027-01-18T10:50:00Z");
              events.add(new Event.SessionEvent("s1", EventType.SESSION_ATTENDED, s1, 1));
              events.add(new Event.SessionEvent("s3", EventType.SESSION_ATTENDED, s3, 3));
              List<List<OptionalInt>> items = new ArrayList<>();
              int k = 0;
              for (int m = 0; m < 4; m++) {
                int count = m % 2 == 0 ? 9 : 7;
                List<OptionalInt> answers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                  int v = r.get(k++ % r.size());
                  // 4 stands for an unanswered item, about one in 40.
                  answers.add(v == 4 && i == m ? OptionalInt.empty() : OptionalInt.of(v % 4));
                }
                items.add(answers);
                Instant at = (m < 2 ? s1 : s3).plusSeconds(60 + m);
                events.add(
                    new Event.MeasureRecorded(
                        "m" + m,
                        at,
                        m % 2 == 0 ? Instrument.PHQ_9 : Instrument.GAD_7,
                        answers,
                        OptionalInt.empty()));
              }
              ClientState state =
                  ClientState.of(
                      UK, ENROLMENT, History.of(events), Instant.parse("2027-01-20T00:00:00Z"));
              List<MeasureResult> measures = state.measures();
              assertThat(measures).hasSize(4);
              OptionalInt[] totals = new OptionalInt[4];
              for (int m = 0; m < 4; m++) {
                boolean complete = items.get(m).stream().allMatch(OptionalInt::isPresent);
                totals[m] =
                    complete
                        ? OptionalInt.of(
                            items.get(m).stream().mapToInt(OptionalInt::getAsInt).sum())
                        : OptionalInt.empty();
                assertThat(measures.get(m).total()).as("total " + m).isEqualTo(totals[m]);
              }
              List<int[]> pairs = new ArrayList<>();
              if (totals[0].isPresent() && totals[1].isPresent()) {
                pairs.add(new int[] {totals[0].getAsInt(), totals[1].getAsInt()});
              }
              if (totals[2].isPresent() && totals[3].isPresent()) {
                pairs.add(new int[] {totals[2].getAsInt(), totals[3].getAsInt()});
              }
              if (pairs.isEmpty()) {
                assertThat(state.outcome()).isEmpty();
                return;
              }
              int[] first = pairs.get(0);
              int[] latest = pairs.get(pairs.size() - 1);
              assertDefinitions(
                  state.outcome().orElseThrow(),
                  first[0],
                  latest[0],
                  first[1],
                  latest[1],
                  OutcomeDefinitions.DEFAULT,
                  2);
            });
  }

  record Asked(Clients.Case c, Instant t) {}

  static Gen<Asked> asked() {
    return Clients.cases()
        .flatMap(c -> Clients.instants(c.protocol(), c.enrolment()).map(t -> new Asked(c, t)));
  }

  @Test
  void adherenceRatios_areBetween0And1() {
    Property.forAll(asked())
        .tries(1_000)
        .verify(
            a -> {
              Adherence adherence = a.c().stateAt(a.t()).adherence();
              List<Adherence.Counts> all = new ArrayList<>();
              all.add(adherence.overall());
              adherence.weeks().forEach(w -> all.add(w.counts()));
              for (Adherence.Counts counts : all) {
                for (Adherence.Ratio ratio :
                    List.of(
                        counts.sessions(),
                        counts.online(),
                        counts.coreModules(),
                        counts.moodRatings())) {
                  assertThat(ratio.done()).isBetween(0, ratio.of());
                  ratio.value().ifPresent(v -> assertThat(v).isBetween(0.0, 1.0));
                }
              }
            });
  }

  @Test
  void bridge_containsOnlyEventsAfterTheLastAttendedFaceToFaceSession_andAtOrBeforeTheInstant() {
    Property.forAll(asked())
        .tries(1_000)
        .verify(
            a -> {
              ClientState state = a.c().stateAt(a.t());
              Set<String> rejected = new HashSet<>();
              state.rejected().forEach(r -> rejected.add(r.event()));
              List<Event> upTo = History.of(a.c().events()).upTo(a.t());
              int from = 0;
              Instant since = null;
              for (int i = 0; i < upTo.size(); i++) {
                Event e = upTo.get(i);
                if (e.type() == EventType.SESSION_ATTENDED && !rejected.contains(e.id())) {
                  Session s = state.session(e.aboutSession().getAsInt());
                  if (s.status() == SessionStatus.ATTENDED && s.type().isTherapistContact()) {
                    from = i + 1;
                    since = e.at();
                  }
                }
              }
              Set<String> window = new HashSet<>();
              upTo.subList(from, upTo.size()).forEach(e -> window.add(e.id()));
              Bridge bridge = state.bridge();
              assertThat(bridge.since().orElse(null)).isEqualTo(since);
              for (Bridge.MeasureChange m : bridge.measures()) {
                assertThat(window).contains(m.measure().event());
              }
              for (Rejection r : bridge.rejected()) {
                assertThat(window).contains(r.event());
              }
              long started =
                  upTo.subList(from, upTo.size()).stream()
                      .filter(
                          e -> e.type() == EventType.MODULE_STARTED && !rejected.contains(e.id()))
                      .count();
              assertThat(bridge.modulesStarted()).hasSize((int) started);
              long moods =
                  upTo.subList(from, upTo.size()).stream()
                      .filter(e -> e.type() == EventType.MOOD_RATED)
                      .count();
              assertThat(bridge.mood().count()).isEqualTo((int) moods);
            });
  }
}
