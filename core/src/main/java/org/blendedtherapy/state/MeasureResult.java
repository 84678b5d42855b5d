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
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MeasureResult {
  private final String event;
  private final Instant at;
  private final Instrument instrument;
  private final List<OptionalInt> items;
  private final OptionalInt total;
  private final Optional<String> band;
  private final OptionalInt session;

  /** Creates a measure result; the items are copied. */
  MeasureResult(
      String event,
      Instant at,
      Instrument instrument,
      List<OptionalInt> items,
      OptionalInt total,
      Optional<String> band,
      OptionalInt session) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(instrument, "instrument");
    items = List.copyOf(items);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(band, "band");
    Objects.requireNonNull(session, "session");
    this.event = event;
    this.at = at;
    this.instrument = instrument;
    this.items = items;
    this.total = total;
    this.band = band;
    this.session = session;
  }

  /** Returns the id of the {@code measure-recorded} event. */
  public String event() {
    return event;
  }

  /** Returns when it was recorded. */
  public Instant at() {
    return at;
  }

  /** Returns the instrument, such as {@code PHQ-9}. */
  public Instrument instrument() {
    return instrument;
  }

  /**
   * Returns the item answers in order, empty for an unanswered item; an empty list when only a
   * total was recorded.
   */
  public List<OptionalInt> items() {
    return items;
  }

  /** Returns the total: the given total or the sum of the items; empty when incomplete. */
  public OptionalInt total() {
    return total;
  }

  /**
   * Returns the severity band of the total (see {@link
   * org.blendedtherapy.protocol.Instrument#band(int)}); empty when incomplete or the instrument has
   * no bands.
   */
  public Optional<String> band() {
    return band;
  }

  /** Returns the session the measure belongs to, or empty. */
  public OptionalInt session() {
    return session;
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

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MeasureResult other)) {
      return false;
    }
    return java.util.Objects.equals(event, other.event)
        && java.util.Objects.equals(at, other.at)
        && java.util.Objects.equals(instrument, other.instrument)
        && java.util.Objects.equals(items, other.items)
        && java.util.Objects.equals(total, other.total)
        && java.util.Objects.equals(band, other.band)
        && java.util.Objects.equals(session, other.session);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(event, at, instrument, items, total, band, session);
  }
}
