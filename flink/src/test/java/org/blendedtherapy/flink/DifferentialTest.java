package org.blendedtherapy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.testkit.Clients;
import org.blendedtherapy.testkit.Gen;
import org.blendedtherapy.testkit.LongHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's reminders equal the library's {@code Reminders} for the same histories, id for id:
 * generated clients on generated protocols (plausible histories, many events rejected, DST-hostile
 * zones) and year-long clients with long histories (a 52-session plan, up to 3,000 events).
 */
class DifferentialTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final long SEED = Long.getLong("blended.seed", 20261201L);
  private static final int GENERATED = 150;
  private static final Instant UNTIL = Instant.parse("2045-01-01T00:00:00Z");

  @Test
  void reminders_equalTheLibrarys_forGeneratedClientsAndLongHistories(@TempDir Path tmp)
      throws Exception {
    System.out.println(
        "DifferentialTest seed " + SEED + " (replay with -Dblended.seed=" + SEED + ")");
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, Protocol> protocols = new LinkedHashMap<>();
    List<TestClients.Client> clients = new ArrayList<>();
    Gen<Clients.Case> cases = Clients.cases();
    for (int i = 0; i < GENERATED; i++) {
      Clients.Case c = cases.sample(random, i % 100);
      if (!TestClients.isWritable(c.enrolment(), c.events())) {
        // A fixed-offset zone has no enrolment document; the library reads what is written.
        i--;
        continue;
      }
      Enrolment enrolment = TestClients.renamed(c.enrolment(), "gen-" + i);
      protocols.putIfAbsent(c.sha256(), c.protocol());
      clients.add(
          new TestClients.Client(
              "gen-" + i, ProtocolJson.pin(c.protocol()), enrolment, c.events()));
    }
    Protocol year = LongHistories.withSessions(TestClients.sample("e-compared-uk.json"), 52);
    protocols.putIfAbsent(ProtocolJson.sha256(year), year);
    Gen<Enrolment> enrolments = Clients.enrolments(year);
    int[] sizes = {300, 800, 1500, 3000};
    for (int i = 0; i < sizes.length; i++) {
      Enrolment enrolment = TestClients.renamed(enrolments.sample(random, 50), "long-" + i);
      if (!TestClients.isWritable(enrolment, List.of())) {
        i--;
        continue;
      }
      List<Event> events = LongHistories.of(year, enrolment, sizes[i], random.nextLong());
      clients.add(new TestClients.Client("long-" + i, ProtocolJson.pin(year), enrolment, events));
    }
    Path protocolDir = tmp.resolve("protocols");
    Path input = Files.createDirectories(tmp.resolve("input"));
    TestClients.writeProtocols(protocolDir, List.copyOf(protocols.values()));
    for (TestClients.Client client : clients) {
      TestClients.write(input, client);
    }
    Path output = tmp.resolve("output");
    long started = System.nanoTime();
    TestClients.replay(protocolDir, input, output, UNTIL);
    System.out.printf(
        "DifferentialTest: %d clients, %d events replayed in %.1f s%n",
        clients.size(),
        clients.stream().mapToInt(c -> c.events().size()).sum(),
        (System.nanoTime() - started) / 1e9);
    TestClients.assertSameAsLibrary(output, clients, UNTIL);
    assertThat(TestClients.lines(output.resolve("reminders.jsonl"))).hasSizeGreaterThan(1000);
  }
}
