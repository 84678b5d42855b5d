package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.blendedtherapy.schema.Schemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every assertion keyword the input schemas use has its own issue code and message in {@link
 * SchemaCheck}, so its fallback for an unknown keyword (a generic {@code wrong-form}) is never what
 * a user sees. A new keyword in a schema fails here until {@code SchemaCheck} names it.
 */
class SchemaKeywordsTest {
  /** The keywords {@code SchemaCheck.toIssue} has a case for. */
  private static final Set<String> MAPPED =
      Set.of(
          "type",
          "required",
          "additionalProperties",
          "minProperties",
          "maxProperties",
          "enum",
          "const",
          "pattern",
          "minimum",
          "maximum",
          "minItems",
          "maxItems",
          "minLength",
          "maxLength",
          "uniqueItems",
          "propertyNames");

  /** Keywords that only annotate, or apply subschemas whose own keywords report the failure. */
  private static final Set<String> SILENT =
      Set.of(
          "$schema",
          "$id",
          "$ref",
          "$defs",
          "$comment",
          "title",
          "description",
          "default",
          "examples",
          "properties",
          "items",
          "if",
          "then",
          "else",
          "allOf");

  @ParameterizedTest
  @ValueSource(strings = {"protocol.schema.json", "enrolment.schema.json", "event.schema.json"})
  void everyKeyword_hasItsOwnIssue(String name) {
    JsonNode schema = new ObjectMapper().readTree(Schemas.text(name));
    Set<String> keywords = new TreeSet<>();
    collect(schema, keywords);

    assertThat(keywords).contains("type", "required").isSubsetOf(union());
  }

  private static Set<String> union() {
    Set<String> all = new TreeSet<>(MAPPED);
    all.addAll(SILENT);
    return all;
  }

  /** Adds the keys of a schema object and of every subschema below it. */
  private static void collect(JsonNode schema, Set<String> keywords) {
    if (!schema.isObject()) {
      return;
    }
    for (String key : schema.propertyNames()) {
      keywords.add(key);
      JsonNode value = schema.get(key);
      switch (key) {
        case "properties", "$defs", "patternProperties", "dependentSchemas" ->
            value.forEach(child -> collect(child, keywords));
        case "allOf", "anyOf", "oneOf", "prefixItems" ->
            value.forEach(child -> collect(child, keywords));
        case "items",
            "not",
            "if",
            "then",
            "else",
            "additionalProperties",
            "propertyNames",
            "contains" ->
            collect(value, keywords);
        default -> {}
      }
    }
  }
}
