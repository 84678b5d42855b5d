package org.blendedtherapy.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.Rule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies one mutation to the canonical JSON tree of a valid protocol. Not API. */
final class Mutator {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Keys no schema object knows; two need escaping in a pointer. */
  static final List<String> UNKNOWN_KEYS = List.of("foo", "x-extra", "Title", "a/b", "m~n", "");

  private record Bounds(Pattern pointer, long min, long max) {}

  private static final List<Bounds> BOUNDS =
      List.of(
          bounds("/modules/\\d+/estimatedMinutes", 1, 6000),
          bounds("/sessionPlan/sessions", 1, 200),
          bounds("/sessionPlan/durationMinutes/[a-z-]+/(min|max)", 1, 1440),
          bounds("/reminderLimits/maxPerDay", 1, 48),
          bounds("/reminderLimits/backoff/afterIgnored", 1, 100),
          bounds("/tailoring/sessions/(min|max)", 1, 200),
          bounds("/reminders/\\d+/everyDays/days", 1, 366),
          bounds("/modules/\\d+/unlock(/.*)?/sessionsAttended/atLeast", 1, 1000),
          bounds("/modules/\\d+/unlock(/.*)?/daysSinceStart/atLeast", 0, 3660),
          bounds("/modules/\\d+/unlock(/.*)?/measure/(atLeast|atMost)", 0, 1000),
          bounds("/modules/\\d+/unlock(/.*)?/measure/(changeAtLeast|changeAtMost)", -1000, 1000));

  private static Bounds bounds(String regex, long min, long max) {
    return new Bounds(Pattern.compile(regex), min, max);
  }

  private Mutator() {}

  /**
   * Applies a mutation; {@code pick} chooses among the places it can apply, {@code variant} among
   * the ways to apply it there.
   */
  static Mutant mutate(Protocol protocol, Mutant.Mutation mutation, int pick, int variant) {
    ObjectNode root = (ObjectNode) MAPPER.readTree(ProtocolJson.canonical(protocol));
    String[] result =
        switch (mutation) {
          case DANGLING_REFERENCE -> dangling(root, pick);
          case CYCLE -> cycle(root, pick);
          case DUPLICATE_ID -> duplicate(root, pick);
          case UNKNOWN_KEY -> unknownKey(root, pick, variant);
          case OUT_OF_RANGE -> outOfRange(root, pick, variant);
        };
    return new Mutant(mutation, result[0], result[1], MAPPER.writeValueAsString(root), protocol);
  }

  private static ArrayNode modules(ObjectNode root) {
    return (ArrayNode) root.get("modules");
  }

  private static String key(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** A module reference leaf: the rule object holding it and its pointer. */
  private record Ref(ObjectNode rule, String key, String pointer) {}

  private static void refs(JsonNode rule, String pointer, List<Ref> into) {
    if (!(rule instanceof ObjectNode object) || object.size() != 1) {
      return;
    }
    String kind = object.propertyNames().iterator().next();
    JsonNode value = object.get(kind);
    String here = key(pointer, kind);
    Optional<Rule.Kind> known = Rule.Kind.fromJson(kind);
    if (known.isEmpty()) {
      return;
    }
    boolean namesModules =
        switch (known.get()) {
          case MODULE_COMPLETED, MODULE_STARTED -> into.add(new Ref(object, kind, here));
          case ALL_OF, ANY_OF -> {
            for (int i = 0; i < value.size(); i++) {
              refs(value.get(i), here + "/" + i, into);
            }
            yield true;
          }
          case NOT -> {
            refs(value, here, into);
            yield true;
          }
          // Other leaves name no module.
          case SESSIONS_ATTENDED, DAYS_SINCE_START, MEASURE, THERAPIST_RELEASE -> false;
        };
  }

  private static Set<String> ids(ObjectNode root) {
    Set<String> ids = new LinkedHashSet<>();
    modules(root).forEach(m -> ids.add(m.get("id").asString()));
    return ids;
  }

  private static String[] dangling(ObjectNode root, int pick) {
    Set<String> ids = ids(root);
    String missing = "no-such-module";
    while (ids.contains(missing)) {
      missing = missing + "-x";
    }
    ArrayNode modules = modules(root);
    List<Ref> refs = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      JsonNode unlock = modules.get(i).get("unlock");
      if (unlock != null) {
        refs(unlock, "/modules/" + i + "/unlock", refs);
      }
    }
    int places = refs.size() + modules.size();
    int chosen = Math.floorMod(pick, places);
    if (chosen < refs.size()) {
      Ref ref = refs.get(chosen);
      ref.rule().put(ref.key(), missing);
      return new String[] {ref.pointer(), "renamed the reference to \"" + missing + "\""};
    }
    int m = chosen - refs.size();
    ObjectNode module = (ObjectNode) modules.get(m);
    module.putObject("unlock").put("moduleCompleted", missing);
    return new String[] {
      "/modules/" + m + "/unlock/moduleCompleted",
      "set the unlock of /modules/" + m + " to moduleCompleted \"" + missing + "\""
    };
  }

