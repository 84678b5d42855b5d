package org.blendedtherapy.fhir;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.Rule;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionConditionKind;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRequiredBehavior;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Timing.UnitsOfTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A protocol as a PlanDefinition with one ActivityDefinition per module and per session type. The
 * export reads the protocol's canonical JSON, so every value is written in the form the schema
 * gives it (rules as JSON, times as {@code HH:mm}, offsets as ISO-8601).
 */
final class PlanDefinitions {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  static final String UCUM = "http://unitsofmeasure.org";

  /** The PlanDefinition, its ActivityDefinitions in document order, and what FHIR cannot hold. */
  record Exported(
      PlanDefinition plan, List<ActivityDefinition> activities, List<String> notExpressed) {}

  private PlanDefinitions() {}

  static Exported export(Protocol protocol) {
    JsonNode doc = MAPPER.readTree(ProtocolJson.canonical(protocol));
    String id = protocol.id();
    String version = protocol.version();
    List<String> notExpressed = new ArrayList<>();

    PlanDefinition plan = new PlanDefinition();
    plan.setId(Names.uuid("protocol|" + id + "|" + version));
    plan.setUrl(Names.planDefinitionUrl(id));
    plan.addIdentifier().setSystem(Names.PROTOCOL_ID_SYSTEM).setValue(id);
    plan.setVersion(version);
    plan.setName(Names.computableName(id));
    plan.setTitle(protocol.title());
    plan.setStatus(PublicationStatus.ACTIVE);
    plan.setType(
        new CodeableConcept(
            new Coding(
                "http://terminology.hl7.org/CodeSystem/plan-definition-type",
                "clinical-protocol",
                "Clinical Protocol")));
    protocol.description().ifPresent(plan::setDescription);

    List<ActivityDefinition> activities = new ArrayList<>();

    PlanDefinitionActionComponent modules = plan.addAction();
    modules.setId("modules");
    modules.setTitle("Online modules");
    JsonNode moduleDocs = doc.path("modules");
    for (int i = 0; i < protocol.modules().size(); i++) {
      Module module = protocol.modules().get(i);
      ActivityDefinition definition = moduleDefinition(protocol, module);
      activities.add(definition);
      PlanDefinitionActionComponent action = modules.addAction();
      action.setId(moduleAction(module.id()));
      action.setTitle(module.title());
      action.setRequiredBehavior(
          switch (module.kind()) {
            case CORE -> ActionRequiredBehavior.MUST;
            case OPTIONAL -> ActionRequiredBehavior.COULD;
          });
      action.setDefinition(new CanonicalType(definition.getUrl()));
      if (module.unlock().isPresent()) {
        Rule rule = module.unlock().get();
        String json = MAPPER.writeValueAsString(moduleDocs.path(i).path("unlock"));
        Expression expression = new Expression();
        expression.setDescription("Opens when: " + RuleText.of(rule));
        // FHIR R4 knows CQL, FHIRPath and FHIR queries only: the language is marked unsupported
        // (data-absent-reason) and the rule's JSON travels as the expression and the extension.
        CodeType language = new CodeType();
        language.addExtension(Names.DATA_ABSENT_REASON, new CodeType("unsupported"));
        expression.setLanguageElement(language);
        expression.setExpression(json);
        var condition = action.addCondition();
        condition.setKind(ActionConditionKind.APPLICABILITY);
        condition.setExpression(expression);
        condition.addExtension(Names.UNLOCK_RULE, new StringType(json));
        for (Rule leaf : prerequisites(rule)) {
          action
              .addRelatedAction()
              .setActionId(moduleAction(leaf.referencedModule().orElseThrow()))
              .setRelationship(
                  leaf.kind() == Rule.Kind.MODULE_COMPLETED
                      ? ActionRelationshipType.AFTEREND
                      : ActionRelationshipType.AFTERSTART);
        }
      }
    }

    JsonNode planDoc = doc.path("sessionPlan");
    PlanDefinitionActionComponent sessions = plan.addAction();
    sessions.setId("sessions");
    sessions.setTitle("Sessions");
    Timing all = new Timing();
    all.getRepeat().setCount(protocol.sessionPlan().sessions());
    if (!period(all.getRepeat(), protocol.sessionPlan().cadence(), 1)) {
      notExpressed.add(
          "/sessionPlan/cadence: "
              + protocol.sessionPlan().cadence()
              + " mixes units a FHIR Timing cannot hold in one period");
    }
    sessions.setTiming(all);
    Map<String, ActivityDefinition> types = new LinkedHashMap<>();
    List<String> pattern = new ArrayList<>();
    planDoc.path("pattern").forEach(t -> pattern.add(t.asString()));
    for (int p = 0; p < pattern.size(); p++) {
      String type = pattern.get(p);
      ActivityDefinition definition =
          types.computeIfAbsent(type, t -> sessionDefinition(protocol, t));
      PlanDefinitionActionComponent action = sessions.addAction();
      action.setId(sessionAction(p + 1));
      action.setTitle("Session " + (p + 1) + " of the pattern: " + type);
      action.setDefinition(new CanonicalType(definition.getUrl()));
      Timing timing = new Timing();
      int count = 0;
      for (int n = p; n < protocol.sessionPlan().sessions(); n += pattern.size()) {
        count++;
      }
      timing.getRepeat().setCount(count);
      period(timing.getRepeat(), protocol.sessionPlan().cadence(), pattern.size());
      JsonNode minutes = planDoc.path("durationMinutes").path(type);
      if (minutes.isObject()) {
        timing.getRepeat().setDuration(minutes.path("min").asInt());
        timing.getRepeat().setDurationMax(minutes.path("max").asInt());
        timing.getRepeat().setDurationUnit(UnitsOfTime.MIN);
      }
      action.setTiming(timing);
    }
    activities.addAll(types.values());

    if (!protocol.measures().isEmpty()) {
      PlanDefinitionActionComponent measures = plan.addAction();
      measures.setId("measures");
      measures.setTitle("Questionnaires");
      for (JsonNode measure : doc.path("measures")) {
        String instrument = measure.path("instrument").asString();
        PlanDefinitionActionComponent action = measures.addAction();
        action.setId("measure-" + instrument);
        action.setTitle(instrument);
        action.addCode(Resources.instrumentConcept(instrument));
        action.addCode(
            new CodeableConcept(
                new Coding(
                    Names.MEASURE_SCHEDULE_SYSTEM,
                    measure.path("at").asString(),
                    measure.path("at").asString())));
      }
    }

    if (!protocol.reminders().isEmpty()) {
      PlanDefinitionActionComponent reminders = plan.addAction();
      reminders.setId("reminders");
      reminders.setTitle("Reminders");
      for (JsonNode policy : doc.path("reminders")) {
        reminders.addAction(reminderAction(policy, pattern, notExpressed));
      }
    }

    // A part is lost only when it differs from what a protocol without it has.
    ObjectNode bare = (ObjectNode) doc.deepCopy();
    WHY_NOT.keySet().forEach(bare::remove);
    ((ObjectNode) bare.path("sessionPlan")).remove("reschedulingMovesLater");
    JsonNode defaults =
        MAPPER.readTree(ProtocolJson.canonical(ProtocolJson.read(MAPPER.writeValueAsString(bare))));
    if (!planDoc
        .path("reschedulingMovesLater")
        .equals(defaults.path("sessionPlan").path("reschedulingMovesLater"))) {
      notExpressed.add("/sessionPlan/reschedulingMovesLater: " + RESCHEDULING);
    }
    for (String part : List.of("reminderLimits", "tailoring", "outcomes")) {
      if (!doc.path(part).equals(defaults.path(part))) {
        notExpressed.add("/" + part + ": " + WHY_NOT.get(part));
      }
    }
    return new Exported(plan, activities, notExpressed);
  }

