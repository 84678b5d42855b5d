package org.blendedtherapy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.testkit.Clients;
import org.blendedtherapy.testkit.LongHistories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Scale: 10,000 clients with 100 events each (the sample protocol, generated enrolments in
 * DST-hostile zones, {@code LongHistories}) through the mini-cluster at parallelism 2, replayed to
 * the end of their plans. Prints events per second and reminders per second; checks the reminder
 * count of every 50th client against the library. {@code -Dblended.flink.scale.clients=N} runs
 * another size.
 */
class ScaleTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final int CLIENTS = Integer.getInteger("blended.flink.scale.clients", 10_000);
  private static final int EVENTS = 100;
  private static final Instant UNTIL = Instant.parse("2037-01-01T00:00:00Z");
  static final Map<String, LongAdder> PER_CLIENT = new ConcurrentHashMap<>();
  static final LongAdder REMINDERS = new LongAdder();
  static final LongAdder REJECTED = new LongAdder();

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void tenThousandClients_hundredEventsEach_atParallelismTwo() throws Exception {
    Protocol protocol = TestClients.sample("e-compared-uk.json");
    String json = ProtocolJson.canonical(protocol);
    Configuration config = new Configuration();
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    env.enableCheckpointing(10_000);
    JobSettings settings = JobSettings.replay(UNTIL);
    DataGeneratorSource<InputRecord> source =
        new DataGeneratorSource<>(
            new Generated(json),
            (long) CLIENTS * (EVENTS + 1),
            TypeInformation.of(InputRecord.class));
    BlendedJob.Outputs outputs =
        BlendedJob.build(
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "generated clients"),
            BlendedJob.protocols(env, List.of(ProtocolRecord.of(ProtocolJson.pin(protocol), json))),
            settings);
    outputs
        .reminders()
        .map(
            line -> {
              REMINDERS.increment();
              String client = line.substring(11, line.indexOf('"', 11));
              PER_CLIENT.computeIfAbsent(client, c -> new LongAdder()).increment();
              return line;
            })
        .returns(Types.STRING)
        .sinkTo(new DiscardingSink<>());
    outputs
        .rejected()
        .map(
            line -> {
              REJECTED.increment();
              return line;
            })
        .returns(Types.STRING)
        .sinkTo(new DiscardingSink<>());
    long started = System.nanoTime();
    env.execute("scale");
    double seconds = (System.nanoTime() - started) / 1e9;
    long events = (long) CLIENTS * EVENTS;
    String report =
        String.format(
            "ScaleTest: %,d clients x %d events at parallelism 2: %,d events and %,d reminders in"
                + " %.1f s (job submission to end): %,.0f events/s, %,.0f reminders/s",
            CLIENTS,
            EVENTS,
            events,
            REMINDERS.sum(),
            seconds,
            events / seconds,
            REMINDERS.sum() / seconds);
    System.out.println(report);
    System.err.println(report);

    assertThat(REJECTED.sum()).isZero();
    Generated check = new Generated(json);
    PinnedProtocol pinned = ProtocolJson.pin(protocol);
    for (int c = 0; c < CLIENTS; c += 50) {
      check.client(c);
      TestClients.Client client =
          new TestClients.Client("scale-" + c, pinned, check.enrolment, check.events);
      List<JsonNode> expected = TestClients.libraryReminders(client, UNTIL);
      LongAdder got = PER_CLIENT.get(check.enrolment.client());
      assertThat(got == null ? 0 : got.sum())
          .as("reminders of client %d", c)
          .isEqualTo(expected.size());
    }
  }

  /** Client c's enrolment (index c × 101) and then its 100 events, generated from c alone. */
  private static final class Generated implements GeneratorFunction<Long, InputRecord> {
    private static final long serialVersionUID = 1L;
    private final String protocolJson;
    private transient @Nullable Protocol protocol;
    private transient @Nullable Integer current;
    transient Enrolment enrolment;
    transient List<Event> events;
    private transient String enrolmentJson;

    Generated(String protocolJson) {
      this.protocolJson = protocolJson;
    }

    @Override
    public InputRecord map(Long index) {
      int c = (int) (index / (EVENTS + 1));
      int j = (int) (index % (EVENTS + 1));
      client(c);
      String name = "scale-" + c;
      if (j == 0) {
        return InputRecord.enrolment(enrolmentJson.getBytes(StandardCharsets.UTF_8), name);
      }
      return InputRecord.event(
          enrolment.client(),
          EventsJson.writeLine(events.get(j - 1)).getBytes(StandardCharsets.UTF_8),
          name,
          j);
    }

    void client(int c) {
      if (current != null && c == current) {
        return;
      }
      if (protocol == null) {
        protocol = ProtocolJson.read(protocolJson);
      }
      SplittableRandom random = new SplittableRandom(1_000_003L * c);
      Enrolment drawn = Clients.enrolments(protocol).sample(random, 50);
      if (!TestClients.isWritable(drawn, List.of())) {
        drawn =
            new Enrolment(
                drawn.client(),
                drawn.protocol(),
                drawn.start(),
                ZoneId.of("Europe/London"),
                drawn.preferences());
      }
      enrolment = TestClients.renamed(drawn, "scale-" + c);
      events = LongHistories.of(protocol, enrolment, EVENTS, random.nextLong());
      enrolmentJson = TestClients.enrolmentJson(enrolment);
      current = c;
    }
  }
}
