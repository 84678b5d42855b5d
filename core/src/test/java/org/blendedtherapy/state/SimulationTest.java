package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

class SimulationTest {
  @Test
  void adherentClient_attendsEverySession_andCompletesEveryCoreModuleInOrder() {
    Protocol uk = ClientStateTest.UK;
    Enrolment e = ClientStateTest.enrol(uk, "2027-03-22T10:00", "Europe/London");
    Simulation sim =
        Simulation.adherent(ProtocolJson.pin(uk), e, Instant.parse("2027-07-01T00:00:00Z"));
    assertThat(sim.state().sessions())
        .extracting(Session::status)
        .containsOnly(SessionStatus.ATTENDED);
    assertThat(sim.state().progress()).isEqualTo(new ProgressSummary(12, 12, 5, 5));
    assertThat(sim.state().rejected()).isEmpty();
    assertThat(sim.entries())
        .extracting(Simulation.Entry::what)
        .startsWith(
            "opened introduction (open from the start)",
            "session 1 face-to-face: session-attended",
            "introduction: module-started",
            "introduction: module-completed",
            "opened psychoeducation",
            "session 2 online: session-attended");
    // Attended at the end of the session: 10:00 plus the midpoint of 30 to 60 minutes.
    assertThat(sim.entries().get(1).local()).hasToString("2027-03-22T10:45");
    assertThat(sim.entries()).extracting(Simulation.Entry::instant).isSorted();
    assertThat(sim.entries().subList(0, 5))
        .extracting(
            Simulation.Entry::kind,
            entry -> entry.module().orElse("-"),
            entry -> entry.session().orElse(0),
            entry -> entry.event().map(EventType::json).orElse("-"))
        .containsExactly(
            tuple(Simulation.Kind.OPENED, "introduction", 0, "-"),
            tuple(Simulation.Kind.EVENT, "-", 1, "session-attended"),
            tuple(Simulation.Kind.EVENT, "introduction", 0, "module-started"),
            tuple(Simulation.Kind.EVENT, "introduction", 0, "module-completed"),
            tuple(Simulation.Kind.OPENED, "psychoeducation", 0, "-"));
  }

  @Test
  void givenHistory_marksTheEventsTheStateRejected() {
    Protocol uk = ClientStateTest.UK;
    Enrolment e = ClientStateTest.enrol(uk, "2027-03-22T10:00", "Europe/London");
    History history =
        History.of(
            List.of(
                new Event.ModuleEvent(
                    "early",
                    EventType.MODULE_STARTED,
                    Instant.parse("2027-03-23T10:00:00Z"),
                    "relapse-prevention")));
    Simulation sim =
        Simulation.of(ProtocolJson.pin(uk), e, history, Instant.parse("2027-04-01T00:00:00Z"));
    assertThat(sim.entries())
        .filteredOn(entry -> entry.kind() == Simulation.Kind.REJECTED)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.module()).contains("relapse-prevention");
              assertThat(entry.event()).contains(EventType.MODULE_STARTED);
              assertThat(entry.what()).startsWith("relapse-prevention: module-started (rejected: ");
            });
  }
}
