package org.blendedtherapy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.RemindersJson;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.RiskFlag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Clients written as the job reads them, and what the library answers for them: the expectations
 * the job's outputs are compared with.
 */
final class TestClients {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private TestClients() {}

  /** One client: enrolment, events and the pinned protocol. */
  record Client(String name, PinnedProtocol pinned, Enrolment enrolment, List<Event> events) {
    ClientState state() {
      return ClientState.of(pinned, enrolment, History.of(events));
    }
  }

  static Protocol sample(String name) throws IOException {
    return ProtocolJson.read(Files.readAllBytes(Path.of("../samples/protocols", name)));
  }

  static Enrolment renamed(Enrolment e, String client) {
    return new Enrolment(client, e.protocol(), e.start(), e.zone(), e.preferences());
  }

  /** Whether the enrolment and events have documents that read back as themselves. */
  static boolean isWritable(Enrolment e, List<Event> events) {
    if (EnrolmentJson.zone(e.zone().getId()).isEmpty()) {
      return false;
    }
    for (Event event : events) {
      var read =
          EventsJson.validateEvent(EventsJson.writeLine(event).getBytes(StandardCharsets.UTF_8));
      if (!read.isValid() || !read.value().map(event::equals).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  /** The enrolment document of an enrolment, checked by reading it back with the library. */
  static String enrolmentJson(Enrolment e) {
    ObjectNode root = JSON.createObjectNode();
    root.put("client", e.client());
    ObjectNode pin = root.putObject("protocol");
    pin.put("id", e.protocol().id());
    pin.put("version", e.protocol().version());
    pin.put("sha256", e.protocol().sha256());
    root.put("start", Times.format(e.start()));
    root.put("zone", e.zone().getId());
    Preferences p = e.preferences();
    if (!p.equals(Preferences.NONE)) {
      ObjectNode prefs = root.putObject("preferences");
      p.quietHours()
          .ifPresent(
              q -> {
                ObjectNode quiet = prefs.putObject("quietHours");
                quiet.put("from", q.from().format(HH_MM));
                quiet.put("to", q.to().format(HH_MM));
              });
      if (!p.optedOut().isEmpty()) {
        ArrayNode out = prefs.putArray("optedOut");
        p.optedOut().stream().sorted().forEach(out::add);
      }
      if (!p.reminderTimes().isEmpty()) {
        ObjectNode times = prefs.putObject("reminderTimes");
        new TreeMap<>(p.reminderTimes())
            .forEach(
                (policy, list) -> {
                  ArrayNode at = times.putArray(policy);
                  list.stream().map((LocalTime t) -> t.format(HH_MM)).forEach(at::add);
                });
      }
    }
    String json = JSON.writeValueAsString(root);
    assertThat(EnrolmentJson.read(json)).isEqualTo(e);
    return json;
  }

  static void write(Path dir, Client client) throws IOException {
    Files.writeString(
        dir.resolve(client.name() + ".enrolment.json"), enrolmentJson(client.enrolment()));
    StringBuilder log = new StringBuilder();
    for (Event event : client.events()) {
      log.append(EventsJson.writeLine(event)).append('\n');
    }
    Files.writeString(
        dir.resolve(client.name() + ".events.jsonl"), log.toString(), StandardCharsets.UTF_8);
  }

  static void writeProtocols(Path dir, List<Protocol> protocols) throws IOException {
    Files.createDirectories(dir);
    int i = 0;
    for (Protocol protocol : protocols) {
      Files.writeString(dir.resolve("p" + i++ + ".json"), ProtocolJson.canonical(protocol));
    }
  }

  /** The library's reminders of a client in [1900, until), as the job writes them less client. */
  static List<JsonNode> libraryReminders(Client client, Instant until) {
    String written = RemindersJson.write(client.state().reminders(FIRST, until));
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(written).get("reminders").forEach(out::add);
    return sorted(out);
  }

  static List<String> libraryRejections(Client client) {
    List<String> out = new ArrayList<>();
    for (Rejection r : client.state().rejected()) {
      out.add(r.event() + " " + r.code().json());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  static List<String> libraryRisk(Client client) {
    List<String> out = new ArrayList<>();
    for (RiskFlag flag : client.state().risk()) {
      out.add(flag.event() + " " + flag.at());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Output lines grouped by client, with {@code client} removed. */
  static Map<String, List<JsonNode>> byClient(List<String> lines) {
    Map<String, List<JsonNode>> out = new TreeMap<>();
    for (String line : lines) {
      ObjectNode node = (ObjectNode) JSON.readTree(line);
      String client = node.get("client").asString();
      node.remove("client");
      out.computeIfAbsent(client, c -> new ArrayList<>()).add(node);
    }
    out.replaceAll((c, list) -> sorted(list));
    return out;
  }

  static List<JsonNode> sorted(List<JsonNode> reminders) {
    List<JsonNode> out = new ArrayList<>(reminders);
    out.sort(
        Comparator.comparing((JsonNode n) -> n.path("instant").asString(""))
            .thenComparing(n -> n.path("id").asString(""))
            .thenComparing(JsonNode::toString));
    return out;
  }

  static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  /** Replays the input directory with the embedded command; fails unless it exits 0. */
  static void replay(Path protocols, Path input, Path output, Instant until) throws Exception {
    int status =
        BlendedFlink.run(
            new String[] {
              "run",
              "--protocols",
              protocols.toString(),
              "--input",
              input.toString(),
              "--output",
              output.toString(),
              "--until",
              until.toString(),
              "--checkpoint-interval",
              "PT0.5S"
            },
            System.err);
    assertThat(status).isZero();
  }

  /** Compares the job's outputs in a directory with the library, client by client. */
  static void assertSameAsLibrary(Path output, List<Client> clients, Instant until)
      throws IOException {
    Map<String, List<JsonNode>> reminders = byClient(lines(output.resolve("reminders.jsonl")));
    Map<String, List<JsonNode>> rejected = byClient(lines(output.resolve("rejected.jsonl")));
    Map<String, List<JsonNode>> risk = byClient(lines(output.resolve("risk.jsonl")));
    int total = 0;
    for (Client client : clients) {
      String ref = client.enrolment().client();
      List<JsonNode> expected = libraryReminders(client, until);
      total += expected.size();
      assertThat(reminders.getOrDefault(ref, List.of()))
          .as("reminders of %s", client.name())
          .containsExactlyElementsOf(expected);
      assertThat(
              rejected.getOrDefault(ref, List.of()).stream()
                  .map(n -> n.get("event").asString() + " " + n.get("code").asString())
                  .sorted()
                  .toList())
          .as("rejected events of %s", client.name())
          .containsExactlyElementsOf(libraryRejections(client));
      assertThat(
              risk.getOrDefault(ref, List.of()).stream()
                  .map(n -> n.get("event").asString() + " " + n.get("at").asString())
                  .sorted()
                  .toList())
          .as("risk flags of %s", client.name())
          .containsExactlyElementsOf(libraryRisk(client));
    }
    assertThat(reminders.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
  }
}
