package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A questionnaire a protocol takes and when it is due.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param instrument the questionnaire, such as {@code PHQ-9}
 * @param at the sessions at which it is due
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MeasurePlan(Instrument instrument, MeasureSchedule at) {
  /** Creates a measure plan. */
  public MeasurePlan {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(at, "at");
  }
}
