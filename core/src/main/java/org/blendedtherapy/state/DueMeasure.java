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
 *
 * @param session the session number
 * @param instrument the instrument
 * @param status due, done or overdue
 * @param event the id of the latest measure of the instrument that belongs to the session, when
 *     done
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DueMeasure(
    int session, Instrument instrument, Status status, Optional<String> event) {

  /** Creates a due measure. */
  public DueMeasure {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(event, "event");
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
}
