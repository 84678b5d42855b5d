package org.blendedtherapy.benchmarks;

import com.networknt.schema.Schema;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.model.Recur;
import org.blendedtherapy.client.Event;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quartz.CronExpression;

/**
 * Blended and its anchors side by side, in one run: the report pairs them by method name (see
 * {@link Report}). Inputs are built once per fork in the {@link Inputs} state; the slow, guarded
 * rows (P4a, P4b, P5) run in {@link Guarded} instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class Benchmarks {

  /** Everything the benchmarks read; built before the warm-up. */
  @State(Scope.Benchmark)
  public static class Input {
    byte[] protocol;
    Schema schema;
    Blended.Client client;

    /** The year-long client as a host holds it between queries: folded once. */
    org.blendedtherapy.state.ClientState yearHeld;

    List<Event> events;
    byte[] log;
    java.time.Instant at;
    Blended.Client yearClient;
    RecurrenceRule libRecur;
    Recur<ZonedDateTime> ical4j;
    ZonedDateTime from;
    ZonedDateTime to;
    CronExpression quartz;

    /** Builds the inputs. */
    @Setup
    public void setUp() {
      protocol = Inputs.SAMPLE.clone();
      schema = Anchors.protocolSchema();
      client = Inputs.client(Inputs.UK, 300);
      events = client.history().events();
      log = Inputs.log(events);
      at = Inputs.after(events);
      yearClient = Inputs.client(Inputs.YEAR, 300);
      yearHeld = Blended.hold(yearClient);
      libRecur = Anchors.libRecurRule();
      ical4j = Anchors.ical4jRule();
      from = Inputs.START_INSTANT.atZone(Inputs.LONDON);
      to = Inputs.YEAR_END.atZone(Inputs.LONDON);
      quartz = Anchors.quartzRule();
    }
  }

  /** P1 blended: the sample through all three validation layers. */
  @Benchmark
  public Object p1Blended(Input in) {
    return Blended.validateProtocol(in.protocol);
  }

  /** P1 anchor: Jackson readTree and networknt with the same schema. */
  @Benchmark
  public Object p1Anchor(Input in) {
    return Anchors.readTreeAndValidate(in.schema, in.protocol);
  }

  /** P2 anchor: one streaming parse of the 300-line log. */
  @Benchmark
  public long p2Anchor(Input in) {
    return Anchors.streamingParse(in.log);
  }

  /** P2a: the state from 300 parsed events. */
  @Benchmark
  public Object p2aState(Input in) {
    return Blended.state(in.client, in.at);
  }

  /** P2b: read and validate the log with the library's reader, then fold. */
  @Benchmark
  public Object p2bReadAndFold(Input in) {
    return Blended.readAndFold(in.client, in.log, in.at);
  }

  /** P2c: the full state JSON. */
  @Benchmark
  public Object p2cStateJson(Input in) {
    return Blended.stateJson(in.client, in.at);
  }

  /** P3 blended: a year of reminders on a year-long plan, with a 300-event history. */
  @Benchmark
  public int p3Blended(Input in) {
    return Blended.reminders(
        in.yearHeld, Inputs.START_INSTANT.minusSeconds(2 * 86400L), Inputs.YEAR_END);
  }

  /** P3 anchor: lib-recur, the same daily times over the same year. */
  @Benchmark
  public int p3LibRecur(Input in) {
    return Anchors.libRecur(in.libRecur, Inputs.START_INSTANT, Inputs.YEAR_END);
  }

  /** P3 anchor: ical4j. */
  @Benchmark
  public int p3Ical4j(Input in) {
    return Anchors.ical4j(in.ical4j, in.from, in.to);
  }

  /** P3 anchor: Quartz CronExpression. */
  @Benchmark
  public int p3Quartz(Input in) {
    return Anchors.quartz(in.quartz, Inputs.START_INSTANT, Inputs.YEAR_END);
  }

  /** P3 floor: a bare java.time loop. */
  @Benchmark
  public int p3JavaTime(Input in) {
    return Anchors.javaTime(Inputs.DAILY, Inputs.START_INSTANT, Inputs.YEAR_END);
  }

  /** P4c: 300 events folded one at a time with apply. */
  @Benchmark
  public Object p4cOneAtATime(Input in) {
    return Blended.applyOneByOne(in.client, in.events, Inputs.START_INSTANT);
  }

  /**
   * P4c: the same 300 events folded at once: the history built from them (as one at a time builds
   * it event by event), then folded.
   */
  @Benchmark
  public Object p4cAllAtOnce(Input in) {
    return Blended.stateFromEvents(in.client, in.events, in.at);
  }
}
