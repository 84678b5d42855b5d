package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

/**
 * Invariants of {@link ClientState} over generated protocols, enrolments and histories: the history
 * is a set, folding is incremental, the future has no effect, and the session plan keeps its
 * wall-clock intent across DST (G1 to G4).
 */
class ClientStateProperties {

  /** A case, an instant to ask at, and a seed for shuffles and repeats. */
  record Input(Clients.Case c, Instant t, long seed) {
    ClientState state() {
      return c.stateAt(t);
    }

    ClientState state(List<Event> events) {
      return ClientState.of(c.pinned(), c.enrolment(), History.of(events), t);
    }

    List<Event> shuffled(List<Event> events) {
      List<Event> out = new ArrayList<>(events);
      Collections.shuffle(out, new Random(seed));
      return out;
    }

    String describe() {
      return c.describe() + "\nat " + t + ", seed " + seed;
    }
  }

  static Gen<Input> inputs() {
    return Clients.cases()
        .flatMap(
            c -> {
              Gen<Instant> spread = Clients.instants(c.protocol(), c.enrolment());
              Gen<Instant> t =
                  c.events().isEmpty()
                      ? spread
                      : Gen.frequency(
                          List.of(
                              Gen.weighted(3, spread),
                              Gen.weighted(1, Gen.elements(c.events()).map(Event::at))));
              return Gen.zip(t, Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE), Stamp::new)
                  .map(s -> new Input(c, s.t(), s.seed()));
            });
  }

  record Stamp(Instant t, long seed) {}

  static Property<Input> forAllInputs() {
    return Property.forAll(inputs()).describedBy(Input::describe);
  }

  @Test
  void shuffledHistory_givesTheSameStateAndTheSameJson() {
    forAllInputs()
        .verify(
            in -> {
              ClientState expected = in.state();
              ClientState shuffled = in.state(in.shuffled(in.c().events()));
              assertThat(shuffled).isEqualTo(expected);
              assertThat(StateJson.write(shuffled).getBytes(StandardCharsets.UTF_8))
                  .isEqualTo(StateJson.write(expected).getBytes(StandardCharsets.UTF_8));
            });
  }

  @Test
  void repeatedEvents_leaveNoTrace() {
    forAllInputs()
        .verify(
            in -> {
              Random random = new Random(in.seed());
              List<Event> withRepeats = new ArrayList<>(in.c().events());
              for (Event event : in.c().events()) {
                for (int k = random.nextInt(3); k > 0; k--) {
                  withRepeats.add(event);
                }
              }
              ClientState repeated = in.state(in.shuffled(withRepeats));
              assertThat(repeated).isEqualTo(in.state());
              assertThat(repeated.history().size()).isEqualTo(in.c().events().size());
            });
  }

  @Test
  void applyingOneAtATime_inAnyOrder_equalsFoldingAllAtOnce() {
    forAllInputs()
        .verify(
            in -> {
              Clients.Case c = in.c();
              // Generated events fall at most a week before session 1.
              Instant t0 =
                  c.enrolment()
                      .start()
                      .atZone(c.enrolment().zone())
                      .toInstant()
                      .minusSeconds(30L * 24 * 3600);
              ClientState incremental =
                  ClientState.of(c.pinned(), c.enrolment(), History.empty(), t0);
              Instant last = t0;
              for (Event event : in.shuffled(c.events())) {
                incremental = incremental.apply(event);
                last = event.at().isAfter(last) ? event.at() : last;
              }
              assertThat(incremental).isEqualTo(c.stateAt(last));
            });
  }

  @Test
  void eventsAfterTheQueryInstant_haveNoEffect() {
    forAllInputs()
        .verify(
            in -> {
              ClientState all = in.state();
              ClientState past =
                  in.state(in.c().events().stream().filter(e -> !e.at().isAfter(in.t())).toList());
              assertThat(all.modules()).isEqualTo(past.modules());
              assertThat(all.sessions()).isEqualTo(past.sessions());
              assertThat(all.nextSession()).isEqualTo(past.nextSession());
              assertThat(all.rejected()).isEqualTo(past.rejected());
              assertThat(all.progress()).isEqualTo(past.progress());
            });
  }

  /**
   * Sessions never go backwards, and strictly forwards unless a gap of a whole day swallows a
   * one-day cadence (Pacific/Apia skipped 2011-12-30: a daily session planned on it moves forward
   * by the gap onto the next one, as G2 says).
   */
  @Test
  void sessions_areStrictlyIncreasingInTime() {
    forAllInputs()
        .verify(
            in -> {
              List<Session> sessions = in.state().sessions();
              boolean strict =
                  !in.c().protocol().sessionPlan().cadence().equals(java.time.Period.ofDays(1));
              for (int i = 1; i < sessions.size(); i++) {
                Session before = sessions.get(i - 1);
                Session after = sessions.get(i);
                assertThat(after.instant())
                    .as("instant of session %d after session %d", i + 1, i)
                    .isAfterOrEqualTo(before.instant());
                assertThat(after.local())
                    .as("local time of session %d after session %d", i + 1, i)
                    .isAfterOrEqualTo(before.local());
                if (strict) {
                  assertThat(after.instant())
                      .as("instant of session %d strictly after session %d", i + 1, i)
                      .isAfter(before.instant());
                }
              }
            });
  }

  /**
   * Alternation and G1 to G3: unless a move or a pause was accepted, session n has the pattern's
   * type at {@code (n-1) % size} and is planned at {@code start + (n-1) × cadence}, which keeps its
   * wall-clock time (G1), moves forward by the gap in a spring-forward gap (G2), and takes the
   * earlier offset in an autumn overlap (G3). The expected values come from {@code ZoneRules}, not
   * from {@code ZonedDateTime.of}.
   */
  @Test
  void unmovedSessions_alternateAndKeepTheirWallClockTime() {
    AtomicInteger checked = new AtomicInteger();
    AtomicInteger tries = new AtomicInteger();
    forAllInputs()
        .verify(
            in -> {
              tries.incrementAndGet();
              ClientState state = in.state();
              if (!unmoved(in, state)) {
                return;
              }
              checked.incrementAndGet();
              SessionPlan plan = in.c().protocol().sessionPlan();
              ZoneId zone = in.c().enrolment().zone();
              for (Session s : state.sessions()) {
                int n = s.number();
                LocalDateTime planned =
                    in.c().enrolment().start().plus(plan.cadence().multipliedBy(n - 1));
                assertThat(s.type())
                    .as("type of session %d", n)
                    .isEqualTo(plan.pattern().get((n - 1) % plan.pattern().size()));
                assertThat(s.planned())
                    .as("planned local of session %d, as actually meant", n)
                    .isEqualTo(s.local());
                List<ZoneOffset> offsets = zone.getRules().getValidOffsets(planned);
                ZoneOffsetTransition transition = zone.getRules().getTransition(planned);
                if (offsets.size() == 1) {
                  assertThat(s.local()).as("G1 session %d", n).isEqualTo(planned);
                  assertThat(s.instant())
                      .as("G1 session %d", n)
                      .isEqualTo(planned.toInstant(offsets.get(0)));
                } else if (offsets.isEmpty()) {
                  assertThat(s.local())
                      .as("G2 session %d", n)
                      .isEqualTo(planned.plus(transition.getDuration()));
                  assertThat(s.instant())
                      .as("G2 session %d", n)
                      .isEqualTo(planned.toInstant(transition.getOffsetBefore()));
                } else {
                  assertThat(s.local()).as("G3 session %d", n).isEqualTo(planned);
                  assertThat(s.instant())
                      .as("G3 session %d", n)
                      .isEqualTo(planned.toInstant(transition.getOffsetBefore()));
                }
              }
            });
    assertThat(checked.get())
        .as("tries with no accepted move or resume, of %d", tries.get())
        .isGreaterThan(tries.get() / 10);
  }

  /** Tells whether no move and no resume up to the query instant was accepted. */
  static boolean unmoved(Input in, ClientState state) {
    Set<String> rejected =
        state.rejected().stream().map(Rejection::event).collect(Collectors.toSet());
    return in.c().events().stream()
        .filter(e -> !e.at().isAfter(in.t()))
        .filter(e -> e.type() == EventType.SESSION_SCHEDULED || e.type() == EventType.RESUMED)
        .allMatch(e -> rejected.contains(e.id()));
  }

  /** G4: the next session after t is never before t, and it is the first planned one. */
  @Test
  void nextSession_isAtOrAfterTheQueryInstant() {
    forAllInputs()
        .verify(
            in -> {
              ClientState state = in.state();
              state
                  .nextSession()
                  .ifPresent(
                      next -> {
                        assertThat(next.instant()).isAfterOrEqualTo(in.t());
                        assertThat(next.status()).isEqualTo(SessionStatus.PLANNED);
                        assertThat(
                                state.sessions().stream()
                                    .filter(s -> s.status() == SessionStatus.PLANNED)
                                    .filter(s -> !s.instant().isBefore(in.t()))
                                    .findFirst())
                            .contains(next);
                      });
            });
  }

  @Test
  void state_neverThrows_atAnyInstant() {
    forAllInputs()
        .check(
            in -> {
              Clients.Case c = in.c();
              List<Instant> instants = new ArrayList<>();
              instants.add(in.t());
              instants.add(Instant.EPOCH);
              instants.add(Instant.parse("2100-01-01T00:00:00Z"));
              instants.add(c.enrolment().start().atZone(c.enrolment().zone()).toInstant());
              // The last event's instant, where the fold ends on an event; every event would be
              // slow.
              if (!c.events().isEmpty()) {
                instants.add(c.events().get(c.events().size() - 1).at());
              }
              History history = c.history();
              for (Instant at : instants) {
                ClientState state = ClientState.of(c.pinned(), c.enrolment(), history, at);
                if (at.equals(in.t())) {
                  StateJson.write(state);
                }
              }
              return true;
            });
  }

  @Test
  void eachWindow_endsAtTheNextSession_andTheLastOneCadenceLater() {
    forAllInputs()
        .verify(
            in -> {
              List<Session> sessions = in.state().sessions();
              SessionPlan plan = in.c().protocol().sessionPlan();
              ZoneId zone = in.c().enrolment().zone();
              for (int i = 0; i + 1 < sessions.size(); i++) {
                assertThat(sessions.get(i).windowEnd())
                    .as("window end of session %d", i + 1)
                    .isEqualTo(sessions.get(i + 1).instant());
              }
              Session last = sessions.get(sessions.size() - 1);
              if (last.reason().isEmpty()) {
                // One cadence after the last session's intent (before any gap shift).
                LocalDateTime intent =
                    in.c().enrolment().start().plus(plan.cadence().multipliedBy(sessions.size()));
                assertThat(last.windowEnd())
                    .as("window end of the last session")
                    .isEqualTo(intent.atZone(zone).toInstant());
              } else {
                assertThat(last.windowEnd())
                    .as("window end of the moved last session")
                    .isAfter(last.instant());
              }
            });
  }

  /** A session that no event moved is not reported as moved, even when a gap shifted it. */
  @Test
  void unmovedSession_isNotReportedMoved() {
    forAllInputs()
        .verify(
            in -> {
              ClientState state = in.state();
              for (Session s : state.sessions()) {
                if (s.reason().isEmpty()) {
                  assertThat(s.isMoved()).as("isMoved of session %d", s.number()).isFalse();
                }
              }
            });
  }
}
