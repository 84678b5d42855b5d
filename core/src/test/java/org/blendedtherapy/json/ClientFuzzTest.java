package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Event;
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

  /**
   * One event line, as a host receiving events one at a time sends it: {@code validateEvent} never
   * throws; what it accepts, a log of that one line accepts as the same event, and the event
   * written back reads as itself; a line the fast path (or its scanner) reads, the schema path
   * reads into the same event.
   */
  @FuzzTest(maxDuration = "30s")
  void eventLine_neverThrows_andEveryPathAgrees(byte[] input) {
    Validation<Event> line = EventsJson.validateEvent(input);
    assertThat(line.issues()).allSatisfy(ClientFuzzTest::isIssue);
    if (line.isValid()) {
      Event event = line.value().orElseThrow();
      Validation<History> log = EventsJson.validate(input);
      assertThat(log.isValid()).as("a log of the one line").isTrue();
      assertThat(log.value().orElseThrow().events()).containsExactly(event);
      assertThat(EventsJson.readLine(EventsJson.writeLine(event))).isEqualTo(event);
    }
    if (!contains(input, (byte) '\n') && !contains(input, (byte) '\r')) {
      Validation<Event> schema = EventsJson.validateBySchemaPath(input);
      EventsJson.readByFastPath(input)
          .ifPresent(fast -> assertThat(schema.value()).as("fast path").contains(fast));
      EventsJson.readByLineScanner(input)
          .ifPresent(scanned -> assertThat(schema.value()).as("line scanner").contains(scanned));
    }
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  private static void isIssue(Issue issue) {
    assertThat(issue.code().json()).matches("[a-z][a-z-]*");
  }
}
