package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.json.EventsJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event reader's fast path against its contract: over the testkit's events written as JSON
 * lines and over mutants of them, the fast path accepts exactly the lines that syntax, schema and
 * meaning accept, and when both accept they read equal events. A valid line that the fast path
 * leaves to the schema path would only be slow; a line it accepts that the schema refuses would be
 * a hole in the contract, so the property checks both directions.
 */
class EventReaderProperties {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final tools.jackson.databind.json.JsonMapper READER =
      tools.jackson.databind.json.JsonMapper.builder().build();
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /** Each way of changing a valid line; some keep it valid, most do not, a few may or may not. */
  enum Change {
    NONE,
    REORDER_KEYS,
    WHITE_SPACE,
    INTEGRAL_DECIMAL,
    DROP_KEY,
    UNKNOWN_KEY,
    FOREIGN_KEY,
    DUPLICATE_KEY,
    WRONG_TYPE,
    NUMBER_EDGE,
    INSTANT_EDGE,
    LOCAL_EDGE,
    STRING_EDGE,
    WRONG_NESTING,
    TRUNCATED,
    TRAILING,
    OTHER_TYPE,
    BYTES,
    MEASURE_EDGE,
    ORDER_EDGE,
    ESCAPED
  }

  /** One line to read, how it was made, and the event it was made from. */
  record Line(byte[] bytes, Change change, String how, Event from) {
    String describe() {
      StringBuilder text = new StringBuilder();
      for (byte b : bytes) {
        int u = b & 0xff;
        text.append(u >= 0x20 && u < 0x7f ? String.valueOf((char) u) : String.format("\\x%02x", u));
      }
      return change + " (" + how + "): " + text + "\n  from " + CaseText.event(from);
    }
  }

  record Input(Clients.Case c, long seed) {
    String describe() {
      return "seed " + seed + "\n" + c.describe();
    }

    /** Every event as written, and two mutants of each. */
    List<Line> lines() {
      SplittableRandom random = new SplittableRandom(seed);
      List<Line> lines = new ArrayList<>();
      for (Event event : c.events()) {
        lines.add(mutate(event, Change.NONE, random));
        for (int k = 0; k < 2; k++) {
          Change change = Change.values()[1 + random.nextInt(Change.values().length - 1)];
          lines.add(mutate(event, change, random));
        }
      }
      return lines;
    }
  }

  private static final Map<Change, AtomicInteger> ACCEPTED = new EnumMap<>(Change.class);
  private static final Map<Change, AtomicInteger> REFUSED = new EnumMap<>(Change.class);
  private static final Map<Change, AtomicInteger> SCANNED = new EnumMap<>(Change.class);

  static {
    for (Change change : Change.values()) {
      ACCEPTED.put(change, new AtomicInteger());
      REFUSED.put(change, new AtomicInteger());
      SCANNED.put(change, new AtomicInteger());
    }
  }

