package org.blendedtherapy.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blendedtherapy.Issue;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.MigrationJson;
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

  @Option(
      names = "--migration",
      arity = "2",
      paramLabel = "FILE",
      description =
          "A migration the events may name and the protocol it moves the client to: MAPPING"
              + " PROTOCOL (repeatable, in order).")
  List<String> migrationFiles = new ArrayList<>();

  /** A client read from its files, pinned to its protocol, with the migrations given. */
  record Client(
      PinnedProtocol protocol, Enrolment enrolment, History history, Migrations migrations) {
    ClientState stateAt(Instant at) {
      return ClientState.of(protocol, enrolment, history, at, migrations);
    }

    /** The state after every event: what reminder queries over the whole log read. */
    ClientState latest() {
      Instant start = enrolment.start().atZone(enrolment.zone()).toInstant();
      Instant last = history.lastAt().orElse(start);
      return stateAt(last.isAfter(start) ? last : start);
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
    Migrations migrations = Migrations.none();
    List<PinnedProtocol> known = new ArrayList<>(List.of(protocol));
    for (int i = 0; i + 1 < migrationFiles.size(); i += 2) {
      String mappingFile = migrationFiles.get(i);
      PinnedProtocol to =
          ProtocolJson.pin(inputs.load(migrationFiles.get(i + 1), ProtocolJson::validate));
      Migration alone = inputs.load(mappingFile, MigrationJson::validate);
      PinnedProtocol from =
          known.stream().filter(p -> p.pin().equals(alone.from())).findFirst().orElse(protocol);
      Migration migration = inputs.load(mappingFile, b -> MigrationJson.validate(b, from, to));
      migrations = migrations.with(migration, to);
      known.add(to);
    }
    return new Client(protocol, enrolment, history, migrations);
  }
}
