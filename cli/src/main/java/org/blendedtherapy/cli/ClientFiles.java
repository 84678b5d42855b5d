package org.blendedtherapy.cli;

import java.time.Instant;
import java.util.Optional;
import org.blendedtherapy.Issue;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
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
  record Client(PinnedProtocol protocol, Enrolment enrolment, History history) {
    ClientState stateAt(Instant at) {
      return ClientState.of(protocol, enrolment, history, at);
    }

    /** The state after every event: what reminder queries over the whole log read. */
    ClientState latest() {
      return ClientState.of(protocol, enrolment, history);
    }
  }

  /**
   * Reads the three files; a protocol other than the one the enrolment is pinned to is the
   * enrolment's error (exit 1).
   */
  Client load(Inputs inputs) {
    PinnedProtocol protocol = ProtocolJson.pin(inputs.load(protocolFile, ProtocolJson::validate));
    Enrolment enrolment = inputs.load(enrolmentFile, EnrolmentJson::validate);
    History history = inputs.loadStreamed(eventsFile, EventsJson::validate);
    Optional<Issue> mismatch = protocol.check(enrolment);
    if (mismatch.isPresent()) {
      throw inputs.fail(enrolmentFile, mismatch.get());
    }
    return new Client(protocol, enrolment, history);
  }
}
