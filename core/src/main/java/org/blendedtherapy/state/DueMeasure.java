package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Instrument;

/**
 * A questionnaire the protocol's {@code measures} make due at an attended session, and whether it
 * was taken: {@code done} when a measure of the instrument belongs to the session (complete or
 * not), {@code overdue} when none does and none can any more (the session's window has ended or a
 * later session was attended), {@code due} otherwise. Sessions not attended make nothing due.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DueMeasure {
  private final int session;
  private final Instrument instrument;
  private final Status status;
  private final Optional<String> event;

  /** Creates a due measure. */
  DueMeasure(int session, Instrument instrument, Status status, Optional<String> event) {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(event, "event");
    this.session = session;
    this.instrument = instrument;
    this.status = status;
    this.event = event;
  }

  /** Returns the session number. */
  public int session() {
    return session;
  }

  /** Returns the instrument. */
  public Instrument instrument() {
    return instrument;
  }

  /** Returns due, done or overdue. */
  public Status status() {
    return status;
  }

  /**
   * Returns the id of the latest measure of the instrument that belongs to the session, when done.
   */
  public Optional<String> event() {
    return event;
  }

  /** Whether a due questionnaire was taken. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Status {
    /** Not taken yet, and it still can be. */
    DUE("due"),
    /** Taken. */
    DONE("done"),
    /** Not taken, and it no longer can be. */
    OVERDUE("overdue");

    private final String json;

    Status(String json) {
      this.json = json;
    }

    /** Returns the name in JSON. */
    public String json() {
      return json;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DueMeasure other)) {
      return false;
    }
    return session == other.session
        && java.util.Objects.equals(instrument, other.instrument)
        && java.util.Objects.equals(status, other.status)
        && java.util.Objects.equals(event, other.event);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(session, instrument, status, event);
  }

  @Override
  public String toString() {
    return "DueMeasure[session="
        + session
        + ", instrument="
        + instrument
        + ", status="
        + status
        + ", event="
        + event
        + "]";
  }
}