  /** Modules each module's unlock names, by index. */
  private static List<Set<Integer>> edges(ObjectNode root) {
    ArrayNode modules = modules(root);
    List<String> ids = new ArrayList<>(ids(root));
    List<Set<Integer>> edges = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      Set<Integer> targets = new HashSet<>();
      JsonNode unlock = modules.get(i).get("unlock");
      if (unlock != null) {
        List<Ref> refs = new ArrayList<>();
        refs(unlock, "", refs);
        refs.forEach(r -> targets.add(ids.indexOf(r.rule().get(r.key()).asString())));
      }
      edges.add(targets);
    }
    return edges;
  }

  private static boolean reaches(List<Set<Integer>> edges, int from, int to) {
    Set<Integer> seen = new HashSet<>();
    List<Integer> stack = new ArrayList<>(List.of(from));
    while (!stack.isEmpty()) {
      int node = stack.remove(stack.size() - 1);
      if (node == to) {
        return true;
      }
      if (seen.add(node)) {
        stack.addAll(edges.get(node));
      }
    }
    return false;
  }

  private static String[] cycle(ObjectNode root, int pick) {
    ArrayNode modules = modules(root);
    List<Set<Integer>> edges = edges(root);
    List<int[]> pairs = new ArrayList<>();
    for (int j = 0; j < modules.size(); j++) {
      for (int i = 0; i < j; i++) {
        if (reaches(edges, j, i)) {
          pairs.add(new int[] {i, j});
        }
      }
    }
    String change;
    int i;
    if (!pairs.isEmpty()) {
      int[] pair = pairs.get(Math.floorMod(pick, pairs.size()));
      i = pair[0];
      String later = modules.get(pair[1]).get("id").asString();
      ((ObjectNode) modules.get(i)).putObject("unlock").put("moduleCompleted", later);
      change = "made /modules/" + i + " require \"" + later + "\", which already requires it";
    } else if (modules.size() == 1) {
      i = 0;
      String self = modules.get(0).get("id").asString();
      ((ObjectNode) modules.get(0)).putObject("unlock").put("moduleCompleted", self);
      change = "made the only module require itself";
    } else {
      i = 0;
      String first = modules.get(0).get("id").asString();
      String second = modules.get(1).get("id").asString();
      ((ObjectNode) modules.get(1)).putObject("unlock").put("moduleCompleted", first);
      ((ObjectNode) modules.get(0)).putObject("unlock").put("moduleCompleted", second);
      change = "made \"" + first + "\" and \"" + second + "\" require each other";
    }
    return new String[] {"/modules/" + i + "/unlock", change};
  }

  private static String[] duplicate(ObjectNode root, int pick) {
    ArrayNode modules = modules(root);
    if (modules.size() == 1) {
      modules.add(modules.get(0).deepCopy());
      return new String[] {"/modules/1/id", "appended a copy of /modules/0"};
    }
    List<int[]> pairs = new ArrayList<>();
    for (int j = 1; j < modules.size(); j++) {
      for (int i = 0; i < j; i++) {
        pairs.add(new int[] {i, j});
      }
    }
    int[] pair = pairs.get(Math.floorMod(pick, pairs.size()));
    String id = modules.get(pair[0]).get("id").asString();
    ((ObjectNode) modules.get(pair[1])).put("id", id);
    return new String[] {
      "/modules/" + pair[1] + "/id", "renamed /modules/" + pair[1] + " to \"" + id + "\""
    };
  }

  private static void objects(
      JsonNode node, String pointer, List<Map.Entry<String, ObjectNode>> into) {
    if (node instanceof ObjectNode object) {
      into.add(Map.entry(pointer, object));
      for (String name : new ArrayList<>(object.propertyNames())) {
        objects(object.get(name), key(pointer, name), into);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        objects(array.get(i), pointer + "/" + i, into);
      }
    }
  }

  private static String[] unknownKey(ObjectNode root, int pick, int variant) {
    List<Map.Entry<String, ObjectNode>> objects = new ArrayList<>();
    objects(root, "", objects);
    Map.Entry<String, ObjectNode> target = objects.get(Math.floorMod(pick, objects.size()));
    String name = UNKNOWN_KEYS.get(Math.floorMod(variant, UNKNOWN_KEYS.size()));
    target.getValue().put(name, true);
    String pointer = key(target.getKey(), name);
    return new String[] {pointer, "added key \"" + name + "\""};
  }

  private static void integers(
      JsonNode node, String pointer, List<Map.Entry<String, JsonNode>> into) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        integers(object.get(name), key(pointer, name), into);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        integers(array.get(i), pointer + "/" + i, into);
      }
    } else if (node.isIntegralNumber()) {
      into.add(Map.entry(pointer, node));
    }
  }

  private static String[] outOfRange(ObjectNode root, int pick, int variant) {
    List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
    integers(root, "", all);
    List<Map.Entry<String, Bounds>> places = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : all) {
      for (Bounds b : BOUNDS) {
        if (b.pointer().matcher(entry.getKey()).matches()) {
          places.add(Map.entry(entry.getKey(), b));
          break;
        }
      }
    }
    Map.Entry<String, Bounds> place = places.get(Math.floorMod(pick, places.size()));
    long value;
    switch (Math.floorMod(variant, 4)) {
      case 0 -> value = place.getValue().min() - 1;
      case 1 -> value = place.getValue().max() + 1;
      case 2 -> value = place.getValue().min() - 1_000_000L;
      default -> value = place.getValue().max() + 1_000_000L;
    }
    String pointer = place.getKey();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    ((ObjectNode) parent).put(last, value);
    return new String[] {pointer, "set " + pointer + " to " + value};
  }
}
