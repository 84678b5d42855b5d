package org.blendedtherapy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live, on the wall clock (Flink's operator harness drives processing time and watermarks): a job
 * that is down for two days and restored from its checkpoint sends the reminders it missed once,
 * marked late, and every other reminder once, on time; together exactly the library's.
 */
class LiveRecoveryTest {
  private static final long SECOND = 1_000;
  private static final long DAY = 86_400 * SECOND;
  private static final long DELAY = JobSettings.live().watermarkDelay().toMillis();

  @Test
  void missedWhileDown_firesOnceMarkedLate_restOnTime() throws Exception {
    Path clients = Path.of("../samples/clients");
    byte[] enrolmentBytes = Files.readAllBytes(clients.resolve("adherent.enrolment.json"));
    Enrolment enrolment = EnrolmentJson.read(enrolmentBytes);
    Protocol protocol = TestClients.sample("e-compared-uk.json");
    PinnedProtocol pinned = ProtocolJson.pin(protocol);
    byte[] log = Files.readAllBytes(clients.resolve("adherent.events.jsonl"));
    List<Event> events = List.copyOf(EventsJson.read(log).events());

    long t0 = Instant.parse("2027-03-21T00:00:00Z").toEpochMilli();
    List<String> emitted = new ArrayList<>();
    var harness = harness();
    harness.open();
    harness.processBroadcastElement(ProtocolRecord.of(pinned, ProtocolJson.canonical(protocol)), 0);
    harness.setProcessingTime(t0);
    harness.watermark(t0 - DELAY);
    harness.processElement(InputRecord.enrolment(enrolmentBytes, "adherent"), t0);
    long line = 0;
    for (String text : new String(log, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      if (!text.isBlank()) {
        InputRecord event =
            InputRecord.event(
                enrolment.client(),
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "adherent",
                ++line);
        harness.processElement(event, t0);
      }
    }
    long now = runLive(harness, t0, t0 + 3 * DAY);
    OperatorSubtaskState checkpoint = harness.snapshot(1, now);
    long downFrom = now - DELAY;
    emitted.addAll(harness.extractOutputValues());
    harness.close();

    long back = now + 2 * DAY;
    var restored = harness();
    restored.initializeState(checkpoint);
    restored.open();
    restored.processBroadcastElement(
        ProtocolRecord.of(pinned, ProtocolJson.canonical(protocol)), 0);
    long end = runLive(restored, back, back + 2 * DAY);
    emitted.addAll(restored.extractOutputValues());
    restored.close();

    TestClients.Client client = new TestClients.Client("adherent", pinned, enrolment, events);
    Instant from = Instant.ofEpochMilli(t0 - DELAY);
    Instant to = Instant.ofEpochMilli(end - DELAY + 1);
    List<JsonNode> expected = new ArrayList<>();
    for (JsonNode r : TestClients.libraryReminders(client, to)) {
      if (!Instant.parse(r.get("instant").asString()).isBefore(from)) {
        expected.add(r);
      }
    }
    List<JsonNode> got = TestClients.byClient(emitted).get(enrolment.client());
    Set<String> late = new HashSet<>();
    List<JsonNode> withoutLate = new ArrayList<>();
    for (JsonNode node : got) {
      if (node.has("late")) {
        late.add(node.get("id").asString());
        ((tools.jackson.databind.node.ObjectNode) node).remove("late");
      }
      withoutLate.add(node);
    }
    assertThat(TestClients.sorted(withoutLate)).containsExactlyElementsOf(expected);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
    for (JsonNode r : expected) {
      long instant = Instant.parse(r.get("instant").asString()).toEpochMilli();
      boolean missed = instant > downFrom && instant < back - DELAY - 60 * SECOND;
      assertThat(late.contains(r.get("id").asString()))
          .as("late flag of %s", r.get("id").asString())
          .isEqualTo(missed);
    }
    assertThat(late).isNotEmpty();
  }

  /** Runs the wall clock in steps of 30 s, event time trailing by the delay. */
  private static long runLive(
      KeyedBroadcastOperatorTestHarness<String, InputRecord, ProtocolRecord, String> harness,
      long from,
      long to)
      throws Exception {
    long now = from;
    for (; now <= to; now += 30 * SECOND) {
      harness.setProcessingTime(now);
      harness.watermark(now - DELAY);
    }
    return now - 30 * SECOND;
  }

  private static KeyedBroadcastOperatorTestHarness<String, InputRecord, ProtocolRecord, String>
      harness() throws Exception {
    return new KeyedBroadcastOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(
            new ClientFunction(JobSettings.live()), List.of(ClientFunction.PROTOCOLS)),
        record -> record.client,
        Types.STRING,
        128,
        1,
        0);
  }
}
