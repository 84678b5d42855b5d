package org.blendedtherapy.json;

import static org.blendedtherapy.internal.Pointers.index;
import static org.blendedtherapy.internal.Pointers.key;

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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.internal.ProtocolParts;
import org.blendedtherapy.protocol.Instrument;
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
 * Maps the schema-valid parts of a protocol tree onto the model. The schema has already guaranteed
 * types, required keys and forms of each part it found no error in; what it cannot say in the shape
 * we want (exactly one schedule key on a policy object, an instrument the library knows) is
 * reported here.
 *
 * <p>A part with an error at, under or above its pointer is left out (a module, a policy) or
 * replaced by a placeholder (the plan, measures, reminder limits, tailoring, outcomes), and {@link
 * ProtocolParts} says which, so that the meaning checks run on every sound part and on nothing
 * else.
 */
final class ProtocolMapper {
  private static final SessionPlan PLACEHOLDER_PLAN =
      new SessionPlan(List.of(SessionType.FACE_TO_FACE), Period.ofWeeks(1), 1, Map.of(), false);

  private final List<Issue> issues = new ArrayList<>();
  private List<String> broken = List.of();
  private boolean partial;

  /** The parts of a document, and whether they are the whole document. */
  record Mapped(ProtocolParts parts, boolean complete) {}

  /**
   * Maps the sound parts of a tree.
   *
   * @param root the document
   * @param into the issues found so far (the schema's), to which the mapper's are added
   * @return the parts, complete when every part is the document's
   */
  Mapped map(JsonNode root, List<Issue> into) {
    broken = into.stream().filter(Issue::isError).map(Issue::pointer).collect(Collectors.toList());
    List<Issue> unknown = unknownInstruments(root);
    into.addAll(unknown);
    broken = new ArrayList<>(broken);
    for (Issue issue : unknown) {
      // As for a schema error there, the module of a rule with an unknown instrument is left out
      // and the measures are replaced; an outcome measure is replaced alone (see outcomeMeasure).
      if (!issue.pointer().startsWith("/outcomes/")) {
        broken.add(issue.pointer());
      }
    }
    partial = !broken.isEmpty() || !unknown.isEmpty();
    boolean complete = !partial;

    List<Module> modules = new ArrayList<>();
    List<Integer> moduleIndexes = new ArrayList<>();
    List<String> moduleIds = new ArrayList<>();
    JsonNode moduleNodes = root.path("modules");
    boolean everyId = moduleNodes.isArray() && !isBrokenAbove("/modules/0");
    for (int i = 0; moduleNodes.isArray() && i < moduleNodes.size(); i++) {
      JsonNode node = moduleNodes.get(i);
      String pointer = index("/modules", i);
      if (node.path("id").isString() && !isBroken(pointer + "/id")) {
        moduleIds.add(node.get("id").asString());
      } else {
        everyId = false;
      }
      Optional<Module> module = isBroken(pointer) ? Optional.empty() : sound(() -> module(node));
      if (module.isPresent()) {
        modules.add(module.get());
        moduleIndexes.add(i);
      }
    }

    List<ReminderPolicy> reminders = new ArrayList<>();
    List<Integer> reminderIndexes = new ArrayList<>();
    JsonNode policies = root.path("reminders");
    boolean everyReminder =
        !isBrokenAbove("/reminders/0") && (policies.isMissingNode() || policies.isArray());
    for (int i = 0; policies.isArray() && i < policies.size(); i++) {
      JsonNode node = policies.get(i);
      String pointer = index("/reminders", i);
      Optional<ReminderPolicy> policy =
          isBroken(pointer) ? Optional.empty() : sound(() -> policy(node, pointer)).flatMap(p -> p);
      if (policy.isPresent()) {
        reminders.add(policy.get());
        reminderIndexes.add(i);
      } else {
        everyReminder = false;
      }
    }
    into.addAll(issues);

    boolean measuresSound = !isBroken("/measures");
    List<MeasurePlan> measures = new ArrayList<>();
    if (measuresSound) {
      measuresSound = sound(() -> measures(root.path("measures"), measures)).isPresent();
    }
    if (!measuresSound) {
      measures.clear();
    }

    Optional<DeclaredPlan> declared =
        isBroken("/sessionPlan") || !root.path("sessionPlan").isObject()
            ? Optional.empty()
            : sound(() -> sessionPlan(root.get("sessionPlan")));
    Optional<SessionPlan> plan = declared.filter(d -> !d.tooLong()).map(DeclaredPlan::plan);

    Optional<ReminderLimits> limits =
        isBroken("/reminderLimits")
            ? Optional.empty()
            : sound(() -> limits(root.path("reminderLimits")));
    Optional<Tailoring> tailoring =
        isBroken("/tailoring") ? Optional.empty() : sound(() -> tailoring(root.get("tailoring")));
    Optional<Optional<OutcomeDefinitions>> outcomes =
        isBroken("/outcomes")
            ? Optional.empty()
            : sound(
                () ->
                    root.has("outcomes")
                        ? Optional.of(outcomes(root.get("outcomes")))
                        : Optional.<OutcomeDefinitions>empty());

    complete =
        complete
            && issues.isEmpty()
            && modules.size() == moduleNodes.size()
            && everyReminder
            && measuresSound
            && plan.isPresent()
            && limits.isPresent()
            && tailoring.isPresent()
            && outcomes.isPresent();
    Protocol protocol =
        new Protocol(
            scalar(root, "id"),
            scalar(root, "version"),
            scalar(root, "title"),
            isBroken("/description") ? Optional.empty() : text(root, "description"),
            modules,
            declared.map(DeclaredPlan::plan).orElse(PLACEHOLDER_PLAN),
            measures,
            reminders,
            limits.orElse(ReminderLimits.NONE),
            tailoring.orElse(Tailoring.NONE),
            outcomes.orElse(Optional.empty()));
    return new Mapped(
        new ProtocolParts(
            protocol,
            moduleIndexes,
            everyId ? Optional.of(moduleIds) : Optional.empty(),
            reminderIndexes,
            everyReminder,
            declared.isPresent(),
            declared.map(DeclaredPlan::cadence).orElse(PLACEHOLDER_PLAN.cadence()),
            measuresSound,
            tailoring.isPresent()),
        complete);
  }

