package org.blendedtherapy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blended-flink run} on the samples gives, per client, what {@code blended reminders} does.
 */
class SamplesTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void run_onSamples_givesTheLibrarysReminders_mid_plan_and_whole(@TempDir Path tmp)
      throws Exception {
    Path protocols = Path.of("../samples/protocols");
    Path input = Path.of("../samples/clients");
    List<TestClients.Client> clients = samples(protocols, input);
    assertThat(clients).hasSizeGreaterThanOrEqualTo(5);
    for (Instant until :
        List.of(Instant.parse("2027-04-15T12:00:00Z"), Instant.parse("2029-01-01T00:00:00Z"))) {
      Path output = tmp.resolve(until.toString().replace(':', '-'));
      TestClients.replay(protocols, input, output, until);
      TestClients.assertSameAsLibrary(output, clients, until);
      // The scenarios under samples/clients/scenarios are not inputs: no unknown protocol.
      assertThat(TestClients.lines(output.resolve("rejected.jsonl")))
          .noneMatch(line -> line.contains("unknown-protocol"));
      assertThat(output.resolve("reminders")).doesNotExist();
    }
    assertThat(TestClients.lines(tmp.resolve("2029-01-01T00-00-00Z").resolve("risk.jsonl")))
        .isNotEmpty();
  }

  private static List<TestClients.Client> samples(Path protocols, Path input) throws IOException {
    List<PinnedProtocol> pinned = new ArrayList<>();
    try (Stream<Path> files = Files.list(protocols)) {
      for (Path file : files.sorted().toList()) {
        Protocol protocol = ProtocolJson.read(Files.readAllBytes(file));
        pinned.add(ProtocolJson.pin(protocol));
      }
    }
    List<TestClients.Client> clients = new ArrayList<>();
    try (Stream<Path> files = Files.list(input)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".enrolment.json")) {
          continue;
        }
        String stem = name.substring(0, name.length() - ".enrolment.json".length());
        Enrolment enrolment = EnrolmentJson.read(Files.readAllBytes(file));
        PinnedProtocol protocol =
            pinned.stream().filter(p -> p.check(enrolment).isEmpty()).findFirst().orElseThrow();
        clients.add(
            new TestClients.Client(
                stem,
                protocol,
                enrolment,
                List.copyOf(
                    EventsJson.read(Files.readAllBytes(input.resolve(stem + ".events.jsonl")))
                        .events())));
      }
    }
    return clients;
  }
}
