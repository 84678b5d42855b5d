package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An event the protocol does not allow: it has no effect on the state, and is listed here with its
 * id and the reason, so that nothing the host sent is silently dropped.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param event the event's id
 * @param code why it had no effect, as a stable code a host can branch on
 * @param reason why it had no effect in words, naming the rule or plan that forbids it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Rejection(String event, RejectionCode code, String reason) {
  /** Creates a rejection. */
  public Rejection {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
