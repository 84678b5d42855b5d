package org.blendedtherapy.fhir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.Validation;
import org.blendedtherapy.protocol.Protocol;

/**
 * A protocol read back from a PlanDefinition: the protocol as the library validates it, and what a
 * PlanDefinition does not carry (so the protocol read back has the defaults there).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param protocol the protocol with every issue found, as {@link
 *     org.blendedtherapy.json.ProtocolJson#validate(String)} reports it for the document read back
 * @param notCarried the parts of a protocol a PlanDefinition has no place for, each as {@code
 *     POINTER: why}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProtocolImport(Validation<Protocol> protocol, List<String> notCarried) {
  /** Creates an import; the list is copied. */
  public ProtocolImport {
    Objects.requireNonNull(protocol, "protocol");
    notCarried = List.copyOf(notCarried);
  }
}