  /**
   * The plan as declared; a plan that would span more than 5 years holds a one-day cadence in place
   * of its own, which only the meaning checks see ({@code plan-too-long}).
   */
  private record DeclaredPlan(SessionPlan plan, Period cadence, boolean tooLong) {}

  /**
   * Reports every instrument name the library does not know, in the parts the schema found sound:
   * the model holds an {@link Instrument}, so the check runs before it is built, with the code,
   * pointer and message the meaning checks gave it.
   */
  private List<Issue> unknownInstruments(JsonNode root) {
    List<Issue> found = new ArrayList<>();
    JsonNode modules = root.path("modules");
    for (int i = 0; modules.isArray() && i < modules.size(); i++) {
      String pointer = index("/modules", i);
      JsonNode unlock = modules.get(i).path("unlock");
      if (!isBroken(pointer) && unlock.isObject()) {
        unknownInstruments(unlock, key(pointer, "unlock"), found);
      }
    }
    JsonNode measures = root.path("measures");
    for (int i = 0; measures.isArray() && !isBroken("/measures") && i < measures.size(); i++) {
      unknownInstrument(measures.get(i), index("/measures", i), found);
    }
    if (root.path("outcomes").isObject() && !isBroken("/outcomes")) {
      unknownInstrument(root.get("outcomes").path("depression"), "/outcomes/depression", found);
      unknownInstrument(root.get("outcomes").path("anxiety"), "/outcomes/anxiety", found);
    }
    return found;
  }

  /** The unknown instruments of a rule's {@code measure} leaves, in document order. */
  private static void unknownInstruments(JsonNode rule, String pointer, List<Issue> into) {
    for (String kind : rule.propertyNames()) {
      JsonNode value = rule.get(kind);
      String here = key(pointer, kind);
      Optional<Rule.Kind> known = Rule.Kind.fromJson(kind);
      if (known.isEmpty()) {
        continue;
      }
      boolean hasChildren =
          switch (known.get()) {
            case ALL_OF, ANY_OF -> {
              for (int i = 0; value.isArray() && i < value.size(); i++) {
                unknownInstruments(value.get(i), index(here, i), into);
              }
              yield true;
            }
            case NOT -> {
              unknownInstruments(value, here, into);
              yield true;
            }
            case MEASURE -> {
              unknownInstrument(value, here, into);
              yield false;
            }
            case MODULE_COMPLETED,
                MODULE_STARTED,
                SESSIONS_ATTENDED,
                DAYS_SINCE_START,
                THERAPIST_RELEASE ->
                false;
          };
    }
  }

  private static void unknownInstrument(JsonNode holder, String pointer, List<Issue> into) {
    JsonNode name = holder.path("instrument");
    if (name.isString() && Instrument.fromJson(name.asString()).isEmpty()) {
      into.add(
          Issue.error(
              IssueCode.UNKNOWN_INSTRUMENT,
              key(pointer, "instrument"),
              "unknown instrument \""
                  + name.asString()
                  + "\" (known: "
                  + Instrument.knownNames()
                  + ")"));
    }
  }

  /** Whether an error is at an ancestor of the pointer, such as the array of a module. */
  private boolean isBrokenAbove(String pointer) {
    return broken.stream().anyMatch(error -> !error.isEmpty() && pointer.startsWith(error + "/"));
  }

