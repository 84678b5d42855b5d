package org.blendedtherapy.cli;

import java.time.Instant;
import java.util.Optional;
import org.blendedtherapy.fhir.FhirClientOptions;
import org.blendedtherapy.fhir.FhirExport;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;

/**
 * The only class of the CLI that touches blended-fhir (and so HAPI): loaded when {@code
 * export-fhir} runs, never when a command line is only built.
 */
final class FhirOutput {
  private FhirOutput() {}

  static String protocol(Protocol protocol) {
    return FhirExport.json(FhirExport.protocol(protocol));
  }

  static String client(
      ClientState state,
      Optional<String> identifierSystem,
      Optional<String> identifierValue,
      Optional<Instant> from,
      Optional<Instant> to) {
    FhirClientOptions options = FhirClientOptions.DEFAULT;
    if (identifierSystem.isPresent() && identifierValue.isPresent()) {
      options = options.withIdentifier(identifierSystem.get(), identifierValue.get());
    }
    if (from.isPresent() && to.isPresent()) {
      options = options.withReminders(from.get(), to.get());
    }
    return FhirExport.json(FhirExport.client(state, options));
  }
}
