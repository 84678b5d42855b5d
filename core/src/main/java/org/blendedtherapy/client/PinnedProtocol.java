package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.protocol.Protocol;

/**
 * A protocol with the SHA-256 of its canonical form, computed once: what an enrolment pins. Hosts
 * get one from {@code ProtocolJson.pin(protocol)} or {@code ProtocolJson.readPinned(bytes)} once
 * per protocol version and share it across clients, so no query takes the hash as a loose string.
 *
 * <p>Only the library builds one, so its hash is always the hash of its protocol: a host cannot
 * pair a protocol with another protocol's hash. Two are equal when their protocols and hashes are;
 * {@link #toString()} lists them as {@code PinnedProtocol[protocol=…, sha256=…]}.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class PinnedProtocol {
  static {
    Results.registerPins(PinnedProtocol::new);
  }

  private final Protocol protocol;
  private final String sha256;

  PinnedProtocol(Protocol protocol, String sha256) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * Returns the protocol.
   *
   * @return the protocol
   */
  public Protocol protocol() {
    return protocol;
  }

  /**
   * Returns the lowercase hex SHA-256 of the protocol's RFC 8785 canonical form.
   *
   * @return the hash
   */
  public String sha256() {
    return sha256;
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

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof PinnedProtocol other
            && protocol.equals(other.protocol)
            && sha256.equals(other.sha256);
  }

  @Override
  public int hashCode() {
    return 31 * protocol.hashCode() + sha256.hashCode();
  }

  @Override
  public String toString() {
    return "PinnedProtocol[protocol=" + protocol + ", sha256=" + sha256 + "]";
  }
}
