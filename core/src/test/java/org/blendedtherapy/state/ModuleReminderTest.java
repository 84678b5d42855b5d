package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import org.junit.jupiter.api.Test;

/**
 * The divergence that one fold removed: problem solving opens by time ({@code daysSinceStart ≥ 14})
 * on 2027-04-05 while the next event is on 2027-04-11; the state said the former and the module
 * reminders counted from the latter, six days late. Scenario {@code module-reminder}.
 */
class ModuleReminderTest {
  private static final Path SCENARIOS = Path.of("../samples/clients/scenarios");

  static ClientState latest() {
    try {
      PinnedProtocol protocol =
          ProtocolJson.pin(
              ProtocolJson.read(
                  Files.readString(SCENARIOS.resolve("module-reminder.protocol.json"))));
      Enrolment enrolment =
          EnrolmentJson.read(Files.readString(SCENARIOS.resolve("module-reminder.enrolment.json")));
      History history =
          EventsJson.read(Files.readString(SCENARIOS.resolve("module-reminder.events.jsonl")));
      return ClientState.of(protocol, enrolment, history);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> moduleNudges(ReminderSchedule schedule) {
    List<String> out = new ArrayList<>();
    for (Reminder r : schedule.reminders()) {
      if (r.policy().equals("module-nudge")) {
        out.add("fires " + r.instant() + " " + r.reason());
      }
    }
    for (Suppressed s : schedule.suppressed()) {
      if (s.reminder().policy().equals("module-nudge")) {
        out.add(s.by().json() + " " + s.reminder().instant() + " " + s.reminder().reason());
      }
    }
    return out;
  }

  @Test
  void moduleReminder_countsFromTheInstantTheStateSaysTheModuleOpened() {
    ClientState state = latest();
    assertThat(state.module("problem-solving").orElseThrow().explanation().text())
        .isEqualTo("opened on 2027-04-05: 14 days since the start");
    // The start of 2027-04-05 in London (BST).
    assertThat(state.openedAt("problem-solving")).contains(Instant.parse("2027-04-04T23:00:00Z"));
    ReminderSchedule schedule =
        state.reminders(
            Instant.parse("2027-04-01T00:00:00Z"), Instant.parse("2027-04-14T00:00:00Z"));
    assertThat(moduleNudges(schedule))
        .containsExactlyInAnyOrder(
            "fires 2027-04-06T09:00:00Z 1 day 10 hours after module problem-solving opened",
            "quiet-hours 2027-04-05T23:00:00Z 1 day after module problem-solving opened");
  }

  @Test
  void stateBeforeTheThreshold_alreadyPlansTheReminderForWhenTheModuleWillOpen() {
    ClientState early = latest().at(Instant.parse("2027-03-30T12:00:00Z"));
    assertThat(early.module("problem-solving").orElseThrow().status())
        .isEqualTo(ModuleStatus.LOCKED);
    assertThat(
            moduleNudges(
                early.reminders(
                    Instant.parse("2027-04-01T00:00:00Z"), Instant.parse("2027-04-14T00:00:00Z"))))
        .contains("fires 2027-04-06T09:00:00Z 1 day 10 hours after module problem-solving opened");
  }
}
