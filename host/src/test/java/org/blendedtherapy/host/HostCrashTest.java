package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.testkit.LongHistories;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The host as a separate process, killed with {@code kill -9} right after an acknowledgement while
 * four writers are appending: after a restart on the same database every acknowledged event is
 * there, the snapshots agree with the events, and resending everything stores the rest.
 */
class HostCrashTest {
  private static final int CLIENTS = 4;
  private static final int EVENTS = 150;
  private static final int KILL_AFTER = 200;
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  /** A host process and its address. */
  private record Server(Process process, URI address) {}

  @ParameterizedTest
  @EnumSource(Backend.class)
  void killMinus9AfterAcknowledgements_losesNothingAcknowledged(Backend backend, @TempDir Path dir)
      throws Exception {
    Backend.Place place = backend.place(dir);
    String token = Tokens.create();
    try (Database database = place.open()) {
      new Store(database)
          .addToken(Tokens.hash(token), Role.SERVICE, Optional.empty(), Optional.empty());
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    String protocol = Files.readString(TestHost.PROTOCOL);
    PinnedProtocol pinned = ProtocolJson.pin(ProtocolJson.read(protocol));
    Map<String, List<Event>> histories = new ConcurrentHashMap<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    Server first = start(place, dir.resolve("first.err"));
    try {
      assertThat(send(http, first, "PUT", "/protocols/e-compared-uk/1.0.0", token, protocol))
          .isEqualTo(201);
      for (int c = 0; c < CLIENTS; c++) {
        String ref = "crash-" + c;
        assertThat(send(http, first, "PUT", "/clients/" + ref, token, TestHost.enrolment(ref)))
            .isEqualTo(201);
        histories.put(
            ref, LongHistories.of(pinned.protocol(), TestHost.enrolmentOf(ref), EVENTS, 77L + c));
      }
      AtomicInteger acks = new AtomicInteger();
      ExecutorService writers = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (Map.Entry<String, List<Event>> client : histories.entrySet()) {
          done.add(
              writers.submit(
                  () -> {
                    for (Event event : client.getValue()) {
                      int status;
                      try {
                        status =
                            send(
                                http,
                                first,
                                "POST",
                                "/clients/" + client.getKey() + "/events",
                                token,
                                EventsJson.writeLine(event));
                      } catch (IOException e) {
                        return null; // the server is gone
                      }
                      assertThat(status).isEqualTo(200);
                      acknowledged.add(client.getKey() + "\n" + event.id());
                      if (acks.incrementAndGet() == KILL_AFTER) {
                        first.process().destroyForcibly(); // SIGKILL on Linux
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get(120, TimeUnit.SECONDS);
        }
      } finally {
        writers.shutdownNow();
      }
      assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
    } finally {
      first.process().destroyForcibly();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

    Server second = start(place, dir.resolve("second.err"));
    try {
      try (Database database = place.open()) {
        Store store = new Store(database);
        int stored = 0;
        for (Map.Entry<String, List<Event>> client : histories.entrySet()) {
          Map<String, String> lines = store.storedEvents(client.getKey()).orElseThrow();
          stored += lines.size();
          for (Event event : client.getValue()) {
            if (acknowledged.contains(client.getKey() + "\n" + event.id())) {
              assertThat(lines.get(event.id()))
                  .as("acknowledged event stored")
                  .isEqualTo(EventsJson.writeLine(event));
            }
          }
          // The snapshot committed with the events: the state from the service is the fold of
          // exactly what is stored.
          List<Event> kept =
              client.getValue().stream().filter(e -> lines.containsKey(e.id())).toList();
          Instant end = Instant.parse("2027-12-31T00:00:00Z");
          HttpResponse<String> state =
              http.send(
                  request(
                      second,
                      "GET",
                      "/clients/" + client.getKey() + "/state?at=" + end,
                      token,
                      null),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          assertThat(state.body())
              .isEqualTo(
                  StateJson.write(
                          ClientState.of(
                              pinned, TestHost.enrolmentOf(client.getKey()), History.of(kept), end))
                      + "\n");
        }
        System.out.printf(
            Locale.ROOT,
            "host crash %s: %d acknowledged before kill -9, %d stored after restart%n",
            backend.name().toLowerCase(Locale.ROOT),
            acknowledged.size(),
            stored);
        assertThat(stored).isGreaterThanOrEqualTo(acknowledged.size());
      }
      // Resending every event, as a client that lost its answers would: all land, none twice.
      for (Map.Entry<String, List<Event>> client : histories.entrySet()) {
        String log = LongHistories.toJsonLines(client.getValue());
        assertThat(
                send(http, second, "POST", "/clients/" + client.getKey() + "/events", token, log))
            .isEqualTo(200);
      }
      try (Database database = place.open()) {
        for (Map.Entry<String, List<Event>> client : histories.entrySet()) {
          assertThat(new Store(database).storedEvents(client.getKey()).orElseThrow())
              .hasSize(EVENTS);
        }
      }
    } finally {
      second.process().destroyForcibly();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Server start(Backend.Place place, Path stderr) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(HostMain.class.getName());
    command.add("serve");
    command.addAll(List.of(place.options()));
    command.addAll(List.of("--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().putAll(place.env());
    Process process = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      process.destroyForcibly();
      throw new AssertionError(
          "the host did not start: " + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    Matcher matcher = LISTENING.matcher(line);
    assertThat(matcher.find()).as(line).isTrue();
    return new Server(process, URI.create(matcher.group(1)));
  }

  private static HttpRequest request(
      Server server, String method, String path, String token, String body) {
    return HttpRequest.newBuilder(server.address().resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static int send(
      HttpClient http, Server server, String method, String path, String token, String body)
      throws IOException, InterruptedException {
    return http.send(
            request(server, method, path, token, body), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