  static final Map<String, String> WHY_NOT =
      Map.of(
          "reminderLimits",
          "quiet hours, the daily cap and backoff have no place in a PlanDefinition",
          "tailoring",
          "what a therapist may release, skip, reorder, repeat or assign has no place in a"
              + " PlanDefinition",
          "outcomes",
          "outcome thresholds have no place in a PlanDefinition");

  static final String RESCHEDULING =
      "whether moving one session moves the later ones has no place in a PlanDefinition";

  static String moduleAction(String moduleId) {
    return "module-" + moduleId;
  }

  static String sessionAction(int position) {
    return "session-" + position;
  }

  static String reminderAction(String policyId) {
    return "reminder-" + policyId;
  }

  /** The module conditions a rule needs all of: the leaf itself, or the direct leaves of allOf. */
  private static List<Rule> prerequisites(Rule rule) {
    List<Rule> leaves = new ArrayList<>();
    List<Rule> candidates = rule.kind() == Rule.Kind.ALL_OF ? rule.children() : List.of(rule);
    for (Rule candidate : candidates) {
      if (candidate.kind() == Rule.Kind.MODULE_COMPLETED
          || candidate.kind() == Rule.Kind.MODULE_STARTED) {
        leaves.add(candidate);
      }
    }
    return leaves;
  }

