package org.blendedtherapy.cli;

import java.time.Instant;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The files that describe one client, shared by the commands that ask about a client: {@code
 * PROTOCOL --enrolment FILE --events FILE}.
 */
final class ClientFiles {
  @Parameters(index = "0", paramLabel = "PROTOCOL", description = "The protocol document.")
  String protocolFile = "";

  @Option(
      names = "--enrolment",
      required = true,
      paramLabel = "FILE",
      description = "The client's enrolment (JSON).")
  String enrolmentFile = "";

  @Option(
      names = "--events",
      required = true,
      paramLabel = "FILE",
      description = "The client's events (JSON Lines, one event per line).")
  String eventsFile = "";

  /** A client read from its files, pinned to its protocol. */
  record Client(Protocol protocol, String sha256, Enrolment enrolment, History history) {
    ClientState stateAt(Instant at) {
      return ClientState.of(protocol, sha256, enrolment, history, at);
    }
  }

  /**
   * Reads the three files; a protocol other than the one the enrolment is pinned to is the
   * enrolment's error (exit 1).
   */
  Client load(Inputs inputs) {
    Protocol protocol = inputs.load(protocolFile, true, ProtocolJson::validate);
    Enrolment enrolment = inputs.load(enrolmentFile, true, EnrolmentJson::validate);
    History history = inputs.load(eventsFile, false, EventsJson::validate);
    String sha256 = ProtocolJson.sha256(protocol);
    try {
      ClientState.of(protocol, sha256, enrolment, History.empty(), Instant.EPOCH);
    } catch (InvalidInputException e) {
      throw inputs.fail(enrolmentFile, e.errors().get(0));
    }
    return new Client(protocol, sha256, enrolment, history);
  }
}
