package org.blendedtherapy.json;

import static org.blendedtherapy.internal.Pointers.index;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.Issue;
import org.blendedtherapy.protocol.MeasurePlan;
import org.blendedtherapy.protocol.MeasureSchedule;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.OutcomeDefinitions;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderLimits;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.protocol.Tailoring;
import tools.jackson.databind.JsonNode;

/**
 * Maps a schema-valid protocol tree onto the model. The schema has already guaranteed types,
 * required keys and forms; what it cannot say in the shape we want (exactly one schedule key on a
 * policy object) is reported here.
 */
final class ProtocolMapper {
  private final List<Issue> issues = new ArrayList<>();

  Optional<Protocol> map(JsonNode root, List<Issue> into) {
    List<ReminderPolicy> reminders = new ArrayList<>();
    JsonNode policies = root.path("reminders");
    for (int i = 0; i < policies.size(); i++) {
      policy(policies.get(i), index("/reminders", i)).ifPresent(reminders::add);
    }
    into.addAll(issues);
    if (!issues.isEmpty()) {
      return Optional.empty();
    }
    List<Module> modules = new ArrayList<>();
    root.path("modules").forEach(m -> modules.add(module(m)));
    List<MeasurePlan> measures = new ArrayList<>();
    root.path("measures")
        .forEach(
            m ->
                measures.add(
                    new MeasurePlan(
                        m.get("instrument").asString(),
                        MeasureSchedule.fromJson(m.get("at").asString()).orElseThrow())));
    return Optional.of(
        new Protocol(
            root.get("id").asString(),
            root.get("version").asString(),
            root.get("title").asString(),
            text(root, "description"),
            modules,
            sessionPlan(root.get("sessionPlan")),
            measures,
            reminders,
            limits(root.path("reminderLimits")),
            tailoring(root.get("tailoring")),
            root.has("outcomes") ? Optional.of(outcomes(root.get("outcomes"))) : Optional.empty()));
  }

  private static OutcomeDefinitions outcomes(JsonNode node) {
    return new OutcomeDefinitions(
        outcomeMeasure(node.get("depression")),
        outcomeMeasure(node.get("anxiety")),
        node.path("finishedTreatmentSessions")
            .asInt(OutcomeDefinitions.DEFAULT.finishedTreatmentSessions()));
  }

  private static OutcomeDefinitions.OutcomeMeasure outcomeMeasure(JsonNode node) {
    return new OutcomeDefinitions.OutcomeMeasure(
        node.get("instrument").asString(),
        node.get("caseness").asInt(),
        node.get("reliableChange").asInt());
  }

  private static Optional<String> text(JsonNode node, String key) {
    return node.has(key) ? Optional.of(node.get(key).asString()) : Optional.empty();
  }

  private static OptionalInt integer(JsonNode node, String key) {
    return node.has(key) ? OptionalInt.of(node.get(key).asInt()) : OptionalInt.empty();
  }

  private static Module module(JsonNode node) {
    return new Module(
        node.get("id").asString(),
        node.get("title").asString(),
        ModuleKind.fromJson(node.get("kind").asString()).orElseThrow(),
        integer(node, "estimatedMinutes"),
        text(node, "description"),
        node.has("unlock") ? Optional.of(rule(node.get("unlock"))) : Optional.empty());
  }

  static Rule rule(JsonNode node) {
    String key = node.propertyNames().iterator().next();
    JsonNode value = node.get(key);
    Rule.Kind kind = Rule.Kind.fromJson(key).orElseThrow();
    switch (kind) {
      case ALL_OF:
        return new Rule.AllOf(rules(value));
      case ANY_OF:
        return new Rule.AnyOf(rules(value));
      case NOT:
        return new Rule.Not(rule(value));
      case MODULE_COMPLETED:
        return new Rule.ModuleCompleted(value.asString());
      case MODULE_STARTED:
        return new Rule.ModuleStarted(value.asString());
      case SESSIONS_ATTENDED:
        return new Rule.SessionsAttended(
            text(value, "type").flatMap(SessionType::fromJson), value.get("atLeast").asInt());
      case DAYS_SINCE_START:
        return new Rule.DaysSinceStart(value.get("atLeast").asInt());
      case MEASURE:
        return new Rule.Measure(
            value.get("instrument").asString(),
            integer(value, "atLeast"),
            integer(value, "atMost"),
            integer(value, "changeAtLeast"),
            integer(value, "changeAtMost"));
      case THERAPIST_RELEASE:
      default:
        return new Rule.TherapistRelease();
    }
  }

  private static List<Rule> rules(JsonNode array) {
    List<Rule> rules = new ArrayList<>();
    array.forEach(r -> rules.add(rule(r)));
    return rules;
  }

