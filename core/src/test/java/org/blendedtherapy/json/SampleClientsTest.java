package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.junit.jupiter.api.Test;

/** The sample clients read without issues and tell the story their names promise, across DST. */
class SampleClientsTest {

  private static Enrolment enrolment(String name) {
    Validation<Enrolment> result =
        EnrolmentJson.validate(ClientSamples.bytes("clients/" + name + ".enrolment.json"));
    assertThat(result.issues()).isEmpty();
    return result.value().orElseThrow();
  }

  private static History history(String name) {
    Validation<History> result =
        EventsJson.validate(ClientSamples.bytes("clients/" + name + ".events.jsonl"));
    assertThat(result.issues()).isEmpty();
    return result.value().orElseThrow();
  }

  private static Map<Integer, Instant> attended(History history) {
    return history.events().stream()
        .filter(e -> e.type() == EventType.SESSION_ATTENDED)
        .collect(Collectors.toMap(e -> e.aboutSession().getAsInt(), Event::at));
  }

  private static Instant local(Enrolment enrolment, LocalDateTime time) {
    return time.atZone(enrolment.zone()).toInstant();
  }

  @Test
  void adherent_attendsEverySession_andFaceToFaceAttendanceIs50MinutesAfterThePlannedTime() {
    Enrolment enrolment = enrolment("adherent");
    History history = history("adherent");
    Map<Integer, Instant> attended = attended(history);

    assertThat(attended).hasSize(12);
    for (int n = 1; n <= 11; n += 2) {
      LocalDateTime planned = enrolment.start().plusWeeks(n - 1);
      assertThat(attended.get(n))
          .as("session " + n)
          .isEqualTo(local(enrolment, planned).plus(Duration.ofMinutes(50)));
    }
    // Session 1 is in GMT, session 3 after the 2027-03-28 change in BST.
    assertThat(attended.get(1)).isEqualTo(Instant.parse("2027-03-22T10:50:00Z"));
    assertThat(attended.get(3)).isEqualTo(Instant.parse("2027-04-05T09:50:00Z"));
    assertThat(history.events().get(history.size() - 1).type()).isEqualTo(EventType.DISCHARGED);
  }

  @Test
  void interrupted_missesPausesResumesAndMovesSessionSeven() {
    Enrolment enrolment = enrolment("interrupted");
    History history = history("interrupted");
    List<EventType> types = history.events().stream().map(Event::type).toList();

    assertThat(types)
        .contains(
            EventType.SESSION_MISSED,
            EventType.PAUSED,
            EventType.RESUMED,
            EventType.SESSION_SCHEDULED);
    Instant paused = history.event("e-010").orElseThrow().at();
    Instant resumed = history.event("e-011").orElseThrow().at();
    assertThat(
            java.time.temporal.ChronoUnit.DAYS.between(
                paused.atZone(enrolment.zone()).toLocalDate(),
                resumed.atZone(enrolment.zone()).toLocalDate()))
        .isEqualTo(9);
    // Session 1 in BST, session 5 (shifted by the pause) in GMT, at the same local time.
    Map<Integer, Instant> attended = attended(history);
    assertThat(attended.get(1)).isEqualTo(Instant.parse("2027-10-04T18:20:00Z"));
    assertThat(attended.get(5))
        .isEqualTo(
            local(enrolment, enrolment.start().plusWeeks(4).plusDays(9))
                .plus(Duration.ofMinutes(50)))
        .isEqualTo(Instant.parse("2027-11-10T19:20:00Z"));
    Event.SessionScheduled moved =
        (Event.SessionScheduled)
            history.events().stream()
                .filter(e -> e.type() == EventType.SESSION_SCHEDULED)
                .findFirst()
                .orElseThrow();
    assertThat(moved.session()).isEqualTo(7);
    assertThat(attended.get(7))
        .isEqualTo(local(enrolment, moved.start()).plus(Duration.ofMinutes(50)));
  }
}
