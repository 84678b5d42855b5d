package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.testkit.LongHistories;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bounded load on loopback: 8 concurrent writers append the events of 200 clients, 50 each, one
 * event per request; each client's events are spread over all writers, so appends for one client
 * race and arrive out of order, and one request in ten is sent again as a retry would be.
 * Afterwards every client's state from the service equals the library's fold of the events sent,
 * every acknowledged event is stored once, and nothing else is.
 */
class HostLoadTest {
  static final int WRITERS = 8;
  static final int CLIENTS = 200;
  static final int EVENTS = 50;
  static final double RETRIED = 0.10;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void eightWriters_200Clients_50EventsEach_tenPercentRetried(Backend backend, @TempDir Path dir)
      throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      PinnedProtocol pinned = host.putProtocol();
      List<String> refs = new ArrayList<>();
      Map<String, List<Event>> sent = new ConcurrentHashMap<>();
      List<List<String[]>> shares = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        shares.add(new ArrayList<>());
      }
      for (int c = 0; c < CLIENTS; c++) {
        String ref = host.enrol(String.format(Locale.ROOT, "load-%03d", c));
        refs.add(ref);
        List<Event> events =
            LongHistories.of(pinned.protocol(), TestHost.enrolmentOf(ref), EVENTS, 1000L + c);
        sent.put(ref, events);
        for (int e = 0; e < events.size(); e++) {
          shares.get(e % WRITERS).add(new String[] {ref, EventsJson.writeLine(events.get(e))});
        }
      }
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger requests = new AtomicInteger();
      AtomicInteger duplicates = new AtomicInteger();
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      long started = System.nanoTime();
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          List<String[]> share = shares.get(w);
          Random random = new Random(w);
          Collections.shuffle(share, random);
          done.add(
              writers.submit(
                  () -> {
                    for (String[] item : share) {
                      int tries = random.nextDouble() < RETRIED ? 2 : 1;
                      for (int t = 0; t < tries; t++) {
                        HttpResponse<String> response =
                            host.post("/clients/" + item[0] + "/events", host.service, item[1]);
                        requests.incrementAndGet();
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        String result =
                            TestHost.json(response).get("lines").get(0).get("result").asString();
                        if (t == 0) {
                          assertThat(result).isEqualTo("stored");
                          acknowledged.add(item[0] + "\n" + EventsJson.readLine(item[1]).id());
                        } else {
                          assertThat(result).isEqualTo("duplicate");
                          duplicates.incrementAndGet();
                        }
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        writers.shutdown();
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      double perSecond = requests.get() / (elapsed.toNanos() / 1e9);
      String report =
          String.format(
              Locale.ROOT,
              "host load %s: %d writers, %d clients x %d events, %d requests (%d retries) in %.1f s:"
                  + " %.0f appends/s%n",
              backend.name().toLowerCase(Locale.ROOT),
              WRITERS,
              CLIENTS,
              EVENTS,
              requests.get(),
              duplicates.get(),
              elapsed.toNanos() / 1e9,
              perSecond);
      System.out.print(report);
      Files.writeString(
          Path.of("target", "host-load.txt"),
          report,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);

      assertThat(acknowledged).hasSize(CLIENTS * EVENTS);
      assertThat(duplicates.get()).isPositive();
      Instant end = Instant.parse("2027-12-31T00:00:00Z");
      for (String ref : refs) {
        Map<String, String> stored = host.store.storedEvents(ref).orElseThrow();
        List<Event> events = sent.get(ref);
        assertThat(stored).hasSize(EVENTS);
        for (Event event : events) {
          assertThat(stored.get(event.id())).isEqualTo(EventsJson.writeLine(event));
        }
        HttpResponse<String> state = host.get("/clients/" + ref + "/state?at=" + end, host.service);
        ClientState folded =
            ClientState.of(pinned, TestHost.enrolmentOf(ref), History.of(events), end);
        assertThat(state.body()).isEqualTo(StateJson.write(folded) + "\n");
      }
    }
  }
}
