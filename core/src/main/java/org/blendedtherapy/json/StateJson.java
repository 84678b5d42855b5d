package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.state.Adherence;
import org.blendedtherapy.state.Bridge;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.DueMeasure;
import org.blendedtherapy.state.FidelityRecord;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.Migrated;
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
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // The text of done/of for of below RATIO_CACHE (done <= of), filled as met; a race only
  // computes the same immutable string twice.
  private static final int RATIO_CACHE = 64;
  private static final String[] RATIOS = new String[RATIO_CACHE * RATIO_CACHE];

  private StateJson() {}

  /**
   * Writes the state as indented JSON text with {@code \n} line ends.
   *
   * @param state the state
   * @return the JSON text
   */
  public static String write(ClientState state) {
    Pretty.Writer out = new Pretty.Writer(32 * 1024);
    write(out, state);
    return out.text();
  }

  /**
   * The state as {@link #write} prints it, as a tree: for documents that hold a state. Writes the
   * same text through {@link Pretty#write} (a property holds the two to it).
   */
  static ObjectNode tree(ClientState state) {
    ObjectNode root = NODES.objectNode();
    root.put("at", state.at().toString());
    root.put("client", state.enrolment().client());
    root.putObject("protocol")
        .put("id", state.protocol().id())
        .put("version", state.protocol().version())
        .put("sha256", state.pinned().sha256());
    if (!state.migrations().isEmpty()) {
      ArrayNode migrations = root.putArray("migrations");
      for (Migrated m : state.migrations()) {
        ObjectNode node = migrations.addObject();
        node.put("event", m.event()).put("at", m.at().toString());
        node.putObject("from")
            .put("id", m.from().id())
            .put("version", m.from().version())
            .put("sha256", m.from().sha256());
        node.putObject("to")
            .put("id", m.to().id())
            .put("version", m.to().version())
            .put("sha256", m.to().sha256());
        node.put("migration", m.migration().sha256());
        ArrayNode retired = node.putArray("retired");
        for (Migrated.Retired r : m.retired()) {
          retired
              .addObject()
              .put("module", r.module())
              .put("status", r.status())
              .put("work", r.work().json())
              .put("reason", r.reason());
        }
      }
    }
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
              .put("instrument", d.instrument().json())
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
          .put("instrument", flag.instrument().json())
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

  private static void write(Pretty.Writer out, ClientState state) {
    out.beginObject();
    out.name("at").value(state.at());
    out.name("client").value(state.enrolment().client());
    out.name("protocol").beginObject();
    out.name("id").value(state.protocol().id());
    out.name("version").value(state.protocol().version());
    out.name("sha256").value(state.pinned().sha256());
    out.end();
    if (!state.migrations().isEmpty()) {
      out.name("migrations").beginArray();
      for (Migrated m : state.migrations()) {
        out.beginObject();
        out.name("event").value(m.event());
        out.name("at").value(m.at());
        out.name("from").beginObject();
        out.name("id").value(m.from().id());
        out.name("version").value(m.from().version());
        out.name("sha256").value(m.from().sha256());
        out.end();
        out.name("to").beginObject();
        out.name("id").value(m.to().id());
        out.name("version").value(m.to().version());
        out.name("sha256").value(m.to().sha256());
        out.end();
        out.name("migration").value(m.migration().sha256());
        out.name("retired").beginArray();
        for (Migrated.Retired r : m.retired()) {
          out.beginObject();
          out.name("module").value(r.module());
          out.name("status").value(r.status());
          out.name("work").value(r.work().json());
          out.name("reason").value(r.reason());
          out.end();
        }
        out.end();
        out.end();
      }
      out.end();
    }
    out.name("modules").beginArray();
    for (ModuleState module : state.modules()) {
      out.beginObject();
      out.name("id").value(module.id());
      out.name("status").value(module.status().json());
      out.name("reason").value(module.reason());
      out.name("explanation");
      reason(out, module.explanation());
      if (module.session().isPresent()) {
        out.name("session").value(module.session().getAsInt());
      }
      if (module.repeats() > 0) {
        out.name("repeats").value(module.repeats());
      }
      out.end();
    }
    out.end();
    out.name("sessions").beginArray();
    for (Session session : state.sessions()) {
      session(out, session);
    }
    out.end();
    out.name("nextSession");
    if (state.nextSession().isPresent()) {
      session(out, state.nextSession().get());
    } else {
      out.nullValue();
    }
    out.name("rejected");
    rejections(out, state.rejected());
    ProgressSummary progress = state.progress();
    out.name("progress").beginObject();
    out.name("sessionsAttended").value(progress.sessionsAttended());
    out.name("sessionsPlanned").value(progress.sessionsPlanned());
    out.name("coreModulesCompleted").value(progress.coreModulesCompleted());
    out.name("coreModules").value(progress.coreModules());
    out.end();
    out.name("path");
    strings(out, state.path());
    out.name("nextModule");
    string(out, state.nextModule());
    out.name("measures").beginObject();
    out.name("recorded").beginArray();
    for (MeasureResult m : state.measures()) {
      out.beginObject();
      measure(out, m);
      out.name("at").value(m.at());
      out.name("session");
      number(out, m.session());
      out.name("complete").value(m.isComplete());
      if (!m.items().isEmpty()) {
        out.name("items").beginArray();
        for (OptionalInt item : m.items()) {
          number(out, item);
        }
        out.end();
      }
      out.end();
    }
    out.end();
    out.name("due").beginArray();
    for (DueMeasure d : state.dueMeasures()) {
      out.beginObject();
      out.name("session").value(d.session());
      out.name("instrument").value(d.instrument().json());
      out.name("status").value(d.status().json());
      if (d.event().isPresent()) {
        out.name("event").value(d.event().get());
      }
      out.end();
    }
    out.end();
    out.end();
    out.name("outcome");
    Optional<Outcome> outcome = state.outcome();
    if (outcome.isPresent()) {
      outcome(out, outcome.get());
    } else {
      out.nullValue();
    }
    out.name("risk").beginArray();
    for (RiskFlag flag : state.risk()) {
      out.beginObject();
      out.name("event").value(flag.event());
      out.name("at").value(flag.at());
      out.name("instrument").value(flag.instrument().json());
      out.name("item").value(flag.item());
      out.name("reason").value(flag.reason());
      out.end();
    }
    out.end();
    out.name("bridge");
    bridge(out, state.bridge());
    out.name("fidelity").beginArray();
    for (FidelityRecord record : state.fidelity()) {
      fidelity(out, record);
    }
    out.end();
    Adherence adherence = state.adherence();
    out.name("adherence").beginObject();
    out.name("overall").beginObject();
    counts(out, adherence.overall());
    out.end();
    out.name("weeks").beginArray();
    for (Adherence.Week week : adherence.weeks()) {
      out.beginObject();
      out.name("week").value(week.number());
      out.name("from").value(week.from());
      out.name("to").value(week.to());
      counts(out, week.counts());
      out.end();
    }
    out.end();
    out.end();
    out.end();
  }

  private static void number(Pretty.Writer out, OptionalInt value) {
    if (value.isPresent()) {
      out.value(value.getAsInt());
    } else {
      out.nullValue();
    }
  }

  private static void string(Pretty.Writer out, Optional<String> value) {
    if (value.isPresent()) {
      out.value(value.get());
    } else {
      out.nullValue();
    }
  }

  private static void strings(Pretty.Writer out, List<String> values) {
    out.beginArray();
    for (String value : values) {
      out.value(value);
    }
    out.end();
  }

  private static void rejections(Pretty.Writer out, List<Rejection> rejections) {
    out.beginArray();
    for (Rejection rejection : rejections) {
      out.beginObject();
      out.name("event").value(rejection.event());
      out.name("code").value(rejection.code().json());
      out.name("reason").value(rejection.reason());
      out.end();
    }
    out.end();
  }

  /** The entries of a measure every list of measures shares, inside an open object. */
  private static void measure(Pretty.Writer out, MeasureResult m) {
    out.name("event").value(m.event());
    out.name("instrument").value(m.instrument().json());
    out.name("total");
    number(out, m.total());
    out.name("band");
    string(out, m.band());
  }

  private static void outcome(Pretty.Writer out, Outcome outcome) {
    out.beginObject();
    out.name("caseness").value(outcome.caseness());
    out.name("finishedTreatment").value(outcome.finishedTreatment());
    out.name("recovery").value(outcome.recovery());
    out.name("reliableImprovement").value(outcome.reliableImprovement());
    out.name("reliableDeterioration").value(outcome.reliableDeterioration());
    out.name("reliableRecovery").value(outcome.reliableRecovery());
    Outcome.Basis basis = outcome.basis();
    out.name("basis").beginObject();
    out.name("depression");
    scores(out, basis.depression());
    out.name("anxiety");
    scores(out, basis.anxiety());
    out.name("firstSession").value(basis.firstSession());
    out.name("latestSession").value(basis.latestSession());
    out.name("treatmentSessionsAttended").value(basis.treatmentSessionsAttended());
    out.end();
    out.name("final").value(outcome.isFinal());
    out.end();
  }

  private static void scores(Pretty.Writer out, Outcome.Scores scores) {
    out.beginObject();
    out.name("instrument").value(scores.instrument().json());
    out.name("first").value(scores.first());
    out.name("latest").value(scores.latest());
    out.name("firstEvent").value(scores.firstEvent());
    out.name("latestEvent").value(scores.latestEvent());
    out.name("caseness").value(scores.caseness());
    out.name("reliableChange").value(scores.reliableChange());
    out.end();
  }

  private static void bridge(Pretty.Writer out, Bridge bridge) {
    out.beginObject();
    out.name("sinceSession");
    number(out, bridge.sinceSession());
    out.name("since");
    if (bridge.since().isPresent()) {
      out.value(bridge.since().get());
    } else {
      out.nullValue();
    }
    out.name("until").value(bridge.until());
    if (!bridge.migrations().isEmpty()) {
      out.name("migrations");
      strings(out, bridge.migrations());
    }
    out.name("modulesStarted");
    strings(out, bridge.modulesStarted());
    out.name("modulesCompleted");
    strings(out, bridge.modulesCompleted());
    Bridge.Mood mood = bridge.mood();
    out.name("mood").beginObject();
    out.name("count").value(mood.count());
    out.name("mean");
    if (mood.mean().isPresent()) {
      out.value(mood.mean().getAsDouble());
    } else {
      out.nullValue();
    }
    out.name("lowest");
    number(out, mood.lowest());
    out.name("trend").value(mood.trend());
    out.end();
    out.name("measures").beginArray();
    for (Bridge.MeasureChange change : bridge.measures()) {
      out.beginObject();
      measure(out, change.measure());
      out.name("change");
      number(out, change.change());
      out.end();
    }
    out.end();
    out.name("reminders").beginObject();
    out.name("acknowledged").value(bridge.reminders().acknowledged());
    out.name("ignored").value(bridge.reminders().ignored());
    out.name("optedOut");
    strings(out, bridge.reminders().optedOut());
    out.name("optedIn");
    strings(out, bridge.reminders().optedIn());
    out.end();
    out.name("rejected");
    rejections(out, bridge.rejected());
    out.end();
  }

  private static void fidelity(Pretty.Writer out, FidelityRecord record) {
    out.beginObject();
    out.name("session").value(record.session());
    out.name("type").value(record.type().json());
    out.name("planned").value(record.planned());
    out.name("scheduled").value(record.scheduled());
    out.name("attended").value(record.attended());
    if (record.plannedMinutes().isPresent()) {
      out.name("plannedMinutes").beginObject();
      out.name("min").value(record.plannedMinutes().get().min());
      out.name("max").value(record.plannedMinutes().get().max());
      out.end();
    }
    out.name("measuresDue");
    strings(out, record.measuresDue().stream().map(Instrument::json).toList());
    out.name("moduleInFocus");
    string(out, record.moduleInFocus());
    out.name("measures").beginArray();
    for (MeasureResult m : record.measures()) {
      out.beginObject();
      measure(out, m);
      out.end();
    }
    out.end();
    out.name("deviations").beginArray();
    for (FidelityRecord.Deviation d : record.deviations()) {
      out.beginObject();
      out.name("code").value(d.code());
      out.name("by").value(d.by());
      out.name("event");
      string(out, d.event());
      out.name("text").value(d.text());
      out.end();
    }
    out.end();
    out.end();
  }

  /** The four ratios of adherence, inside an open object. */
  private static void counts(Pretty.Writer out, Adherence.Counts counts) {
    out.name("sessions");
    ratio(out, counts.sessions());
    out.name("online");
    ratio(out, counts.online());
    out.name("coreModules");
    ratio(out, counts.coreModules());
    out.name("moodRatings");
    ratio(out, counts.moodRatings());
  }

  private static void ratio(Pretty.Writer out, Adherence.Ratio ratio) {
    out.beginObject();
    out.name("done").value(ratio.done());
    out.name("of").value(ratio.of());
    out.name("ratio");
    OptionalDouble value = ratio.value();
    if (value.isEmpty()) {
      out.nullValue();
    } else if (ratio.of() < RATIO_CACHE) {
      // The same few fractions come back week after week; Double.toString is their cost.
      int slot = ratio.done() * RATIO_CACHE + ratio.of();
      String text = RATIOS[slot];
      if (text == null) {
        text = Double.toString(value.getAsDouble());
        RATIOS[slot] = text;
      }
      out.number(text);
    } else {
      out.value(value.getAsDouble());
    }
    out.end();
  }

  private static void reason(Pretty.Writer out, Reason reason) {
    out.beginObject();
    out.name("code").value(reason.code());
    out.name("holds").value(reason.holds());
    out.name("text").value(reason.text());
    if (!reason.children().isEmpty()) {
      out.name("children").beginArray();
      for (Reason child : reason.children()) {
        reason(out, child);
      }
      out.end();
    }
    out.end();
  }

  private static void session(Pretty.Writer out, Session session) {
    out.beginObject();
    out.name("number").value(session.number());
    out.name("type").value(session.type().json());
    out.name("local").value(session.local());
    out.name("instant").value(session.instant());
    out.name("status").value(session.status().json());
    out.name("window").beginObject();
    out.name("from").value(session.instant());
    out.name("to").value(session.windowEnd());
    out.end();
    out.name("planned").value(session.planned());
    if (session.reason().isPresent()) {
      out.name("reason").value(session.reason().get());
    }
    out.end();
  }

  private static void putInt(ObjectNode node, String key, OptionalInt value) {
    if (value.isPresent()) {
      node.put(key, value.getAsInt());
    } else {
      node.putNull(key);
    }
  }

  private static ObjectNode measure(ObjectNode node, MeasureResult m) {
    node.put("event", m.event()).put("instrument", m.instrument().json());
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
        .put("instrument", scores.instrument().json())
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
    if (!bridge.migrations().isEmpty()) {
      ArrayNode migrations = node.putArray("migrations");
      bridge.migrations().forEach(migrations::add);
    }
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
            .put("planned", Times.format(record.planned()))
            .put("scheduled", Times.format(record.scheduled()))
            .put("attended", record.attended().toString());
    record
        .plannedMinutes()
        .ifPresent(m -> node.putObject("plannedMinutes").put("min", m.min()).put("max", m.max()));
    ArrayNode due = node.putArray("measuresDue");
    record.measuresDue().forEach(i -> due.add(i.json()));
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
    node.put("local", Times.format(session.local()));
    node.put("instant", session.instant().toString());
    node.put("status", session.status().json());
    node.putObject("window")
        .put("from", session.instant().toString())
        .put("to", session.windowEnd().toString());
    node.put("planned", Times.format(session.planned()));
    session.reason().ifPresent(r -> node.put("reason", r));
    return node;
  }
}
