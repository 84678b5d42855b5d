package org.blendedtherapy.fhir;

import java.util.ArrayList;
import java.util.List;
import org.blendedtherapy.protocol.Rule;

/** A rule in words for a person reading the PlanDefinition, such as "introduction completed". */
final class RuleText {
  private RuleText() {}

  static String of(Rule rule) {
    return switch (rule.kind()) {
      case ALL_OF, ANY_OF -> {
        List<String> parts = new ArrayList<>();
        rule.children().forEach(c -> parts.add(of(c)));
        yield parts.size() == 1
            ? parts.get(0)
            : (rule.kind() == Rule.Kind.ALL_OF ? "all of (" : "one of (")
                + String.join("; ", parts)
                + ")";
      }
      case NOT -> "not (" + of(rule.children().get(0)) + ")";
      case MODULE_COMPLETED -> "module " + rule.referencedModule().orElseThrow() + " completed";
      case MODULE_STARTED -> "module " + rule.referencedModule().orElseThrow() + " started";
      case SESSIONS_ATTENDED -> {
        Rule.SessionsAttended attended = (Rule.SessionsAttended) rule;
        yield "at least "
            + attended.atLeast()
            + " attended "
            + attended.type().map(t -> t.json() + " ").orElse("")
            + (attended.atLeast() == 1 ? "session" : "sessions");
      }
      case DAYS_SINCE_START -> {
        int days = ((Rule.DaysSinceStart) rule).atLeast();
        yield "at least " + days + (days == 1 ? " day" : " days") + " since the start";
      }
      case MEASURE -> {
        Rule.Measure measure = (Rule.Measure) rule;
        List<String> bounds = new ArrayList<>();
        measure.atLeast().ifPresent(v -> bounds.add("latest total at least " + v));
        measure.atMost().ifPresent(v -> bounds.add("latest total at most " + v));
        measure.changeAtLeast().ifPresent(v -> bounds.add("change from baseline at least " + v));
        measure.changeAtMost().ifPresent(v -> bounds.add("change from baseline at most " + v));
        yield measure.instrument().json() + " " + String.join(", ", bounds);
      }
      case THERAPIST_RELEASE -> "released by the therapist";
    };
  }
}
