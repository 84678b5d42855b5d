package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blended export-fhir PROTOCOL [--enrolment FILE --events FILE --at INSTANT] [--from INSTANT
 * --to INSTANT]}: the protocol, or a client at an instant, as one FHIR R4 Bundle in JSON.
 *
 * <p>HAPI FHIR is reached only through {@link FhirOutput}, so building this command (as {@code
 * blended --help} does) loads none of it.
 */
@Command(
    name = "export-fhir",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the protocol as a FHIR R4 Bundle (PlanDefinition and ActivityDefinitions) or, with"
          + " --enrolment, --events and --at, a client's Bundle: the protocol's resources, a"
          + " CarePlan, an Appointment per session, a Task per open or completed module, a"
          + " QuestionnaireResponse and an Observation per measure, a Flag per risk flag and, with"
          + " --from and --to, a CommunicationRequest per reminder of that window.",
      "Exit 0 ok, 1 when an input is wrong, 2 on a usage error or an unreadable file."
    })
final class ExportFhirCommand extends InputCommand {

  @Parameters(index = "0", paramLabel = "PROTOCOL", description = "The protocol document.")
  String protocolFile = "";

  @Option(
      names = "--enrolment",
      paramLabel = "FILE",
      description = "The client's enrolment (JSON); with --events and --at.")
  String enrolmentFile = "";

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "The client's events (JSON Lines, one event per line); with --enrolment.")
  String eventsFile = "";

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "The instant the client is exported at, UTC; required with a client.")
  Optional<Instant> at = Optional.empty();

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description = "Start of the reminder window, UTC, inclusive; with --to.")
  Optional<Instant> from = Optional.empty();

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      description = "End of the reminder window, UTC, exclusive; with --from.")
  Optional<Instant> to = Optional.empty();

  @Option(
      names = "--identifier-system",
      paramLabel = "URI",
      description =
          "The system of the client's identifier in the host's records (with"
              + " --identifier-value); without it the client is named by the SHA-256 of its"
              + " reference.")
  Optional<String> identifierSystem = Optional.empty();

  @Option(
      names = "--identifier-value",
      paramLabel = "VALUE",
      description = "The client's identifier in that system.")
  Optional<String> identifierValue = Optional.empty();

  ExportFhirCommand(Path workingDirectory) {
    super("export-fhir", workingDirectory);
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    boolean client = !enrolmentFile.isEmpty() || !eventsFile.isEmpty();
    if (client && (enrolmentFile.isEmpty() || eventsFile.isEmpty())) {
      throw usage("--enrolment and --events go together");
    }
    if (client && at.isEmpty()) {
      throw usage("--at is required with a client (--enrolment and --events)");
    }
    if (!client && (at.isPresent() || from.isPresent() || to.isPresent())) {
      throw usage("--at, --from and --to need a client (--enrolment and --events)");
    }
    if (from.isPresent() != to.isPresent()) {
      throw usage("--from and --to go together");
    }
    if (identifierSystem.isPresent() != identifierValue.isPresent()) {
      throw usage("--identifier-system and --identifier-value go together");
    }
    if (!client && identifierSystem.isPresent()) {
      throw usage("--identifier-system and --identifier-value need a client");
    }
    if (identifierSystem.isPresent()
        && (identifierSystem.get().isBlank() || identifierValue.get().isBlank())) {
      throw usage("--identifier-system and --identifier-value must not be blank");
    }
    at.ifPresent(a -> requireSupported("--at", a, SupportedRange.contains(a)));
    from.ifPresent(f -> requireSupported("--from", f, SupportedRange.contains(f)));
    to.ifPresent(t -> requireSupported("--to", t, SupportedRange.contains(t)));
    if (from.isPresent()) {
      requireOrdered("--from", from.get(), "--to", to.get(), !from.get().isAfter(to.get()));
    }

    if (!client) {
      Protocol protocol = inputs.load(protocolFile, ProtocolJson::validate);
      out.print(FhirOutput.protocol(protocol));
      return;
    }
    ClientFiles files = new ClientFiles();
    files.protocolFile = protocolFile;
    files.enrolmentFile = enrolmentFile;
    files.eventsFile = eventsFile;
    ClientFiles.Client loaded = files.load(inputs);
    out.print(
        FhirOutput.client(loaded.stateAt(at.get()), identifierSystem, identifierValue, from, to));
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
