package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.testkit.Clients;
import org.blendedtherapy.testkit.Gen;
import org.blendedtherapy.testkit.LongHistories;
import org.blendedtherapy.testkit.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@link StateJson#write} writes straight into a buffer; its text must be exactly what printing the
 * state's tree ({@link StateJson#tree}, which other documents embed) through Jackson gives, for
 * short generated histories over generated protocols and for long ones over the sample.
 */
class StateJsonProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Protocol UK = sample();
  private static final Protocol YEAR = LongHistories.withSessions(UK, 52);

  private static Protocol sample() {
    try {
      return ProtocolJson.read(
          Files.readAllBytes(Path.of("../samples/protocols/e-compared-uk.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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

  /** Characters where escaping decides: controls, quotes, backslashes, any UTF-16 unit. */
  private static Gen<String> strings() {
    Gen<Integer> units =
        Gen.frequency(
            List.of(
                Gen.weighted(3, Gen.choose(0, 0x20)),
                Gen.weighted(2, Gen.elements((int) '"', (int) '\\', (int) '/', 0x7f)),
                Gen.weighted(3, Gen.choose(0x21, 0x7e)),
                Gen.weighted(2, Gen.choose(0x80, 0xffff))));
    return Gen.listOf(units, 0, 12)
        .map(
            list -> {
              StringBuilder s = new StringBuilder();
              list.forEach(u -> s.append((char) u.intValue()));
              return s.toString();
            });
  }

  @Test
  void strings_areEscapedAsJacksonEscapesThem() {
    Property.forAll(Gen.listOf(strings(), 0, 4))
        .verify(
            values -> {
              Pretty.Writer out = new Pretty.Writer(16).beginArray();
              ArrayNode tree = NODES.arrayNode();
              for (String value : values) {
                out.beginObject().name(value).value(value).end();
                tree.addObject().put(value, value);
              }
              assertThat(out.end().text()).isEqualTo(Pretty.write(tree));
            });
  }

  @Test
  void numbers_printAsJacksonPrintsThem() {
    Gen<Double> doubles =
        Gen.oneOf(
            Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE).map(Double::longBitsToDouble),
            Gen.zip(Gen.choose(0, 1000), Gen.choose(1, 1000), (a, b) -> (double) a / b),
            Gen.elements(0.0, -0.0, 1.0, 1e7, 1e-3, 1e21, Double.NaN, Double.POSITIVE_INFINITY));
    Property.forAll(Gen.zip(doubles, Gen.choose(Integer.MIN_VALUE, Integer.MAX_VALUE), Pair::new))
        .verify(
            p -> {
              String written =
                  new Pretty.Writer(16)
                      .beginArray()
                      .value(p.d())
                      .value(p.i())
                      .value(true)
                      .nullValue()
                      .end()
                      .text();
              ArrayNode tree = NODES.arrayNode().add(p.d()).add(p.i()).add(true).addNull();
              assertThat(written).isEqualTo(Pretty.write(tree));
            });
  }

  record Pair(double d, int i) {}

  @Test
  void datesAndTimes_printAsJavaTimePrintsThem() {
    Gen<Long> seconds =
        Gen.oneOf(
            Gen.chooseLong(
                LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC)),
            Gen.chooseLong(-62_167_219_200L - 86_400L * 800, 253_402_300_800L + 86_400L * 800),
            Gen.chooseLong(-4_000_000_000L, 4_000_000_000L));
    Gen<Integer> nanos =
        Gen.oneOf(
            Gen.constant(0),
            Gen.choose(0, 999).map(n -> n * 1_000_000),
            Gen.choose(0, 999_999).map(n -> n * 1000),
            Gen.choose(0, 999_999_999));
    Property.forAll(Gen.zip(seconds, nanos, Instant::ofEpochSecond))
        .verify(
            instant -> {
              LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
              LocalDate date = local.toLocalDate();
              String written =
                  new Pretty.Writer(16)
                      .beginArray()
                      .value(instant)
                      .value(local)
                      .value(date)
                      .end()
                      .text();
              ArrayNode tree =
                  NODES
                      .arrayNode()
                      .add(instant.toString())
                      .add(StateJson.local(local))
                      .add(date.toString());
              assertThat(written).isEqualTo(Pretty.write(tree));
            });
  }
}
