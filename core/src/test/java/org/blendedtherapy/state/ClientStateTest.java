package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientStateTest {
  static final Protocol UK = load("e-compared-uk");
  static final Protocol SLIM = load("low-intensity-slim");

  static Protocol load(String name) {
    try {
      return ProtocolJson.read(Files.readString(Path.of("../samples/protocols/" + name + ".json")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Enrolment enrol(Protocol p, String start, String zone) {
    return new Enrolment(
        "client-1",
        new ProtocolPin(p.id(), p.version(), ProtocolJson.sha256(p)),
        LocalDateTime.parse(start),
        ZoneId.of(zone),
        Preferences.NONE);
  }

  static ClientState state(Protocol p, Enrolment e, List<Event> events, String at) {
    return ClientState.of(ProtocolJson.pin(p), e, History.of(events), Instant.parse(at));
  }

  static Event attended(String id, String at, int session) {
    return new Event.SessionEvent(id, EventType.SESSION_ATTENDED, Instant.parse(at), session);
  }

  static Event module(String id, EventType type, String at, String module) {
    return new Event.ModuleEvent(id, type, Instant.parse(at), module);
  }

  @Test
  void reminders_invertedWindow_isIllegalArgument() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London");
    ClientState s = state(UK, e, List.of(), "2027-03-22T00:00:00Z");
    Instant from = Instant.parse("2027-03-25T00:00:00Z");

    assertThatThrownBy(() -> s.reminders(from, from.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts after it ends");
    assertThat(s.reminders(from, from).reminders()).isEmpty();
  }

  @Test
  void session2_isOneCalendarWeekLater_acrossSpringForward() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London");
    ClientState s = state(UK, e, List.of(), "2027-03-22T00:00:00Z");
    Session two = s.session(2);
    assertThat(two.local()).isEqualTo(LocalDateTime.parse("2027-03-29T10:00"));
    assertThat(two.instant()).isEqualTo(Instant.parse("2027-03-29T09:00:00Z"));
    assertThat(s.session(1).instant()).isEqualTo(Instant.parse("2027-03-22T10:00:00Z"));
    assertThat(s.session(1).windowEnd()).isEqualTo(two.instant());
    assertThat(s.nextSession()).contains(s.session(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Australia/Lord_Howe", "Pacific/Apia", "America/Santiago", "Asia/Amman"})
  void plannedSessions_keepTheirWallClockTime(String zone) {
    Enrolment e = enrol(UK, "2027-03-22T10:00", zone);
    ClientState s = state(UK, e, List.of(), "2027-01-01T00:00:00Z");
    for (Session session : s.sessions()) {
      assertThat(session.local().toLocalTime()).hasToString("10:00");
      assertThat(session.type()).isEqualTo(UK.sessionPlan().typeOf(session.number()));
      assertThat(session.instant().atZone(ZoneId.of(zone)).toLocalDateTime())
          .isEqualTo(session.local());
    }
  }

  @Test
  void sessionInASpringGap_isMovedForwardByTheGap() {
    Enrolment e = enrol(UK, "2027-03-21T01:30", "Europe/London");
    Session two = state(UK, e, List.of(), "2027-01-01T00:00:00Z").session(2);
    assertThat(two.planned()).isEqualTo(LocalDateTime.parse("2027-03-28T02:30"));
    assertThat(two.isMoved()).isFalse();
    assertThat(two.local()).isEqualTo(LocalDateTime.parse("2027-03-28T02:30"));
    assertThat(two.instant()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
  }

  @Test
  void modules_openStrictlyInSequence_withReasons() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London");
    List<Event> events =
        List.of(
            attended("a1", "2027-03-22T10:50:00Z", 1),
            module("m1", EventType.MODULE_STARTED, "2027-03-23T18:00:00Z", "introduction"),
            module(
                "m2", EventType.MODULE_STARTED, "2027-03-23T18:05:00Z", "behavioural-activation"));
    ClientState s = state(UK, e, events, "2027-03-24T12:00:00Z");
    ModuleState introduction = s.module("introduction").orElseThrow();
    assertThat(introduction.status()).isEqualTo(ModuleStatus.IN_PROGRESS);
    assertThat(introduction.reason()).isEqualTo("started on 2027-03-23");
    assertThat(introduction.explanation().children())
        .containsExactly(Reason.of("open-from-start", true, "open from the start"));
    assertThat(s.module("psychoeducation").orElseThrow().reason())
        .isEqualTo("locked: needs introduction completed (started 2027-03-23)");
    assertThat(s.module("behavioural-activation").orElseThrow().reason())
        .isEqualTo("locked: needs psychoeducation completed (not started)");
    assertThat(s.rejected())
        .containsExactly(
            Results.rejection(
                "m2", RejectionCode.MODULE_LOCKED, "module \"behavioural-activation\" is locked"));
    assertThat(s.progress()).isEqualTo(new ProgressSummary(1, 12, 0, 5));
  }

  @Test
  void shuffledAndDuplicatedHistories_giveTheSameState() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London");
    List<Event> events = new ArrayList<>(adherentWeeks(e, 4));
    ClientState expected = state(UK, e, events, "2027-05-01T00:00:00Z");
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<Event> shuffled = new ArrayList<>(events);
      shuffled.addAll(events.subList(0, random.nextInt(events.size())));
      Collections.shuffle(shuffled, random);
      assertThat(state(UK, e, shuffled, "2027-05-01T00:00:00Z")).isEqualTo(expected);
    }
  }

  @Test
  void oneByOne_equalsAllAtOnce_andFutureEventsAreInert() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London");
    List<Event> events = adherentWeeks(e, 6);
    ClientState incremental = state(UK, e, List.of(), "2027-03-01T00:00:00Z");
    for (Event event : events) {
      incremental = incremental.apply(event);
    }
    ClientState batch = state(UK, e, events, incremental.at().toString());
    assertThat(incremental).isEqualTo(batch);
    Instant midway = events.get(5).at();
    ClientState before =
        ClientState.of(ProtocolJson.pin(UK), e, History.of(events.subList(0, 6)), midway);
    ClientState withFuture = ClientState.of(ProtocolJson.pin(UK), e, History.of(events), midway);
    assertThat(withFuture.modules()).isEqualTo(before.modules());
    assertThat(withFuture.sessions()).isEqualTo(before.sessions());
    assertThat(withFuture.rejected()).isEqualTo(before.rejected());
  }

  /** An adherent client: attends each session 50 minutes in, completes one module a week. */
  static List<Event> adherentWeeks(Enrolment e, int weeks) {
    List<Event> events = new ArrayList<>();
    for (int n = 1; n <= weeks; n++) {
      Instant start = e.start().plusWeeks(n - 1).atZone(e.zone()).toInstant();
      events.add(attended("s" + n, start.plusSeconds(3000).toString(), n));
      if (n <= UK.modules().size()) {
        String module = UK.modules().get(n - 1).id();
        events.add(
            module("st" + n, EventType.MODULE_STARTED, start.plusSeconds(7200).toString(), module));
        events.add(
            module(
                "co" + n, EventType.MODULE_COMPLETED, start.plusSeconds(90000).toString(), module));
      }
    }
    return events;
  }

  @Test
  void pause_shiftsLaterSessionsByCalendarDays_keepingTheirTime() {
    Enrolment e = enrol(UK, "2027-10-04T18:30", "Europe/London");
    List<Event> events =
        List.of(
            attended("a1", "2027-10-04T18:00:00Z", 1),
            new Event.Lifecycle("p", EventType.PAUSED, Instant.parse("2027-10-06T09:00:00Z")),
            new Event.Lifecycle("r", EventType.RESUMED, Instant.parse("2027-10-15T09:00:00Z")));
    ClientState paused = state(UK, e, events.subList(0, 2), "2027-10-07T00:00:00Z");
    assertThat(paused.nextSession()).isEmpty();
    ClientState s = state(UK, e, events, "2027-10-16T00:00:00Z");
    assertThat(s.session(2).local()).isEqualTo(LocalDateTime.parse("2027-10-20T18:30"));
    assertThat(s.session(4).local()).isEqualTo(LocalDateTime.parse("2027-11-03T18:30"));
    assertThat(s.session(4).instant()).isEqualTo(Instant.parse("2027-11-03T18:30:00Z"));
    assertThat(s.session(2).reason()).contains("moved 9 days by a pause");
    assertThat(s.nextSession().map(Session::number)).contains(2);
  }

  @Test
  void discharge_cancelsLaterSessions_andLaterSessionEventsAreRejected() {
    Enrolment e = enrol(SLIM, "2027-03-22T10:00", "Europe/London");
    List<Event> events =
        List.of(
            attended("a1", "2027-03-22T10:40:00Z", 1),
            new Event.Lifecycle("d", EventType.DISCHARGED, Instant.parse("2027-03-25T12:00:00Z")),
            attended("a2", "2027-03-29T09:40:00Z", 2));
    ClientState s = state(SLIM, e, events, "2027-04-30T00:00:00Z");
    assertThat(s.sessions())
        .extracting(Session::status)
        .containsExactly(
            SessionStatus.ATTENDED,
            SessionStatus.CANCELLED,
            SessionStatus.CANCELLED,
            SessionStatus.CANCELLED,
            SessionStatus.CANCELLED,
            SessionStatus.CANCELLED);
    assertThat(s.session(3).reason()).contains("discharged");
    assertThat(s.nextSession()).isEmpty();
    assertThat(s.rejected()).extracting(Rejection::event).containsExactly("a2");
  }

  @Test
  void eventsTheProtocolDoesNotAllow_areRejectedWithReasons() {
    Enrolment e = enrol(UK, "2027-03-22T10:00", "Europe/London");
    List<Event> events =
        List.of(
            attended("x1", "2027-03-22T11:00:00Z", 13),
            module("x2", EventType.MODULE_SKIPPED, "2027-03-22T11:01:00Z", "introduction"),
            module("x3", EventType.MODULE_RELEASED, "2027-03-22T11:02:00Z", "psychoeducation"),
            module("x4", EventType.MODULE_STARTED, "2027-03-22T11:03:00Z", "m9"),
            module("ok", EventType.MODULE_RELEASED, "2027-03-22T11:04:00Z", "problem-solving"),
            new Event.PolicyEvent(
                "x5",
                EventType.REMINDER_OPTED_OUT,
                Instant.parse("2027-03-22T11:05:00Z"),
                "appointment"));
    ClientState s = state(UK, e, events, "2027-03-23T00:00:00Z");
    assertThat(s.rejected())
        .containsExactly(
            Results.rejection(
                "x1",
                RejectionCode.UNKNOWN_SESSION,
                "session 13 is outside the plan (sessions 1 to 12)"),
            Results.rejection(
                "x2",
                RejectionCode.TAILORING_FORBIDS,
                "tailoring.skip does not include core modules, so \"introduction\" cannot be skipped"),
            Results.rejection(
                "x3",
                RejectionCode.TAILORING_FORBIDS,
                "tailoring.release is false and the rule of \"psychoeducation\" has no therapistRelease condition"),
            Results.rejection(
                "x4", RejectionCode.UNKNOWN_MODULE, "no module \"m9\" in the protocol"),
            Results.rejection(
                "x5",
                RejectionCode.OPT_OUT_NOT_ALLOWED,
                "policy \"appointment\" does not allow opting out (optOut is false)"));
    assertThat(s.module("problem-solving").orElseThrow().status())
        .isEqualTo(ModuleStatus.AVAILABLE);
  }

  @Test
  void skip_satisfiesRulesThatWaitOnTheSkippedModule() {
    Enrolment e = enrol(SLIM, "2027-03-22T10:00", "Europe/London");
    List<Event> events =
        List.of(
            module("c1", EventType.MODULE_COMPLETED, "2027-03-22T12:00:00Z", "introduction"),
            module("k1", EventType.MODULE_SKIPPED, "2027-03-23T12:00:00Z", "psychoeducation"));
    ClientState s = state(SLIM, e, events, "2027-03-24T00:00:00Z");
    assertThat(s.module("psychoeducation").orElseThrow())
        .isEqualTo(
            new ModuleState(
                "psychoeducation",
                ModuleStatus.SKIPPED,
                Reason.of("skipped", true, "skipped by the therapist on 2027-03-23"),
                OptionalInt.empty(),
                0));
    assertThat(s.module("behavioural-activation").orElseThrow().status())
        .isEqualTo(ModuleStatus.AVAILABLE);
    assertThat(s.progress().coreModules()).isEqualTo(3);
  }

  @Test
  void aProtocolOtherThanThePinnedOne_isRefused() {
    Enrolment pinned = enrol(UK, "2027-03-22T10:00", "Europe/London");
    Enrolment e =
        new Enrolment(
            pinned.client(),
            new ProtocolPin(UK.id(), UK.version(), "0".repeat(64)),
            pinned.start(),
            pinned.zone(),
            pinned.preferences());
    assertThatThrownBy(
            () -> ClientState.of(ProtocolJson.pin(UK), e, History.empty(), Instant.EPOCH))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[pin-mismatch]")
        .hasMessageNotContaining("client-1");
  }
}
