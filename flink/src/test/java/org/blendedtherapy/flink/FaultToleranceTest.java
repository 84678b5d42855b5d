package org.blendedtherapy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.testkit.Clients;
import org.blendedtherapy.testkit.Gen;
import org.blendedtherapy.testkit.LongHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails mid-stream, after checkpoints have completed and while reminders are being
 * emitted, restarts from its last checkpoint and emits no reminder twice and loses none: its
 * committed output equals the library's reminders exactly. The input arrives in event-time order
 * with watermarks, so reminders are decided and checkpointed while input is still being read.
 */
class FaultToleranceTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Instant UNTIL = Instant.parse("2045-01-01T00:00:00Z");
  static final AtomicInteger SEEN = new AtomicInteger();
  static final AtomicInteger CHECKPOINTS = new AtomicInteger();
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicBoolean RESTARTED = new AtomicBoolean();

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void failureMidStream_restoresFromCheckpoint_noReminderTwice_noneLost(@TempDir Path tmp)
      throws Exception {
    Protocol protocol = TestClients.sample("e-compared-uk.json");
    PinnedProtocol pinned = ProtocolJson.pin(protocol);
    SplittableRandom random = new SplittableRandom(20261201L);
    Gen<Enrolment> enrolments = Clients.enrolments(protocol);
    List<TestClients.Client> clients = new ArrayList<>();
    List<InputRecord> enrolled = new ArrayList<>();
    List<InputRecord> events = new ArrayList<>();
    while (clients.size() < 40) {
      String name = "ft-" + clients.size();
      Enrolment enrolment = TestClients.renamed(enrolments.sample(random, 50), name);
      if (!TestClients.isWritable(enrolment, List.of())) {
        continue;
      }
      List<Event> history = LongHistories.of(protocol, enrolment, 100, random.nextLong());
      clients.add(new TestClients.Client(name, pinned, enrolment, history));
      enrolled.add(
          InputRecord.enrolment(
              TestClients.enrolmentJson(enrolment).getBytes(StandardCharsets.UTF_8), name));
      long line = 0;
      for (Event event : history) {
        events.add(
            InputRecord.event(
                name, EventsJson.writeLine(event).getBytes(StandardCharsets.UTF_8), name, ++line));
      }
    }
    events.sort(Comparator.comparingLong(r -> r.atMillis));
    ArrayList<InputRecord> ordered = new ArrayList<>(enrolled);
    ordered.addAll(events);
    int expected =
        clients.stream().mapToInt(c -> TestClients.libraryReminders(c, UNTIL).size()).sum();

    Configuration config = new Configuration();
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    env.enableCheckpointing(200);
    DataGeneratorSource<InputRecord> source =
        new DataGeneratorSource<>(
            new Replay(ordered),
            ordered.size(),
            RateLimiterStrategy.perSecond(1_000),
            TypeInformation.of(InputRecord.class));
    DataStream<InputRecord> input =
        env.fromSource(
                source,
                WatermarkStrategy.<InputRecord>forMonotonousTimestamps()
                    .withTimestampAssigner((record, previous) -> record.atMillis),
                "events in time order")
            .setParallelism(1);
    JobSettings settings = JobSettings.replay(UNTIL);
    BlendedJob.Outputs outputs =
        BlendedJob.build(
            input,
            BlendedJob.protocols(
                env, List.of(ProtocolRecord.of(pinned, ProtocolJson.canonical(protocol)))),
            settings);
    DataStream<String> reminders =
        outputs.reminders().map(new FailOnce(expected / 2)).returns(Types.STRING);
    Path output = tmp.resolve("output");
    BlendedJob.toFiles(
        new BlendedJob.Outputs(reminders, outputs.rejected(), outputs.risk()),
        new org.apache.flink.core.fs.Path(output.toUri()));
    env.execute("fault tolerance");

    assertThat(FAILED).isTrue();
    assertThat(RESTARTED).isTrue();
    OutputFiles.merge(output);
    TestClients.assertSameAsLibrary(output, clients, UNTIL);
    assertThat(TestClients.lines(output.resolve("reminders.jsonl"))).hasSize(expected);
    System.out.printf(
        "FaultToleranceTest: failed once after %d reminders and %d checkpoints; %d reminders"
            + " committed, each once%n",
        expected / 2, CHECKPOINTS.get(), expected);
  }

  /** The ordered records by index. */
  private static final class Replay implements GeneratorFunction<Long, InputRecord> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<InputRecord> records;

    Replay(ArrayList<InputRecord> records) {
      this.records = records;
    }

    @Override
    public InputRecord map(Long index) {
      return records.get(index.intValue());
    }
  }

  /** Fails the job once, after two completed checkpoints and half the reminders. */
  private static final class FailOnce extends RichMapFunction<String, String>
      implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final int after;

    FailOnce(int after) {
      this.after = after;
    }

    @Override
    public void open(OpenContext context) {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
        RESTARTED.set(true);
      }
    }

    @Override
    public String map(String reminder) {
      if (SEEN.incrementAndGet() > after && CHECKPOINTS.get() >= 2 && !FAILED.getAndSet(true)) {
        throw new IllegalStateException("injected failure");
      }
      return reminder;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTS.incrementAndGet();
    }
  }
}
