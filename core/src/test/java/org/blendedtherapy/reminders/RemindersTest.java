package org.blendedtherapy.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderLimits;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

class RemindersTest {
  static final Protocol UK = load("e-compared-uk");

  static Protocol load(String name) {
    try {
      return ProtocolJson.read(Files.readString(Path.of("../samples/protocols/" + name + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Protocol with(List<ReminderPolicy> policies, ReminderLimits limits) {
    Protocol p = UK;
    return new Protocol(
        p.id(),
        p.version(),
        p.title(),
        p.description(),
        p.modules(),
        p.sessionPlan(),
        p.measures(),
        policies,
        limits,
        p.tailoring());
  }

  static ReminderPolicy daily(String id, ReminderKind kind, String... times) {
    List<LocalTime> at = new ArrayList<>();
    for (String t : times) {
      at.add(LocalTime.parse(t));
    }
    return new ReminderPolicy(id, kind, true, Optional.empty(), new Schedule.Daily(at), List.of());
  }

  static Enrolment enrol(Protocol p, String start, String zone, Preferences preferences) {
    return new Enrolment(
        "client-7",
        new ProtocolPin(p.id(), p.version(), ProtocolJson.sha256(p)),
        LocalDateTime.parse(start),
        ZoneId.of(zone),
        preferences);
  }

  static ReminderSchedule between(
      Protocol p, Enrolment e, List<Event> events, String from, String to) {
    return ClientState.of(ProtocolJson.pin(p), e, History.of(events))
        .reminders(Instant.parse(from), Instant.parse(to));
  }

  static List<String> instants(List<Reminder> reminders) {
    return reminders.stream().map(r -> r.instant().toString()).toList();
  }

  @Test
  void dailyPrompt_keepsItsWallClockTime_onBothTransitionDays() {
    Protocol p =
        with(List.of(daily("mood", ReminderKind.MOOD_RATING, "10:00")), ReminderLimits.NONE);
    Enrolment spring = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    assertThat(
            instants(
                between(p, spring, List.of(), "2027-03-27T00:00:00Z", "2027-03-30T00:00:00Z")
                    .reminders()))
        .containsExactly("2027-03-27T10:00:00Z", "2027-03-28T09:00:00Z", "2027-03-29T09:00:00Z");
    Enrolment autumn = enrol(p, "2027-10-04T10:00", "Europe/London", Preferences.NONE);
    ReminderSchedule october =
        between(p, autumn, List.of(), "2027-10-30T00:00:00Z", "2027-11-02T00:00:00Z");
    assertThat(instants(october.reminders()))
        .containsExactly("2027-10-30T09:00:00Z", "2027-10-31T10:00:00Z", "2027-11-01T10:00:00Z");
    assertThat(october.reminders())
        .allMatch(r -> r.local().toLocalTime().equals(LocalTime.of(10, 0)));
  }

  @Test
  void promptInTheSpringGap_firesOnce_movedForwardByTheGap() {
    Protocol p =
        with(List.of(daily("mood", ReminderKind.MOOD_RATING, "01:30")), ReminderLimits.NONE);
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Reminder> day =
        between(p, e, List.of(), "2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z").reminders();
    assertThat(day).hasSize(1);
    assertThat(day.get(0).instant()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    assertThat(day.get(0).local()).isEqualTo(LocalDateTime.parse("2027-03-28T02:30"));
    assertThat(day.get(0).id()).endsWith(".mood.20270328T0130");
  }

  @Test
  void promptInTheAutumnOverlap_firesOnce_atTheFirstInstant() {
    Protocol p =
        with(List.of(daily("mood", ReminderKind.MOOD_RATING, "01:30")), ReminderLimits.NONE);
    Enrolment e = enrol(p, "2027-10-04T10:00", "Europe/London", Preferences.NONE);
    List<Reminder> day =
        between(p, e, List.of(), "2027-10-30T23:00:00Z", "2027-10-31T23:00:00Z").reminders();
    assertThat(instants(day)).containsExactly("2027-10-31T00:30:00Z");
  }

  @Test
  void quietHoursSpanningMidnight_holdOnTransitionDays_andTheClientsPreferenceWins() {
    Protocol p =
        with(
            List.of(
                daily(
                    "mood", ReminderKind.MOOD_RATING, "00:30", "01:30", "07:30", "08:30", "21:30")),
            new ReminderLimits(
                Optional.of(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))),
                OptionalInt.empty(),
                OptionalInt.empty()));
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    ReminderSchedule spring =
        between(p, e, List.of(), "2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z");
    assertThat(spring.reminders())
        .extracting(r -> r.local().toLocalTime().toString())
        .containsExactly("08:30");
    // 00:30, 02:30 (01:30 moved by the gap), 07:30 and 21:30 on the 28th, and 00:30 on the 29th
    // (23:30Z, still inside the window).
    assertThat(spring.suppressed())
        .extracting(s -> s.reminder().local().toString() + " " + s.by())
        .containsExactly(
            "2027-03-28T00:30 QUIET_HOURS",
            "2027-03-28T02:30 QUIET_HOURS",
            "2027-03-28T07:30 QUIET_HOURS",
            "2027-03-28T21:30 QUIET_HOURS",
            "2027-03-29T00:30 QUIET_HOURS");
    Preferences late =
        new Preferences(
            Optional.of(new QuietHours(LocalTime.of(23, 0), LocalTime.of(7, 0))),
            Set.of(),
            Map.of());
    Enrolment owl = enrol(p, "2027-03-22T10:00", "Europe/London", late);
    assertThat(
            between(p, owl, List.of(), "2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z").reminders())
        .extracting(r -> r.local().toLocalTime().toString())
        .containsExactly("07:30", "08:30", "21:30");
  }

  @Test
  void zoneChange_reResolvesFromLocalIntent_nothingDuplicatedOrLost() {
    Protocol p =
        with(List.of(daily("mood", ReminderKind.MOOD_RATING, "10:00")), ReminderLimits.NONE);
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Event> move =
        List.of(
            new Event.ZoneChanged(
                "z", Instant.parse("2027-04-05T12:00:00Z"), ZoneId.of("America/New_York")));
    List<Reminder> days =
        between(p, e, move, "2027-04-04T00:00:00Z", "2027-04-08T00:00:00Z").reminders();
    assertThat(days)
        .extracting(r -> r.local().toString() + " " + r.zone())
        .containsExactly(
            "2027-04-04T10:00 Europe/London",
            "2027-04-05T10:00 Europe/London",
            "2027-04-06T10:00 America/New_York",
            "2027-04-07T10:00 America/New_York");
    List<Event> back =
        List.of(
            new Event.ZoneChanged(
                "z", Instant.parse("2027-04-05T12:00:00Z"), ZoneId.of("Asia/Tokyo")));
    assertThat(between(p, e, back, "2027-04-04T00:00:00Z", "2027-04-08T00:00:00Z").reminders())
        .extracting(r -> r.id().substring(r.id().lastIndexOf('.') + 1))
        .containsExactly("20270404T1000", "20270405T1000", "20270406T1000", "20270407T1000");
  }

  @Test
  void zoneChangeEastwards_anIntentAlreadyPastOnArrival_firesOnceLate_inTheNewZone() {
    Protocol p =
        with(List.of(daily("mood", ReminderKind.MOOD_RATING, "19:00")), ReminderLimits.NONE);
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Event> move =
        List.of(
            new Event.ZoneChanged(
                "z", Instant.parse("2027-04-05T12:00:00Z"), ZoneId.of("Asia/Tokyo")));
    assertThat(between(p, e, move, "2027-04-04T00:00:00Z", "2027-04-07T00:00:00Z").reminders())
        .extracting(r -> r.local() + " " + r.zone() + " " + r.instant() + " " + r.reason())
        .containsExactly(
            "2027-04-04T19:00 Europe/London 2027-04-04T18:00:00Z daily at 19:00",
            "2027-04-05T21:00 Asia/Tokyo 2027-04-05T12:00:00Z daily at 19:00 (late: the client"
                + " changed zone)",
            "2027-04-06T19:00 Asia/Tokyo 2027-04-06T10:00:00Z daily at 19:00");
  }

  @Test
  void appointmentReminder_theDayBeforeSession1_firesBeforeTheStart() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    ReminderSchedule before =
        between(UK, e, List.of(), "2027-03-20T00:00:00Z", "2027-03-22T10:00:00Z");
    assertThat(before.reminders())
        .extracting(Reminder::policy, Reminder::reason, r -> r.instant().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "appointment", "1 day before session 1 (face-to-face)", "2027-03-21T10:00:00Z"));
  }

  @Test
  void optedOutPolicy_isSilentAfterTheOptOut_andBackAfterOptingIn() {
    Protocol p =
        with(List.of(daily("mood", ReminderKind.MOOD_RATING, "10:00")), ReminderLimits.NONE);
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Event> events =
        List.of(
            new Event.PolicyEvent(
                "o", EventType.REMINDER_OPTED_OUT, Instant.parse("2027-03-24T12:00:00Z"), "mood"),
            new Event.PolicyEvent(
                "i", EventType.REMINDER_OPTED_IN, Instant.parse("2027-03-26T12:00:00Z"), "mood"));
    ReminderSchedule s = between(p, e, events, "2027-03-24T00:00:00Z", "2027-03-28T00:00:00Z");
    assertThat(instants(s.reminders()))
        .containsExactly("2027-03-24T10:00:00Z", "2027-03-27T10:00:00Z");
    assertThat(s.suppressed())
        .extracting(Suppressed::by)
        .containsExactly(Suppression.OPTED_OUT, Suppression.OPTED_OUT);
  }

  @Test
  void cap_keepsAppointmentsFirst_perWholeLocalDay() {
    ReminderPolicy appointment =
        new ReminderPolicy(
            "appt",
            ReminderKind.APPOINTMENT,
            false,
            Optional.empty(),
            new Schedule.Before(List.of(Offset.parse("PT2H"))),
            List.of(SessionType.FACE_TO_FACE));
    Protocol p =
        with(
            List.of(daily("mood", ReminderKind.MOOD_RATING, "07:00", "07:30"), appointment),
            new ReminderLimits(Optional.empty(), OptionalInt.of(2), OptionalInt.empty()));
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    ReminderSchedule day = between(p, e, List.of(), "2027-03-29T00:00:00Z", "2027-03-30T00:00:00Z");
    assertThat(day.reminders()).hasSize(2);
    ReminderSchedule sessionDay =
        between(p, e, List.of(), "2027-04-05T00:00:00Z", "2027-04-06T00:00:00Z");
    assertThat(sessionDay.reminders()).extracting(Reminder::policy).containsExactly("mood", "appt");
    assertThat(sessionDay.suppressed())
        .extracting(s -> s.reminder().local().toLocalTime().toString() + " " + s.by())
        .containsExactly("07:30 CAP");
  }

  @Test
  void backoff_afterIgnoredPrompts_everySecondFires_untilAcknowledged() {
    Protocol p =
        with(
            List.of(daily("mood", ReminderKind.MOOD_RATING, "10:00")),
            new ReminderLimits(Optional.empty(), OptionalInt.empty(), OptionalInt.of(2)));
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Event> events = new ArrayList<>();
    for (int day = 22; day <= 23; day++) {
      String id =
          Reminders.id("client-7", "mood", LocalDateTime.parse("2027-03-" + day + "T10:00"));
      events.add(
          new Event.ReminderEvent(
              "ig" + day,
              EventType.REMINDER_IGNORED,
              Instant.parse("2027-03-" + day + "T11:00:00Z"),
              id,
              Optional.empty()));
    }
    String ack = Reminders.id("client-7", "mood", LocalDateTime.parse("2027-03-27T10:00"));
    events.add(
        new Event.ReminderEvent(
            "ack",
            EventType.REMINDER_ACKNOWLEDGED,
            Instant.parse("2027-03-27T11:00:00Z"),
            ack,
            Optional.empty()));
    ReminderSchedule s = between(p, e, events, "2027-03-22T00:00:00Z", "2027-03-30T00:00:00Z");
    assertThat(s.reminders())
        .extracting(r -> r.local().getDayOfMonth())
        .containsExactly(22, 23, 25, 27, 28, 29);
    assertThat(s.suppressed())
        .extracting(x -> x.reminder().local().getDayOfMonth() + " " + x.by())
        .containsExactly("24 BACKOFF", "26 BACKOFF");
  }

  @Test
  void backoff_countsEachResponseForThePolicyItNames_notForTheIdsText() {
    Protocol p =
        with(
            List.of(
                daily("mood", ReminderKind.MOOD_RATING, "10:00"),
                daily("walk", ReminderKind.ACTIVITY, "12:00")),
            new ReminderLimits(Optional.empty(), OptionalInt.empty(), OptionalInt.of(2)));
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Event> events = new ArrayList<>();
    for (int day = 22; day <= 23; day++) {
      // A host's own ids, which name no policy; and an id of ours that names the other policy.
      events.add(
          new Event.ReminderEvent(
              "ig" + day,
              EventType.REMINDER_IGNORED,
              Instant.parse("2027-03-" + day + "T11:00:00Z"),
              day == 22
                  ? "push-" + day
                  : Reminders.id("client-7", "walk", LocalDateTime.parse("2027-03-23T12:00")),
              "mood"));
    }
    ReminderSchedule s = between(p, e, events, "2027-03-22T00:00:00Z", "2027-03-27T00:00:00Z");
    assertThat(s.reminders())
        .filteredOn(r -> r.policy().equals("mood"))
        .extracting(r -> r.local().getDayOfMonth())
        .containsExactly(22, 23, 25);
    assertThat(s.suppressed())
        .extracting(x -> x.reminder().policy() + " " + x.reminder().local().getDayOfMonth())
        .containsExactly("mood 24", "mood 26");
    // Without the policy, the same events count for what their ids name: nothing, then walk.
    List<Event> legacy = new ArrayList<>();
    for (Event event : events) {
      Event.ReminderEvent r = (Event.ReminderEvent) event;
      legacy.add(new Event.ReminderEvent(r.id(), r.type(), r.at(), r.reminder(), Optional.empty()));
    }
    assertThat(between(p, e, legacy, "2027-03-22T00:00:00Z", "2027-03-27T00:00:00Z").suppressed())
        .isEmpty();
  }

  @Test
  void onlineNudge_forASessionAlreadyDone_isSuppressed_andPauseAndDischargeSilenceAll() {
    ReminderPolicy nudge =
        new ReminderPolicy(
            "nudge",
            ReminderKind.ONLINE_SESSION,
            true,
            Optional.empty(),
            new Schedule.After(List.of(Offset.parse("PT0M"), Offset.parse("P2D"))),
            List.of(SessionType.ONLINE));
    Protocol p =
        with(List.of(nudge, daily("mood", ReminderKind.MOOD_RATING, "10:00")), ReminderLimits.NONE);
    Enrolment e = enrol(p, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    List<Event> events =
        List.of(
            new Event.SessionEvent(
                "a2", EventType.SESSION_ATTENDED, Instant.parse("2027-03-29T20:00:00Z"), 2),
            new Event.Lifecycle("p", EventType.PAUSED, Instant.parse("2027-04-02T00:00:00Z")),
            new Event.Lifecycle("r", EventType.RESUMED, Instant.parse("2027-04-03T00:00:00Z")),
            new Event.Lifecycle("d", EventType.DISCHARGED, Instant.parse("2027-04-05T00:00:00Z")));
    ReminderSchedule s = between(p, e, events, "2027-03-29T00:00:00Z", "2027-04-07T00:00:00Z");
    assertThat(s.suppressed())
        .extracting(
            x -> x.reminder().policy() + " " + x.reminder().local().toLocalDate() + " " + x.by())
        .containsExactly(
            "nudge 2027-03-31 TASK_DONE",
            "mood 2027-04-02 PAUSED",
            "mood 2027-04-05 DISCHARGED",
            "mood 2027-04-06 DISCHARGED");
    assertThat(s.reminders())
        .extracting(r -> r.policy() + " " + r.local())
        .contains("nudge 2027-03-29T10:00");
  }

  @Test
  void windowsAddUp_andIdsAreStable() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London", Preferences.NONE);
    ReminderSchedule whole =
        between(UK, e, List.of(), "2027-03-20T00:00:00Z", "2027-05-01T00:00:00Z");
    ReminderSchedule a = between(UK, e, List.of(), "2027-03-20T00:00:00Z", "2027-04-03T07:13:00Z");
    ReminderSchedule b = between(UK, e, List.of(), "2027-04-03T07:13:00Z", "2027-05-01T00:00:00Z");
    List<Reminder> joined = new ArrayList<>(a.reminders());
    joined.addAll(b.reminders());
    assertThat(joined).isEqualTo(whole.reminders());
    List<Suppressed> joinedSuppressed = new ArrayList<>(a.suppressed());
    joinedSuppressed.addAll(b.suppressed());
    assertThat(joinedSuppressed).isEqualTo(whole.suppressed());
    assertThat(whole.reminders()).extracting(Reminder::id).doesNotHaveDuplicates();
    assertThat(
            ClientState.of(ProtocolJson.pin(UK), e, History.empty())
                .nextReminders(Instant.parse("2027-04-03T07:13:00Z"), 3))
        .isEqualTo(b.reminders().subList(0, 3));
  }
}
