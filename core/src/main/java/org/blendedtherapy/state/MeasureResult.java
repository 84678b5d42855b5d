package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Instrument;

/**
 * One recorded questionnaire with its total and severity band. A measure with a missing item is
 * incomplete: it has no total and no band, and it is never scored as 0. A measure belongs to the
 * latest session attended before it (in canonical order); one recorded before any attended session
 * belongs to none.
 *
 * <p>{@code toString()} shows no items, totals or bands (health data).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param event the id of the {@code measure-recorded} event
 * @param at when it was recorded
 * @param instrument the instrument, such as {@code PHQ-9}
 * @param items the item answers in order, empty for an unanswered item; an empty list when only a
 *     total was recorded
 * @param total the total: the given total or the sum of the items; empty when incomplete
 * @param band the severity band of the total (see {@link
 *     org.blendedtherapy.protocol.Instrument#band(int)}); empty when incomplete or the instrument
 *     has no bands
 * @param session the session the measure belongs to, or empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MeasureResult(
    String event,
    Instant at,
    Instrument instrument,
    List<OptionalInt> items,
    OptionalInt total,
    Optional<String> band,
    OptionalInt session) {

  /** Creates a measure result; the items are copied. */
  public MeasureResult {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(instrument, "instrument");
    items = List.copyOf(items);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(band, "band");
    Objects.requireNonNull(session, "session");
  }

  /**
   * Tells whether the measure has a total.
   *
   * @return false when an item is missing
   */
  public boolean isComplete() {
    return total.isPresent();
  }

  /** Returns the event id, instrument and session, without scores. */
  @Override
  public String toString() {
    return "MeasureResult[event="
        + event
        + ", instrument="
        + instrument.json()
        + (session.isPresent() ? ", session=" + session.getAsInt() : "")
        + "]";
  }
}