  @Test
  void fastPath_acceptsExactlyWhatTheSchemaPathAccepts_andReadsEqualEvents() {
    Property.forAll(
            Gen.zip(Clients.cases(), Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE), Input::new))
        .describedBy(Input::describe)
        .verify(
            in -> {
              for (Line line : in.lines()) {
                Optional<Event> fast = EventsJson.readByFastPath(line.bytes());
                Validation<Event> slow = EventsJson.validateBySchemaPath(line.bytes());
                assertThat(fast)
                    .as(
                        "fast path on %s%n  schema path: %s",
                        line.describe(),
                        slow.value().isPresent() ? slow.value().get() : slow.issues())
                    .isEqualTo(slow.value());
                if (line.change() == Change.NONE && slow.value().isPresent()) {
                  // Not every generated event has a JSON form: Times.zones() includes fixed offsets
                  // such as Z, which the reader refuses as unknown zones.
                  assertThat(fast)
                      .as("a written event reads back: %s", line.describe())
                      .contains(line.from());
                }
                // The scanner of plain lines, alone: what it reads, the schema path reads alike.
                Optional<Event> scanned = EventsJson.readByLineScanner(line.bytes());
                if (scanned.isPresent()) {
                  assertThat(scanned).as("scanner on %s", line.describe()).isEqualTo(slow.value());
                  SCANNED.get(line.change()).incrementAndGet();
                }
                (fast.isPresent() ? ACCEPTED : REFUSED).get(line.change()).incrementAndGet();
              }
            });
    // A property that only ever saw one outcome could not fail where it matters.
    assertThat(ACCEPTED.get(Change.NONE).get())
        .as("written events accepted")
        .isGreaterThan(20 * REFUSED.get(Change.NONE).get());
    // Most written lines are plain, so the scanner, not the parser, reads them.
    assertThat(SCANNED.get(Change.NONE).get())
        .as("written events the scanner read")
        .isGreaterThan(ACCEPTED.get(Change.NONE).get() / 2);
    for (Change change :
        List.of(
            Change.REORDER_KEYS,
            Change.WHITE_SPACE,
            Change.INSTANT_EDGE,
            Change.STRING_EDGE,
            Change.MEASURE_EDGE,
            Change.ORDER_EDGE,
            Change.OTHER_TYPE)) {
      assertThat(SCANNED.get(change).get()).as("scanned %s", change).isPositive();
    }
    for (Change change :
        List.of(
            Change.DROP_KEY,
            Change.UNKNOWN_KEY,
            Change.FOREIGN_KEY,
            Change.DUPLICATE_KEY,
            Change.WRONG_TYPE,
            Change.NUMBER_EDGE,
            Change.INSTANT_EDGE,
            Change.STRING_EDGE,
            Change.WRONG_NESTING,
            Change.TRUNCATED,
            Change.TRAILING,
            Change.BYTES,
            Change.MEASURE_EDGE)) {
      assertThat(REFUSED.get(change).get()).as("refused %s", change).isPositive();
    }
    for (Change change :
        List.of(
            Change.REORDER_KEYS,
            Change.WHITE_SPACE,
            Change.INTEGRAL_DECIMAL,
            Change.INSTANT_EDGE,
            Change.STRING_EDGE,
            Change.TRAILING,
            Change.ESCAPED)) {
      assertThat(ACCEPTED.get(change).get()).as("accepted %s", change).isPositive();
    }
  }

  // ---- writing events as the host would ----

  static ObjectNode json(Event event) {
    return (ObjectNode) READER.readTree(EventsJson.writeLine(event));
  }

  // ---- mutants ----

  private static final List<String> KNOWN_KEYS =
      List.of(
          "id",
          "type",
          "at",
          "session",
          "start",
          "by",
          "module",
          "order",
          "value",
          "instrument",
          "items",
          "total",
          "reminder",
          "policy",
          "zone");

  private static final List<String> UNKNOWN_KEYS =
      List.of("note", "Session", "id ", "", "at\u0000", "séance", "$schema", "ID", "~/x");

  private static final List<String> INSTANTS =
      List.of(
          "2027-02-30T10:00:00Z",
          "2027-02-29T10:00:00Z",
          "2028-02-29T10:00:00Z",
          "2027-04-31T10:00:00Z",
          "1900-02-29T00:00:00Z",
          "2000-02-29T00:00:00Z",
          "2027-01-04T24:00:00Z",
          "2027-01-04T10:60:00Z",
          "2027-01-04T10:00:60Z",
          "2027-01-04T23:59:59Z",
          "2027-01-04T10:00Z",
          "2027-01-04 10:00:00Z",
          "2027-01-04T10:00:00+00:00",
          "2027-01-04T10:00:00.123456789Z",
          "2027-01-04T10:00:00.5Z",
          "2027-01-04T10:00:00.000Z",
          "2027-01-04T10:00:00.1234567890Z",
          "2027-01-04T10:00:00.Z",
          "2027-01-04T10:00:00z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "2027-1-04T10:00:00Z",
          "2027-00-04T10:00:00Z",
          "2027-13-04T10:00:00Z",
          "2027-01-00T10:00:00Z",
          "2027-01-32T10:00:00Z",
          "2027-01-04T10:00:00Z\n",
          "2027-01-04T10:00:00Z ",
          "+2027-01-04T10:00:00Z",
          "20270104T100000Z",
          "2027-01-04T10:00",
          "");

  private static final List<String> LOCALS =
      List.of(
          "2027-02-30T10:00",
          "2028-02-29T10:00",
          "2027-02-29T10:00",
          "2027-01-04T24:00",
          "2027-01-04T10:60",
          "2027-01-04T23:59",
          "2027-01-04T10:00:00",
          "2027-01-04T10:00Z",
          "2027-01-04 10:00",
          "0000-01-01T00:00",
          "2027-1-4T10:00",
          "2027-01-04T10:00\n",
          "");

  private static final List<String> STRINGS =
      List.of(
          "",
          "a",
          "intro",
          "Intro",
          "1intro",
          "intro_x",
          "intro-2",
          "intro\n",
          "intro\r\n",
          "intro ",
          " intro",
          "ïntro",
          "intro\u2028",
          "in/tro",
          "-",
          "a-",
          "x".repeat(64),
          "x".repeat(65),
          "x".repeat(200),
          "x".repeat(201),
          "x".repeat(512),
          "x".repeat(513),
          "\uD83D\uDE00".repeat(64),
          "\uD83D\uDE00".repeat(65),
          "\uD83D\uDE00".repeat(200),
          "\uD83D\uDE00".repeat(201),
          "Europe/London",
          "Europe//London",
          "Europe/London/",
          "/Europe",
          "Mars/Olympus",
          "Etc/GMT+5",
          "Etc/GMT-14",
          "UTC",
          "GMT0",
          "EST5EDT",
          "Z",
          "+01:00",
          "europe/london",
          "America/Argentina/Buenos_Aires",
          "PHQ-9",
          "GAD-7",
          "WSAS",
          "phq-9",
          "PHQ9",
          "client",
          "service",
          "Client",
          "therapist",
          "session-attended",
          "mood-rated",
          "discharged",
          "Discharged",
          "\u0000",
          "a\u0001b");

  private static final List<String> NUMBERS =
      List.of(
          "0",
          "1",
          "-1",
          "-0",
          "2",
          "3",
          "8",
          "9",
          "10",
          "11",
          "27",
          "28",
          "1000",
          "1001",
          "999",
          "2147483647",
          "2147483648",
          "-2147483649",
          "12345678901234567890",
          "1".repeat(101),
          "1".repeat(100),
          "1.0",
          "1.5",
          "10.0",
          "1e0",
          "1E1",
          "1e3",
          "1e400",
          "1e-400",
          "2e3777777777777777777",
          "10e-1",
          "0.0",
          "-0.0",
          "3.000000000000000000001",
          "100E-2",
          "1" + "0".repeat(99) + "e-99",
          "0e5",
          "01",
          "007",
          "-01",
          "00",
          "1 0");

  private static final List<String> OTHER_VALUES =
      List.of(
          "\"1\"",
          "1",
          "1.5",
          "true",
          "false",
          "null",
          "{}",
          "[]",
          "[1]",
          "{\"a\":1}",
          "[null]",
          "[\"intro\"]",
          "\"\"");

  static Line mutate(Event event, Change change, SplittableRandom random) {
    ObjectNode o = json(event);
    List<String> keys = new ArrayList<>(o.propertyNames());
    String key = keys.get(random.nextInt(keys.size()));
    switch (change) {
      case NONE:
        return line(o.toString(), change, "as written", event);
      case REORDER_KEYS:
        {
          Collections.shuffle(keys, new java.util.Random(random.nextLong()));
          ObjectNode shuffled = NODES.objectNode();
          keys.forEach(k -> shuffled.set(k, o.get(k)));
          return line(shuffled.toString(), change, "keys " + keys, event);
        }
      case WHITE_SPACE:
        {
          String text = o.toString();
          String ws = pick(random, List.of(" ", "\t", "  ", " \t ", "\r", " \r\n"));
          String spaced =
              ws + text.replace(",\"", "," + ws + "\"").replace("\":", "\"" + ws + ":" + ws) + ws;
          return line(spaced, change, "white space", event);
        }
      case INTEGRAL_DECIMAL:
        {
          List<String> ints = new ArrayList<>();
          for (String k : keys) {
            if (o.get(k).isIntegralNumber()) {
              ints.add(k);
            }
          }
          if (ints.isEmpty()) {
            return line(o.toString(), change, "no integer to change", event);
          }
          String k = pick(random, ints);
          int n = o.get(k).asInt();
          String form =
              pick(random, List.of(n + ".0", n + "e0", n + "0e-1", n + ".000", n + "E+0"));
          return line(raw(o, k, form), change, k + " as " + form, event);
        }
      case DROP_KEY:
        o.remove(key);
        return line(o.toString(), change, "dropped " + key, event);
      case UNKNOWN_KEY:
        {
          String name = pick(random, UNKNOWN_KEYS);
          o.put(name, random.nextBoolean());
          return line(o.toString(), change, "added " + name, event);
        }
      case FOREIGN_KEY:
        {
          String name = pick(random, KNOWN_KEYS);
          if (o.has(name)) {
            name = pick(random, KNOWN_KEYS);
          }
          o.set(name, plausible(name, random));
          return line(o.toString(), change, "set " + name, event);
        }
      case DUPLICATE_KEY:
        {
          JsonNode value = random.nextBoolean() ? o.get(key) : plausible(key, random);
          String text = o.toString();
          String extra = "\"" + key + "\":" + value;
          String out =
              random.nextBoolean()
                  ? "{" + extra + "," + text.substring(1)
                  : text.substring(0, text.length() - 1) + "," + extra + "}";
          return line(out, change, "repeated " + key, event);
        }
      case WRONG_TYPE:
        {
          String value = pick(random, OTHER_VALUES);
          return line(raw(o, key, value), change, key + " = " + value, event);
        }
      case NUMBER_EDGE:
        {
          String k = pick(random, List.of("session", "value", "total", "items", key));
          String number = pick(random, NUMBERS);
          if (k.equals("items") && o.get("items") instanceof ArrayNode items) {
            int i = random.nextInt(items.size());
            items.set(i, NODES.numberNode(7_777_777));
            return line(
                o.toString().replace("7777777", number),
                change,
                "items/" + i + " = " + number,
                event);
          }
          return line(raw(o, k, number), change, k + " = " + number, event);
        }
      case INSTANT_EDGE:
        {
          String at = pick(random, INSTANTS);
          o.put("at", at);
          return line(o.toString(), change, "at " + at, event);
        }
      case LOCAL_EDGE:
        {
          String start = pick(random, LOCALS);
          o.put("start", start);
          return line(o.toString(), change, "start " + start, event);
        }
      case STRING_EDGE:
        {
          String k =
              pick(
                  random,
                  List.of(
                      "id",
                      "type",
                      "module",
                      "policy",
                      "reminder",
                      "instrument",
                      "zone",
                      "by",
                      "order",
                      key,
                      key));
          String s = pick(random, STRINGS);
          if (k.equals("order") && o.get("order") instanceof ArrayNode order) {
            order.set(random.nextInt(order.size()), NODES.stringNode(s));
          } else {
            o.put(k, s);
          }
          return line(o.toString(), change, k + " = " + MAPPER.writeValueAsString(s), event);
        }
      case WRONG_NESTING:
        {
          switch (random.nextInt(4)) {
            case 0:
              return line("[" + o + "]", change, "event in an array", event);
            case 1:
              return line("{\"event\":" + o + "}", change, "event in an object", event);
            case 2:
              return line(raw(o, key, "[" + o.get(key) + "]"), change, key + " in []", event);
            default:
              return line(raw(o, key, "{\"v\":" + o.get(key) + "}"), change, key + " in {}", event);
          }
        }
      case TRUNCATED:
        {
          String text = o.toString();
          int at = 1 + random.nextInt(text.length() - 1);
          return line(text.substring(0, at), change, "cut at " + at, event);
        }
      case TRAILING:
        {
          String tail =
              pick(random, List.of(" ", "\t", "\r", " {}", ",", "x", "}", " 1", "\u00a0"));
          return line(o + tail, change, "then " + MAPPER.writeValueAsString(tail), event);
        }
      case OTHER_TYPE:
        {
          EventType type = pick(random, List.of(EventType.values()));
          o.put("type", type.json());
          return line(o.toString(), change, "type " + type.json(), event);
        }
      case BYTES:
        {
          byte[] text = o.toString().getBytes(StandardCharsets.UTF_8);
          int at = random.nextInt(text.length + 1);
          byte[][] inserts = {
            {0},
            {(byte) 0xff},
            {(byte) 0xc3},
            {(byte) 0xc3, (byte) 0xa9},
            {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            {1},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xc0, (byte) 0xaf}
          };
          byte[] insert = inserts[random.nextInt(inserts.length)];
          byte[] out = new byte[text.length + insert.length];
          System.arraycopy(text, 0, out, 0, at);
          System.arraycopy(insert, 0, out, at, insert.length);
          System.arraycopy(text, at, out, at + insert.length, text.length - at);
          return new Line(out, change, insert.length + " bytes at " + at, event);
        }
      case MEASURE_EDGE:
        {
          o.put("type", "measure-recorded");
          o.put("instrument", pick(random, List.of("PHQ-9", "GAD-7", "WSAS")));
          int count = pick(random, List.of(4, 5, 6, 7, 8, 9, 10, 0, 41));
          switch (random.nextInt(4)) {
            case 0:
              o.remove("items");
              o.put("total", random.nextInt(30));
              break;
            case 1:
              items(o, count, random);
              o.remove("total");
              break;
            case 2:
              items(o, count, random);
              o.put("total", random.nextInt(30));
              break;
            default:
              o.remove("items");
              o.remove("total");
              break;
          }
          return line(o.toString(), change, "measure", event);
        }
      case ORDER_EDGE:
        {
          o.put("type", "modules-reordered");
          ArrayNode order = o.putArray("order");
          int count = pick(random, List.of(0, 1, 2, 200, 201));
          for (int i = 0; i < count; i++) {
            order.add("m" + i);
          }
          if (count > 1 && random.nextBoolean()) {
            order.set(count - 1, order.get(0));
          }
          return line(o.toString(), change, count + " in order", event);
        }
      case ESCAPED:
        {
          // The first character of a key or a string value written as a \\u escape: the same
          // JSON, which the parser reads and the scanner leaves to it.
          String text = o.toString();
          List<Integer> starts = new ArrayList<>();
          boolean inString = false;
          for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
              i++;
            } else if (c == '"') {
              inString = !inString;
              if (inString && i + 1 < text.length() && text.charAt(i + 1) != '"') {
                starts.add(i + 1);
              }
            }
          }
          int at = pick(random, starts);
          if (text.charAt(at) == '\\') {
            return line(text, change, "already escaped at " + at, event);
          }
          String escaped =
              text.substring(0, at)
                  + String.format("\\u%04x", (int) text.charAt(at))
                  + text.substring(at + 1);
          return line(escaped, change, "escaped at " + at, event);
        }
    }
    throw new AssertionError(change);
  }

  private static void items(ObjectNode o, int count, SplittableRandom random) {
    ArrayNode items = o.putArray("items");
    for (int i = 0; i < count; i++) {
      if (random.nextInt(10) == 0) {
        items.addNull();
      } else {
        items.add(random.nextInt(random.nextInt(10) == 0 ? 12 : 4));
      }
    }
  }

  /** A value that the schema accepts for a key. */
  private static JsonNode plausible(String key, SplittableRandom random) {
    switch (key) {
      case "session":
        return NODES.numberNode(1 + random.nextInt(12));
      case "value":
        return NODES.numberNode(1 + random.nextInt(10));
      case "total":
        return NODES.numberNode(random.nextInt(20));
      case "items":
        return NODES.arrayNode().add(1).add(2);
      case "order":
        return NODES.arrayNode().add("intro");
      case "start":
        return NODES.stringNode("2027-01-04T10:00");
      case "at":
        return NODES.stringNode("2027-01-04T10:50:00Z");
      case "by":
        return NODES.stringNode("client");
      case "zone":
        return NODES.stringNode("Europe/London");
      case "instrument":
        return NODES.stringNode("PHQ-9");
      case "type":
        return NODES.stringNode("discharged");
      default:
        return NODES.stringNode("intro");
    }
  }

  /** The line with one key's value replaced by raw JSON text. */
  private static String raw(ObjectNode o, String key, String json) {
    o.put(key, "\u0001placeholder\u0001");
    return o.toString().replace("\"\\u0001placeholder\\u0001\"", json);
  }

  private static Line line(String text, Change change, String how, Event from) {
    return new Line(text.getBytes(StandardCharsets.UTF_8), change, how, from);
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
