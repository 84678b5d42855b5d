package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.state.ClientState;

/**
 * The structure-aware fuzz target of the engine: the fuzzer's bytes drive the testkit's generators
 * (a seed, a size, short or year-long histories) to build a valid protocol, enrolment and history,
 * then ask the state and the reminders at fuzzed instants and check what must hold, not only that
 * nothing throws: the state JSON is valid under {@code state.schema.json}; reminder windows add up
 * ({@code [a,b)} and {@code [b,c)} fire exactly what {@code [a,c)} fires); a shuffled history gives
 * the same state; extending the fold event by event gives the state of the whole history.
 *
 * <p>In a normal build Jazzer replays the inputs in {@code EngineFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} it fuzzes for the annotation's duration.
 */
class EngineFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void engine_answersKeepTheirInvariants(FuzzedDataProvider data) {
    SplittableRandom random = new SplittableRandom(data.consumeLong());
    boolean year = data.consumeBoolean();
    int size = data.consumeInt(0, 100);
    ClientState whole;
    List<Event> events;
    if (year) {
      TimelineProperties.LongCase c = TimelineProperties.longCases().sample(random, size);
      events = c.events();
      Instant end = events.isEmpty() ? Instant.parse("2027-06-01T00:00:00Z") : last(events);
      whole = ClientState.of(c.pinned(), c.enrolment(), History.of(events), end);
    } else {
      Clients.Case c = Clients.cases().sample(random, size);
      events = c.events();
      whole = c.stateAt(Clients.instants(c.protocol(), c.enrolment()).sample(random, size));
    }

    assertThat(StateSchemaProperties.errors(whole)).as("state JSON under its schema").isEmpty();

    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new java.util.Random(data.consumeLong()));
    ClientState reordered =
        ClientState.of(whole.pinned(), whole.enrolment(), History.of(shuffled), whole.at());
    assertThat(StateJson.write(reordered)).isEqualTo(StateJson.write(whole));

    ClientState stepped = ClientState.of(whole.pinned(), whole.enrolment(), History.empty());
    for (Event event : History.of(events).events()) {
      stepped = stepped.apply(event);
    }
    assertThat(StateJson.write(stepped.at(whole.at()))).isEqualTo(StateJson.write(whole));

    Instant a = whole.at().minus(Duration.ofHours(data.consumeInt(0, 24 * 60)));
    Instant b = a.plus(Duration.ofMinutes(data.consumeInt(0, 60 * 24 * 30)));
    Instant c = b.plus(Duration.ofMinutes(data.consumeInt(0, 60 * 24 * 30)));
    List<String> split = ids(whole, a, b);
    split.addAll(ids(whole, b, c));
    assertThat(split).as("[a,b) + [b,c) = [a,c)").isEqualTo(ids(whole, a, c));
  }

  private static List<String> ids(ClientState state, Instant from, Instant to) {
    List<String> ids = new ArrayList<>();
    for (Reminder r : state.reminders(from, to).reminders()) {
      ids.add(r.id());
    }
    return ids;
  }

  private static Instant last(List<Event> events) {
    Instant last = Instant.MIN;
    for (Event e : events) {
      last = e.at().isAfter(last) ? e.at() : last;
    }
    return last;
  }
}
