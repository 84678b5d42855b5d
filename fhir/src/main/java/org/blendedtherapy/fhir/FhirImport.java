package org.blendedtherapy.fhir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Offset;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionRelatedActionComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.Timing;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a protocol back from the PlanDefinition and ActivityDefinitions that {@link
 * FhirExport#protocol} wrote: the parts FHIR can express (modules with their rules, the session
 * plan, questionnaires and reminder policies), validated as any protocol document is. Quiet hours,
 * the daily cap, backoff, tailoring and outcome thresholds have no place in a PlanDefinition and
 * come back as the defaults; {@link ProtocolImport#notCarried()} says so.
 *
 * <p>This class is stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FhirImport {
  private static final List<String> NOT_CARRIED =
      List.of(
          "/reminderLimits: " + PlanDefinitions.WHY_NOT.get("reminderLimits"),
          "/tailoring: " + PlanDefinitions.WHY_NOT.get("tailoring"),
          "/outcomes: " + PlanDefinitions.WHY_NOT.get("outcomes"),
          "/sessionPlan/reschedulingMovesLater: " + PlanDefinitions.RESCHEDULING);

  private FhirImport() {}

  /**
   * Reads the protocol of a Bundle that holds one PlanDefinition and its ActivityDefinitions, such
   * as the one {@link FhirExport#protocol} or {@link FhirExport#client} returns.
   *
   * @param bundle the Bundle
   * @return the protocol with its issues, and what a PlanDefinition does not carry
   * @throws IllegalArgumentException if the Bundle holds no PlanDefinition, one without the
   *     protocol id identifier of blended, or one not in the form blended-fhir writes (a fraction
   *     where a count belongs, an action without its timing); an invalid rule or value is not
   *     thrown but reported in {@link ProtocolImport#protocol()} with its JSON pointer
   */
  public static ProtocolImport protocol(Bundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    PlanDefinition plan = null;
    Map<String, ActivityDefinition> definitions = new HashMap<>();
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource instanceof PlanDefinition found && plan == null) {
        plan = found;
      } else if (resource instanceof ActivityDefinition definition) {
        definitions.put(definition.getUrl(), definition);
      }
    }
    if (plan == null) {
      throw new IllegalArgumentException("the Bundle holds no PlanDefinition");
    }
    ObjectNode document;
    try {
      document = document(plan, definitions);
    } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
      // A hand-edited PlanDefinition: a fraction where a count belongs, a missing timing, an
      // action without its definition. What blended wrote never gets here.
      throw new IllegalArgumentException(
          "the PlanDefinition is not in the form blended-fhir writes ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    String json = PlanDefinitions.MAPPER.writeValueAsString(document);
    return new ProtocolImport(ProtocolJson.validate(json), NOT_CARRIED);
  }

  private static ObjectNode document(
      PlanDefinition plan, Map<String, ActivityDefinition> definitions) {
    ObjectNode doc = PlanDefinitions.MAPPER.createObjectNode();
    doc.put("$schema", "https://blendedtherapy.org/schema/protocol/1");
    String id =
        plan.getIdentifier().stream()
            .filter(i -> Names.PROTOCOL_ID_SYSTEM.equals(i.getSystem()))
            .map(Identifier::getValue)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException("the PlanDefinition has no blended protocol id"));
    doc.put("id", id);
    doc.put("version", plan.getVersion());
    doc.put("title", plan.getTitle());
    if (plan.hasDescription()) {
      doc.put("description", plan.getDescription());
    }
    ArrayNode modules = doc.putArray("modules");
    ObjectNode sessionPlan = doc.putObject("sessionPlan");
    ArrayNode measures = PlanDefinitions.MAPPER.createArrayNode();
    ArrayNode reminders = PlanDefinitions.MAPPER.createArrayNode();
    List<String> pattern = new ArrayList<>();
    for (PlanDefinitionActionComponent group : plan.getAction()) {
      switch (group.getId()) {
        case "modules" -> group.getAction().forEach(a -> modules.add(module(a, definitions)));
        case "sessions" -> sessionPlan(group, definitions, sessionPlan, pattern);
        case "measures" -> group.getAction().forEach(a -> measures.add(measure(a)));
        case "reminders" -> group.getAction().forEach(a -> reminders.add(reminder(a, pattern)));
        default -> {
          // An action of another tool: nothing of a blended protocol.
        }
      }
    }
    if (!measures.isEmpty()) {
      doc.set("measures", measures);
    }
    if (!reminders.isEmpty()) {
      doc.set("reminders", reminders);
    }
    return doc;
  }

  private static ObjectNode module(
      PlanDefinitionActionComponent action, Map<String, ActivityDefinition> definitions) {
    ObjectNode module = PlanDefinitions.MAPPER.createObjectNode();
    module.put("id", strip(action.getId(), "module-"));
    module.put("title", action.getTitle());
    module.put(
        "kind",
        action.getRequiredBehavior() == PlanDefinition.ActionRequiredBehavior.MUST
            ? "core"
            : "optional");
    ActivityDefinition definition = definitions.get(action.getDefinition().primitiveValue());
    if (definition != null) {
      if (definition.hasTimingDuration()) {
        module.put("estimatedMinutes", definition.getTimingDuration().getValue().intValueExact());
      }
      if (definition.hasDescription()) {
        module.put("description", definition.getDescription());
      }
    }
    for (PlanDefinition.PlanDefinitionActionConditionComponent condition : action.getCondition()) {
      Extension rule = condition.getExtensionByUrl(Names.UNLOCK_RULE);
      if (rule != null) {
        String text = rule.getValue().primitiveValue();
        try {
          module.set("unlock", PlanDefinitions.MAPPER.readTree(text));
        } catch (JacksonException e) {
          // Not JSON: kept as text, so that validation names the module's /unlock.
          module.put("unlock", text);
        }
      }
    }
    return module;
  }

  private static void sessionPlan(
      PlanDefinitionActionComponent group,
      Map<String, ActivityDefinition> definitions,
      ObjectNode into,
      List<String> pattern) {
    ArrayNode types = into.putArray("pattern");
    ObjectNode durations = PlanDefinitions.MAPPER.createObjectNode();
    for (PlanDefinitionActionComponent position : group.getAction()) {
      ActivityDefinition definition = definitions.get(position.getDefinition().primitiveValue());
      String type =
          definition == null
              ? ""
              : code(definition.getCode(), Names.SESSION_TYPE_SYSTEM).orElse("");
      pattern.add(type);
      types.add(type);
      Timing.TimingRepeatComponent repeat = position.getTimingTiming().getRepeat();
      if (repeat.hasDuration() && repeat.hasDurationMax()) {
        ObjectNode minutes = durations.putObject(type);
        minutes.put("min", repeat.getDuration().intValueExact());
        minutes.put("max", repeat.getDurationMax().intValueExact());
      }
    }
    Timing.TimingRepeatComponent all = group.getTimingTiming().getRepeat();
    if (all.hasPeriod() && all.hasPeriodUnit()) {
      into.put("cadence", period(all.getPeriod(), all.getPeriodUnit()));
    }
    into.put("sessions", all.getCount());
    into.set("durationMinutes", durations);
  }

  private static String period(BigDecimal value, Timing.UnitsOfTime unit) {
    int n = value.intValueExact();
    return switch (unit) {
      case WK -> "P" + n + "W";
      case D -> "P" + n + "D";
      case MO -> "P" + n + "M";
      case A -> "P" + n + "Y";
      case S, MIN, H, NULL -> "PT" + n + unit.toCode().toUpperCase(Locale.ROOT);
    };
  }

  private static ObjectNode measure(PlanDefinitionActionComponent action) {
    ObjectNode measure = PlanDefinitions.MAPPER.createObjectNode();
    for (CodeableConcept concept : action.getCode()) {
      code(concept, Names.INSTRUMENT_SYSTEM).ifPresent(c -> measure.put("instrument", c));
      code(concept, Names.MEASURE_SCHEDULE_SYSTEM).ifPresent(c -> measure.put("at", c));
    }
    return measure;
  }

  private static ObjectNode reminder(PlanDefinitionActionComponent action, List<String> pattern) {
    ObjectNode policy = PlanDefinitions.MAPPER.createObjectNode();
    policy.put("id", strip(action.getId(), "reminder-"));
    String kind = "";
    for (CodeableConcept concept : action.getCode()) {
      kind = code(concept, Names.REMINDER_KIND_SYSTEM).orElse(kind);
    }
    policy.put("kind", kind);
    if (action.hasTitle()) {
      policy.put("title", action.getTitle());
    }
    Extension optOut = action.getExtensionByUrl(Names.OPT_OUT);
    policy.put("optOut", optOut != null && "true".equals(optOut.getValue().primitiveValue()));
    if (action.hasTimingTiming()) {
      Timing.TimingRepeatComponent repeat = action.getTimingTiming().getRepeat();
      ArrayNode at = PlanDefinitions.MAPPER.createArrayNode();
      for (TimeType time : repeat.getTimeOfDay()) {
        at.add(time.getValue().substring(0, 5));
      }
      ObjectNode schedule;
      if (repeat.getPeriodUnit() == Timing.UnitsOfTime.WK) {
        schedule = policy.putObject("weekly");
        ArrayNode days = schedule.putArray("days");
        repeat
            .getDayOfWeek()
            .forEach(d -> days.add(d.getValue().toCode().substring(0, 2).toUpperCase(Locale.ROOT)));
      } else if (repeat.getPeriod().intValueExact() == 1) {
        schedule = policy.putObject("daily");
      } else {
        schedule = policy.putObject("everyDays");
        schedule.put("days", repeat.getPeriod().intValueExact());
      }
      schedule.set("at", at);
      return policy;
    }
    boolean before = false;
    Set<String> offsets = new LinkedHashSet<>();
    Set<String> types = new LinkedHashSet<>();
    boolean everyType = false;
    for (PlanDefinitionActionRelatedActionComponent related : action.getRelatedAction()) {
      before = related.getRelationship() == ActionRelationshipType.BEFORESTART;
      offsets.add(offset(related.getOffsetDuration()));
      String target = related.getActionId();
      if (target.startsWith("session-")) {
        int position = Integer.parseInt(strip(target, "session-"));
        if (position >= 1 && position <= pattern.size()) {
          types.add(pattern.get(position - 1));
        }
      } else {
        everyType = true;
      }
    }
    ArrayNode list = policy.putArray(before ? "before" : "after");
    offsets.forEach(list::add);
    if (!everyType && !types.isEmpty()) {
      ArrayNode sessionTypes = policy.putArray("sessionTypes");
      types.forEach(sessionTypes::add);
    }
    return policy;
  }

  private static String offset(Duration duration) {
    long value = duration.getValue().longValueExact();
    if ("d".equals(duration.getCode())) {
      return "P" + value + "D";
    }
    return new Offset(java.time.Period.ZERO, java.time.Duration.ofMinutes(value)).toString();
  }

  private static Optional<String> code(CodeableConcept concept, String system) {
    for (Coding coding : concept.getCoding()) {
      if (system.equals(coding.getSystem())) {
        return Optional.of(coding.getCode());
      }
    }
    return Optional.empty();
  }

  private static String strip(String text, String prefix) {
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }
}
