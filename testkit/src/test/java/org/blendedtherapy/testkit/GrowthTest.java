package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

/**
 * Fails on super-linear growth without timing anything absolute: each query runs in one JVM on a
 * long history of {@value #SMALL} events and on one eight times longer, and the time may grow at
 * most {@value #BOUND}× (linear code grows about 8×, quadratic code about 64×). Both sizes are
 * warmed up first (for {@value #WARM_NANOS} ns of CPU time), then measured in alternation, and the
 * minimum of several runs is compared, so that JIT and GC noise cannot fail it; while the ratio is
 * over the bound, measuring continues for up to {@value #MEASURE_NANOS} ns of CPU time.
 */
class GrowthTest {
  private static final int SMALL = 500;
  private static final int LARGE = 8 * SMALL;
  private static final double BOUND = 20.0;
  private static final int SMALL_RUNS = 5;
  private static final int LARGE_RUNS = 5;
  private static final long WARM_NANOS = 300_000_000L;
  private static final long MEASURE_NANOS = 2_000_000_000L;

  /** A year-long plan (52 weekly sessions), so that both histories lie mostly within it. */
  private static final Protocol YEAR = LongHistories.withSessions(SampleProtocol.uk(), 52);

  private static final PinnedProtocol PINNED = ProtocolJson.pin(YEAR);
  private static final String SHA = PINNED.sha256();
  private static final Enrolment ENROLMENT =
      new Enrolment(
          "client-growth",
          new ProtocolPin(YEAR.id(), YEAR.version(), SHA),
          LocalDateTime.of(2027, 3, 22, 10, 0),
          ZoneId.of("Europe/London"),
          Preferences.NONE);

  @Test
  void state_growsAtMostLinearly() {
    assertGrowth(
        "ClientState.of",
        events -> ClientState.of(PINNED, ENROLMENT, History.of(events), after(events)).modules());
  }

  @Test
  void stateJson_growsAtMostLinearly() {
    assertGrowth(
        "StateJson.write",
        events ->
            StateJson.write(ClientState.of(PINNED, ENROLMENT, History.of(events), after(events))));
  }

  @Test
  void reminders_growAtMostLinearly() {
    assertGrowth(
        "ClientState.reminders, start to last event",
        events -> {
          return ClientState.of(PINNED, ENROLMENT, History.of(events))
              .reminders(start().minus(2, ChronoUnit.DAYS), after(events));
        });
  }

  @Test
  void apply_oneAtATime_growsAtMostLinearly() {
    assertGrowth(
        "ClientState.apply, one event at a time",
        events -> {
          ClientState state = ClientState.of(PINNED, ENROLMENT, History.empty(), start());
          for (Event event : events) {
            state = state.apply(event);
          }
          return state.modules();
        });
  }

  private static Instant start() {
    return ENROLMENT.start().atZone(ENROLMENT.zone()).toInstant();
  }

  private static Instant after(List<Event> events) {
    return events.get(events.size() - 1).at().plus(1, ChronoUnit.HOURS);
  }

  private static void assertGrowth(String what, Function<List<Event>, ?> query) {
    List<Event> small = LongHistories.of(YEAR, ENROLMENT, SMALL, 11L);
    List<Event> large = LongHistories.of(YEAR, ENROLMENT, LARGE, 11L);
    // Both sizes are warmed up for a while of CPU time (a count of runs was not enough: a
    // 0.1 ms query run ten times left C2, busy beside a build on two cores, unfinished), then
    // measured in alternation, so that a collection or a compilation during one run cannot decide
    // the ratio. While the ratio is over the bound, measuring goes on for up to MEASURE_NANOS, so
    // code the compiler had not finished gets its chance; quadratic code stays far over it.
    long warmed = 0;
    for (int i = 0; i < 2 || warmed < WARM_NANOS; i++) {
      warmed += time(query, small) + time(query, large);
    }
    long smallNanos = Long.MAX_VALUE;
    long largeNanos = Long.MAX_VALUE;
    long spent = 0;
    for (int i = 0; ; i++) {
      for (int j = 0; j < SMALL_RUNS; j++) {
        long t = time(query, small);
        spent += t;
        smallNanos = Math.min(smallNanos, t);
      }
      long t = time(query, large);
      spent += t;
      largeNanos = Math.min(largeNanos, t);
      if (i + 1 >= LARGE_RUNS && (largeNanos <= BOUND * smallNanos || spent >= MEASURE_NANOS)) {
        break;
      }
    }
    double ratio = (double) largeNanos / smallNanos;
    assertThat(ratio)
        .as(
            "%s: %d events took %.1f ms, %d events took %.1f ms: %.1f× for 8× the events",
            what, SMALL, smallNanos / 1e6, LARGE, largeNanos / 1e6, ratio)
        .isLessThanOrEqualTo(BOUND);
    System.out.printf(
        Locale.ROOT,
        "%s: %.1f ms -> %.1f ms, %.1f×%n",
        what,
        smallNanos / 1e6,
        largeNanos / 1e6,
        ratio);
  }

  /**
   * The CPU time of this thread for one query: unlike wall time, it does not grow when other
   * processes share the machine's cores (CI runs beside other builds).
   */
  private static long time(Function<List<Event>, ?> query, List<Event> events) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long begin = threads.getCurrentThreadCpuTime();
    Object result = query.apply(events);
    long nanos = threads.getCurrentThreadCpuTime() - begin;
    assertThat(result).isNotNull();
    return nanos;
  }
}
