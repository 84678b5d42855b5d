package org.blendedtherapy.flink;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.OutputTag;
import org.apiguardian.api.API;

/**
 * Builds the job: inputs keyed by client reference, protocols broadcast, reminders out, rejected
 * events and risk flags to side outputs. The embedded launcher ({@link BlendedFlink}) and the tests
 * build the same graph; only the sources and sinks around it differ.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class BlendedJob {
  /** Events the job could not fold or the library rejected, one JSON object a line. */
  public static final OutputTag<String> REJECTED = new OutputTag<>("rejected", Types.STRING);

  /** Risk flags (PHQ-9 item 9 above 0), one JSON object a line. */
  public static final OutputTag<String> RISK = new OutputTag<>("risk", Types.STRING);

  private BlendedJob() {}

  /**
   * The three outputs of the job, each a stream of JSON Lines.
   *
   * @param reminders one line per reminder: the keys of {@code blended reminders --format json}
   *     plus {@code client} (and {@code late: true} when it fired late)
   * @param rejected one line per rejected event or unreadable input
   * @param risk one line per risk flag
   */
  public record Outputs(
      DataStream<String> reminders, DataStream<String> rejected, DataStream<String> risk) {}

  /**
   * Builds the keyed part of the job on inputs whose timestamps and watermarks are set.
   *
   * @param inputs enrolments and events
   * @param protocols the validated protocols
   * @param settings replay or live
   * @return the outputs
   */
  public static Outputs build(
      DataStream<InputRecord> inputs, DataStream<ProtocolRecord> protocols, JobSettings settings) {
    SingleOutputStreamOperator<String> reminders =
        inputs
            .keyBy(record -> record.client, Types.STRING)
            .connect(protocols.broadcast(ClientFunction.PROTOCOLS))
            .process(new ClientFunction(settings), Types.STRING)
            .uid("clients")
            .name("clients");
    return new Outputs(reminders, reminders.getSideOutput(REJECTED), reminders.getSideOutput(RISK));
  }

  /**
   * Returns the protocols as a bounded stream, broadcast by {@link #build}.
   *
   * @param env the environment
   * @param protocols the validated protocols
   * @return the stream
   */
  public static DataStream<ProtocolRecord> protocols(
      StreamExecutionEnvironment env, List<ProtocolRecord> protocols) {
    return env.fromData(protocols, TypeInformation.of(ProtocolRecord.class))
        .uid("protocols")
        .name("protocols");
  }

  /**
   * Returns the client files of a directory ({@code NAME.enrolment.json}, {@code
   * NAME.events.jsonl}) as inputs: read once and bounded in a replay, the directory watched for new
   * files every second when live; with the watermarks of the mode.
   *
   * @param env the environment
   * @param directory the input directory
   * @param settings replay or live
   * @return the inputs
   */
  public static DataStream<InputRecord> files(
      StreamExecutionEnvironment env, Path directory, JobSettings settings) {
    String root = directory.makeQualified(fileSystem(directory)).toUri().getPath();
    FileSource.FileSourceBuilder<InputRecord> builder =
        FileSource.forBulkFileFormat(new ClientFileFormat(), directory);
    builder.setFileEnumerator(
        () -> new NonSplittingRecursiveEnumerator(ClientFileFormat.filter(root)));
    if (!settings.isReplay()) {
      builder.monitorContinuously(Duration.ofSeconds(1));
    }
    return env.fromSource(builder.build(), watermarks(settings), "client files")
        .uid("client-files");
  }

  /**
   * Returns the watermark strategy of a mode: none until the input is consumed in a replay (so that
   * every event is folded before the reminders of its instant are decided, whatever the order files
   * are read in), the wall clock less the delay when live.
   *
   * @param settings replay or live
   * @return the strategy
   */
  public static WatermarkStrategy<InputRecord> watermarks(JobSettings settings) {
    if (settings.isReplay()) {
      return WatermarkStrategy.noWatermarks();
    }
    long delay = settings.watermarkDelay().toMillis();
    return WatermarkStrategy.<InputRecord>forGenerator(context -> new WallClockWatermarks<>(delay))
        .withTimestampAssigner((record, previous) -> record.atMillis);
  }

  /**
   * Writes the outputs as JSON Lines files under a directory: {@code reminders/}, {@code rejected/}
   * and {@code risk/}, each file committed only when a checkpoint completes (Flink's exactly-once
   * file sink: what a failure interrupts is discarded and written again).
   *
   * @param outputs the outputs
   * @param directory the output directory
   */
  public static void toFiles(Outputs outputs, Path directory) {
    sink(outputs.reminders(), directory, "reminders");
    sink(outputs.rejected(), directory, "rejected");
    sink(outputs.risk(), directory, "risk");
  }

  private static void sink(DataStream<String> lines, Path directory, String name) {
    FileSink<String> sink =
        FileSink.forRowFormat(new Path(directory, name), new SimpleStringEncoder<String>())
            .withBucketAssigner(new BasePathBucketAssigner<>())
            .withRollingPolicy(OnCheckpointRollingPolicy.build())
            .withOutputFileConfig(
                OutputFileConfig.builder().withPartPrefix(name).withPartSuffix(".jsonl").build())
            .build();
    lines.sinkTo(sink).uid(name + "-files").name(name + " files");
  }

  private static org.apache.flink.core.fs.FileSystem fileSystem(Path path) {
    try {
      return path.getFileSystem();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("no file system for the input directory", e);
    }
  }
}
