package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.Results;

/**
 * An event the protocol does not allow: it has no effect on the state, and is listed here with its
 * id and the reason, so that nothing the host sent is silently dropped. Only the library decides a
 * rejection: a host reads them from a state and cannot build one.
 *
 * <p>Two rejections are equal when their event, code and reason are; {@link #toString()} lists them
 * as {@code Rejection[event=…, code=…, reason=…]}.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Rejection {
  static {
    Results.register(Rejection::new);
  }

  private final String event;
  private final RejectionCode code;
  private final String reason;

  Rejection(String event, RejectionCode code, String reason) {
    this.event = Objects.requireNonNull(event, "event");
    this.code = Objects.requireNonNull(code, "code");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns the rejected event's id.
   *
   * @return the event's id
   */
  public String event() {
    return event;
  }

  /**
   * Returns why the event had no effect, as a stable code a host can branch on.
   *
   * @return the code
   */
  public RejectionCode code() {
    return code;
  }

  /**
   * Returns why the event had no effect in words, naming the rule or plan that forbids it.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof Rejection other
            && event.equals(other.event)
            && code.equals(other.code)
            && reason.equals(other.reason);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * event.hashCode() + code.hashCode()) + reason.hashCode();
  }

  @Override
  public String toString() {
    return "Rejection[event=" + event + ", code=" + code + ", reason=" + reason + "]";
  }
}
