package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.RemindersJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.testkit.LongHistories;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The API through real HTTP on a loopback port, on SQLite and on PostgreSQL. */
class HostApiTest {
  private static final String CLIENT = "sample-at-risk-0001";

  @ParameterizedTest
  @EnumSource(Backend.class)
  void health_answersWithoutAToken(Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      HttpResponse<String> response = host.get("/health", null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(TestHost.json(response).get("status").asString()).isEqualTo("up");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void protocol_isStoredOnce_andOtherContentUnderTheSameVersionIsAConflict(
      Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      String document = Files.readString(TestHost.PROTOCOL);
      String path = "/protocols/e-compared-uk/1.0.0";
      assertThat(host.put(path, host.service, document).statusCode()).isEqualTo(201);
      HttpResponse<String> again = host.put(path, host.service, document);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(TestHost.json(again).get("result").asString()).isEqualTo("unchanged");

      ObjectNode other = (ObjectNode) Api.MAPPER.readTree(document);
      other.put("title", "Another title under the same version");
      HttpResponse<String> conflict =
          host.put(path, host.service, Api.MAPPER.writeValueAsString(other));
      assertThat(conflict.statusCode()).isEqualTo(409);
      assertThat(TestHost.json(conflict).get("code").asString()).isEqualTo("protocol-conflict");

      HttpResponse<String> elsewhere =
          host.put("/protocols/e-compared-uk/9.9.9", host.service, document);
      assertThat(elsewhere.statusCode()).isEqualTo(400);
      assertThat(TestHost.json(elsewhere).get("code").asString()).isEqualTo("path-mismatch");

      other.remove("modules");
      HttpResponse<String> invalid =
          host.put(path, host.service, Api.MAPPER.writeValueAsString(other));
      assertThat(invalid.statusCode()).isEqualTo(400);
      JsonNode issues = TestHost.json(invalid).get("issues");
      assertThat(issues.size()).isPositive();
      assertThat(issues.get(0).get("code").asString()).isNotBlank();
      assertThat(issues.get(0).get("severity").asString()).isEqualTo("error");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void enrolment_refusesAPinThatMatchesNoStoredProtocol(Backend backend, @TempDir Path dir)
      throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      HttpResponse<String> early = host.put("/clients/c1", host.service, TestHost.enrolment("c1"));
      assertThat(early.statusCode()).isEqualTo(409);
      assertThat(TestHost.json(early).get("code").asString()).isEqualTo("unknown-protocol");

      host.putProtocol();
      ObjectNode wrongSha = (ObjectNode) Api.MAPPER.readTree(TestHost.enrolment("c1"));
      ((ObjectNode) wrongSha.get("protocol")).put("sha256", "0".repeat(64));
      HttpResponse<String> mismatch =
          host.put("/clients/c1", host.service, Api.MAPPER.writeValueAsString(wrongSha));
      assertThat(mismatch.statusCode()).isEqualTo(409);
      assertThat(TestHost.json(mismatch).get("code").asString()).isEqualTo("pin-mismatch");
      assertThat(TestHost.json(mismatch).get("issues").get(0).get("code").asString())
          .isEqualTo("pin-mismatch");

      HttpResponse<String> otherRef =
          host.put("/clients/c2", host.service, TestHost.enrolment("c1"));
      assertThat(otherRef.statusCode()).isEqualTo(400);

      assertThat(host.put("/clients/c1", host.service, TestHost.enrolment("c1")).statusCode())
          .isEqualTo(201);
      assertThat(host.put("/clients/c1", host.service, TestHost.enrolment("c1")).statusCode())
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void events_aRetryIsADuplicate_andOtherContentUnderAnIdStoresNothing(
      Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      PinnedProtocol pinned = host.putProtocol();
      host.enrol(CLIENT);
      String events = Files.readString(TestHost.AT_RISK_EVENTS);
      String path = "/clients/" + CLIENT + "/events";

      JsonNode first = TestHost.json(host.post(path, host.service, events));
      assertThat(first.get("stored").asInt()).isEqualTo(4);
      assertThat(first.get("lines").get(3).get("result").asString()).isEqualTo("stored");
      HttpResponse<String> retry = host.post(path, host.service, events);
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(TestHost.json(retry).get("duplicates").asInt()).isEqualTo(4);
      assertThat(TestHost.json(retry).get("stored").asInt()).isZero();

      Event fresh =
          EventsJson.readLine(
              "{\"id\":\"k-005\",\"type\":\"mood-rated\",\"at\":\"2027-01-06T10:05:00Z\",\"value\":4}");
      String changed = events.lines().findFirst().orElseThrow().replace("10:50", "10:51");
      HttpResponse<String> conflict =
          host.post(path, host.service, EventsJson.writeLine(fresh) + "\n" + changed + "\n");
      assertThat(conflict.statusCode()).isEqualTo(409);
      JsonNode body = TestHost.json(conflict);
      assertThat(body.get("code").asString()).isEqualTo("event-conflict");
      assertThat(body.get("lines").get(1).get("result").asString()).isEqualTo("conflict");
      assertThat(host.store.storedEvents(CLIENT).orElseThrow()).hasSize(4);

      HttpResponse<String> alone = host.post(path, host.service, EventsJson.writeLine(fresh));
      assertThat(TestHost.json(alone).get("stored").asInt()).isEqualTo(1);

      HttpResponse<String> invalid =
          host.post(path, host.service, "{\"id\":\"k-006\",\"type\":\"mood-rated\"}\n");
      assertThat(invalid.statusCode()).isEqualTo(400);
      assertThat(TestHost.json(invalid).get("lines").get(0).get("line").asInt()).isEqualTo(1);
      assertThat(TestHost.json(invalid).get("issues").get(0).get("code").asString()).isNotBlank();
      assertThat(host.store.storedEvents(CLIENT).orElseThrow()).hasSize(5);

      History all = EventsJson.read(events + EventsJson.writeLine(fresh) + "\n");
      assertState(host, pinned, CLIENT, all, Instant.parse("2027-01-12T00:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void stateAndReminders_areTheCliJson_andEventsOutOfOrderAreFoldedAgain(
      Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      PinnedProtocol pinned = host.putProtocol();
      host.enrol(CLIENT);
      Enrolment enrolment = TestHost.enrolmentOf(CLIENT);
      List<Event> events = LongHistories.of(pinned.protocol(), enrolment, 40, 7L);
      // The later half first: the earlier half then sorts before the snapshot's last event.
      String path = "/clients/" + CLIENT + "/events";
      assertThat(
              host.post(path, host.service, LongHistories.toJsonLines(events.subList(20, 40)))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              host.post(path, host.service, LongHistories.toJsonLines(events.subList(0, 20)))
                  .statusCode())
          .isEqualTo(200);
      History history = History.of(events);
      for (Instant at :
          List.of(
              Instant.parse("2027-01-03T00:00:00Z"),
              Instant.parse("2027-02-01T12:00:00Z"),
              Instant.parse("2027-06-01T00:00:00Z"))) {
        assertState(host, pinned, CLIENT, history, at);
      }
      Instant from = Instant.parse("2027-01-18T00:00:00Z");
      Instant to = Instant.parse("2027-01-25T00:00:00Z");
      HttpResponse<String> reminders =
          host.get("/clients/" + CLIENT + "/reminders?from=" + from + "&to=" + to, host.service);
      assertThat(reminders.statusCode()).isEqualTo(200);
      ReminderSchedule expected = ClientState.of(pinned, enrolment, history).reminders(from, to);
      assertThat(reminders.body()).isEqualTo(RemindersJson.write(expected) + "\n");

      HttpResponse<String> badQuery =
          host.get("/clients/" + CLIENT + "/reminders?from=yesterday&to=" + to, host.service);
      assertThat(badQuery.statusCode()).isEqualTo(400);
      assertThat(TestHost.json(badQuery).get("code").asString()).isEqualTo("bad-query");
      HttpResponse<String> tooLong =
          host.get("/due?from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z", host.service);
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(TestHost.json(tooLong).get("code").asString()).isEqualTo("window-too-long");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void due_listsEveryClientsRemindersOfTheWindow_asTheLibraryFoldsThem(
      Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      PinnedProtocol pinned = host.putProtocol();
      List<String> refs = List.of("due-a", "due-b", "due-c");
      List<History> histories = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        String ref = host.enrol(refs.get(i));
        List<Event> events =
            LongHistories.of(pinned.protocol(), TestHost.enrolmentOf(ref), 10 + 15 * i, i);
        histories.add(History.of(events));
        if (!events.isEmpty()) {
          host.post("/clients/" + ref + "/events", host.service, LongHistories.toJsonLines(events));
        }
      }
      Instant from = Instant.parse("2027-01-20T00:00:00Z");
      Instant to = Instant.parse("2027-01-22T00:00:00Z");
      HttpResponse<String> due = host.get("/due?from=" + from + "&to=" + to, host.notifier);
      assertThat(due.statusCode()).isEqualTo(200);
      assertThat(due.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/x-ndjson");
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        ReminderSchedule schedule =
            ClientState.of(pinned, TestHost.enrolmentOf(refs.get(i)), histories.get(i))
                .reminders(from, to);
        if (!schedule.reminders().isEmpty()) {
          ObjectNode line = Api.MAPPER.createObjectNode();
          line.put("client", refs.get(i));
          line.set(
              "reminders", Api.MAPPER.readTree(RemindersJson.write(schedule)).get("reminders"));
          expected.add(Api.MAPPER.writeValueAsString(line));
        }
      }
      assertThat(expected).as("the window has reminders to send").isNotEmpty();
      assertThat(due.body().lines().toList()).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentAppendsForOneClient_allLand_andTheStateIsTheFoldOfAll(
      Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      PinnedProtocol pinned = host.putProtocol();
      host.enrol(CLIENT);
      List<Event> events =
          LongHistories.of(pinned.protocol(), TestHost.enrolmentOf(CLIENT), 64, 11L);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> answers = new ArrayList<>();
        for (Event event : events) {
          answers.add(
              pool.submit(
                  () ->
                      host.post(
                              "/clients/" + CLIENT + "/events",
                              host.service,
                              EventsJson.writeLine(event))
                          .statusCode()));
        }
        for (Future<Integer> answer : answers) {
          assertThat(answer.get()).isEqualTo(200);
        }
      } finally {
        pool.shutdown();
      }
      assertThat(host.store.storedEvents(CLIENT).orElseThrow()).hasSize(64);
      assertState(host, pinned, CLIENT, History.of(events), Instant.parse("2027-09-01T00:00:00Z"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anOversizedRequest_isRefusedBeforeItIsReadWhole(Backend backend, @TempDir Path dir)
      throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      host.putProtocol();
      host.enrol(CLIENT);
      // Declared far past the limits, only a few bytes sent: the answer comes all the same.
      assertThat(rawStatus(host, "PUT", "/protocols/p/1.0.0", 3L * 1024 * 1024 * 1024))
          .isEqualTo(413);
      assertThat(rawStatus(host, "POST", "/clients/" + CLIENT + "/events", 1L << 40))
          .isEqualTo(413);
      // Chunked, without a declared length: refused at the first line past 16 KiB.
      String longLine = "{\"id\":\"" + "x".repeat(EventsJson.MAX_LINE_BYTES) + "\"}\n";
      HttpResponse<String> line =
          host.post("/clients/" + CLIENT + "/events", host.service, longLine);
      assertThat(line.statusCode()).isEqualTo(413);
      assertThat(TestHost.json(line).get("code").asString()).isEqualTo("too-large");
      assertThat(host.store.storedEvents(CLIENT).orElseThrow()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailure_isA500WithAJsonBody_andItsLogLineNamesNoClientAndNoContent(
      Backend backend, @TempDir Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      host.putProtocol();
      String ref = "secret-ref-4711";
      host.enrol(ref);
      host.post(
          "/clients/" + ref + "/events", host.service, Files.readString(TestHost.AT_RISK_EVENTS));
      try (Connection c = host.database.source().getConnection();
          PreparedStatement corrupt =
              c.prepareStatement("UPDATE events SET line = ? WHERE client_ref = ?")) {
        corrupt.setString(1, "{\"id\":\"k-001\",\"note\":\"private-words\"}");
        corrupt.setString(2, ref);
        corrupt.executeUpdate();
      }
      PrintStream original = System.err;
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      HttpResponse<String> response;
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        response = host.get("/clients/" + ref + "/state", host.service);
      } finally {
        System.setErr(original);
      }
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(TestHost.json(response).get("code").asString()).isEqualTo("internal");
      assertThat(response.body()).doesNotContain("private-words");
      String logged = log.toString(StandardCharsets.UTF_8);
      assertThat(logged).contains("GET /clients/{ref}/state failed");
      assertThat(logged)
          .doesNotContain(ref)
          .doesNotContain("private-words")
          .doesNotContain("k-001");
    }
  }

  /** Sends only the head and 1 KiB of a request declared {@code length} bytes long. */
  private static int rawStatus(TestHost host, String method, String path, long length)
      throws Exception {
    try (Socket socket = new Socket("127.0.0.1", host.host.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + host.service
              + "\r\nContent-Length: "
              + length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]);
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  static void assertState(
      TestHost host, PinnedProtocol pinned, String ref, History history, Instant at)
      throws Exception {
    HttpResponse<String> state = host.get("/clients/" + ref + "/state?at=" + at, host.service);
    assertThat(state.statusCode()).isEqualTo(200);
    String expected =
        StateJson.write(ClientState.of(pinned, TestHost.enrolmentOf(ref), history, at)) + "\n";
    assertThat(state.body()).isEqualTo(expected);
  }
}
