package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.ProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A host running in this JVM on a loopback port over a fresh store, with one token of each kind,
 * and an HTTP client that speaks to it as any client would.
 */
final class TestHost implements AutoCloseable {
  static final Path REPOSITORY = repository();
  static final Path PROTOCOL = REPOSITORY.resolve("samples/protocols/e-compared-uk.json");
  static final Path AT_RISK = REPOSITORY.resolve("samples/clients/at-risk.enrolment.json");
  static final Path AT_RISK_EVENTS = REPOSITORY.resolve("samples/clients/at-risk.events.jsonl");
  static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

  final Backend backend;
  final Backend.Place place;
  final MutableClock clock = new MutableClock(NOW);
  final Host host;
  final Database database;
  final Store store;
  final String service;
  final String notifier;
  final String therapist1;
  final String therapist2;
  final String expired;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private TestHost(Backend backend, Path dir) throws Exception {
    this.backend = backend;
    this.place = backend.place(dir);
    this.database = place.open();
    this.store = new Store(database);
    this.service = token(Role.SERVICE, null, null);
    this.notifier = token(Role.NOTIFIER, null, null);
    this.therapist1 = token(Role.THERAPIST, "t1", null);
    this.therapist2 = token(Role.THERAPIST, "t2", null);
    this.expired = token(Role.SERVICE, null, NOW.minusSeconds(1));
    this.host = Host.start(database, "127.0.0.1", 0, 16, clock);
  }

  static TestHost start(Backend backend, Path dir) throws Exception {
    return new TestHost(backend, dir);
  }

  String token(Role role, String therapist, Instant expires) throws Exception {
    String token = Tokens.create();
    store.addToken(
        Tokens.hash(token), role, Optional.ofNullable(therapist), Optional.ofNullable(expires));
    return token;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + host.port() + path);
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return send("GET", path, token, null);
  }

  HttpResponse<String> put(String path, String token, String body)
      throws IOException, InterruptedException {
    return send("PUT", path, token, body);
  }

  HttpResponse<String> post(String path, String token, String body)
      throws IOException, InterruptedException {
    return send("POST", path, token, body);
  }

  /** Stores the sample protocol; answers its pinned form. */
  PinnedProtocol putProtocol() throws Exception {
    String document = Files.readString(PROTOCOL, StandardCharsets.UTF_8);
    HttpResponse<String> response = put("/protocols/e-compared-uk/1.0.0", service, document);
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return ProtocolJson.pin(ProtocolJson.read(document));
  }

  /** The at-risk sample's enrolment under another client reference. */
  static String enrolment(String ref) throws IOException {
    ObjectNode tree = (ObjectNode) Api.MAPPER.readTree(Files.readString(AT_RISK));
    tree.put("client", ref);
    return Api.MAPPER.writeValueAsString(tree);
  }

  static Enrolment enrolmentOf(String ref) throws IOException {
    return EnrolmentJson.read(enrolment(ref));
  }

  /** Enrols a client on the sample protocol (stored first) and returns its reference. */
  String enrol(String ref) throws Exception {
    HttpResponse<String> response = put("/clients/" + ref, service, enrolment(ref));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return ref;
  }

  void assign(String ref, String therapist) throws Exception {
    HttpResponse<String> response =
        put("/clients/" + ref + "/therapist", service, "{\"therapist\":\"" + therapist + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  static JsonNode json(HttpResponse<String> response) {
    return Api.MAPPER.readTree(response.body());
  }

  @Override
  public void close() {
    host.close();
  }

  private static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("samples/protocols"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the repository: no samples/protocols");
    }
    return dir;
  }
}
