package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The thresholds of the standard outcome definitions (NHS Talking Therapies): which instrument
 * plays depression and which plays anxiety, each with its caseness cut-off and its reliable-change
 * index, and how many attended treatment sessions count as finished treatment. A protocol states
 * them under {@code outcomes}; a protocol without that key uses {@link #DEFAULT}.
 *
 * <p>Rules, with first and latest totals {@code d0, d1} (depression) and {@code a0, a1} (anxiety):
 * caseness {@code d0 >= depression.caseness || a0 >= anxiety.caseness}; recovery: caseness and
 * {@code d1 < depression.caseness && a1 < anxiety.caseness}; reliable deterioration {@code d1 - d0
 * >= depression.reliableChange || a1 - a0 >= anxiety.reliableChange}; reliable improvement {@code
 * d0 - d1 >= depression.reliableChange || a0 - a1 >= anxiety.reliableChange}, and not reliable
 * deterioration; reliable recovery: recovery and reliable improvement.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param depression the depression measure (PHQ-9 by default)
 * @param anxiety the anxiety measure (GAD-7 by default; a disorder-specific measure for specific
 *     anxiety disorders)
 * @param finishedTreatmentSessions attended treatment sessions that count as finished treatment
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record OutcomeDefinitions(
    OutcomeMeasure depression, OutcomeMeasure anxiety, int finishedTreatmentSessions) {

  /**
   * The standard definitions: PHQ-9 caseness 10, reliable change 6; GAD-7 caseness 8 (the service
   * cut-off, not the screening 10), reliable change 4; finished treatment at 2 attended sessions.
   */
  public static final OutcomeDefinitions DEFAULT =
      new OutcomeDefinitions(
          new OutcomeMeasure(Instrument.PHQ_9, 10, 6),
          new OutcomeMeasure(Instrument.GAD_7, 8, 4),
          2);

  /**
   * Creates the definitions.
   *
   * @throws IllegalArgumentException if {@code finishedTreatmentSessions} is below 1
   */
  public OutcomeDefinitions {
    Objects.requireNonNull(depression, "depression");
    Objects.requireNonNull(anxiety, "anxiety");
    if (finishedTreatmentSessions < 1) {
      throw new IllegalArgumentException("finishedTreatmentSessions must be at least 1");
    }
  }

  /**
   * One instrument of the outcome definitions with its thresholds.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param instrument the instrument, such as {@code PHQ-9}
   * @param caseness the lowest total that counts as a case
   * @param reliableChange the smallest change of the total that counts as reliable
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record OutcomeMeasure(Instrument instrument, int caseness, int reliableChange) {
    /**
     * Creates an outcome measure.
     *
     * @throws IllegalArgumentException if {@code caseness} is negative or {@code reliableChange}
     *     below 1
     */
    public OutcomeMeasure {
      Objects.requireNonNull(instrument, "instrument");
      if (caseness < 0) {
        throw new IllegalArgumentException("caseness must not be negative");
      }
      if (reliableChange < 1) {
        throw new IllegalArgumentException("reliableChange must be at least 1");
      }
    }
  }
}
