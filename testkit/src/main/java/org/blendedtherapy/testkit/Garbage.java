package org.blendedtherapy.testkit;

import static org.blendedtherapy.testkit.Gen.choose;
import static org.blendedtherapy.testkit.Gen.elements;
import static org.blendedtherapy.testkit.Gen.frequency;
import static org.blendedtherapy.testkit.Gen.listOf;
import static org.blendedtherapy.testkit.Gen.weighted;
import static org.blendedtherapy.testkit.Gen.zip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.blendedtherapy.json.ProtocolJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Generators of inputs that are mostly not valid protocols. Not API. */
final class Garbage {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** Keys and strings from the protocol vocabulary, so random values reach the later layers. */
  private static final List<String> WORDS =
      List.of(
          "id",
          "version",
          "title",
          "modules",
          "sessionPlan",
          "kind",
          "unlock",
          "allOf",
          "anyOf",
          "not",
          "moduleCompleted",
          "moduleStarted",
          "sessionsAttended",
          "daysSinceStart",
          "measure",
          "therapistRelease",
          "atLeast",
          "atMost",
          "instrument",
          "pattern",
          "cadence",
          "sessions",
          "durationMinutes",
          "min",
          "max",
          "reminders",
          "daily",
          "weekly",
          "everyDays",
          "before",
          "after",
          "at",
          "days",
          "optOut",
          "sessionTypes",
          "tailoring",
          "skip",
          "core",
          "optional",
          "face-to-face",
          "online",
          "video",
          "PHQ-9",
          "GAD-7",
          "WSAS",
          "P0D",
          "PT0M",
          "P1W",
          "P1DT2H",
          "P9999Y",
          "00:00",
          "23:59",
          "24:00",
          "MO",
          "SU",
          "1.0.0",
          "a",
          "",
          "\u0000",
          "\ud800",
          "😀",
          "$schema",
          "https://blendedtherapy.org/schema/protocol/1");

  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-0",
          "1",
          "-1",
          "7",
          "200",
          "1000",
          "1001",
          "3660",
          "2147483648",
          "9223372036854775808",
          "-9223372036854775809",
          "1e400",
          "-1e-400",
          "0.5",
          "1.0",
          "1E2",
          "123456789012345678901234567890");

  private Garbage() {}

  static Gen<byte[]> bytes() {
    return Gen.sized(size -> listOf(choose(-128, 127), 0, 4 * size + 1)).map(Garbage::toBytes);
  }

  private static byte[] toBytes(List<Integer> values) {
    byte[] out = new byte[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).byteValue();
    }
    return out;
  }

  /** JSON text, mostly well-formed, with vocabulary keys (repeats possible) and odd numbers. */
  static Gen<String> jsonText(int depth) {
    Gen<String> scalar =
        frequency(
            List.of(
                weighted(3, elements(WORDS).map(Describe::quote)),
                weighted(3, elements(NUMBERS)),
                weighted(1, elements("true", "false", "null"))));
    if (depth <= 0) {
      return scalar;
    }
    Gen<String> inner = (random, size) -> jsonText(depth - 1).generate(random, size);
    Gen<String> array = listOf(inner, 0, 4).map(items -> "[" + String.join(",", items) + "]");
    Gen<String> object =
        listOf(zip(elements(WORDS), inner, (k, v) -> Describe.quote(k) + ":" + v), 0, 4)
            .map(members -> "{" + String.join(",", members) + "}");
    return frequency(List.of(weighted(3, scalar), weighted(2, array), weighted(3, object)));
  }

  static Gen<byte[]> deepNesting() {
    return zip(
        choose(1, 100),
        Gen.booleans(),
        (depth, closed) ->
            ("[".repeat(depth) + (closed ? "]".repeat(depth) : ""))
                .getBytes(StandardCharsets.UTF_8));
  }

  static Gen<byte[]> validBytes() {
    return Protocols.valid().map(p -> ProtocolJson.canonical(p).getBytes(StandardCharsets.UTF_8));
  }

  static Gen<byte[]> truncations() {
    return validBytes().flatMap(b -> choose(0, b.length - 1).map(n -> Arrays.copyOf(b, n)));
  }

  static Gen<byte[]> corruptions() {
    return validBytes()
        .flatMap(
            b ->
                zip(
                    choose(0, b.length - 1),
                    choose(-128, 127),
                    (at, value) -> {
                      byte[] copy = b.clone();
                      copy[at] = value.byteValue();
                      return copy;
                    }));
  }

  /** A valid document with one node replaced by a random JSON value. */
  static Gen<byte[]> replacements() {
    return Protocols.valid()
        .flatMap(
            p ->
                zip(
                    choose(0, Integer.MAX_VALUE),
                    jsonText(2),
                    (pick, text) -> replace(ProtocolJson.canonical(p), pick, text)));
  }

  private static byte[] replace(String canonical, int pick, String replacementText) {
    ObjectNode root = (ObjectNode) MAPPER.readTree(canonical);
    JsonNode replacement;
    try {
      replacement = MAPPER.readTree(replacementText);
    } catch (JacksonException e) {
      // Texts with lone surrogates do not parse here; they are garbage of their own.
      return replacementText.getBytes(StandardCharsets.UTF_8);
    }
    List<Map.Entry<JsonNode, String>> places = new ArrayList<>();
    collect(root, places);
    Map.Entry<JsonNode, String> place = places.get(Math.floorMod(pick, places.size()));
    if (place.getKey() instanceof ObjectNode object) {
      object.set(place.getValue(), replacement);
    } else {
      ((ArrayNode) place.getKey()).set(Integer.parseInt(place.getValue()), replacement);
    }
    return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
  }

  private static void collect(JsonNode node, List<Map.Entry<JsonNode, String>> into) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        into.add(Map.entry(object, name));
        collect(object.get(name), into);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        into.add(Map.entry(array, Integer.toString(i)));
        collect(array.get(i), into);
      }
    }
  }

  static Gen<byte[]> any() {
    return frequency(
        List.of(
            weighted(2, bytes()),
            weighted(
                3,
                Gen.sized(size -> jsonText(1 + size / 25))
                    .map(t -> t.getBytes(StandardCharsets.UTF_8))),
            weighted(1, deepNesting()),
            weighted(2, truncations()),
            weighted(2, corruptions()),
            weighted(4, replacements())));
  }
}
