package org.blendedtherapy.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.blendedtherapy.InvalidInputException;
import org.junit.jupiter.api.Test;

class TherapistBriefingTest {
  static byte[] file(String path) throws IOException {
    return Files.readAllBytes(Path.of(path));
  }

  @Test
  void briefing_ofTheInterruptedSampleClient() throws IOException {
    TherapistBriefing briefing = new TherapistBriefing(file("protocols/e-compared-uk.json"));
    assertThat(
            briefing.brief(
                file("clients/interrupted.enrolment.json"),
                file("clients/interrupted.events.jsonl"),
                Instant.parse("2027-11-30T12:00:00Z")))
        .containsExactly(
            "Next: session 8 (online) at 2027-12-01T18:30",
            "behavioural-activation: started on 2027-11-18",
            "cognitive-restructuring: locked: needs behavioural-activation completed (started 2027-11-18)",
            "relapse-prevention: locked: needs cognitive-restructuring completed (not started)",
            "problem-solving: locked: needs release by the therapist",
            "physical-exercise: locked: needs release by the therapist",
            "Progress: 6/12 sessions, 2/5 core modules");
  }

  @Test
  void aClientPinnedToAnotherProtocol_isRefused() throws IOException {
    TherapistBriefing briefing = new TherapistBriefing(file("protocols/low-intensity-slim.json"));
    assertThatThrownBy(
            () ->
                briefing.brief(
                    file("clients/adherent.enrolment.json"),
                    file("clients/adherent.events.jsonl"),
                    Instant.parse("2027-05-01T00:00:00Z")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("pin-mismatch");
  }
}
