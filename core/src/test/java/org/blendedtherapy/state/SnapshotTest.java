package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of the sample client {@code adherent}: restore, continue, and what a restore refuses.
 */
class SnapshotTest {
  private static final PinnedProtocol UK =
      ProtocolJson.pin(ProtocolJson.read(read(Path.of("../samples/protocols/e-compared-uk.json"))));
  private static final Enrolment ENROLMENT =
      EnrolmentJson.read(read(Path.of("../samples/clients/adherent.enrolment.json")));
  private static final List<Event> EVENTS =
      EventsJson.read(read(Path.of("../samples/clients/adherent.events.jsonl"))).events();

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ClientState half() {
    List<Event> first = EVENTS.subList(0, EVENTS.size() / 2);
    return ClientState.of(UK, ENROLMENT, History.of(first));
  }

  @Test
  void restoredState_continuesExactlyAsTheWholeHistory() {
    ClientState restored = ClientState.restore(UK, ENROLMENT, half().snapshot());
    for (Event event : EVENTS.subList(EVENTS.size() / 2, EVENTS.size())) {
      restored = restored.apply(event);
    }
    ClientState whole = ClientState.of(UK, ENROLMENT, History.of(EVENTS));
    assertThat(restored.modules()).isEqualTo(whole.modules());
    assertThat(restored.sessions()).isEqualTo(whole.sessions());
    assertThat(restored.rejected()).isEqualTo(whole.rejected());
    Instant from = Instant.parse("2027-03-20T00:00:00Z");
    Instant to = Instant.parse("2027-07-01T00:00:00Z");
    assertThat(restored.reminders(from, to)).isEqualTo(whole.reminders(from, to));
  }

  @Test
  void aVersion1Snapshot_withWholeFingerprints_isStillRead() throws IOException {
    byte[] v1;
    try (var in = SnapshotTest.class.getResourceAsStream("/snapshots/adherent-half.v1.bin")) {
      v1 = in.readAllBytes();
    }
    ClientState restored = ClientState.restore(UK, ENROLMENT, v1);
    ClientState now = ClientState.restore(UK, ENROLMENT, half().snapshot());
    assertThat(restored.modules()).isEqualTo(now.modules());
    assertThat(restored.snapshot()).isEqualTo(now.snapshot());
    // Its fingerprints still tell a repeat from a conflict.
    assertRepeatIgnored_conflictRefused(restored);
  }

  @Test
  void aSnapshotWithResponsesWithoutAPolicy_fromBefore02_keepsItsFingerprints() throws IOException {
    // Written by the code before reminder responses could name their policy (commit 1c65158).
    byte[] before;
    List<Event> responses;
    try (var in =
            SnapshotTest.class.getResourceAsStream("/snapshots/adherent-half-responses.v2.bin");
        var lines =
            SnapshotTest.class.getResourceAsStream("/snapshots/adherent-half.responses.jsonl")) {
      before = in.readAllBytes();
      responses = EventsJson.read(lines).events();
    }
    List<Event> history = new java.util.ArrayList<>(EVENTS.subList(0, EVENTS.size() / 2));
    history.addAll(responses);
    ClientState restored = ClientState.restore(UK, ENROLMENT, before);
    ClientState now =
        ClientState.restore(
            UK, ENROLMENT, ClientState.of(UK, ENROLMENT, History.of(history)).snapshot());
    assertThat(restored.snapshot()).isEqualTo(now.snapshot());
    // The same response again is a repeat; naming its policy now makes it other content.
    Event.ReminderEvent first = (Event.ReminderEvent) responses.get(0);
    assertThat(restored.apply(first).snapshot()).isEqualTo(restored.snapshot());
    Event.ReminderEvent named =
        new Event.ReminderEvent(
            first.id(), first.type(), first.at(), first.reminder(), "mood-rating");
    assertThatThrownBy(() -> restored.apply(named))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[conflicting-id]");
  }

  @Test
  void aRepeatBeforeTheSnapshot_isIgnored_aConflictIsRefused() {
    assertRepeatIgnored_conflictRefused(ClientState.restore(UK, ENROLMENT, half().snapshot()));
  }

  /** The first event again is ignored; the same id with other content is refused. */
  private static void assertRepeatIgnored_conflictRefused(ClientState restored) {
    Event early = EVENTS.get(0);
    assertThat(restored.apply(early).modules()).isEqualTo(restored.modules());
    Event.SessionEvent changed =
        new Event.SessionEvent(
            early.id(), early.type(), early.at().plusSeconds(60), early.aboutSession().orElse(1));
    assertThatThrownBy(() -> restored.apply(changed))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[conflicting-id]");
  }

  @Test
  void restoredState_refusesWhatNeedsTheEventsBeforeIt() {
    ClientState restored = ClientState.restore(UK, ENROLMENT, half().snapshot());
    assertThatThrownBy(restored::bridge).isInstanceOf(IllegalStateException.class);
    Event late = EVENTS.get(1);
    Event.MoodRated before = new Event.MoodRated("new-early", late.at().minusSeconds(60), 5);
    assertThatThrownBy(() -> restored.apply(before))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the snapshot");
  }

  @Test
  void aSnapshotOfAnotherVersionOrGarbage_isTheLibrarysOwnError() {
    byte[] snapshot = half().snapshot();
    byte[] broken = Arrays.copyOf(snapshot, snapshot.length / 2);
    assertThatThrownBy(() -> ClientState.restore(UK, ENROLMENT, broken))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[bad-snapshot]");
    byte[] other = snapshot.clone();
    other[5] = 9;
    assertThatThrownBy(() -> ClientState.restore(UK, ENROLMENT, other))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[bad-snapshot]");
  }

  @Test
  void snapshot_holdsNoClientReference() {
    String bytes = new String(half().snapshot(), StandardCharsets.ISO_8859_1);
    assertThat(bytes).doesNotContain(ENROLMENT.client());
  }
}
