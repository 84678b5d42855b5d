package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

class BurdenTest {
  private static Burden of(Protocol p) {
    return Burden.of(ProtocolJson.pin(p));
  }

  @Test
  void ukArm_twelveWeeks_sessionsAtTheirMidpoint_plusCoreModules() {
    Burden uk = of(ClientStateTest.UK);
    assertThat(uk.weeks()).isEqualTo(12.0);
    assertThat(uk.sessions()).isEqualTo(12);
    assertThat(uk.therapistContacts()).isEqualTo(6);
    // 12 sessions of 30-60 min at 45, plus 30 + 45 + 60 + 60 + 30 minutes of core modules
    assertThat(uk.clientMinutes()).isEqualTo(12 * 45 + 225);
    assertThat(uk.therapistMinutes()).isEqualTo(6 * 45);
    assertThat(uk.therapistMinutesPerWeek()).isEqualTo(22.5);
    assertThat(uk.modulesToComplete()).isEqualTo(5);
    assertThat(uk.assumptions()).contains(Burden.NO_REVIEW_MINUTES);
    assertThat(uk.assumptions()).first().isEqualTo(Burden.HOW_COUNTED);
  }

  @Test
  void ukArm_prompts_threeDailyPlusHomeworkAndAppointments() {
    Burden uk = of(ClientStateTest.UK);
    // 2027-01-03 (the appointment reminder before session 1) to 2027-03-29 (the plan ends at 10:00)
    assertThat(uk.days()).isEqualTo(86);
    // mood twice and activity once on each of 84 days, 6 homework, 6 appointment reminders
    assertThat(uk.prompts()).isEqualTo(84 * 3 + 6 + 6);
    assertThat(uk.promptsPerDayMax()).isEqualTo(4);
    assertThat(uk.promptsPerDayMean()).isCloseTo(264 / 86.0, within(1e-9));
    assertThat(uk.daysOverCap()).isZero();
  }

  @Test
  void slimVariant_isShorterAndLighterThanTheUkArm_onEveryFigure() {
    Burden uk = of(ClientStateTest.UK);
    Burden slim = of(ClientStateTest.SLIM);
    assertThat(slim.weeks()).isEqualTo(6.0).isLessThan(uk.weeks());
    assertThat(slim.clientMinutes()).isEqualTo(3 * 30 + 3 * 25 + 110);
    assertThat(slim.clientMinutesPerWeek()).isLessThan(uk.clientMinutesPerWeek());
    assertThat(slim.therapistMinutesPerWeek()).isEqualTo(15.0).isLessThan(22.5);
    assertThat(slim.promptsPerDayMean()).isLessThan(uk.promptsPerDayMean());
    assertThat(slim.promptsPerDayMax()).isEqualTo(2).isLessThan(uk.promptsPerDayMax());
    assertThat(slim.modulesToComplete()).isEqualTo(4).isLessThan(uk.modulesToComplete());
  }

  @Test
  void client_missedSessionsAndSkippedModulesTakeNoTime_dischargeEndsThePlan() {
    Protocol slim = ClientStateTest.SLIM;
    Enrolment e = ClientStateTest.enrol(slim, "2027-03-22T10:00", "Europe/London");
    List<Event> events =
        List.of(
            ClientStateTest.attended("a1", "2027-03-22T09:30:00Z", 1),
            new Event.SessionEvent(
                "m2", EventType.SESSION_MISSED, java.time.Instant.parse("2027-03-29T10:00:00Z"), 2),
            new Event.ModuleEvent(
                "s",
                EventType.MODULE_SKIPPED,
                java.time.Instant.parse("2027-03-23T10:00:00Z"),
                "psychoeducation"),
            new Event.Lifecycle(
                "d", EventType.DISCHARGED, java.time.Instant.parse("2027-04-12T09:00:00Z")));
    Burden client = Burden.of(ClientStateTest.state(slim, e, events, "2027-05-01T00:00:00Z"));
    // sessions 1 (attended) and 3 (planned) before the discharge on day 21
    assertThat(client.sessions()).isEqualTo(2);
    assertThat(client.therapistContacts()).isEqualTo(2);
    assertThat(client.weeks()).isCloseTo(3.0, within(0.01));
    assertThat(client.modulesToComplete()).isEqualTo(3);
    assertThat(client.clientMinutes()).isEqualTo(30 + 30 + 20 + 40 + 20);
    assertThat(client.prompts()).isLessThan(of(slim).prompts());
  }
}
