package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.junit.jupiter.api.Test;

/**
 * H10: messages about enrolments and events name pointers, lines, event ids and JSON types, never
 * values. Canary values must not appear, and changing the values must not change a single issue.
 */
class ClientPrivacyTest {
  private static final String CANARY = "CANARY-free-text-0001";

  /** As invalid as the canary wherever the canary is invalid: not an id, a time or a zone. */
  private static final String OTHER = "ZZZZZZ-zzzz-zzzz-zzzz";

  /** An event log where every line is wrong, and wrong around a private value. */
  private static String log(int mood, String text, int badItem) {
    String at = "\"at\":\"2027-01-04T10:50:00Z\"";
    return String.join(
        "\n",
        "{\"id\":\"e-1\",\"type\":\"mood-rated\","
            + at
            + ",\"value\":"
            + mood
            + ",\"note\":\""
            + text
            + "\"}",
        "{\"id\":\"e-2\",\"type\":\"mood-rated\"," + at + ",\"value\":\"" + text + "\"}",
        "{\"id\":\"e-3\",\"type\":\"mood-rated\"," + at + ",\"value\":" + (mood + 10) + "}",
        "{\"id\":\"e-4\",\"type\":\"measure-recorded\","
            + at
            + ",\"instrument\":\"PHQ-9\",\"items\":["
            + mood
            + ","
            + mood
            + ",1,0,2,1]}",
        "{\"id\":\"e-5\",\"type\":\"measure-recorded\","
            + at
            + ",\"instrument\":\"PHQ-9\",\"items\":[1,2,"
            + badItem
            + ",0,2,1,null,3,0]}",
        "{\"id\":\"e-6\",\"type\":\"measure-recorded\","
            + at
            + ",\"instrument\":\""
            + text
            + "\",\"total\":"
            + mood
            + "}",
        "{\"id\":\"e-7\",\"type\":\"module-started\"," + at + ",\"module\":\"" + text + "\"}",
        "{\"id\":\"e-8\",\"type\":\"reminder-ignored\","
            + at
            + ",\"reminder\":\"r\",\"value\":"
            + mood
            + "}",
        "{\"id\":\"e-9\",\"type\":\"zone-changed\"," + at + ",\"zone\":\"" + text + " x\"}",
        "{\"id\":\"e-10\",\"type\":\"paused\",\"at\":\"" + text + "\"}",
        "{\"id\":\"e-11\",\"type\":\"" + text + "\"," + at + "}",
        "{\"id\":\"e-12\",\"type\":\"mood-rated\","
            + at
            + ",\"value\":"
            + mood
            + ",\"x\":\""
            + text,
        "{\"id\":\"e-13\",\"type\":\"mood-rated\"," + at + ",\"value\":" + mood + ", " + text + "}",
        "{\"id\":\"e-14\",\"type\":\"mood-rated\"," + at + ",\"value\":" + mood + "}",
        "{\"id\":\"e-14\",\"type\":\"mood-rated\"," + at + ",\"value\":" + (11 - mood) + "}",
        "{\"id\":\"e-15\",\"type\":\"session-attended\","
            + at
            + ",\"session\":1,\"session\":"
            + mood
            + "}");
  }

  private static Map<String, Object> enrolment(String client, String text) {
    Map<String, Object> json = ClientSamples.enrolment("clients/adherent.enrolment.json");
    json.put("client", client);
    json.put("start", text);
    json.put("zone", text + " x");
    json.put("note", text);
    json.put(
        "preferences",
        Map.of("optedOut", List.of(text), "reminderTimes", Map.of("mood-rating", List.of(text))));
    return json;
  }

  private static void assertNoCanary(List<Issue> issues) {
    assertThat(issues).isNotEmpty();
    for (Issue issue : issues) {
      assertThat(issue.message() + " " + issue.pointer())
          .doesNotContain("CANARY")
          .doesNotContain("free-text")
          .doesNotContainIgnoringCase("canary");
    }
  }

  @Test
  void eventIssues_neverQuoteValues() {
    List<Issue> issues = EventsJson.validate(log(7, CANARY, 4)).issues();

    assertNoCanary(issues);
    assertThat(issues).hasSizeGreaterThanOrEqualTo(16);
    assertThat(issues).noneMatch(i -> i.message().contains("found 7"));
  }

  /**
   * Whether a value is valid necessarily shows (an issue or none); which invalid value it was must
   * not: the other values are invalid in the same places.
   */
  @Test
  void eventIssues_doNotChangeWhenTheValuesDo() {
    assertThat(EventsJson.validate(log(7, CANARY, 4)).issues())
        .isEqualTo(EventsJson.validate(log(9, OTHER, 9)).issues());
  }

  @Test
  void enrolmentIssues_neverQuoteValues_norTheClientReference() {
    String json = ClientSamples.json(enrolment("CANARY-CLIENT-123", CANARY));

    assertNoCanary(EnrolmentJson.validate(json).issues());
    assertThat(EnrolmentJson.validate(json).issues())
        .isEqualTo(
            EnrolmentJson.validate(ClientSamples.json(enrolment("ZZZZZZ-ZZZZZZ-ZZZ", OTHER)))
                .issues());
    assertThatThrownBy(() -> EnrolmentJson.read(json))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("canary"));
  }

  @Test
  void enrolmentWithOnlyAWrongClientReference_doesNotQuoteIt() {
    Map<String, Object> json = ClientSamples.enrolment("clients/adherent.enrolment.json");
    json.put("client", "CANARY-CLIENT-123".repeat(20));
    json.put("zone", "Europe/CANARY");

    assertNoCanary(EnrolmentJson.validate(ClientSamples.json(json)).issues());
    json.put("client", "CANARY-CLIENT-123");
    assertNoCanary(EnrolmentJson.validate(ClientSamples.json(json)).issues());
  }
}
