package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RemindersCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode reminders(String client, String from, String to) {
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "reminders",
            "samples/protocols/e-compared-uk.json",
            "--enrolment",
            "samples/clients/" + client + ".enrolment.json",
            "--events",
            "samples/clients/" + client + ".events.jsonl",
            "--from",
            from,
            "--to",
            to,
            "--format",
            "json");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    return JSON.readTree(result.out());
  }

  static List<String> moodLocals(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : list) {
      if (r.get("policy").asString().equals("mood-rating")) {
        out.add(r.get("local").asString() + " " + r.get("instant").asString());
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "adherent, 2027-03-27T00:00:00Z, 2027-03-30T00:00:00Z, 2027-03-27T10:00 2027-03-27T10:00:00Z|2027-03-27T19:00 2027-03-27T19:00:00Z|2027-03-28T10:00 2027-03-28T09:00:00Z|2027-03-28T19:00 2027-03-28T18:00:00Z|2027-03-29T10:00 2027-03-29T09:00:00Z|2027-03-29T19:00 2027-03-29T18:00:00Z",
    "autumn, 2027-10-30T00:00:00Z, 2027-11-02T00:00:00Z, 2027-10-30T10:00 2027-10-30T09:00:00Z|2027-10-30T19:00 2027-10-30T18:00:00Z|2027-10-31T10:00 2027-10-31T10:00:00Z|2027-10-31T19:00 2027-10-31T19:00:00Z|2027-11-01T10:00 2027-11-01T10:00:00Z|2027-11-01T19:00 2027-11-01T19:00:00Z"
  })
  void twoMoodPromptsADay_at10and19Local_acrossTheTransitions(
      String client, String from, String to, String expected) {
    assertThat(moodLocals(reminders(client, from, to).get("reminders")))
        .containsExactly(expected.split("\\|"));
  }

  @ParameterizedTest
  @CsvSource({
    "adherent, 2027-04-28T09:01:00Z, 2027-06-30T00:00:00Z",
    "autumn, 2027-11-03T12:00:00Z, 2028-01-31T00:00:00Z"
  })
  void noMoodPromptAfterTheOptOut(String client, String optOut, String to) {
    JsonNode after = reminders(client, optOut, to);
    assertThat(moodLocals(after.get("reminders"))).isEmpty();
    assertThat(moodLocals(after.get("suppressed"))).isNotEmpty();
    for (JsonNode s : after.get("suppressed")) {
      if (s.get("policy").asString().equals("mood-rating")) {
        assertThat(s.get("suppressedBy").asString()).isIn("opted-out", "discharged");
      }
    }
  }

  @Test
  void text_listsRemindersAndSuppressedWithReasons() {
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "reminders",
            "samples/protocols/e-compared-uk.json",
            "--enrolment",
            "samples/clients/autumn.enrolment.json",
            "--events",
            "samples/clients/autumn.events.jsonl",
            "--from",
            "2027-11-03T00:00:00Z",
            "--to",
            "2027-11-04T00:00:00Z");
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .startsWith("Reminders (2)\n")
        .contains(
            "2027-11-03T10:00  Europe/London  2027-11-03T10:00:00Z  mood-rating  daily at 10:00")
        .contains("Suppressed (1)\n")
        .contains(
            "2027-11-03T19:00  Europe/London  mood-rating  opted-out   the client turned this policy off");
  }

  @Test
  void moduleReminder_countsFromTheDayTheModuleOpenedByTime_notFromTheNextEvent() {
    String[] files = {
      "samples/clients/scenarios/module-reminder.protocol.json",
      "--enrolment",
      "samples/clients/scenarios/module-reminder.enrolment.json",
      "--events",
      "samples/clients/scenarios/module-reminder.events.jsonl"
    };
    Cli.Result state =
        Cli.run(
            StateCommandTest.repository(),
            concat(new String[] {"state"}, files, "--at", "2027-04-12T12:00:00Z"));
    assertThat(state.exit()).isZero();
    assertThat(state.out())
        .contains(
            "problem-solving          available  opened on 2027-04-05: 14 days since the start");
    Cli.Result reminders =
        Cli.run(
            StateCommandTest.repository(),
            concat(
                new String[] {"reminders"},
                files,
                "--from",
                "2027-04-01T00:00:00Z",
                "--to",
                "2027-04-14T00:00:00Z"));
    assertThat(reminders.exit()).isZero();
    assertThat(reminders.err()).isEmpty();
    List<String> nudges =
        reminders
            .out()
            .lines()
            .filter(line -> line.contains("module-nudge"))
            .map(line -> line.trim().replaceAll(" +", " "))
            .toList();
    assertThat(nudges)
        .containsExactly(
            "2027-04-06T10:00 Europe/London 2027-04-06T09:00:00Z module-nudge 1 day 10 hours after"
                + " module problem-solving opened"
                + " 54b07c373c4e4569.module-nudge.20270406T1000.problem-solving",
            "2027-04-06T00:00 Europe/London module-nudge quiet-hours inside quiet hours 21:00-08:00"
                + " 54b07c373c4e4569.module-nudge.20270406T0000.problem-solving");
  }

  private static String[] concat(String[] head, String[] middle, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(middle));
    all.addAll(List.of(tail));
    return all.toArray(new String[0]);
  }
}
