package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.History;

/**
 * Fuzzes the enrolment and event readers: the only allowed failure is the library's own exception.
 * In a normal build this replays the seeds in {@code ClientFuzzTestInputs/}; run with {@code
 * JAZZER_FUZZ=1} to fuzz.
 */
class ClientFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void enrolment_neverThrows(byte[] input) {
    assertThat(EnrolmentJson.validate(input).issues()).allSatisfy(ClientFuzzTest::isIssue);
    try {
      EnrolmentJson.read(input);
    } catch (InvalidInputException expected) {
      assertThat(expected.errors()).isNotEmpty();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void eventLog_neverThrows_andBytesAndStreamAgree(byte[] input) {
    Validation<History> bytes = EventsJson.validate(input);
    Validation<History> stream = EventsJson.validate(new ByteArrayInputStream(input));
    assertThat(stream.isValid()).isEqualTo(bytes.isValid());
    assertThat(bytes.issues()).allSatisfy(ClientFuzzTest::isIssue);
    try {
      EventsJson.read(input);
      EventsJson.validateEvent(input);
    } catch (InvalidInputException expected) {
      assertThat(expected.errors()).isNotEmpty();
    }
  }

  private static void isIssue(Issue issue) {
    assertThat(issue.code().json()).matches("[a-z][a-z-]*");
  }
}
