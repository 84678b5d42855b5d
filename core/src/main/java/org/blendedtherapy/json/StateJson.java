package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.ProgressSummary;
import org.blendedtherapy.state.Reason;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ClientState} as the state JSON of the contract ({@code state.schema.json}):
 * top-level keys {@code at}, {@code client}, {@code protocol}, {@code modules} (each with its
 * reason tree under {@code explanation}), {@code sessions}, {@code nextSession}, {@code rejected},
 * {@code progress}, {@code path}, {@code nextModule}. Local date-times are {@code
 * uuuu-MM-dd'T'HH:mm}, instants are UTC {@code Instant.toString()}. The same state always gives the
 * same bytes.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StateJson {
  /** The local date-time format of every blended output. */
  public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter PRETTY =
      JsonMapper.builder(JsonInput.FACTORY)
          .build()
          .writer()
          .with(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private StateJson() {}

  /**
   * Writes the state as indented JSON text with {@code \n} line ends.
   *
   * @param state the state
   * @return the JSON text
   */
  public static String write(ClientState state) {
    return PRETTY.writeValueAsString(tree(state));
  }

  static ObjectNode tree(ClientState state) {
    ObjectNode root = NODES.objectNode();
    root.put("at", state.at().toString());
    root.put("client", state.enrolment().client());
    root.putObject("protocol")
        .put("id", state.protocol().id())
        .put("version", state.protocol().version())
        .put("sha256", state.protocolSha256());
    ArrayNode modules = root.putArray("modules");
    for (ModuleState module : state.modules()) {
      ObjectNode node =
          modules
              .addObject()
              .put("id", module.id())
              .put("status", module.status().json())
              .put("reason", module.reason());
      node.set("explanation", reason(module.explanation()));
      module.session().ifPresent(n -> node.put("session", n));
      if (module.repeats() > 0) {
        node.put("repeats", module.repeats());
      }
    }
    ArrayNode sessions = root.putArray("sessions");
    state.sessions().forEach(s -> sessions.add(session(s)));
    if (state.nextSession().isPresent()) {
      root.set("nextSession", session(state.nextSession().get()));
    } else {
      root.putNull("nextSession");
    }
    ArrayNode rejected = root.putArray("rejected");
    for (Rejection rejection : state.rejected()) {
      rejected.addObject().put("event", rejection.event()).put("reason", rejection.reason());
    }
    ProgressSummary progress = state.progress();
    root.putObject("progress")
        .put("sessionsAttended", progress.sessionsAttended())
        .put("sessionsPlanned", progress.sessionsPlanned())
        .put("coreModulesCompleted", progress.coreModulesCompleted())
        .put("coreModules", progress.coreModules());
    ArrayNode path = root.putArray("path");
    state.path().forEach(path::add);
    if (state.nextModule().isPresent()) {
      root.put("nextModule", state.nextModule().get());
    } else {
      root.putNull("nextModule");
    }
    return root;
  }

  static ObjectNode reason(Reason reason) {
    ObjectNode node = NODES.objectNode();
    node.put("code", reason.code());
    node.put("holds", reason.holds());
    node.put("text", reason.text());
    if (!reason.children().isEmpty()) {
      ArrayNode children = node.putArray("children");
      reason.children().forEach(c -> children.add(reason(c)));
    }
    return node;
  }

  static ObjectNode session(Session session) {
    ObjectNode node = NODES.objectNode();
    node.put("number", session.number());
    node.put("type", session.type().json());
    node.put("local", local(session.local()));
    node.put("instant", session.instant().toString());
    node.put("status", session.status().json());
    node.putObject("window")
        .put("from", session.instant().toString())
        .put("to", session.windowEnd().toString());
    node.put("planned", local(session.planned()));
    session.reason().ifPresent(r -> node.put("reason", r));
    return node;
  }

  /**
   * Formats a local date-time as {@code uuuu-MM-dd'T'HH:mm}.
   *
   * @param local the local date-time
   * @return the text
   */
  public static String local(LocalDateTime local) {
    return LOCAL.format(local);
  }
}
