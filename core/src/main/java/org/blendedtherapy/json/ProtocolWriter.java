package org.blendedtherapy.json;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.blendedtherapy.protocol.MeasurePlan;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.OutcomeDefinitions;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderLimits;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.protocol.Tailoring;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the model as its normalized JSON tree: every default explicit (tailoring, reminder
 * limits), times and weekdays sorted, periods in {@link java.time.Period#toString()} form. Two
 * documents that mean the same protocol write the same tree.
 */
final class ProtocolWriter {
  static final String SCHEMA_ID = "https://blendedtherapy.org/schema/protocol/1";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ProtocolWriter() {}

  static ObjectNode write(Protocol protocol) {
    ObjectNode root = NODES.objectNode();
    root.put("$schema", SCHEMA_ID);
    root.put("id", protocol.id());
    root.put("version", protocol.version());
    root.put("title", protocol.title());
    protocol.description().ifPresent(d -> root.put("description", d));
    ArrayNode modules = root.putArray("modules");
    protocol.modules().forEach(m -> modules.add(module(m)));
    root.set("sessionPlan", sessionPlan(protocol.sessionPlan()));
    if (!protocol.measures().isEmpty()) {
      ArrayNode measures = root.putArray("measures");
      for (MeasurePlan measure : protocol.measures()) {
        measures
            .addObject()
            .put("instrument", measure.instrument().json())
            .put("at", measure.at().json());
      }
    }
    // Written only when the document states it, so that protocols without it keep their hash.
    protocol.outcomes().ifPresent(o -> root.set("outcomes", outcomes(o)));
    if (!protocol.reminders().isEmpty()) {
      ArrayNode reminders = root.putArray("reminders");
      protocol.reminders().forEach(p -> reminders.add(policy(p)));
    }
    root.set("reminderLimits", limits(protocol.reminderLimits()));
    root.set("tailoring", tailoring(protocol.tailoring()));
    return root;
  }

  private static ObjectNode outcomes(OutcomeDefinitions outcomes) {
    ObjectNode node = NODES.objectNode();
    node.set("depression", outcomeMeasure(outcomes.depression()));
    node.set("anxiety", outcomeMeasure(outcomes.anxiety()));
    node.put("finishedTreatmentSessions", outcomes.finishedTreatmentSessions());
    return node;
  }

  private static ObjectNode outcomeMeasure(OutcomeDefinitions.OutcomeMeasure measure) {
    return NODES
        .objectNode()
        .put("instrument", measure.instrument().json())
        .put("caseness", measure.caseness())
        .put("reliableChange", measure.reliableChange());
  }

  private static ObjectNode module(Module module) {
    ObjectNode node = NODES.objectNode();
    node.put("id", module.id());
    node.put("title", module.title());
    node.put("kind", module.kind().json());
    module.estimatedMinutes().ifPresent(m -> node.put("estimatedMinutes", m));
    module.description().ifPresent(d -> node.put("description", d));
    module.unlock().ifPresent(r -> node.set("unlock", rule(r)));
    return node;
  }

  static ObjectNode rule(Rule rule) {
    ObjectNode node = NODES.objectNode();
    String key = rule.kind().json();
    boolean written =
        switch (rule.kind()) {
          case ALL_OF, ANY_OF -> {
            ArrayNode children = node.putArray(key);
            rule.children().forEach(c -> children.add(rule(c)));
            yield true;
          }
          case NOT -> {
            node.set(key, rule(rule.children().get(0)));
            yield true;
          }
          case MODULE_COMPLETED, MODULE_STARTED -> {
            node.put(key, rule.referencedModule().orElseThrow());
            yield true;
          }
          case SESSIONS_ATTENDED -> {
            Rule.SessionsAttended attended = (Rule.SessionsAttended) rule;
            ObjectNode value = node.putObject(key);
            attended.type().ifPresent(t -> value.put("type", t.json()));
            value.put("atLeast", attended.atLeast());
            yield true;
          }
          case DAYS_SINCE_START -> {
            node.putObject(key).put("atLeast", ((Rule.DaysSinceStart) rule).atLeast());
            yield true;
          }
          case MEASURE -> {
            Rule.Measure measure = (Rule.Measure) rule;
            ObjectNode value = node.putObject(key);
            value.put("instrument", measure.instrument().json());
            measure.atLeast().ifPresent(v -> value.put("atLeast", v));
            measure.atMost().ifPresent(v -> value.put("atMost", v));
            measure.changeAtLeast().ifPresent(v -> value.put("changeAtLeast", v));
            measure.changeAtMost().ifPresent(v -> value.put("changeAtMost", v));
            yield true;
          }
          case THERAPIST_RELEASE -> {
            node.putObject(key);
            yield true;
          }
        };
    return node;
  }

  private static ObjectNode sessionPlan(SessionPlan plan) {
    ObjectNode node = NODES.objectNode();
    ArrayNode pattern = node.putArray("pattern");
    plan.pattern().forEach(t -> pattern.add(t.json()));
    node.put("cadence", plan.cadence().toString());
    node.put("sessions", plan.sessions());
    ObjectNode durations = node.putObject("durationMinutes");
    for (SessionType type : SessionType.values()) {
      MinutesRange range = plan.durationMinutes().get(type);
      if (range != null) {
        durations.putObject(type.json()).put("min", range.min()).put("max", range.max());
      }
    }
    node.put("reschedulingMovesLater", plan.reschedulingMovesLater());
    return node;
  }

  private static ObjectNode policy(ReminderPolicy policy) {
    ObjectNode node = NODES.objectNode();
    node.put("id", policy.id());
    node.put("kind", policy.kind().json());
    node.put("optOut", policy.optOut());
    policy.title().ifPresent(t -> node.put("title", t));
    Schedule schedule = policy.schedule();
    String key = schedule.kind().json();
    boolean written =
        switch (schedule.kind()) {
          case DAILY -> {
            times(node.putObject(key), schedule.timesOfDay());
            yield true;
          }
          case WEEKLY -> {
            Schedule.Weekly weekly = (Schedule.Weekly) schedule;
            ObjectNode value = node.putObject(key);
            ArrayNode days = value.putArray("days");
            for (DayOfWeek day : DayOfWeek.values()) {
              if (weekly.days().contains(day)) {
                days.add(day.name().substring(0, 2));
              }
            }
            times(value, weekly.at());
            yield true;
          }
          case EVERY_DAYS -> {
            Schedule.EveryDays every = (Schedule.EveryDays) schedule;
            ObjectNode value = node.putObject(key);
            value.put("days", every.days());
            times(value, every.at());
            yield true;
          }
          case BEFORE -> {
            offsets(node.putArray(key), schedule.offsets());
            yield true;
          }
          case AFTER -> {
            offsets(node.putArray(key), schedule.offsets());
            yield true;
          }
        };
    if (!policy.sessionTypes().isEmpty()) {
      ArrayNode types = node.putArray("sessionTypes");
      policy.sessionTypes().forEach(t -> types.add(t.json()));
    }
    return node;
  }

  private static void times(ObjectNode into, List<LocalTime> times) {
    ArrayNode at = into.putArray("at");
    times.forEach(t -> at.add(t.toString()));
  }

  private static void offsets(ArrayNode into, List<Offset> offsets) {
    offsets.forEach(o -> into.add(o.toString()));
  }

  private static ObjectNode limits(ReminderLimits limits) {
    ObjectNode node = NODES.objectNode();
    limits
        .quietHours()
        .ifPresent(
            q ->
                node.putObject("quietHours")
                    .put("from", q.from().toString())
                    .put("to", q.to().toString()));
    limits.maxPerDay().ifPresent(m -> node.put("maxPerDay", m));
    limits.backoffAfterIgnored().ifPresent(n -> node.putObject("backoff").put("afterIgnored", n));
    return node;
  }

  private static ObjectNode tailoring(Tailoring tailoring) {
    ObjectNode node = NODES.objectNode();
    node.put("release", tailoring.release());
    ArrayNode skip = node.putArray("skip");
    for (ModuleKind kind : ModuleKind.values()) {
      if (tailoring.maySkip(kind)) {
        skip.add(kind.json());
      }
    }
    node.put("reorder", tailoring.reorder());
    node.put("repeat", tailoring.repeat());
    node.put("assign", tailoring.assign());
    tailoring
        .sessions()
        .ifPresent(s -> node.putObject("sessions").put("min", s.min()).put("max", s.max()));
    return node;
  }
}
