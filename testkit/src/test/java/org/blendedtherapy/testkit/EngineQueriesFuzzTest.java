package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.SplittableRandom;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.BurdenJson;
import org.blendedtherapy.json.DiffJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.SimulationJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.state.Burden;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ProtocolDiff;
import org.blendedtherapy.state.Simulation;

/**
 * The structure-aware fuzz target of the engine's queries: the fuzzer's bytes pick a generated
 * client (protocol, enrolment, history) and instants, near the plan or anywhere in the supported
 * years, and ask the state, the reminders, simulate, burden and diff there. What must hold: the
 * only failure is the library's own {@link InvalidInputException}; no fired reminder lies inside
 * the client's quiet hours, and no local day has more than the daily cap; the state JSON is valid
 * under {@code state.schema.json}; a shuffled history gives the same state and the same simulation;
 * a protocol compared with itself has no changes.
 *
 * <p>In a normal build Jazzer replays the inputs in {@code EngineQueriesFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} (or {@code .fuzz/run}) it fuzzes.
 */
class EngineQueriesFuzzTest {
  private static final long MIN_SECOND =
      LocalDateTime.of(SupportedRange.MIN_YEAR, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long MAX_SECOND =
      LocalDateTime.of(SupportedRange.MAX_YEAR, 12, 31, 0, 0).toEpochSecond(ZoneOffset.UTC);

  @FuzzTest(maxDuration = "60s")
  void queries_keepTheirInvariants_atFuzzedInstants(FuzzedDataProvider data) {
    SplittableRandom random = new SplittableRandom(data.consumeLong());
    int size = data.consumeInt(0, 60);
    Clients.Case c = Clients.cases().sample(random, size);
    PinnedProtocol pinned = c.pinned();
    Instant at = instant(data, c, random, size);
    Instant until = instant(data, c, random, size);
    List<Event> shuffled = new ArrayList<>(c.events());
    Collections.shuffle(shuffled, new Random(data.consumeLong()));

    try {
      ClientState state = c.stateAt(at);
      assertThat(StateSchemaProperties.errors(state)).as("state JSON under its schema").isEmpty();
      ClientState reordered = ClientState.of(pinned, c.enrolment(), History.of(shuffled), at);
      assertThat(StateJson.write(reordered))
          .as("shuffled history")
          .isEqualTo(StateJson.write(state));

      Instant from = at.minus(Duration.ofMinutes(data.consumeInt(0, 60 * 24 * 14)));
      Instant to = at.plus(Duration.ofMinutes(data.consumeInt(0, 60 * 24 * 60)));
      checkReminders(c, state.reminders(from, to).reminders());
      checkReminders(c, state.reminders(Instant.MIN, at).reminders());

      Simulation simulation = Simulation.of(pinned, c.enrolment(), c.history(), until);
      assertThat(
              SimulationJson.write(
                  Simulation.of(pinned, c.enrolment(), History.of(shuffled), until)))
          .as("simulation of a shuffled history")
          .isEqualTo(SimulationJson.write(simulation));
      assertThat(StateSchemaProperties.errors(simulation.state())).isEmpty();
      Simulation adherent = Simulation.adherent(pinned, c.enrolment(), until);
      assertThat(StateSchemaProperties.errors(adherent.state())).isEmpty();
      checkReminders(c, adherent.state().reminders(Instant.MIN, until).reminders());

      Burden burden = Burden.of(state);
      Burden planned = Burden.of(pinned, c.enrolment());
      assertThat(burden.sessions()).isNotNegative();
      assertThat(BurdenJson.write(List.of(c.protocol(), c.protocol()), List.of(burden, planned)))
          .isNotEmpty();

      Protocol other = Protocols.valid().sample(random, size);
      PinnedProtocol otherPinned = ProtocolJson.pin(other);
      assertThat(ProtocolDiff.of(pinned, pinned).changes())
          .as("a protocol against itself")
          .isEmpty();
      assertThat(DiffJson.write(ProtocolDiff.of(pinned, otherPinned))).isNotEmpty();
    } catch (InvalidInputException expected) {
      assertThat(expected.issues()).isNotEmpty();
    }
  }

  /**
   * An instant near the client's plan (as the generators pick them), anywhere in the supported
   * years, or anywhere at all.
   */
  private static Instant instant(
      FuzzedDataProvider data, Clients.Case c, SplittableRandom random, int size) {
    switch (data.consumeInt(0, 3)) {
      case 0:
        return Instant.ofEpochSecond(data.consumeLong(MIN_SECOND, MAX_SECOND));
      case 1:
        return Instant.ofEpochSecond(
            data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
      default:
        return Clients.instants(c.protocol(), c.enrolment())
            .sample(random, size)
            .plusSeconds(data.consumeInt(-86_400 * 7, 86_400 * 7));
    }
  }

  /** No fired reminder inside the client's quiet hours; never more than the cap on a local day. */
  private static void checkReminders(Clients.Case c, List<Reminder> fired) {
    Optional<QuietHours> quiet =
        c.enrolment()
            .preferences()
            .quietHours()
            .or(() -> c.protocol().reminderLimits().quietHours());
    OptionalInt max = c.protocol().reminderLimits().maxPerDay();
    Map<String, Integer> perDay = new HashMap<>();
    for (Reminder r : fired) {
      quiet.ifPresent(
          q ->
              assertThat(q.contains(r.local().toLocalTime()))
                  .as("%s at %s %s inside quiet hours %s", r.id(), r.local(), r.zone(), q)
                  .isFalse());
      perDay.merge(r.zone() + " " + r.local().toLocalDate(), 1, Integer::sum);
    }
    if (max.isPresent()) {
      perDay.forEach(
          (day, n) -> assertThat(n).as("reminders on %s", day).isLessThanOrEqualTo(max.getAsInt()));
    }
  }
}
