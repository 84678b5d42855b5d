package org.blendedtherapy.fhir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a host adds to a client's export: the identifier its record system knows the client by, and
 * the window of reminders to include as {@code CommunicationRequest}s.
 *
 * <p>Without an identifier, every resource names the client by the SHA-256 of the enrolment's
 * client reference (system {@code
 * https://blendedtherapy.org/schema/fhir/NamingSystem/client-sha256}), never by the reference
 * itself. Without a window, no reminder is exported.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param identifier the client's identifier in the host's system, when the host gives one
 * @param reminders the window {@code [from, to)} of reminders to export, when wanted
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FhirClientOptions(Optional<ClientIdentifier> identifier, Optional<Window> reminders) {

  /** No identifier and no reminders. */
  public static final FhirClientOptions DEFAULT =
      new FhirClientOptions(Optional.empty(), Optional.empty());

  /** Creates options. */
  public FhirClientOptions {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(reminders, "reminders");
  }

  /**
   * Returns these options naming the client by the host's identifier.
   *
   * @param system the identifier's system, an absolute URI such as {@code
   *     https://fhir.nhs.uk/Id/nhs-number}
   * @param value the identifier's value
   * @return the copy; these options are unchanged
   */
  public FhirClientOptions withIdentifier(String system, String value) {
    return new FhirClientOptions(Optional.of(new ClientIdentifier(system, value)), reminders);
  }

  /**
   * Returns these options exporting the reminders due in {@code [from, to)}.
   *
   * @param from the start of the window, inclusive
   * @param to the end of the window, exclusive
   * @return the copy; these options are unchanged
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public FhirClientOptions withReminders(Instant from, Instant to) {
    return new FhirClientOptions(identifier, Optional.of(new Window(from, to)));
  }

  /**
   * The identifier a host's record system knows the client by.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param system the identifier's system (an absolute URI)
   * @param value the identifier's value
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record ClientIdentifier(String system, String value) {
    /**
     * Creates an identifier.
     *
     * @throws IllegalArgumentException if either part is blank
     */
    public ClientIdentifier {
      Objects.requireNonNull(system, "system");
      Objects.requireNonNull(value, "value");
      if (system.isBlank() || value.isBlank()) {
        throw new IllegalArgumentException("an identifier needs a system and a value");
      }
    }

    /** Returns the system only: the value is the client's and stays out of logs. */
    @Override
    public String toString() {
      return "ClientIdentifier[system=" + system + "]";
    }
  }

  /**
   * A window of instants {@code [from, to)}.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param from the start, inclusive
   * @param to the end, exclusive
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Window(Instant from, Instant to) {
    /**
     * Creates a window.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public Window {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("a window ends after it starts");
      }
    }
  }
}
