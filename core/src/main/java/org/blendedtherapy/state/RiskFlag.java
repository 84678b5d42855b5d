package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Instrument;

/**
 * A risk flag: a PHQ-9 with item 9 (thoughts that you would be better off dead or of hurting
 * yourself) answered above 0, whatever the total and whether or not the measure is complete. The
 * library flags, with the event that raised the flag; it never decides what a clinician does.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param event the id of the {@code measure-recorded} event that raised it
 * @param at when that measure was recorded
 * @param instrument the instrument, {@link Instrument#PHQ_9}
 * @param item the item number, from 1 ({@code 9})
 * @param reason why, without the answer: {@code PHQ-9 item 9 (thoughts of self-harm) answered above
 *     0}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RiskFlag(String event, Instant at, Instrument instrument, int item, String reason) {
  /** Creates a risk flag. */
  public RiskFlag {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(reason, "reason");
  }
}
