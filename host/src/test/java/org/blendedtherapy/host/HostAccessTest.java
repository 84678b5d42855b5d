package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every endpoint × every role × own / other client, and tokens that are missing, unknown or
 * expired: the status each must answer, checked through real HTTP.
 */
class HostAccessTest {
  private static final String OWN = "client-of-t1";
  private static final String WINDOW = "from=2027-01-06T00:00:00Z&to=2027-01-08T00:00:00Z";

  /** A caller: a token, and for therapists whether the client asked about is theirs. */
  private enum Who {
    SERVICE,
    THERAPIST_OWN,
    THERAPIST_OTHER,
    NOTIFIER,
    MISSING,
    UNKNOWN,
    EXPIRED
  }

  /** An endpoint and the status each caller must get. */
  private record Endpoint(String name, String method, String path, Map<Who, Integer> expected) {}

  private static Map<Who, Integer> statuses(
      int service, int own, int other, int notifier, int anonymous) {
    Map<Who, Integer> map = new LinkedHashMap<>();
    map.put(Who.SERVICE, service);
    map.put(Who.THERAPIST_OWN, own);
    map.put(Who.THERAPIST_OTHER, other);
    map.put(Who.NOTIFIER, notifier);
    map.put(Who.MISSING, anonymous);
    map.put(Who.UNKNOWN, anonymous);
    map.put(Who.EXPIRED, anonymous);
    return map;
  }

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("health", "GET", "/health", statuses(200, 200, 200, 200, 200)),
          new Endpoint(
              "put protocol",
              "PUT",
              "/protocols/e-compared-uk/1.0.0",
              statuses(200, 403, 403, 403, 401)),
          new Endpoint("put client", "PUT", "/clients/" + OWN, statuses(200, 403, 403, 403, 401)),
          new Endpoint(
              "put therapist",
              "PUT",
              "/clients/" + OWN + "/therapist",
              statuses(200, 403, 403, 403, 401)),
          new Endpoint(
              "append events",
              "POST",
              "/clients/" + OWN + "/events",
              statuses(200, 200, 404, 403, 401)),
          new Endpoint(
              "state",
              "GET",
              "/clients/" + OWN + "/state?at=2027-01-10T00:00:00Z",
              statuses(200, 200, 404, 403, 401)),
          new Endpoint(
              "reminders",
              "GET",
              "/clients/" + OWN + "/reminders?" + WINDOW,
              statuses(200, 200, 404, 403, 401)),
          new Endpoint(
              "briefing",
              "GET",
              "/clients/" + OWN + "/briefing",
              statuses(200, 200, 404, 403, 401)),
          new Endpoint("due", "GET", "/due?" + WINDOW, statuses(200, 403, 403, 200, 401)));

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyEndpoint_everyRole_ownAndOtherClient(Backend backend, @TempDir Path dir)
      throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      host.putProtocol();
      host.enrol(OWN);
      host.assign(OWN, "t1");
      AtomicInteger ids = new AtomicInteger();
      List<String> wrong = new ArrayList<>();
      int cells = 0;
      for (Endpoint endpoint : ENDPOINTS) {
        for (Map.Entry<Who, Integer> cell : endpoint.expected().entrySet()) {
          HttpResponse<String> response =
              host.send(
                  endpoint.method(),
                  endpoint.path(),
                  token(host, cell.getKey()),
                  body(endpoint, ids.incrementAndGet()));
          cells++;
          if (response.statusCode() != cell.getValue()) {
            wrong.add(
                endpoint.name()
                    + " as "
                    + cell.getKey()
                    + ": expected "
                    + cell.getValue()
                    + ", got "
                    + response.statusCode()
                    + " "
                    + response.body());
          }
          if (response.statusCode() == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(TestHost.json(response).get("code").asString()).isEqualTo("unauthorized");
          }
        }
      }
      assertThat(wrong).isEmpty();
      assertThat(cells).isEqualTo(ENDPOINTS.size() * Who.values().length);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anotherTherapistsClient_looksExactlyLikeNoClient(Backend backend, @TempDir Path dir)
      throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      host.putProtocol();
      host.enrol(OWN);
      host.assign(OWN, "t1");
      for (String tail : List.of("/state", "/briefing", "/reminders?" + WINDOW)) {
        HttpResponse<String> other = host.get("/clients/" + OWN + tail, host.therapist2);
        HttpResponse<String> none = host.get("/clients/no-such-client" + tail, host.therapist2);
        HttpResponse<String> serviceNone = host.get("/clients/no-such-client" + tail, host.service);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(serviceNone.statusCode()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(none.body());
      }
      // Taken off t1's caseload and put on t2's: the caseloads follow.
      host.assign(OWN, "t2");
      assertThat(host.get("/clients/" + OWN + "/state", host.therapist1).statusCode())
          .isEqualTo(404);
      assertThat(host.get("/clients/" + OWN + "/state", host.therapist2).statusCode())
          .isEqualTo(200);
      // Taken off every caseload: no therapist sees the client, the service still does.
      assertThat(
              host.put("/clients/" + OWN + "/therapist", host.service, "{\"therapist\":null}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(host.get("/clients/" + OWN + "/state", host.therapist2).statusCode())
          .isEqualTo(404);
      assertThat(host.get("/clients/" + OWN + "/state", host.service).statusCode()).isEqualTo(200);
      assertThat(
              host.put("/clients/" + OWN + "/therapist", host.service, "{\"therapist\":17}")
                  .statusCode())
          .isEqualTo(400);
      // A token that expires in the future works until then.
      String soon = host.token(Role.SERVICE, null, TestHost.NOW.plusSeconds(60));
      assertThat(host.get("/clients/" + OWN + "/state", soon).statusCode()).isEqualTo(200);
      host.clock.set(TestHost.NOW.plusSeconds(60));
      assertThat(host.get("/clients/" + OWN + "/state", soon).statusCode()).isEqualTo(401);
    }
  }

  private static String token(TestHost host, Who who) {
    return switch (who) {
      case SERVICE -> host.service;
      case THERAPIST_OWN -> host.therapist1;
      case THERAPIST_OTHER -> host.therapist2;
      case NOTIFIER -> host.notifier;
      case MISSING -> null;
      case UNKNOWN -> Tokens.create();
      case EXPIRED -> host.expired;
    };
  }

  private static String body(Endpoint endpoint, int id) throws Exception {
    return switch (endpoint.name()) {
      case "put protocol" -> Files.readString(TestHost.PROTOCOL);
      case "put client" -> TestHost.enrolment(OWN);
      case "put therapist" -> "{\"therapist\":\"t1\"}";
      case "append events" ->
          "{\"id\":\"access-"
              + id
              + "\",\"type\":\"mood-rated\",\"at\":\"2027-01-06T10:05:00Z\",\"value\":5}\n";
      default -> null;
    };
  }
}
