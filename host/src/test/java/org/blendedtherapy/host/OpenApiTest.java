package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the running service: every documented operation answers, with a
 * valid request and without a token, a status the document lists for it, in the documented media
 * type, with the documented required keys; and nothing undocumented answers.
 */
class OpenApiTest {
  private static final String CLIENT = "sample-at-risk-0001";
  private static final String WINDOW = "from=2027-01-06T00:00:00Z&to=2027-01-08T00:00:00Z";

  /** A valid request for each documented operation, by operationId. */
  private record Call(String path, String body) {}

  private static Map<String, Call> calls() throws Exception {
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("health", new Call("/health", null));
    calls.put("openapi", new Call("/openapi.json", null));
    calls.put(
        "putProtocol",
        new Call("/protocols/e-compared-uk/1.0.0", Files.readString(TestHost.PROTOCOL)));
    calls.put("putClient", new Call("/clients/" + CLIENT, TestHost.enrolment(CLIENT)));
    calls.put(
        "putTherapist", new Call("/clients/" + CLIENT + "/therapist", "{\"therapist\":\"t1\"}"));
    calls.put(
        "appendEvents",
        new Call("/clients/" + CLIENT + "/events", Files.readString(TestHost.AT_RISK_EVENTS)));
    calls.put("state", new Call("/clients/" + CLIENT + "/state?at=2027-01-10T00:00:00Z", null));
    calls.put("reminders", new Call("/clients/" + CLIENT + "/reminders?" + WINDOW, null));
    calls.put("briefing", new Call("/clients/" + CLIENT + "/briefing", null));
    calls.put("due", new Call("/due?" + WINDOW, null));
    return calls;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyDocumentedOperation_answersAsDocumented(Backend backend, @TempDir Path dir)
      throws Exception {
    JsonNode spec;
    try (InputStream in = Api.class.getResourceAsStream("/openapi.json")) {
      spec = Api.MAPPER.readTree(in.readAllBytes());
    }
    Map<String, Call> calls = calls();
    List<String> wrong = new ArrayList<>();
    try (TestHost host = TestHost.start(backend, dir)) {
      HttpResponse<String> served = host.get("/openapi.json", null);
      assertThat(Api.MAPPER.readTree(served.body())).isEqualTo(spec);

      int operations = 0;
      for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
        for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
          JsonNode operation = method.getValue();
          String id = operation.get("operationId").asString();
          Call call = calls.remove(id);
          assertThat(call).as("a call for %s", id).isNotNull();
          assertThat(call.path().replaceAll("\\?.*", ""))
              .as("%s's path", id)
              .matches(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
          operations++;
          HttpResponse<String> ok =
              host.send(
                  method.getKey().toUpperCase(java.util.Locale.ROOT),
                  call.path(),
                  host.service,
                  call.body());
          check(spec, id, operation, ok, wrong);
          boolean secured = !operation.has("security") || !operation.get("security").isEmpty();
          HttpResponse<String> anonymous =
              host.send(
                  method.getKey().toUpperCase(java.util.Locale.ROOT),
                  call.path(),
                  null,
                  call.body());
          if (secured) {
            if (anonymous.statusCode() != 401) {
              wrong.add(id + " without a token: " + anonymous.statusCode());
            }
          }
          check(spec, id, operation, anonymous, wrong);
          for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.get("in").asString().equals("query")
                && parameter.get("required").asBoolean()) {
              String name = parameter.get("name").asString();
              String without = call.path().replaceAll("([?&])" + name + "=[^&]*&?", "$1");
              HttpResponse<String> missing =
                  host.send(
                      method.getKey().toUpperCase(java.util.Locale.ROOT),
                      without,
                      host.service,
                      null);
              if (missing.statusCode() != 400) {
                wrong.add(id + " without " + name + ": " + missing.statusCode());
              }
              check(spec, id, operation, missing, wrong);
            }
          }
        }
      }
      assertThat(calls).as("calls for undocumented operations").isEmpty();
      assertThat(operations).isEqualTo(10);
      for (String undocumented :
          List.of("/", "/clients", "/protocols/e-compared-uk", "/clients/" + CLIENT + "/history")) {
        assertThat(host.get(undocumented, host.service).statusCode())
            .as(undocumented)
            .isEqualTo(404);
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static void check(
      JsonNode spec,
      String id,
      JsonNode operation,
      HttpResponse<String> response,
      List<String> wrong) {
    String status = String.valueOf(response.statusCode());
    JsonNode documented = operation.get("responses").get(status);
    if (documented == null) {
      wrong.add(id + ": status " + status + " is not documented: " + response.body());
      return;
    }
    documented = resolve(spec, documented);
    JsonNode content = documented.get("content");
    if (content == null) {
      return;
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    Map.Entry<String, JsonNode> media = content.properties().iterator().next();
    if (!type.startsWith(media.getKey())) {
      wrong.add(id + " " + status + ": content type " + type + ", documented " + media.getKey());
      return;
    }
    if (media.getKey().equals("application/json")) {
      JsonNode schema = resolve(spec, media.getValue().get("schema"));
      checkSchema(spec, id + " " + status, schema, Api.MAPPER.readTree(response.body()), wrong);
    }
  }

  private static void checkSchema(
      JsonNode spec, String where, JsonNode schema, JsonNode value, List<String> wrong) {
    schema = resolve(spec, schema);
    String type = schema.path("type").asString("");
    if (type.equals("object")) {
      if (!value.isObject()) {
        wrong.add(where + ": expected an object");
        return;
      }
      for (JsonNode key : schema.path("required")) {
        if (!value.has(key.asString())) {
          wrong.add(where + ": no required key " + key.asString());
        }
      }
      for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
        if (value.has(property.getKey()) && !value.get(property.getKey()).isNull()) {
          checkSchema(
              spec,
              where + "/" + property.getKey(),
              property.getValue(),
              value.get(property.getKey()),
              wrong);
        }
      }
    } else if (type.equals("array")) {
      if (!value.isArray()) {
        wrong.add(where + ": expected an array");
        return;
      }
      for (JsonNode item : value) {
        checkSchema(spec, where + "/item", schema.path("items"), item, wrong);
      }
    } else if (type.equals("string") && !value.isString()) {
      wrong.add(where + ": expected a string");
    } else if (type.equals("integer") && !value.isIntegralNumber()) {
      wrong.add(where + ": expected an integer");
    }
    if (schema.has("enum") && value.isString()) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.asString().equals(value.asString());
      }
      if (!listed) {
        wrong.add(where + ": " + value.asString() + " is not in the documented enum");
      }
    }
  }

  private static JsonNode resolve(JsonNode spec, JsonNode node) {
    while (node.has("$ref")) {
      String ref = node.get("$ref").asString();
      node = spec.at(ref.substring(1));
    }
    return node;
  }

  static String text(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
