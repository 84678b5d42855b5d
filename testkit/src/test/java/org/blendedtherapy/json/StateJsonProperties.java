package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.testkit.Clients;
import org.blendedtherapy.testkit.Gen;
import org.blendedtherapy.testkit.LongHistories;
import org.blendedtherapy.testkit.Property;
import org.blendedtherapy.testkit.SampleProtocol;
import org.junit.jupiter.api.Test;

/**
 * {@link StateJson#write} writes straight into a buffer; its text must be exactly what printing the
 * state's tree ({@link StateJson#tree}, which other documents embed) through Jackson gives, for
 * short generated histories over generated protocols and for long ones over the sample. (The
 * writer's escaping, numbers and dates are held to Jackson's and java.time's by core's {@code
 * PrettyWriterTest}, where the unrelocated Jackson is at hand.)
 */
class StateJsonProperties {
  private static final Protocol UK = SampleProtocol.uk();
  private static final Protocol YEAR = LongHistories.withSessions(UK, 52);

  record Input(Clients.Case c, Instant at) {
    ClientState state() {
      return c.stateAt(at);
    }

    String describe() {
      return c.describe() + "\nat " + at;
    }
  }

  /** An instant over the plan, or the last event's (when the state holds every event). */
  private static Gen<Input> at(Clients.Case c) {
    Gen<Instant> spread = Clients.instants(c.protocol(), c.enrolment());
    Gen<Instant> t =
        c.events().isEmpty() ? spread : Gen.oneOf(spread, Gen.elements(c.events()).map(Event::at));
    return t.map(instant -> new Input(c, instant));
  }

  private static Gen<Input> longInputs() {
    return Gen.elements(UK, YEAR)
        .flatMap(
            p ->
                Clients.enrolments(p)
                    .flatMap(
                        e ->
                            LongHistories.histories(p, e, 600)
                                .map(events -> new Clients.Case(p, e, events))))
        .flatMap(StateJsonProperties::at);
  }

  private static void assertWritesTheTree(Input in) {
    ClientState state = in.state();
    assertThat(StateJson.write(state)).isEqualTo(Pretty.write(StateJson.tree(state)));
  }

  @Test
  void write_isTheTreePrinted_shortHistories() {
    Property.forAll(Clients.cases().flatMap(StateJsonProperties::at))
        .describedBy(Input::describe)
        .verify(StateJsonProperties::assertWritesTheTree);
  }

  @Test
  void write_isTheTreePrinted_longHistories() {
    Property.forAll(longInputs())
        .describedBy(Input::describe)
        .verify(StateJsonProperties::assertWritesTheTree);
  }
}
