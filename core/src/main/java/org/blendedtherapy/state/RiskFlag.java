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
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RiskFlag {
  private final String event;
  private final Instant at;
  private final Instrument instrument;
  private final int item;
  private final String reason;

  /** Creates a risk flag. */
  RiskFlag(String event, Instant at, Instrument instrument, int item, String reason) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(reason, "reason");
    this.event = event;
    this.at = at;
    this.instrument = instrument;
    this.item = item;
    this.reason = reason;
  }

  /** Returns the id of the {@code measure-recorded} event that raised it. */
  public String event() {
    return event;
  }

  /** Returns when that measure was recorded. */
  public Instant at() {
    return at;
  }

  /** Returns the instrument, {@link Instrument#PHQ_9}. */
  public Instrument instrument() {
    return instrument;
  }

  /** Returns the item number, from 1 ({@code 9}). */
  public int item() {
    return item;
  }

  /**
   * Returns why, without the answer: {@code PHQ-9 item 9 (thoughts of self-harm) answered above 0}.
   */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RiskFlag other)) {
      return false;
    }
    return java.util.Objects.equals(event, other.event)
        && java.util.Objects.equals(at, other.at)
        && java.util.Objects.equals(instrument, other.instrument)
        && item == other.item
        && java.util.Objects.equals(reason, other.reason);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(event, at, instrument, item, reason);
  }

  @Override
  public String toString() {
    return "RiskFlag[event="
        + event
        + ", at="
        + at
        + ", instrument="
        + instrument
        + ", item="
        + item
        + ", reason="
        + reason
        + "]";
  }
}
