package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The exact protocol an enrolment follows: id, version and the SHA-256 of its canonical form. A new
 * protocol version never changes an enrolled client; moving a client is an explicit migration.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the protocol id
 * @param version the protocol version
 * @param sha256 lowercase hexadecimal SHA-256 of the canonical protocol
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProtocolPin(String id, String version, String sha256) {
  /** Creates a pin. */
  public ProtocolPin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
  }
}
