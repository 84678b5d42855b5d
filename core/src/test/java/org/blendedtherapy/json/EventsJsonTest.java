package org.blendedtherapy.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.protocol.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventsJsonTest {
  private static final String ADHERENT = "clients/adherent.events.jsonl";
  private static final String INTERRUPTED = "clients/interrupted.events.jsonl";
  private static final Instant AT = Instant.parse("2027-01-04T10:50:00Z");

  private static Map<String, Object> event(String id, String type, Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id);
    map.put("type", type);
    map.put("at", "2027-01-04T10:50:00Z");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stream<Arguments> everyType() {
    return Stream.of(
        Arguments.of(
            event("a", "session-scheduled", "session", 7, "start", "2027-02-15T16:00"),
            new Event.SessionScheduled("a", AT, 7, LocalDateTime.parse("2027-02-15T16:00"))),
        Arguments.of(
            event("b", "session-attended", "session", 1),
            new Event.SessionEvent("b", EventType.SESSION_ATTENDED, AT, 1)),
        Arguments.of(
            event("c", "session-missed", "session", 3),
            new Event.SessionEvent("c", EventType.SESSION_MISSED, AT, 3)),
        Arguments.of(
            event("d", "session-cancelled", "session", 4, "by", "client"),
            new Event.SessionCancelled("d", AT, 4, Event.CancelledBy.CLIENT)),
        Arguments.of(
            event("d2", "session-cancelled", "session", 4, "by", "service"),
            new Event.SessionCancelled("d2", AT, 4, Event.CancelledBy.SERVICE)),
        Arguments.of(
            event("e", "module-started", "module", "introduction"),
            new Event.ModuleEvent("e", EventType.MODULE_STARTED, AT, "introduction")),
        Arguments.of(
            event("f", "module-completed", "module", "introduction"),
            new Event.ModuleEvent("f", EventType.MODULE_COMPLETED, AT, "introduction")),
        Arguments.of(
            event("g", "module-released", "module", "problem-solving"),
            new Event.ModuleEvent("g", EventType.MODULE_RELEASED, AT, "problem-solving")),
        Arguments.of(
            event("h", "module-skipped", "module", "physical-exercise"),
            new Event.ModuleEvent("h", EventType.MODULE_SKIPPED, AT, "physical-exercise")),
        Arguments.of(
            event(
                "h2",
                "modules-reordered",
                "order",
                List.of("behavioural-activation", "psychoeducation")),
            new Event.ModulesReordered(
                "h2", AT, List.of("behavioural-activation", "psychoeducation"))),
        Arguments.of(
            event("h3", "module-repeated", "module", "psychoeducation"),
            new Event.ModuleEvent("h3", EventType.MODULE_REPEATED, AT, "psychoeducation")),
        Arguments.of(
            event("h4", "module-assigned", "module", "problem-solving", "session", 4),
            new Event.ModuleAssigned("h4", AT, "problem-solving", OptionalInt.of(4))),
        Arguments.of(
            event("h5", "module-assigned", "module", "physical-exercise"),
            new Event.ModuleAssigned("h5", AT, "physical-exercise", OptionalInt.empty())),
        Arguments.of(event("i", "mood-rated", "value", 7), new Event.MoodRated("i", AT, 7)),
        Arguments.of(
            event(
                "j",
                "measure-recorded",
                "instrument",
                "PHQ-9",
                "items",
                Arrays.asList(1, 2, 3, 0, null, 1, 2, 3, 0)),
            new Event.MeasureRecorded(
                "j",
                AT,
                Instrument.PHQ_9,
                List.of(
                    OptionalInt.of(1),
                    OptionalInt.of(2),
                    OptionalInt.of(3),
                    OptionalInt.of(0),
                    OptionalInt.empty(),
                    OptionalInt.of(1),
                    OptionalInt.of(2),
                    OptionalInt.of(3),
                    OptionalInt.of(0)),
                OptionalInt.empty())),
        Arguments.of(
            event("k", "measure-recorded", "instrument", "WSAS", "total", 40),
            new Event.MeasureRecorded("k", AT, Instrument.WSAS, List.of(), OptionalInt.of(40))),
        Arguments.of(
            event("l", "reminder-acknowledged", "reminder", "r-1"),
            new Event.ReminderEvent(
                "l", EventType.REMINDER_ACKNOWLEDGED, AT, "r-1", Optional.empty())),
        Arguments.of(
            event("l", "reminder-acknowledged", "reminder", "r-1", "policy", "mood-rating"),
            new Event.ReminderEvent(
                "l", EventType.REMINDER_ACKNOWLEDGED, AT, "r-1", "mood-rating")),
        Arguments.of(
            event("m", "reminder-ignored", "reminder", "r-2"),
            new Event.ReminderEvent("m", EventType.REMINDER_IGNORED, AT, "r-2", Optional.empty())),
        Arguments.of(
            event("n", "reminder-opted-out", "policy", "mood-rating"),
            new Event.PolicyEvent("n", EventType.REMINDER_OPTED_OUT, AT, "mood-rating")),
        Arguments.of(
            event("o", "reminder-opted-in", "policy", "mood-rating"),
            new Event.PolicyEvent("o", EventType.REMINDER_OPTED_IN, AT, "mood-rating")),
        Arguments.of(event("p", "paused"), new Event.Lifecycle("p", EventType.PAUSED, AT)),
        Arguments.of(event("q", "resumed"), new Event.Lifecycle("q", EventType.RESUMED, AT)),
        Arguments.of(event("r", "discharged"), new Event.Lifecycle("r", EventType.DISCHARGED, AT)),
        Arguments.of(
            event("s", "zone-changed", "zone", "Australia/Lord_Howe"),
            new Event.ZoneChanged("s", AT, ZoneId.of("Australia/Lord_Howe"))),
        Arguments.of(
            event("t", "protocol-migrated", "migration", "ab".repeat(32)),
            new Event.ProtocolMigrated("t", AT, "ab".repeat(32))));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void eventType_readsOntoTheModel(Map<String, Object> json, Event expected) {
    String line = ClientSamples.json(json);

    assertThat(EventsJson.readLine(line)).isEqualTo(expected);
    assertThat(EventsJson.read(line + "\n").events()).containsExactly(expected);
  }

  @Test
  void everyType_isCoveredByTheRoundTrip() {
    Set<EventType> covered = EnumSet.noneOf(EventType.class);
    everyType().forEach(a -> covered.add(((Event) a.get()[1]).type()));

    assertThat(covered).isEqualTo(EnumSet.allOf(EventType.class));
  }

  @Test
  void schema_agreesWithTheMapperOnTheKeysOfEachType() throws Exception {
    JsonNode schema =
        JsonMapper.builder()
            .build()
            .readTree(
                EventsJsonTest.class.getResourceAsStream(
                    SchemaCheck.RESOURCE_ROOT + "event.schema.json"));
    List<String> names = new ArrayList<>();
    schema.get("properties").get("type").get("enum").forEach(n -> names.add(n.asString()));
    assertThat(names)
        .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::json).toList());
    for (EventType type : EventType.values()) {
      List<String> required = new ArrayList<>();
      for (JsonNode block : schema.get("allOf")) {
        if (block
            .get("if")
            .get("properties")
            .get("type")
            .get("const")
            .asString()
            .equals(type.json())) {
          block.get("then").get("required").forEach(r -> required.add(r.asString()));
        }
      }
      assertThat(EventMapper.fields(type)).as(type.json()).containsAll(required);
      assertThat(schema.get("properties").propertyNames()).containsAll(EventMapper.fields(type));
      if (type == EventType.MODULE_ASSIGNED) {
        // session is optional: the therapist may add a module without naming its session.
        assertThat(required).as(type.json()).containsExactly("module");
      } else if (type == EventType.REMINDER_ACKNOWLEDGED || type == EventType.REMINDER_IGNORED) {
        // policy is optional: logs written before 0.2 name it only inside the reminder id.
        assertThat(required).as(type.json()).containsExactly("reminder");
      } else if (type != EventType.MEASURE_RECORDED) {
        assertThat(required).as(type.json()).isEqualTo(EventMapper.fields(type));
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\":\"h1\",\"type\":\"mood-rated\",\"at\":\"2027-01-04T10:50:00Z\",\"value\":99999999999999999999.5} | /value",
        "{\"id\":\"h2\",\"type\":\"session-attended\",\"at\":\"2027-01-04T10:50:00Z\",\"session\":-99999999999999999999.5} | /session",
        "{\"id\":\"h3\",\"type\":\"measure-recorded\",\"at\":\"2027-01-04T10:50:00Z\",\"instrument\":\"PHQ-9\",\"total\":99999999999999999999} | /total",
        "{\"id\":\"h4\",\"type\":\"measure-recorded\",\"at\":\"2027-01-04T10:50:00Z\",\"instrument\":\"GAD-7\",\"items\":[1,1,1,99999999999999999999.5,1,1,1]} | /items/3"
      })
  void aNumberBeyond64Bits_isTheLibrarysOwnIssue_withoutItsValue(String line, String pointer) {
    Validation<History> result = EventsJson.validate(line);
    assertThat(result.value()).isEmpty();
    assertThat(result.issues()).isNotEmpty();
    assertThat(result.issues()).allSatisfy(i -> assertThat(i.pointer()).isEqualTo(pointer));
    assertThat(result.issues().toString()).doesNotContain("99999999999999999999");
  }

  @Test
  void aLongZoneOrId_isTooLong_withoutOverflowingTheStack() {
    String zone = "a/".repeat(5_000) + "a";
    String id = "i".repeat(10_000);
    Validation<History> result =
        EventsJson.validate(
            "{\"id\":\"z1\",\"type\":\"zone-changed\",\"at\":\"2027-01-04T10:50:00Z\",\"zone\":\""
                + zone
                + "\"}\n{\"id\":\""
                + id
                + "\",\"type\":\"paused\",\"at\":\"2027-01-04T10:50:00Z\"}\n");
    assertThat(result.value()).isEmpty();
    assertThat(result.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .contains(tuple("too-long", "/zone"), tuple("too-long", "/id"));
    assertThat(result.issues().toString()).doesNotContain("a/a/a/a").doesNotContain("iiiiii");
  }

  @Test
  void fractionalSeconds_areAccepted() {
    Map<String, Object> json = event("a", "paused");
    json.put("at", "2027-01-04T10:50:00.125Z");

    assertThat(EventsJson.readLine(ClientSamples.json(json)).at())
        .isEqualTo(Instant.parse("2027-01-04T10:50:00.125Z"));
  }

  private static Arguments shape(
      String name,
      Map<String, Object> base,
      Consumer<Map<String, Object>> change,
      String code,
      String pointer) {
    Map<String, Object> json = new LinkedHashMap<>(base);
    change.accept(json);
    return Arguments.of(name, ClientSamples.json(json), code, pointer);
  }

  static Stream<Arguments> shapeErrors() {
    Map<String, Object> attended = ClientSamples.event(ADHERENT, 1);
    Map<String, Object> measure = ClientSamples.event(ADHERENT, 2);
    Map<String, Object> scheduled = ClientSamples.event(INTERRUPTED, 16);
    Map<String, Object> mood = event("x", "mood-rated", "value", 5);
    return Stream.of(
        shape("no session", attended, j -> j.remove("session"), "missing-key", ""),
        shape("no id", attended, j -> j.remove("id"), "missing-key", ""),
        shape("no type", attended, j -> j.remove("type"), "missing-key", ""),
        shape("empty id", attended, j -> j.put("id", ""), "too-short", "/id"),
        shape("unknown type", attended, j -> j.put("type", "session-held"), "not-allowed", "/type"),
        shape("unknown key", attended, j -> j.put("note", "x"), "unknown-key", "/note"),
        shape("key of another type", attended, j -> j.put("value", 3), "unexpected-key", "/value"),
        shape("session 0", attended, j -> j.put("session", 0), "out-of-range", "/session"),
        shape("session as text", attended, j -> j.put("session", "1"), "wrong-type", "/session"),
        shape(
            "at without Z", attended, j -> j.put("at", "2027-03-22T10:50:00"), "wrong-form", "/at"),
        shape(
            "at as offset",
            attended,
            j -> j.put("at", "2027-03-22T10:50:00+01:00"),
            "wrong-form",
            "/at"),
        shape(
            "at not a date",
            attended,
            j -> j.put("at", "2027-02-29T10:50:00Z"),
            "wrong-form",
            "/at"),
        shape(
            "start with seconds",
            scheduled,
            j -> j.put("start", "2027-11-24T16:00:00"),
            "wrong-form",
            "/start"),
        shape(
            "start not a date",
            scheduled,
            j -> j.put("start", "2027-11-31T16:00"),
            "wrong-form",
            "/start"),
        shape("no start", scheduled, j -> j.remove("start"), "missing-key", ""),
        shape(
            "cancelled by therapist",
            event("c", "session-cancelled", "session", 2, "by", "therapist"),
            j -> {},
            "not-allowed",
            "/by"),
        shape(
            "module id form",
            event("m", "module-started", "module", "Intro"),
            j -> {},
            "wrong-form",
            "/module"),
        shape(
            "empty order",
            event("o", "modules-reordered", "order", List.of()),
            j -> {},
            "too-few",
            "/order"),
        shape(
            "module twice in an order",
            event("o", "modules-reordered", "order", List.of("introduction", "introduction")),
            j -> {},
            "repeated-item",
            "/order/1"),
        shape(
            "order of non-ids",
            event("o", "modules-reordered", "order", List.of("Intro")),
            j -> {},
            "wrong-form",
            "/order/0"),
        shape(
            "assigned to session 0",
            event("a", "module-assigned", "module", "problem-solving", "session", 0),
            j -> {},
            "out-of-range",
            "/session"),
        shape("repeat without module", event("r", "module-repeated"), j -> {}, "missing-key", ""),
        shape(
            "assigned with a key of another type",
            event("a", "module-assigned", "module", "problem-solving", "order", List.of("x")),
            j -> {},
            "unexpected-key",
            "/order"),
        shape("mood 11", mood, j -> j.put("value", 11), "out-of-range", "/value"),
        shape("mood 0", mood, j -> j.put("value", 0), "out-of-range", "/value"),
        shape("mood 5.5", mood, j -> j.put("value", 5.5), "wrong-type", "/value"),
        shape("items and total", measure, j -> j.put("total", 10), "one-key", ""),
        shape("neither items nor total", measure, j -> j.remove("items"), "one-key", ""),
        shape(
            "unknown instrument",
            measure,
            j -> j.put("instrument", "BDI-II"),
            "unknown-instrument",
            "/instrument"),
        shape(
            "8 items for PHQ-9",
            measure,
            j -> j.put("items", List.of(1, 1, 1, 1, 1, 1, 1, 1)),
            "too-few",
            "/items"),
        shape(
            "10 items for PHQ-9",
            measure,
            j -> j.put("items", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
            "too-many",
            "/items"),
        shape(
            "item 4 on PHQ-9",
            measure,
            j -> j.put("items", List.of(1, 1, 1, 4, 1, 1, 1, 1, 1)),
            "out-of-range",
            "/items/3"),
        shape(
            "negative item",
            measure,
            j -> j.put("items", List.of(1, 1, 1, -1, 1, 1, 1, 1, 1)),
            "out-of-range",
            "/items/3"),
        shape(
            "item as text",
            measure,
            j -> j.put("items", List.of(1, 1, 1, "2", 1, 1, 1, 1, 1)),
            "wrong-type",
            "/items/3"),
        shape(
            "41 items",
            measure,
            j -> j.put("items", Collections.nCopies(41, 0)),
            "too-many",
            "/items"),
        shape(
            "PHQ-9 total 28",
            event("t", "measure-recorded", "instrument", "PHQ-9", "total", 28),
            j -> {},
            "out-of-range",
            "/total"),
        shape(
            "unknown zone",
            event("z", "zone-changed", "zone", "Europe/Atlantis"),
            j -> {},
            "unknown-zone",
            "/zone"),
        shape(
            "zone as offset",
            event("z", "zone-changed", "zone", "+01:00"),
            j -> {},
            "wrong-form",
            "/zone"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapeErrors")
  void shapeError_hasCodeAndPointer(String name, String line, String code, String pointer) {
    Validation<Event> one = EventsJson.validateEvent(line.getBytes(StandardCharsets.UTF_8));
    Validation<History> log = EventsJson.validate("\n" + line + "\n");

    assertThat(one.isValid()).isFalse();
    assertThat(one.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .contains(tuple(code, pointer));
    assertThat(one.issues()).allSatisfy(i -> assertThat(i.message()).doesNotStartWith("line"));
    assertThat(log.isValid()).isFalse();
    assertThat(log.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .contains(tuple(code, pointer));
    assertThat(log.issues()).allSatisfy(i -> assertThat(i.message()).startsWith("line 2: "));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  @Test
  void syntaxErrors_nameTheLineAndColumn_andReadingGoesOn() {
    List<String> lines = new ArrayList<>(ClientSamples.lines(ADHERENT).subList(0, 6));
    lines.set(1, lines.get(1).substring(0, 30));
    lines.set(3, "  {\"id\":\"e-004\",\"id\":\"e-004\"}");
    lines.add(4, "");
    lines.add(6, "{\"id\": x}");

    Validation<History> log = EventsJson.validate(ClientSamples.log(lines));

    assertThat(log.isValid()).isFalse();
    assertThat(log.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
        .containsExactly(
            tuple(
                "truncated",
                "",
                "line 2: line ends too early at column 31; expected the rest of the JSON on"
                    + " the same line"),
            tuple(
                "duplicate-key",
                "/id",
                "line 4: duplicate key at column 17; expected each key once per object"),
            tuple("syntax", "", "line 7: malformed JSON at column 8 (after /id)"));
  }

  @Test
  void lineNumbers_countBlankLinesAndCrlf() {
    List<String> lines = new ArrayList<>(ClientSamples.lines(ADHERENT).subList(0, 4));
    Map<String, Object> bad = ClientSamples.event(ADHERENT, 5);
    bad.put("module", "Introduction");
    String log =
        lines.get(0) + "\r\n\r\n   \n" + lines.get(1) + "\r\n" + ClientSamples.json(bad) + "\n";

    Validation<History> result = EventsJson.validate(log);

    assertThat(result.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .containsExactly(tuple("wrong-form", "/module"));
    assertThat(result.issues().get(0).message()).startsWith("line 5: ");
  }

  @Test
  void validLog_keepsEveryEvent_andStreamingAgrees() {
    byte[] bytes = ClientSamples.bytes(ADHERENT);

    Validation<History> direct = EventsJson.validate(bytes);
    Validation<History> streamed = EventsJson.validateStreamed(bytes);

    assertThat(direct.issues()).isEmpty();
    assertThat(direct.value().orElseThrow().size()).isEqualTo(40);
    assertThat(streamed).isEqualTo(direct);
  }

  @Test
  void shuffledLines_giveAnEqualHistory() {
    List<String> lines = ClientSamples.lines(ADHERENT);
    History ordered = EventsJson.read(ClientSamples.log(lines));
    List<String> shuffled = new ArrayList<>(lines);
    Collections.shuffle(shuffled, new Random(42));

    assertThat(shuffled).isNotEqualTo(lines);
    assertThat(EventsJson.read(ClientSamples.log(shuffled))).isEqualTo(ordered);
  }

  @Test
  void repeatedIdenticalEvents_areKeptOnce() {
    List<String> lines = ClientSamples.lines(INTERRUPTED);
    List<String> twice = new ArrayList<>(lines);
    twice.addAll(lines);
    Map<String, Object> sameInstant = ClientSamples.event(INTERRUPTED, 1);
    sameInstant.put("at", ((String) sameInstant.get("at")).replace("Z", ".000Z"));
    twice.add(ClientSamples.json(sameInstant));

    History history = EventsJson.read(ClientSamples.log(twice));

    assertThat(history.size()).isEqualTo(lines.size());
    assertThat(history).isEqualTo(EventsJson.read(ClientSamples.log(lines)));
  }

  @Test
  void conflictingId_isAnErrorNamingTheIdAndBothLines() {
    List<String> lines = new ArrayList<>(ClientSamples.lines(INTERRUPTED));
    Map<String, Object> changed = ClientSamples.event(INTERRUPTED, 8);
    changed.put("session", 4);
    lines.add(ClientSamples.json(changed));

    Validation<History> log = EventsJson.validate(ClientSamples.log(lines));

    assertThat(log.isValid()).isFalse();
    assertThat(log.issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
        .containsExactly(
            tuple(
                "conflicting-id",
                "/id",
                "line 22: event id \"e-008\" has different content on lines 8 and 22; expected"
                    + " one content per id"));
    assertThatThrownBy(() -> EventsJson.read(ClientSamples.log(lines)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("e-008");
  }

  /** A valid paused event padded with spaces inside the object to exactly {@code size} bytes. */
  private static String paddedLine(int size) {
    String start = "{\"id\":\"p\",\"type\":\"paused\",\"at\":\"2027-01-04T10:50:00Z\"";
    return start + " ".repeat(size - start.length() - 1) + "}";
  }

  @Test
  void lineLimit_16KiB_isAllowed_oneByteMoreIsNot() {
    String at = paddedLine(EventsJson.MAX_LINE_BYTES);
    String over = paddedLine(EventsJson.MAX_LINE_BYTES + 1);
    String good = ClientSamples.lines(ADHERENT).get(0);

    assertThat(EventsJson.validate(at + "\n").isValid()).isTrue();
    assertThat(EventsJson.validate(at + "\r\n").isValid()).isTrue();
    assertThat(EventsJson.validateEvent(at.getBytes(StandardCharsets.UTF_8)).isValid()).isTrue();
    for (Validation<History> log :
        List.of(
            EventsJson.validate(good + "\n" + over + "\n" + good + "\n"),
            EventsJson.validateStreamed(
                (good + "\n" + over + "\n" + good + "\n").getBytes(StandardCharsets.UTF_8)))) {
      assertThat(log.isValid()).isFalse();
      assertThat(log.issues())
          .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
          .containsExactly(
              tuple(
                  "too-large",
                  "",
                  "line 2: event is 16385 bytes, more than the limit of 16384 (16 KiB) per"
                      + " line"));
    }
  }

  @Test
  void streamedOversizedLine_isSkippedAndCounted() {
    String huge = paddedLine(200_000);
    String good = ClientSamples.lines(ADHERENT).get(0);
    byte[] log = (huge + "\n" + good + "\n" + "{").getBytes(StandardCharsets.UTF_8);

    Validation<History> result = EventsJson.validateStreamed(log);

    assertThat(result.issues())
        .extracting((Issue i) -> i.code().json(), Issue::message)
        .containsExactly(
            tuple(
                "too-large",
                "line 1: event is 200000 bytes, more than the limit of 16384 (16 KiB) per line"),
            tuple(
                "truncated",
                "line 3: line ends too early at column 2; expected the rest of the JSON on"
                    + " the same line"));
  }

  @Test
  void moreThan100000Events_isAnError_andReadingStops() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i <= EventsJson.MAX_EVENTS + 5; i++) {
      log.append("x\n");
    }

    Validation<History> result = EventsJson.validate(log.toString());

    Issue last = result.issues().get(result.issues().size() - 1);
    assertThat(last.code().json()).isEqualTo("too-many-events");
    assertThat(last.message()).startsWith("line 100001: more than 100000 events");
    assertThat(result.issues()).hasSize(EventsJson.MAX_ISSUES + 2);
    assertThat(result.issues().get(EventsJson.MAX_ISSUES).message())
        .isEqualTo("\u2026 and 99900 more; at most 100 issues are reported per log");
  }

  @Test
  void manyBadLines_reportAtMost100Issues_thenTheCount() {
    String line =
        "{\"id\":\"e\",\"type\":\"mood-rated\",\"at\":\"2027-01-05T10:00:00Z\",\"value\":3,\"mood\":1}\n";
    Validation<History> result = EventsJson.validate(line.repeat(2_000));

    assertThat(result.isValid()).isFalse();
    assertThat(result.issues()).hasSize(101);
    assertThat(result.issues().get(0).message())
        .isEqualTo(
            "line 1: unknown key for a mood-rated event (expected one of: id, type, at, value)");
    assertThat(result.issues().get(100))
        .extracting((Issue i) -> i.code().json(), Issue::message)
        .containsExactly(
            "too-many-issues", "\u2026 and 1900 more; at most 100 issues are reported per log");
  }

  @Test
  void binaryLog_isReportedOnce() {
    byte[] log = new byte[300_000];
    new SplittableRandom(14).nextBytes(log);

    Validation<History> result = EventsJson.validate(log);

    assertThat(result.issues()).extracting(i -> i.code().json()).containsExactly("not-text");
  }

  @Test
  void instants_insideTheSupportedYears_only() {
    String at = "{\"id\":\"e\",\"type\":\"paused\",\"at\":\"%s\"}";
    for (String inside : List.of("1900-01-01T00:00:00Z", "2200-12-31T23:59:59.999999999Z")) {
      assertThat(EventsJson.validateEvent(String.format(at, inside).getBytes(UTF_8)).isValid())
          .as(inside)
          .isTrue();
    }
    for (String outside :
        List.of(
            "1899-12-31T23:59:59Z",
            "2201-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z")) {
      assertThat(EventsJson.validateEvent(String.format(at, outside).getBytes(UTF_8)).issues())
          .as(outside)
          .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
          .containsExactly(
              tuple(
                  "out-of-range",
                  "/at",
                  "expected a UTC instant in the supported years 1900 to 2200, found one outside"
                      + " them"));
    }
    String start =
        "{\"id\":\"e\",\"type\":\"session-scheduled\",\"at\":\"2027-01-05T10:00:00Z\",\"session\":2,\"start\":\"2201-01-01T10:00\"}";
    assertThat(EventsJson.validateEvent(start.getBytes(UTF_8)).issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer)
        .containsExactly(tuple("out-of-range", "/start"));
  }

  @Test
  void loneSurrogate_isRefused_withoutQuotingIt() {
    String event =
        "{\"id\":\"e\",\"type\":\"module-started\",\"at\":\"2027-01-05T10:00:00Z\",\"module\":\"\\udc00\"}";
    assertThat(EventsJson.validateEvent(event.getBytes(UTF_8)).issues())
        .extracting((Issue i) -> i.code().json(), Issue::pointer, Issue::message)
        .containsExactly(
            tuple(
                "lone-surrogate",
                "/module",
                "a string holding a lone surrogate at column 80; expected Unicode text (a"
                    + " surrogate only as half of a pair)"));
  }

  @Test
  void emptyOrBlankLog_isAnEmptyHistory() {
    assertThat(EventsJson.read("")).isEqualTo(History.empty());
    assertThat(EventsJson.read("\n  \r\n\t\n")).isEqualTo(History.empty());
  }

  @Test
  void binaryContent_isNotText() {
    byte[] log =
        (ClientSamples.lines(ADHERENT).get(0) + "\n{\"id\":\"a\u0000\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "{\"id\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(EventsJson.validate(log).issues())
        .extracting((Issue i) -> i.code().json(), Issue::message)
        .containsExactly(
            tuple(
                "not-text",
                "line 2: binary content (a NUL byte at column 9); expected UTF-8 JSON text"));
    assertThat(EventsJson.validate(latin1).issues())
        .extracting(i -> i.code().json())
        .containsExactly("not-text");
  }

  @Test
  void readLine_rejectsEmptyAndSeveralLines() {
    String line = ClientSamples.lines(ADHERENT).get(0);

    assertThat(EventsJson.readLine(line + "\n").id()).isEqualTo("e-001");
    assertThat(EventsJson.validateEvent(new byte[0]).issues())
        .extracting(i -> i.code().json())
        .containsExactly("empty");
    assertThatThrownBy(() -> EventsJson.readLine(line + "\n" + line))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[syntax]");
    assertThatThrownBy(() -> EventsJson.readLine(line + " " + line))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a second JSON value");
  }

  @Test
  void anEndlessStream_stopsAtTheLogByteLimit_withTooLarge() {
    // /dev/zero as a log: one line that never ends. Reading stops at MAX_LOG_BYTES.
    java.io.InputStream endless =
        new java.io.InputStream() {
          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            return len;
          }
        };

    Validation<History> result = EventsJson.validate(endless);

    assertThat(result.isValid()).isFalse();
    assertThat(result.issues())
        .extracting(org.blendedtherapy.Issue::toString)
        .containsExactly(
            "error (root) [too-large] line 1: event is "
                + EventsJson.MAX_LOG_BYTES
                + " bytes, more than the limit of 16384 (16 KiB) per line",
            "error (root) [too-large] line 1: the log goes on past "
                + EventsJson.MAX_LOG_BYTES
                + " bytes; expected at most 100000 lines of 16384 bytes (reading stopped here)");
  }
}
