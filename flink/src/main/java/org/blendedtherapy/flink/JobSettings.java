package org.blendedtherapy.flink;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How the job runs: a replay up to an instant, or live on the wall clock.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param until in a replay, the instant before which every reminder is emitted once, after which
 *     the job ends when its input is consumed; empty to run live until stopped
 * @param watermarkDelay live: how far event time trails the wall clock, the time an event may take
 *     to arrive and still be folded before the reminders of its instant are decided
 * @param lateAfter live: a reminder emitted more than this after its instant is marked {@code late}
 *     (it fired while the job was down or behind)
 * @param checkpointInterval how often Flink checkpoints (and the file sink commits)
 * @param cachedClients how many restored client states each parallel instance keeps in memory
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record JobSettings(
    Optional<Instant> until,
    Duration watermarkDelay,
    Duration lateAfter,
    Duration checkpointInterval,
    int cachedClients) {

  /**
   * Returns the settings of a replay up to an instant, with the defaults otherwise.
   *
   * @param until the end of the replay, exclusive
   * @return the settings
   */
  public static JobSettings replay(Instant until) {
    return live().withUntil(Optional.of(until));
  }

  /**
   * Returns the settings of a live run with the defaults: a 2 s watermark delay, late after one
   * minute, a checkpoint every 10 s, 20,000 cached clients per instance.
   *
   * @return the settings
   */
  public static JobSettings live() {
    return new JobSettings(
        Optional.empty(),
        Duration.ofSeconds(2),
        Duration.ofMinutes(1),
        Duration.ofSeconds(10),
        20_000);
  }

  /**
   * Returns these settings with another end.
   *
   * @param until the end of a replay, or empty for a live run
   * @return the settings
   */
  public JobSettings withUntil(Optional<Instant> until) {
    return new JobSettings(until, watermarkDelay, lateAfter, checkpointInterval, cachedClients);
  }

  /**
   * Returns these settings with another checkpoint interval.
   *
   * @param interval the interval
   * @return the settings
   */
  public JobSettings withCheckpointInterval(Duration interval) {
    return new JobSettings(until, watermarkDelay, lateAfter, interval, cachedClients);
  }

  /**
   * Returns whether this is a replay.
   *
   * @return true with an end
   */
  public boolean isReplay() {
    return until.isPresent();
  }

  long untilMillis() {
    return until.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
  }
}