  /** Whether an error is at the pointer, under it or at one of its ancestors but the root. */
  private boolean isBroken(String pointer) {
    for (String error : broken) {
      if (error.equals(pointer)
          || error.startsWith(pointer + "/")
          || (!error.isEmpty() && pointer.startsWith(error + "/"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Maps a part the schema found no error in. In a document with schema errors a part may still
   * fail in a way the schema did not foresee; it then counts as broken rather than end validation
   * of a document already known to be invalid. In a document without errors a failure is a defect
   * and propagates.
   */
  private <T> Optional<T> sound(Supplier<T> part) {
    try {
      return Optional.of(part.get());
    } catch (RuntimeException e) {
      if (!partial) {
        throw e;
      }
      return Optional.empty();
    }
  }

  private String scalar(JsonNode root, String key) {
    JsonNode node = root.path(key);
    return node.isString() && !isBroken("/" + key) ? node.asString() : "";
  }

  private static boolean measures(JsonNode array, List<MeasurePlan> into) {
    array.forEach(
        m ->
            into.add(
                new MeasurePlan(
                    Instrument.fromJson(m.get("instrument").asString()).orElseThrow(),
                    MeasureSchedule.fromJson(m.get("at").asString()).orElseThrow())));
    return true;
  }

  private static OutcomeDefinitions outcomes(JsonNode node) {
    return new OutcomeDefinitions(
        outcomeMeasure(node.get("depression"), OutcomeDefinitions.DEFAULT.depression()),
        outcomeMeasure(node.get("anxiety"), OutcomeDefinitions.DEFAULT.anxiety()),
        node.path("finishedTreatmentSessions")
            .asInt(OutcomeDefinitions.DEFAULT.finishedTreatmentSessions()));
  }

  /**
   * Maps an outcome measure; one with an unknown instrument (already reported) is replaced by the
   * default, which the meaning checks find nothing in, so that the other measure is still checked.
   */
  private static OutcomeDefinitions.OutcomeMeasure outcomeMeasure(
      JsonNode node, OutcomeDefinitions.OutcomeMeasure placeholder) {
    Optional<Instrument> instrument = Instrument.fromJson(node.get("instrument").asString());
    if (instrument.isEmpty()) {
      return placeholder;
    }
    return new OutcomeDefinitions.OutcomeMeasure(
        instrument.get(), node.get("caseness").asInt(), node.get("reliableChange").asInt());
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
    return switch (kind) {
      case ALL_OF -> new Rule.AllOf(rules(value));
      case ANY_OF -> new Rule.AnyOf(rules(value));
      case NOT -> new Rule.Not(rule(value));
      case MODULE_COMPLETED -> new Rule.ModuleCompleted(value.asString());
      case MODULE_STARTED -> new Rule.ModuleStarted(value.asString());
      case SESSIONS_ATTENDED ->
          new Rule.SessionsAttended(
              text(value, "type").flatMap(SessionType::fromJson), value.get("atLeast").asInt());
      case DAYS_SINCE_START -> new Rule.DaysSinceStart(value.get("atLeast").asInt());
      case MEASURE ->
          new Rule.Measure(
              Instrument.fromJson(value.get("instrument").asString()).orElseThrow(),
              integer(value, "atLeast"),
              integer(value, "atMost"),
              integer(value, "changeAtLeast"),
              integer(value, "changeAtMost"));
      case THERAPIST_RELEASE -> new Rule.TherapistRelease();
    };
  }

  private static List<Rule> rules(JsonNode array) {
    List<Rule> rules = new ArrayList<>();
    array.forEach(r -> rules.add(rule(r)));
    return rules;
  }

  private static DeclaredPlan sessionPlan(JsonNode node) {
    List<SessionType> pattern = new ArrayList<>();
    node.get("pattern").forEach(t -> pattern.add(SessionType.fromJson(t.asString()).orElseThrow()));
    Map<SessionType, MinutesRange> durations = new EnumMap<>(SessionType.class);
    for (String type : node.get("durationMinutes").propertyNames()) {
      JsonNode range = node.get("durationMinutes").get(type);
      durations.put(
          SessionType.fromJson(type).orElseThrow(),
          new MinutesRange(range.get("min").asInt(), range.get("max").asInt()));
    }
    Period cadence = Period.parse(node.get("cadence").asString());
    int sessions = node.get("sessions").asInt();
    boolean tooLong = SessionPlan.spanDays(cadence, sessions) > SessionPlan.MAX_SPAN_DAYS;
    return new DeclaredPlan(
        new SessionPlan(
            pattern,
            tooLong ? Period.ofDays(1) : cadence,
            sessions,
            durations,
            node.path("reschedulingMovesLater").asBoolean(false)),
        cadence,
        tooLong);
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
              IssueCode.ONE_KEY,
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
    return switch (Schedule.Kind.fromJson(key).orElseThrow()) {
      case DAILY -> new Schedule.Daily(times(value.get("at")));
      case WEEKLY -> {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        value.get("days").forEach(d -> days.add(weekday(d.asString())));
        yield new Schedule.Weekly(days, times(value.get("at")));
      }
      case EVERY_DAYS -> new Schedule.EveryDays(value.get("days").asInt(), times(value.get("at")));
      case BEFORE -> new Schedule.Before(offsets(value));
      case AFTER -> new Schedule.After(offsets(value));
    };
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
