package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.protocol.Protocol;

/**
 * A protocol with the SHA-256 of its canonical form, computed once: what an enrolment pins. Hosts
 * get one from {@code ProtocolJson.pin(protocol)} or {@code ProtocolJson.readPinned(bytes)} once
 * per protocol version and share it across clients, so no query takes the hash as a loose string.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param protocol the protocol
 * @param sha256 the lowercase hex SHA-256 of its RFC 8785 canonical form
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record PinnedProtocol(Protocol protocol, String sha256) {
  /**
   * Creates a pinned protocol.
   *
   * @throws IllegalArgumentException if {@code sha256} is not 64 lowercase hex digits
   */
  public PinnedProtocol {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
  }

  /**
   * Checks that an enrolment is pinned to this protocol: same id, version and SHA-256.
   *
   * @param enrolment the enrolment
   * @return the {@code pin-mismatch} issue at {@code /protocol}, or empty when it matches
   */
  public Optional<Issue> check(Enrolment enrolment) {
    ProtocolPin pin = enrolment.protocol();
    if (pin.id().equals(protocol.id())
        && pin.version().equals(protocol.version())
        && pin.sha256().equals(sha256)) {
      return Optional.empty();
    }
    return Optional.of(
        Issue.error(
            IssueCode.PIN_MISMATCH,
            "/protocol",
            "the enrolment is pinned to protocol "
                + pin.id()
                + " "
                + pin.version()
                + " sha256="
                + pin.sha256()
                + " but was given "
                + protocol.id()
                + " "
                + protocol.version()
                + " sha256="
                + sha256
                + "; moving a client to another protocol version is an explicit migration"));
  }

  /**
   * Checks an enrolment's pin and fails when it does not match.
   *
   * @param enrolment the enrolment
   * @throws InvalidInputException with code {@code pin-mismatch} when the enrolment is pinned to
   *     another protocol id, version or SHA-256
   */
  public void requirePinOf(Enrolment enrolment) {
    check(enrolment)
        .ifPresent(
            issue -> {
              throw new InvalidInputException("enrolment", List.of(issue));
            });
  }

  /**
   * Returns the pin an enrolment on this protocol carries.
   *
   * @return the pin
   */
  public ProtocolPin pin() {
    return new ProtocolPin(protocol.id(), protocol.version(), sha256);
  }
}
