package org.blendedtherapy.json;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.internal.Pointers;
import org.blendedtherapy.schema.Schemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema layer: validates a tree against one of the bundled JSON Schemas and turns each failure
 * into an {@link Issue} with our own stable code and a message naming what was expected and what
 * was found. Nothing is ever fetched: every schema comes from the bundled resources.
 */
final class SchemaCheck {
  static final String RESOURCE_ROOT = "/org/blendedtherapy/schema/";

  private final JsonNode schemaTree;
  private final Schema schema;
  private final boolean quoteValues;

  private SchemaCheck(String resource, String id, boolean quoteValues) {
    // The validator's classes create loggers as they load.
    QuietSlf4j.beforeFirstLogger();
    String text = load(resource);
    ObjectMapper mapper = JsonMapper.builder(JsonInput.FACTORY).build();
    this.schemaTree = mapper.readTree(text);
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemas(Map.of(id, text))
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .locale(Locale.ROOT)
                            .build()));
    this.schema = registry.getSchema(SchemaLocation.of(id));
    this.schema.initializeValidators();
    this.quoteValues = quoteValues;
  }

  /** The protocol schema, loaded once and shared: validation is thread-safe. */
  static final class Protocol {
    static final SchemaCheck INSTANCE =
        new SchemaCheck(
            "protocol.schema.json", "https://blendedtherapy.org/schema/protocol/1", true);

    private Protocol() {}
  }

  /** The enrolment schema, loaded once and shared; messages never quote the enrolment's values. */
  static final class Enrolment {
    static final SchemaCheck INSTANCE =
        new SchemaCheck(
            "enrolment.schema.json", "https://blendedtherapy.org/schema/enrolment/1", false);

    private Enrolment() {}
  }

  /** The event schema, loaded once and shared; messages never quote the event's values. */
  static final class Event {
    static final SchemaCheck INSTANCE =
        new SchemaCheck("event.schema.json", "https://blendedtherapy.org/schema/event/1", false);

    private Event() {}
  }

  /** The migration schema, loaded once and shared; messages quote the document's ids. */
  static final class Migration {
    static final SchemaCheck INSTANCE =
        new SchemaCheck(
            "migration.schema.json", "https://blendedtherapy.org/schema/migration/1", true);

    private Migration() {}
  }

  private static String load(String resource) {
    return Schemas.text(resource);
  }

  List<Issue> check(JsonNode tree) {
    // The validator converts numbers beyond 64 bits with a conversion that throws, and its regular
    // expressions recurse once per repetition, so a long identifier overflows the stack. It sees
    // such numbers clamped (sign, and fraction or none, kept) and such strings cut to a length
    // still past every identifier's maxLength: every verdict of our schemas stays, and messages
    // describe the document's own node.
    JsonNode safe = withinLongRange(tree);
    List<Error> errors = schema.validate(safe);
    Set<Issue> issues = new LinkedHashSet<>();
    List<Issue> all = new ArrayList<>();
    Set<String> tooLong = new java.util.HashSet<>();
    for (Error error : errors) {
      Issue issue = toIssue(error, safe == tree ? null : tree);
      all.add(issue);
      if (issue.code() == IssueCode.TOO_LONG) {
        tooLong.add(issue.pointer());
      }
    }
    for (Issue issue : all) {
      // Where the validator saw a string cut and found it too long, only its length is known to
      // be wrong; what it said of the cut text's form is left out.
      if (safe != tree
          && issue.code() != IssueCode.TOO_LONG
          && tooLong.contains(issue.pointer())
          && wasCut(tree, issue.pointer())) {
        continue;
      }
      issues.add(issue);
    }
    return new ArrayList<>(issues);
  }

  /** The largest magnitude a clamped number gets: far beyond every bound in our schemas. */
  private static final java.math.BigDecimal CLAMP = java.math.BigDecimal.TEN.pow(18);

  /**
   * The most code points of a string, other than a title, description or reminder id, the validator
   * sees: more than the longest identifier, version, zone or time any of our schemas allows (256),
   * and few enough repetitions for any pattern to match without overflowing the stack.
   */
  static final int MAX_VALIDATED_STRING = 300;

  /**
   * The tree itself when every number fits in a long and every identifier-like string is short,
   * else a copy with such numbers clamped and such strings cut.
   */
  static JsonNode withinLongRange(JsonNode tree) {
    if (!hasHugeNumber(tree)) {
      return tree;
    }
    JsonNode copy = tree.deepCopy();
    clamp(copy);
    return copy;
  }

  private static boolean isHuge(JsonNode node) {
    if (node.isString()) {
      return isLong(node.asString());
    }
    return node.isNumber() && node.decimalValue().abs().compareTo(CLAMP) > 0;
  }

  private static boolean wasCut(JsonNode tree, String pointer) {
    JsonNode node = tree.at(pointer);
    return node.isString() && isLong(node.asString());
  }

  /** Longer than {@link #MAX_VALIDATED_STRING} in code points, as maxLength counts. */
  private static boolean isLong(String text) {
    return text.length() > MAX_VALIDATED_STRING
        && text.codePointCount(0, text.length()) > MAX_VALIDATED_STRING;
  }

  /**
   * Strings no pattern reads, whose lengths the validator must see whole: titles and descriptions
   * (up to 1,000 and 100,000) and an event's reminder id (up to 512).
   */
  private static boolean isFreeText(String key) {
    return key.equals("title") || key.equals("description") || key.equals("reminder");
  }

  private static boolean hasHugeNumber(JsonNode node) {
    if (isHuge(node)) {
      return true;
    }
    if (node.isObject()) {
      for (String name : node.propertyNames()) {
        JsonNode child = node.get(name);
        if (!(isFreeText(name) && child.isString()) && hasHugeNumber(child)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode child : node.values()) {
      if (hasHugeNumber(child)) {
        return true;
      }
    }
    return false;
  }

  private static void clamp(JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode object) {
      for (String name : new ArrayList<>(object.propertyNames())) {
        JsonNode child = object.get(name);
        if (isFreeText(name) && child.isString()) {
          continue;
        }
        if (isHuge(child)) {
          object.set(name, clamped(child));
        } else {
          clamp(child);
        }
      }
    } else if (node instanceof tools.jackson.databind.node.ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (isHuge(child)) {
          array.set(i, clamped(child));
        } else {
          clamp(child);
        }
      }
    }
  }

  private static JsonNode clamped(JsonNode number) {
    if (number.isString()) {
      String text = number.asString();
      return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(
          text.substring(0, text.offsetByCodePoints(0, MAX_VALIDATED_STRING)));
    }
    java.math.BigDecimal value = number.decimalValue();
    java.math.BigDecimal magnitude =
        value.stripTrailingZeros().scale() > 0
            ? CLAMP.add(java.math.BigDecimal.valueOf(5, 1))
            : CLAMP;
    return tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(
        value.signum() < 0 ? magnitude.negate() : magnitude);
  }

  /** How the schemas' patterns for plain text begin: a class of refused characters. */
  private static final String NO_CONTROLS = "^[^\\u0000-";

  private Issue toIssue(Error error, JsonNode original) {
    String pointer = pointer(error.getInstanceLocation());
    JsonNode instance =
        original == null ? error.getInstanceNode() : original.at(pointer.isEmpty() ? "" : pointer);
    JsonNode owner = schemaOwner(error.getSchemaLocation().getFragment());
    String keyword = String.valueOf(error.getKeyword());
    switch (keyword) {
      case "type":
        return Issue.error(
            IssueCode.WRONG_TYPE,
            pointer,
            typeName(instance)
                + quotedScalar(instance)
                + " found, "
                + expectedType(owner.get("type"))
                + " expected");
      case "required":
        return Issue.error(
            IssueCode.MISSING_KEY,
            pointer,
            "missing key \""
                + error.getProperty()
                + "\" (required here: "
                + String.join(", ", names(owner.path("required")))
                + ")");
      case "additionalProperties":
        return Issue.error(
            IssueCode.UNKNOWN_KEY,
            Pointers.key(pointer, String.valueOf(error.getProperty())),
            "unknown key"
                + (quoteValues ? " \"" + error.getProperty() + "\"" : "")
                + (keys(owner).isEmpty()
                    ? " (expected no keys)"
                    : " (expected one of: " + String.join(", ", keys(owner)) + ")"));
      case "minProperties":
      case "maxProperties":
        return propertyCount(pointer, instance, owner);
      case "enum":
      case "const":
        return Issue.error(
            IssueCode.NOT_ALLOWED,
            pointer,
            "expected " + allowed(owner) + ", found " + found(instance));
      case "pattern":
        if (owner.path("pattern").asString("").startsWith(NO_CONTROLS)) {
          // Never quoted: the value holds the very characters that could rewrite a terminal.
          return Issue.error(
              IssueCode.WRONG_FORM,
              pointer,
              "expected text without control characters (U+0000 to U+001F, U+007F to U+009F"
                  + (owner.path("pattern").asString("").contains("\\u0008")
                      ? "; tabs and line ends allowed"
                      : "")
                  + ") or bidirectional controls (U+202A to U+202E, U+2066 to U+2069), found a"
                  + " string holding one");
        }
        return Issue.error(
            IssueCode.WRONG_FORM,
            pointer,
            "expected "
                + describe(owner, "a value of the documented form")
                + ", found "
                + found(instance));
      case "minimum":
        return Issue.error(
            IssueCode.OUT_OF_RANGE,
            pointer,
            "expected at least " + owner.get("minimum") + foundNumber(instance));
      case "maximum":
        return Issue.error(
            IssueCode.OUT_OF_RANGE,
            pointer,
            "expected at most " + owner.get("maximum") + foundNumber(instance));
      case "minItems":
        return Issue.error(
            IssueCode.TOO_FEW,
            pointer,
            "expected at least "
                + plural(owner.get("minItems").asInt(), "item")
                + ", found "
                + instance.size());
      case "maxItems":
        return Issue.error(
            IssueCode.TOO_MANY,
            pointer,
            "expected at most "
                + plural(owner.get("maxItems").asInt(), "item")
                + ", found "
                + instance.size());
      case "minLength":
        return Issue.error(
            IssueCode.TOO_SHORT,
            pointer,
            "expected at least "
                + plural(owner.get("minLength").asInt(), "character")
                + ", found "
                + instance.asString().codePointCount(0, instance.asString().length()));
      case "maxLength":
        return Issue.error(
            IssueCode.TOO_LONG,
            pointer,
            "expected at most "
                + plural(owner.get("maxLength").asInt(), "character")
                + ", found "
                + instance.asString().codePointCount(0, instance.asString().length()));
      case "uniqueItems":
        return repeated(pointer, instance);
      case "propertyNames":
        return Issue.error(
            IssueCode.WRONG_FORM,
            pointer,
            "expected every key to be an id (lowercase letters, digits and hyphens, starting with a"
                + " letter), found a key that is not");
      default:
        // Unreachable with the bundled input schemas (SchemaKeywordsTest): every keyword they use
        // has its own case above.
        return Issue.error(
            IssueCode.WRONG_FORM,
            pointer,
            "does not satisfy the schema keyword \"" + keyword + "\"");
    }
  }

  private Issue propertyCount(String pointer, JsonNode instance, JsonNode owner) {
    List<String> keys = keys(owner);
    List<String> present = new ArrayList<>();
    instance.propertyNames().forEach(present::add);
    int min = owner.path("minProperties").asInt(0);
    int max = owner.path("maxProperties").asInt(Integer.MAX_VALUE);
    String found =
        present.isEmpty()
            ? "none"
            : present.size() + (quoteValues ? ": " + String.join(", ", present) : "");
    if (max == 0) {
      return Issue.error(IssueCode.ONE_KEY, pointer, "expected an empty object, found " + found);
    }
    if (min == 1 && max == 1) {
      return Issue.error(
          IssueCode.ONE_KEY,
          pointer,
          "expected exactly one key of: " + String.join(", ", keys) + "; found " + found);
    }
    String range = max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
    if (keys.isEmpty()) {
      // A map (ids to values): its own keys are the data; the count says it.
      return Issue.error(
          IssueCode.KEY_COUNT, pointer, "expected " + range + " keys, found " + present.size());
    }
    return Issue.error(
        IssueCode.KEY_COUNT,
        pointer,
        "expected " + range + " keys of: " + String.join(", ", keys) + "; found " + found);
  }

  private Issue repeated(String pointer, JsonNode array) {
    for (int i = 1; i < array.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (array.get(i).equals(array.get(j))) {
          return Issue.error(
              IssueCode.REPEATED_ITEM,
              Pointers.index(pointer, i),
              (quoteValues ? array.get(i) + " " : "")
                  + "repeats item "
                  + j
                  + "; expected no repeated items");
        }
      }
    }
    return Issue.error(IssueCode.REPEATED_ITEM, pointer, "expected no repeated items");
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asString()));
    return names;
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** Finds the schema object that holds the failing keyword, following the error's location. */
  private JsonNode schemaOwner(NodePath fragment) {
    JsonNode node = schemaTree;
    int last = fragment.getNameCount() - 1;
    for (int i = 0; i < last; i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer n ? node.path(n) : node.path(String.valueOf(element));
    }
    return node;
  }

  private static List<String> keys(JsonNode owner) {
    List<String> keys = new ArrayList<>();
    owner.path("properties").propertyNames().forEach(keys::add);
    return keys;
  }

  private static String describe(JsonNode owner, String fallback) {
    String description = owner.path("title").asString(owner.path("description").asString(""));
    if (description.isEmpty()) {
      return fallback;
    }
    String trimmed =
        description.endsWith(".")
            ? description.substring(0, description.length() - 1)
            : description;
    return Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
  }

  private String allowed(JsonNode owner) {
    if (owner.has("const")) {
      return owner.get("const").toString();
    }
    List<String> values = new ArrayList<>();
    for (Iterator<JsonNode> it = owner.path("enum").iterator(); it.hasNext(); ) {
      values.add(it.next().toString());
    }
    return "one of " + String.join(", ", values);
  }

  private String found(JsonNode instance) {
    if (quoteValues && instance.isString()) {
      String text = instance.asString();
      return text.length() > 80
          ? instance.toString().substring(0, 80) + "...\""
          : instance.toString();
    }
    if (quoteValues && (instance.isNumber() || instance.isBoolean() || instance.isNull())) {
      return instance.toString();
    }
    return "a " + typeName(instance);
  }

  /**
   * The protocol's own scalar value after its type, such as {@code "14"} in {@code string "14"
   * found}; nothing for enrolments and events, arrays and objects.
   */
  private String quotedScalar(JsonNode instance) {
    if (!quoteValues || instance.isContainer()) {
      return "";
    }
    String found = found(instance);
    return found.startsWith("a ") ? "" : " " + found;
  }

  private String foundNumber(JsonNode instance) {
    return quoteValues ? ", found " + instance : "";
  }

  private static String expectedType(JsonNode type) {
    if (type == null) {
      return "another type";
    }
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(t.asString()));
      return String.join(" or ", names);
    }
    return type.asString();
  }

  static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isString()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isNull()) {
      return "null";
    }
    return node.isArray() ? "array" : "object";
  }

  static String pointer(NodePath path) {
    String pointer = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer =
          element instanceof Integer n
              ? Pointers.index(pointer, n)
              : Pointers.key(pointer, String.valueOf(element));
    }
    return pointer;
  }
}
