package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StateJsonTest {
  static final String ID = "https://blendedtherapy.org/schema/state/1";

  static Schema stateSchema() throws IOException {
    try (InputStream in =
        StateJsonTest.class.getResourceAsStream("/org/blendedtherapy/schema/state.schema.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(ID, text)))
          .getSchema(SchemaLocation.of(ID));
    }
  }

  static ClientState sampleState(List<Event> events) throws IOException {
    Protocol p =
        ProtocolJson.read(Files.readString(Path.of("../samples/protocols/e-compared-uk.json")));
    Enrolment e =
        new Enrolment(
            "host-ref-7",
            new ProtocolPin(p.id(), p.version(), ProtocolJson.sha256(p)),
            LocalDateTime.parse("2027-03-22T10:00"),
            ZoneId.of("Europe/London"),
            Preferences.NONE);
    return ClientState.of(
        ProtocolJson.pin(p), e, History.of(events), Instant.parse("2027-04-02T12:00:00Z"));
  }

  static List<Event> events() {
    return List.of(
        new Event.SessionEvent(
            "a1", EventType.SESSION_ATTENDED, Instant.parse("2027-03-22T10:50:00Z"), 1),
        new Event.ModuleEvent(
            "m1",
            EventType.MODULE_COMPLETED,
            Instant.parse("2027-03-23T19:00:00Z"),
            "introduction"),
        new Event.SessionScheduled(
            "r1",
            Instant.parse("2027-03-24T08:00:00Z"),
            3,
            LocalDateTime.parse("2027-04-06T14:00")),
        new Event.SessionEvent(
            "a2", EventType.SESSION_ATTENDED, Instant.parse("2027-03-29T18:00:00Z"), 2),
        new Event.SessionEvent(
            "bad", EventType.SESSION_MISSED, Instant.parse("2027-03-30T18:00:00Z"), 99));
  }

  @Test
  void stateJson_followsThePublishedSchema() throws IOException {
    String json = StateJson.write(sampleState(events()));
    var errors = stateSchema().validate(JsonMapper.builder().build().readTree(json));
    assertThat(errors).isEmpty();
    assertThat(json)
        .contains("\"nextSession\" : {\n    \"number\" : 3,")
        .contains("\"local\" : \"2027-04-06T14:00\"")
        .contains("\"event\" : \"bad\"");
  }

  @Test
  void shuffledAndDuplicatedLogs_printByteIdenticalJson() throws IOException {
    String expected = StateJson.write(sampleState(events()));
    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      List<Event> shuffled = new ArrayList<>(events());
      shuffled.addAll(events());
      Collections.shuffle(shuffled, random);
      assertThat(StateJson.write(sampleState(shuffled))).isEqualTo(expected);
    }
  }
}
