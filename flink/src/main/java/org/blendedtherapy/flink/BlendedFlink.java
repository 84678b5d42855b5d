package org.blendedtherapy.flink;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apiguardian.api.API;
import org.blendedtherapy.SupportedRange;

/**
 * {@code blended-flink run --protocols DIR --input DIR --output DIR [--until INSTANT]}: the job, in
 * a local mini-cluster inside this JVM when started with {@code java}, on the cluster when
 * submitted with {@code flink run} (the same jar and arguments).
 *
 * <p>With {@code --until} the run is a replay: the input directory is read once, every reminder
 * with an instant before {@code --until} is emitted once, the job ends when the input is consumed
 * and the outputs are merged into {@code reminders.jsonl}, {@code rejected.jsonl} and {@code
 * risk.jsonl}. Without it the job runs on the wall clock until stopped, watching the input
 * directory for new files, and the outputs are part files committed with each checkpoint under
 * {@code reminders/}, {@code rejected/} and {@code risk/}. With {@code --kafka-bootstrap} inputs
 * and outputs are Kafka topics instead (see the README).
 *
 * <p>Exit status: 0 done, 1 an input is wrong (a protocol is invalid), 2 a usage error.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class BlendedFlink {
  private static final String USAGE =
      "usage: blended-flink run --protocols DIR (--input DIR --output DIR | --kafka-bootstrap"
          + " SERVERS) [--until INSTANT] [--parallelism N] [--checkpoint-interval DURATION]"
          + " [--watermark-delay DURATION]";

  private BlendedFlink() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the arguments
   * @throws Exception if Flink fails the job
   */
  public static void main(String[] args) throws Exception {
    int status = run(args, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command.
   *
   * @param args the arguments
   * @param err where diagnostics go
   * @return the exit status
   * @throws Exception if Flink fails the job
   */
  public static int run(String[] args, PrintStream err) throws Exception {
    Map<String, String> options = new HashMap<>();
    if (args.length == 0 || !args[0].equals("run")) {
      err.println(USAGE);
      return 2;
    }
    for (int i = 1; i < args.length; i++) {
      String key = args[i];
      if (!key.startsWith("--") || i + 1 == args.length) {
        err.println("blended-flink: unexpected argument at position " + i + "\n" + USAGE);
        return 2;
      }
      options.put(key.substring(2), args[++i]);
    }
    for (String key : options.keySet()) {
      if (!List.of(
              "protocols",
              "input",
              "output",
              "until",
              "parallelism",
              "checkpoint-interval",
              "watermark-delay",
              "kafka-bootstrap")
          .contains(key)) {
        err.println("blended-flink: unknown option --" + key + "\n" + USAGE);
        return 2;
      }
    }
    Optional<String> kafka = Optional.ofNullable(options.get("kafka-bootstrap"));
    if (!options.containsKey("protocols")
        || (kafka.isEmpty() && (!options.containsKey("input") || !options.containsKey("output")))) {
      err.println(USAGE);
      return 2;
    }
    JobSettings settings = JobSettings.live();
    try {
      if (options.containsKey("until")) {
        Instant until = Instant.parse(options.get("until"));
        if (!SupportedRange.contains(until)) {
          err.println("blended-flink: --until outside the supported " + SupportedRange.TEXT);
          return 2;
        }
        settings = settings.withUntil(Optional.of(until));
      }
      if (options.containsKey("checkpoint-interval")) {
        settings =
            settings.withCheckpointInterval(Duration.parse(options.get("checkpoint-interval")));
      } else if (settings.isReplay()) {
        settings = settings.withCheckpointInterval(Duration.ofSeconds(1));
      }
      if (options.containsKey("watermark-delay")) {
        settings =
            new JobSettings(
                settings.until(),
                Duration.parse(options.get("watermark-delay")),
                settings.lateAfter(),
                settings.checkpointInterval(),
                settings.cachedClients());
      }
    } catch (DateTimeException e) {
      err.println("blended-flink: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    Path protocolsDir = Path.of(options.get("protocols"));
    if (!Files.isDirectory(protocolsDir)) {
      err.println("blended-flink: --protocols is not a directory");
      return 2;
    }
    ProtocolDirectory.Loaded loaded = ProtocolDirectory.load(protocolsDir);
    if (!loaded.errors().isEmpty()) {
      loaded.errors().forEach(err::println);
      return 1;
    }
    Configuration config = new Configuration();
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.enableCheckpointing(settings.checkpointInterval().toMillis());
    if (options.containsKey("parallelism")) {
      env.setParallelism(Integer.parseInt(options.get("parallelism")));
    }
    DataStream<ProtocolRecord> protocols = BlendedJob.protocols(env, loaded.protocols());
    if (kafka.isPresent()) {
      BlendedJob.Outputs outputs =
          BlendedJob.build(KafkaIo.source(env, kafka.get(), settings), protocols, settings);
      KafkaIo.sinks(outputs, kafka.get());
      env.execute("blended");
      return 0;
    }
    Path input = Path.of(options.get("input")).toAbsolutePath().normalize();
    Path output = Path.of(options.get("output")).toAbsolutePath().normalize();
    if (!Files.isDirectory(input)) {
      err.println("blended-flink: --input is not a directory");
      return 2;
    }
    Files.createDirectories(output);
    if (settings.isReplay()) {
      OutputFiles.clear(output);
    }
    BlendedJob.Outputs outputs =
        BlendedJob.build(
            BlendedJob.files(env, new org.apache.flink.core.fs.Path(input.toUri()), settings),
            protocols,
            settings);
    BlendedJob.toFiles(outputs, new org.apache.flink.core.fs.Path(output.toUri()));
    env.execute("blended");
    if (settings.isReplay()) {
      OutputFiles.merge(output);
      err.println(
          "blended-flink: "
              + lines(output.resolve("reminders.jsonl"))
              + " reminders, "
              + lines(output.resolve("rejected.jsonl"))
              + " rejected, "
              + lines(output.resolve("risk.jsonl"))
              + " risk flags in "
              + output);
    }
    return 0;
  }

  private static long lines(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
