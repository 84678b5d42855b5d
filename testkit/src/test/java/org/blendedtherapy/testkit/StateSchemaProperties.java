package org.blendedtherapy.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.blendedtherapy.client.History;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.schema.Schemas;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every state JSON the library writes is valid under its own published {@code state.schema.json}:
 * over the generated cases (any zone, start and history, events the protocol refuses included) at a
 * random instant, and over long histories of a year-long plan.
 */
class StateSchemaProperties {
  private static final String ID = "https://blendedtherapy.org/schema/state/1";
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              b -> b.schemas(Map.of(ID, Schemas.text("state.schema.json"))))
          .getSchema(SchemaLocation.of(ID));
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  static List<Error> errors(ClientState state) {
    return SCHEMA.validate(MAPPER.readTree(StateJson.write(state)));
  }

  @Test
  void everyStateJson_isValidUnderTheStateSchema() {
    Property.forAll(
            Clients.cases()
                .flatMap(
                    c -> Clients.instants(c.protocol(), c.enrolment()).map(t -> Map.entry(c, t))))
        .describedBy(e -> e.getKey().describe() + "\nat " + e.getValue())
        .check(
            e -> {
              Clients.Case c = e.getKey();
              Instant at = e.getValue();
              List<Error> errors =
                  errors(ClientState.of(c.pinned(), c.enrolment(), c.history(), at));
              if (!errors.isEmpty()) {
                throw new AssertionError("state JSON outside its schema: " + errors);
              }
              return true;
            });
  }

  @Test
  void longHistories_writeStateJsonValidUnderTheStateSchema() {
    Property.forAll(TimelineProperties.longCases())
        .tries(50)
        .describedBy(TimelineProperties.LongCase::describe)
        .check(
            c -> {
              History history = History.of(c.events());
              Instant at =
                  c.events().isEmpty()
                      ? Instant.parse("2027-06-01T00:00:00Z")
                      : c.events().get(c.events().size() - 1).at();
              List<Error> errors = errors(ClientState.of(c.pinned(), c.enrolment(), history, at));
              if (!errors.isEmpty()) {
                throw new AssertionError("state JSON outside its schema: " + errors);
              }
              return true;
            });
  }
}