  private static SessionPlan sessionPlan(JsonNode node) {
    List<SessionType> pattern = new ArrayList<>();
    node.get("pattern").forEach(t -> pattern.add(SessionType.fromJson(t.asString()).orElseThrow()));
    Map<SessionType, MinutesRange> durations = new EnumMap<>(SessionType.class);
    for (String type : node.get("durationMinutes").propertyNames()) {
      JsonNode range = node.get("durationMinutes").get(type);
      durations.put(
          SessionType.fromJson(type).orElseThrow(),
          new MinutesRange(range.get("min").asInt(), range.get("max").asInt()));
    }
    return new SessionPlan(
        pattern,
        Period.parse(node.get("cadence").asString()),
        node.get("sessions").asInt(),
        durations,
        node.path("reschedulingMovesLater").asBoolean(false));
  }

  private Optional<ReminderPolicy> policy(JsonNode node, String pointer) {
    List<String> scheduleKeys = new ArrayList<>();
    for (String key : node.propertyNames()) {
      if (Schedule.Kind.fromJson(key).isPresent()) {
        scheduleKeys.add(key);
      }
    }
    if (scheduleKeys.size() != 1) {
      issues.add(
          Issue.error(
              "one-key",
              pointer,
              "expected exactly one schedule key of: daily, weekly, everyDays, before, after;"
                  + " found "
                  + (scheduleKeys.isEmpty()
                      ? "none"
                      : scheduleKeys.size() + ": " + String.join(", ", scheduleKeys))));
      return Optional.empty();
    }
    List<SessionType> types = new ArrayList<>();
    node.path("sessionTypes")
        .forEach(t -> types.add(SessionType.fromJson(t.asString()).orElseThrow()));
    return Optional.of(
        new ReminderPolicy(
            node.get("id").asString(),
            ReminderKind.fromJson(node.get("kind").asString()).orElseThrow(),
            node.get("optOut").asBoolean(),
            text(node, "title"),
            schedule(scheduleKeys.get(0), node.get(scheduleKeys.get(0))),
            types));
  }

  private static Schedule schedule(String key, JsonNode value) {
    switch (Schedule.Kind.fromJson(key).orElseThrow()) {
      case DAILY:
        return new Schedule.Daily(times(value.get("at")));
      case WEEKLY:
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        value.get("days").forEach(d -> days.add(weekday(d.asString())));
        return new Schedule.Weekly(days, times(value.get("at")));
      case EVERY_DAYS:
        return new Schedule.EveryDays(value.get("days").asInt(), times(value.get("at")));
      case BEFORE:
        return new Schedule.Before(offsets(value));
      case AFTER:
      default:
        return new Schedule.After(offsets(value));
    }
  }

  static DayOfWeek weekday(String twoLetters) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(twoLetters)) {
        return day;
      }
    }
    throw new IllegalArgumentException("not a weekday: " + twoLetters);
  }

  private static List<LocalTime> times(JsonNode array) {
    List<LocalTime> times = new ArrayList<>();
    array.forEach(t -> times.add(LocalTime.parse(t.asString())));
    return times;
  }

  private static List<Offset> offsets(JsonNode array) {
    List<Offset> offsets = new ArrayList<>();
    array.forEach(o -> offsets.add(Offset.parse(o.asString())));
    return offsets;
  }

  private static ReminderLimits limits(JsonNode node) {
    Optional<QuietHours> quiet =
        node.has("quietHours")
            ? Optional.of(
                new QuietHours(
                    LocalTime.parse(node.get("quietHours").get("from").asString()),
                    LocalTime.parse(node.get("quietHours").get("to").asString())))
            : Optional.empty();
    return new ReminderLimits(
        quiet, integer(node, "maxPerDay"), integer(node.path("backoff"), "afterIgnored"));
  }

  private static Tailoring tailoring(JsonNode node) {
    if (node == null) {
      return Tailoring.NONE;
    }
    Set<ModuleKind> skip = EnumSet.noneOf(ModuleKind.class);
    node.path("skip").forEach(k -> skip.add(ModuleKind.fromJson(k.asString()).orElseThrow()));
    JsonNode sessions = node.get("sessions");
    return new Tailoring(
        node.path("release").asBoolean(false),
        skip,
        node.path("reorder").asBoolean(false),
        node.path("repeat").asBoolean(false),
        node.path("assign").asBoolean(false),
        sessions == null
            ? Optional.empty()
            : Optional.of(
                new Tailoring.SessionBounds(
                    sessions.get("min").asInt(), sessions.get("max").asInt())));
  }
}