  private static ActivityDefinition moduleDefinition(Protocol protocol, Module module) {
    ActivityDefinition definition = new ActivityDefinition();
    definition.setId(
        Names.uuid(
            "protocol|" + protocol.id() + "|" + protocol.version() + "|module|" + module.id()));
    definition.setUrl(Names.moduleUrl(protocol.id(), module.id()));
    definition.addIdentifier().setSystem(Names.MODULE_ID_SYSTEM).setValue(module.id());
    definition.setVersion(protocol.version());
    definition.setName(Names.computableName(module.id()));
    definition.setTitle(module.title());
    definition.setStatus(PublicationStatus.ACTIVE);
    definition.setKind(ActivityDefinition.ActivityDefinitionKind.TASK);
    definition.setCode(
        new CodeableConcept(new Coding(Names.MODULE_SYSTEM, module.id(), module.title())));
    module.description().ifPresent(definition::setDescription);
    module.estimatedMinutes().ifPresent(minutes -> definition.setTiming(minutes(minutes)));
    return definition;
  }

  private static ActivityDefinition sessionDefinition(Protocol protocol, String type) {
    ActivityDefinition definition = new ActivityDefinition();
    definition.setId(
        Names.uuid("protocol|" + protocol.id() + "|" + protocol.version() + "|session|" + type));
    definition.setUrl(Names.sessionTypeUrl(protocol.id(), type));
    definition.setVersion(protocol.version());
    definition.setName(Names.computableName(type) + "Session");
    definition.setTitle(type + " session");
    definition.setStatus(PublicationStatus.ACTIVE);
    definition.setKind(ActivityDefinition.ActivityDefinitionKind.APPOINTMENT);
    definition.setCode(Resources.sessionTypeConcept(type));
    return definition;
  }

