package org.blendedtherapy.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;

/** The repository's sample protocols and clients, read in place. */
final class Samples {
  /** The instant the sample clients are exported at: after every sample event. */
  static final Instant AT = Instant.parse("2027-06-01T00:00:00Z");

  private Samples() {}

  static Path root() {
    return Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .resolve("../samples")
        .normalize();
  }

  /** The sample protocols: the three of {@code samples/protocols} and the scenario's own one. */
  static List<Path> protocols() {
    try (Stream<Path> files = Files.list(root().resolve("protocols"))) {
      return Stream.concat(
              files.filter(f -> f.toString().endsWith(".json")).sorted(),
              Stream.of(root().resolve("clients/scenarios/module-reminder.protocol.json")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Protocol protocol(Path file) {
    return ProtocolJson.read(read(file));
  }

  /** Every sample client: an enrolment with its events, beside each other. */
  static List<Path> enrolments() {
    try (Stream<Path> top = Files.list(root().resolve("clients"));
        Stream<Path> scenarios = Files.list(root().resolve("clients/scenarios"))) {
      return Stream.concat(top, scenarios)
          .filter(f -> f.toString().endsWith(".enrolment.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state of a sample client at {@link #AT}, with the protocol its enrolment pins. */
  static ClientState client(Path enrolmentFile) {
    return client(enrolmentFile, read(events(enrolmentFile)));
  }

  static ClientState client(Path enrolmentFile, String events) {
    Enrolment enrolment = EnrolmentJson.read(read(enrolmentFile));
    String id = enrolment.protocol().id();
    Path protocolFile =
        id.equals("e-compared-uk-timed")
            ? root().resolve("clients/scenarios/module-reminder.protocol.json")
            : root().resolve("protocols/" + id + ".json");
    PinnedProtocol pinned = ProtocolJson.pin(protocol(protocolFile));
    History history = EventsJson.read(events);
    return ClientState.of(pinned, enrolment, history, AT);
  }

  static Path events(Path enrolmentFile) {
    String name = enrolmentFile.getFileName().toString();
    return enrolmentFile.resolveSibling(
        name.substring(0, name.length() - ".enrolment.json".length()) + ".events.jsonl");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
