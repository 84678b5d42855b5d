package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

class LongHistoriesTest {
  private static final Protocol UK = SampleProtocol.uk();
  private static final PinnedProtocol PINNED = ProtocolJson.pin(UK);
  private static final String SHA = PINNED.sha256();
  private static final Enrolment ENROLMENT =
      new Enrolment(
          "client-long",
          new ProtocolPin(UK.id(), UK.version(), SHA),
          LocalDateTime.of(2027, 3, 22, 10, 0),
          ZoneId.of("Europe/London"),
          Preferences.NONE);

  @Test
  void of_givesExactlyTheSizeInCanonicalOrderWithUniqueIds() {
    List<Event> events = LongHistories.of(UK, ENROLMENT, 1000, 5L);
    assertThat(events).hasSize(1000).isSortedAccordingTo(Event.CANONICAL_ORDER);
    assertThat(events.stream().map(Event::id).distinct()).hasSize(1000);
  }

  @Test
  void of_isAPrefixOfALongerHistoryFromTheSameSeed() {
    assertThat(LongHistories.of(UK, ENROLMENT, 300, 9L))
        .isEqualTo(LongHistories.of(UK, ENROLMENT, 800, 9L).subList(0, 300));
  }

  @Test
  void toJsonLines_isAValidLogOfTheSameEvents() {
    List<Event> events = LongHistories.of(UK, ENROLMENT, 2000, 3L);
    Validation<History> read = EventsJson.validate(LongHistories.toJsonLines(events));
    assertThat(read.issues()).isEmpty();
    assertThat(read.value()).contains(History.of(events));
  }

  @Test
  void of_withinThePlan_hasNoRejectedEventAndEveryKind() {
    List<Event> events = LongHistories.of(UK, ENROLMENT, 300, new SplittableRandom(1));
    ClientState state = ClientState.of(PINNED, ENROLMENT, History.of(events), events.get(299).at());
    assertThat(state.rejected()).isEmpty();
    assertThat(events.stream().map(Event::type).distinct())
        .contains(
            EventType.SESSION_ATTENDED,
            EventType.MODULE_STARTED,
            EventType.MODULE_COMPLETED,
            EventType.MOOD_RATED,
            EventType.MEASURE_RECORDED,
            EventType.REMINDER_ACKNOWLEDGED,
            EventType.REMINDER_IGNORED);
  }

  @Test
  void withSessions_makesAValidYearLongPlan() {
    Protocol year = LongHistories.withSessions(UK, 52);
    assertThat(year.sessionPlan().sessions()).isEqualTo(52);
    assertThat(year.tailoring().sessions())
        .hasValueSatisfying(b -> assertThat(b.max()).isEqualTo(52));
  }

  @Test
  void histories_staysWithinTheMostEvents() {
    Gen<List<Event>> gen = LongHistories.histories(UK, ENROLMENT, 200);
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 20; i++) {
      assertThat(gen.sample(random, 100).size()).isBetween(0, 200);
    }
  }
}