  private static PlanDefinitionActionComponent reminderAction(
      JsonNode policy, List<String> pattern, List<String> notExpressed) {
    String id = policy.path("id").asString();
    String kind = policy.path("kind").asString();
    PlanDefinitionActionComponent action = new PlanDefinitionActionComponent();
    action.setId(reminderAction(id));
    if (policy.has("title")) {
      action.setTitle(policy.path("title").asString());
    }
    action.addCode(new CodeableConcept(new Coding(Names.REMINDER_KIND_SYSTEM, kind, kind)));
    action.addExtension(Names.OPT_OUT, new BooleanType(policy.path("optOut").asBoolean()));
    Timing timing = new Timing();
    Timing.TimingRepeatComponent repeat = timing.getRepeat();
    if (policy.has("daily")) {
      repeat.setPeriod(1).setPeriodUnit(UnitsOfTime.D);
      policy.path("daily").path("at").forEach(t -> repeat.addTimeOfDay(t.asString() + ":00"));
      action.setTiming(timing);
    } else if (policy.has("weekly")) {
      repeat.setPeriod(1).setPeriodUnit(UnitsOfTime.WK);
      policy.path("weekly").path("days").forEach(d -> repeat.addDayOfWeek(weekday(d.asString())));
      policy.path("weekly").path("at").forEach(t -> repeat.addTimeOfDay(t.asString() + ":00"));
      action.setTiming(timing);
    } else if (policy.has("everyDays")) {
      repeat.setPeriod(policy.path("everyDays").path("days").asInt()).setPeriodUnit(UnitsOfTime.D);
      policy.path("everyDays").path("at").forEach(t -> repeat.addTimeOfDay(t.asString() + ":00"));
      action.setTiming(timing);
    } else {
      boolean before = policy.has("before");
      JsonNode offsets = policy.path(before ? "before" : "after");
      List<String> targets = new ArrayList<>();
      if (policy.has("sessionTypes")) {
        for (JsonNode type : policy.path("sessionTypes")) {
          int position = pattern.indexOf(type.asString());
          if (position >= 0) {
            targets.add(sessionAction(position + 1));
          }
        }
      } else {
        targets.add(kind.equals("module") ? "modules" : "sessions");
      }
      for (int i = 0; i < offsets.size(); i++) {
        Offset offset = Offset.parse(offsets.path(i).asString());
        if (!offset.days().isZero() && !offset.time().isZero()) {
          notExpressed.add(
              "/reminders/"
                  + id
                  + "/"
                  + (before ? "before" : "after")
                  + "/"
                  + i
                  + ": "
                  + offset
                  + " is written in minutes; its calendar days (which keep the wall-clock time"
                  + " across a clock change) come back as hours");
        }
        for (String target : targets) {
          action
              .addRelatedAction()
              .setActionId(target)
              .setRelationship(
                  before ? ActionRelationshipType.BEFORESTART : ActionRelationshipType.AFTERSTART)
              .setOffset(offsetDuration(offset));
        }
      }
    }
    return action;
  }

  /** An offset as a UCUM duration: whole days in {@code d}, anything with a clock part in min. */
  private static Duration offsetDuration(Offset offset) {
    if (offset.time().isZero() && !offset.days().isZero()) {
      return duration(offset.days().getDays(), "d");
    }
    return duration(offset.days().getDays() * 24L * 60L + offset.time().toMinutes(), "min");
  }

  static Duration minutes(long minutes) {
    return duration(minutes, "min");
  }

  static Duration duration(long value, String unit) {
    Duration duration = new Duration();
    duration.setValue(BigDecimal.valueOf(value));
    duration.setUnit(unit);
    duration.setSystem(UCUM);
    duration.setCode(unit);
    return duration;
  }

  /**
   * Sets a cadence times a factor as a Timing period: weeks, days, months or years.
   *
   * @return false when the period mixes units (then nothing is set)
   */
  private static boolean period(Timing.TimingRepeatComponent repeat, Period cadence, int factor) {
    if (cadence.getYears() == 0 && cadence.getMonths() == 0) {
      int days = cadence.getDays() * factor;
      if (days % 7 == 0) {
        repeat.setPeriod(days / 7).setPeriodUnit(UnitsOfTime.WK);
      } else {
        repeat.setPeriod(days).setPeriodUnit(UnitsOfTime.D);
      }
      return true;
    }
    if (cadence.getYears() == 0 && cadence.getDays() == 0) {
      repeat.setPeriod((long) cadence.getMonths() * factor).setPeriodUnit(UnitsOfTime.MO);
      return true;
    }
    if (cadence.getMonths() == 0 && cadence.getDays() == 0) {
      repeat.setPeriod((long) cadence.getYears() * factor).setPeriodUnit(UnitsOfTime.A);
      return true;
    }
    return false;
  }

  static Timing.DayOfWeek weekday(String day) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(day)) {
        return Timing.DayOfWeek.fromCode(
            d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT));
      }
    }
    throw new IllegalArgumentException("no weekday " + day);
  }
}
