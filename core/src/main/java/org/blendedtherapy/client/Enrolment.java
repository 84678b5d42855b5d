package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A client enrolled on a protocol: an opaque client reference chosen by the host, the pinned
 * protocol, the local date-time of session 1, the client's time zone and preferences.
 *
 * <p>The client reference is never written to logs above DEBUG nor into exception messages.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param client the host's opaque client reference
 * @param protocol the pinned protocol
 * @param start the local date-time of session 1, in {@code zone}
 * @param zone the client's time zone (sessions stay in it; a zone change moves reminders only)
 * @param preferences the client's reminder preferences
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Enrolment(
    String client,
    ProtocolPin protocol,
    LocalDateTime start,
    ZoneId zone,
    Preferences preferences) {

  /** Creates an enrolment. */
  public Enrolment {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(preferences, "preferences");
  }

  /** Returns the enrolment without the client reference, which is private. */
  @Override
  public String toString() {
    return "Enrolment[protocol=" + protocol + ", start=" + start + ", zone=" + zone + "]";
  }
}
