package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.state.Adherence;
import org.blendedtherapy.state.Bridge;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.DueMeasure;
import org.blendedtherapy.state.FidelityRecord;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.Outcome;
import org.blendedtherapy.state.ProgressSummary;
import org.blendedtherapy.state.Reason;
import org.blendedtherapy.state.RiskFlag;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ClientState} as the state JSON of the contract ({@code state.schema.json}):
 * top-level keys {@code at}, {@code client}, {@code protocol}, {@code modules} (each with its
 * reason tree under {@code explanation}), {@code sessions}, {@code nextSession}, {@code rejected},
 * {@code progress}, {@code path}, {@code nextModule}, then {@code measures} (recorded and due),
 * {@code outcome} (null without a complete measure pair), {@code risk}, {@code bridge}, {@code
 * fidelity} and {@code adherence}. Local date-times are {@code uuuu-MM-dd'T'HH:mm}, instants are
 * UTC {@code Instant.toString()}. The same state always gives the same bytes.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StateJson {
  /** The local date-time format of every blended output. */
  public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateJson() {}

  /**
   * Writes the state as indented JSON text with {@code \n} line ends.
   *
   * @param state the state
   * @return the JSON text
   */
  public static String write(ClientState state) {
    return Pretty.write(tree(state));
  }

  static ObjectNode tree(ClientState state) {
    ObjectNode root = NODES.objectNode();
    root.put("at", state.at().toString());
    root.put("client", state.enrolment().client());
    root.putObject("protocol")
        .put("id", state.protocol().id())
        .put("version", state.protocol().version())
        .put("sha256", state.pinned().sha256());
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
      rejected
          .addObject()
          .put("event", rejection.event())
          .put("code", rejection.code().json())
          .put("reason", rejection.reason());
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
    ObjectNode measures = root.putObject("measures");
    ArrayNode recorded = measures.putArray("recorded");
    for (MeasureResult m : state.measures()) {
      ObjectNode node = measure(recorded.addObject(), m);
      node.put("at", m.at().toString());
      putInt(node, "session", m.session());
      node.put("complete", m.isComplete());
      if (!m.items().isEmpty()) {
        ArrayNode items = node.putArray("items");
        m.items().forEach(i -> items.add(i.isPresent() ? NODES.numberNode(i.getAsInt()) : null));
      }
    }
    ArrayNode due = measures.putArray("due");
    for (DueMeasure d : state.dueMeasures()) {
      ObjectNode node =
          due.addObject()
              .put("session", d.session())
              .put("instrument", d.instrument())
              .put("status", d.status().json());
      d.event().ifPresent(e -> node.put("event", e));
    }
    Optional<Outcome> outcome = state.outcome();
    if (outcome.isPresent()) {
      root.set("outcome", outcome(outcome.get()));
    } else {
      root.putNull("outcome");
    }
    ArrayNode risk = root.putArray("risk");
    for (RiskFlag flag : state.risk()) {
      risk.addObject()
          .put("event", flag.event())
          .put("at", flag.at().toString())
          .put("instrument", flag.instrument())
          .put("item", flag.item())
          .put("reason", flag.reason());
    }
    root.set("bridge", bridge(state.bridge()));
    ArrayNode fidelity = root.putArray("fidelity");
    state.fidelity().forEach(f -> fidelity.add(fidelity(f)));
    Adherence adherence = state.adherence();
    ObjectNode adherenceNode = root.putObject("adherence");
    adherenceNode.set("overall", counts(NODES.objectNode(), adherence.overall()));
    ArrayNode weeks = adherenceNode.putArray("weeks");
    for (Adherence.Week week : adherence.weeks()) {
      ObjectNode node =
          weeks
              .addObject()
              .put("week", week.number())
              .put("from", week.from().toString())
              .put("to", week.to().toString());
      counts(node, week.counts());
    }
    return root;
  }

  private static void putInt(ObjectNode node, String key, OptionalInt value) {
    if (value.isPresent()) {
      node.put(key, value.getAsInt());
    } else {
      node.putNull(key);
    }
  }

  private static ObjectNode measure(ObjectNode node, MeasureResult m) {
    node.put("event", m.event()).put("instrument", m.instrument());
    putInt(node, "total", m.total());
    if (m.band().isPresent()) {
      node.put("band", m.band().get());
    } else {
      node.putNull("band");
    }
    return node;
  }

  private static ObjectNode outcome(Outcome outcome) {
    ObjectNode node = NODES.objectNode();
    node.put("caseness", outcome.caseness())
        .put("finishedTreatment", outcome.finishedTreatment())
        .put("recovery", outcome.recovery())
        .put("reliableImprovement", outcome.reliableImprovement())
        .put("reliableDeterioration", outcome.reliableDeterioration())
        .put("reliableRecovery", outcome.reliableRecovery());
    Outcome.Basis basis = outcome.basis();
    ObjectNode b = node.putObject("basis");
    b.set("depression", scores(basis.depression()));
    b.set("anxiety", scores(basis.anxiety()));
    b.put("firstSession", basis.firstSession())
        .put("latestSession", basis.latestSession())
        .put("treatmentSessionsAttended", basis.treatmentSessionsAttended());
    node.put("final", outcome.isFinal());
    return node;
  }

  private static ObjectNode scores(Outcome.Scores scores) {
    return NODES
        .objectNode()
        .put("instrument", scores.instrument())
        .put("first", scores.first())
        .put("latest", scores.latest())
        .put("firstEvent", scores.firstEvent())
        .put("latestEvent", scores.latestEvent())
        .put("caseness", scores.caseness())
        .put("reliableChange", scores.reliableChange());
  }

  private static ObjectNode bridge(Bridge bridge) {
    ObjectNode node = NODES.objectNode();
    putInt(node, "sinceSession", bridge.sinceSession());
    if (bridge.since().isPresent()) {
      node.put("since", bridge.since().get().toString());
    } else {
      node.putNull("since");
    }
    node.put("until", bridge.until().toString());
    ArrayNode started = node.putArray("modulesStarted");
    bridge.modulesStarted().forEach(started::add);
    ArrayNode completed = node.putArray("modulesCompleted");
    bridge.modulesCompleted().forEach(completed::add);
    ObjectNode mood = node.putObject("mood").put("count", bridge.mood().count());
    if (bridge.mood().mean().isPresent()) {
      mood.put("mean", bridge.mood().mean().getAsDouble());
    } else {
      mood.putNull("mean");
    }
    putInt(mood, "lowest", bridge.mood().lowest());
    mood.put("trend", bridge.mood().trend());
    ArrayNode measures = node.putArray("measures");
    for (Bridge.MeasureChange change : bridge.measures()) {
      putInt(measure(measures.addObject(), change.measure()), "change", change.change());
    }
    ObjectNode reminders =
        node.putObject("reminders")
            .put("acknowledged", bridge.reminders().acknowledged())
            .put("ignored", bridge.reminders().ignored());
    ArrayNode out = reminders.putArray("optedOut");
    bridge.reminders().optedOut().forEach(out::add);
    ArrayNode in = reminders.putArray("optedIn");
    bridge.reminders().optedIn().forEach(in::add);
    ArrayNode rejected = node.putArray("rejected");
    for (Rejection rejection : bridge.rejected()) {
      rejected
          .addObject()
          .put("event", rejection.event())
          .put("code", rejection.code().json())
          .put("reason", rejection.reason());
    }
    return node;
  }

  private static ObjectNode fidelity(FidelityRecord record) {
    ObjectNode node =
        NODES
            .objectNode()
            .put("session", record.session())
            .put("type", record.type().json())
            .put("planned", local(record.planned()))
            .put("scheduled", local(record.scheduled()))
            .put("attended", record.attended().toString());
    record
        .plannedMinutes()
        .ifPresent(m -> node.putObject("plannedMinutes").put("min", m.min()).put("max", m.max()));
    ArrayNode due = node.putArray("measuresDue");
    record.measuresDue().forEach(due::add);
    if (record.moduleInFocus().isPresent()) {
      node.put("moduleInFocus", record.moduleInFocus().get());
    } else {
      node.putNull("moduleInFocus");
    }
    ArrayNode measures = node.putArray("measures");
    record.measures().forEach(m -> measure(measures.addObject(), m));
    ArrayNode deviations = node.putArray("deviations");
    for (FidelityRecord.Deviation d : record.deviations()) {
      ObjectNode dev = deviations.addObject().put("code", d.code()).put("by", d.by());
      if (d.event().isPresent()) {
        dev.put("event", d.event().get());
      } else {
        dev.putNull("event");
      }
      dev.put("text", d.text());
    }
    return node;
  }

  private static ObjectNode counts(ObjectNode node, Adherence.Counts counts) {
    node.set("sessions", ratio(counts.sessions()));
    node.set("online", ratio(counts.online()));
    node.set("coreModules", ratio(counts.coreModules()));
    node.set("moodRatings", ratio(counts.moodRatings()));
    return node;
  }

  private static ObjectNode ratio(Adherence.Ratio ratio) {
    ObjectNode node = NODES.objectNode().put("done", ratio.done()).put("of", ratio.of());
    if (ratio.value().isPresent()) {
      node.put("ratio", ratio.value().getAsDouble());
    } else {
      node.putNull("ratio");
    }
    return node;
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
