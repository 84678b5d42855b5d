package org.blendedtherapy.state;

import java.util.ArrayList;
import java.util.List;
import org.blendedtherapy.protocol.Rule;

/** Says in words which conditions of a rule do not hold yet, for locked-module reasons. */
final class Explain {
  private Explain() {}

  static String unmet(Rule rule, String module, Fold progress) {
    switch (rule.kind()) {
      case ALL_OF:
        {
          List<String> parts = new ArrayList<>();
          for (Rule child : rule.children()) {
            if (!child.isSatisfiedFor(module, progress)) {
              parts.add(unmet(child, module, progress));
            }
          }
          return String.join(" and ", parts);
        }
      case ANY_OF:
        {
          List<String> parts = new ArrayList<>();
          rule.children().forEach(c -> parts.add(unmet(c, module, progress)));
          return parts.size() == 1 ? parts.get(0) : "one of (" + String.join("; ", parts) + ")";
        }
      case NOT:
        return "not (" + describe(rule.children().get(0)) + ")";
      case MODULE_COMPLETED:
        {
          String target = rule.referencedModule().orElseThrow();
          return target
              + " completed ("
              + (progress.wasStarted(target) ? "started" : "not started")
              + ")";
        }
      case MODULE_STARTED:
        return rule.referencedModule().orElseThrow() + " started (not started)";
      case SESSIONS_ATTENDED:
        {
          Rule.SessionsAttended attended = (Rule.SessionsAttended) rule;
          return describe(rule) + " (" + progress.attended(attended.type()) + " so far)";
        }
      case DAYS_SINCE_START:
        return describe(rule) + " (" + progress.daysSinceStart() + " so far)";
      case MEASURE:
      case THERAPIST_RELEASE:
      default:
        return describe(rule);
    }
  }

  static String describe(Rule rule) {
    switch (rule.kind()) {
      case ALL_OF:
      case ANY_OF:
        {
          List<String> parts = new ArrayList<>();
          rule.children().forEach(c -> parts.add(describe(c)));
          return (rule.kind() == Rule.Kind.ALL_OF ? "all of (" : "one of (")
              + String.join("; ", parts)
              + ")";
        }
      case NOT:
        return "not (" + describe(rule.children().get(0)) + ")";
      case MODULE_COMPLETED:
        return rule.referencedModule().orElseThrow() + " completed";
      case MODULE_STARTED:
        return rule.referencedModule().orElseThrow() + " started";
      case SESSIONS_ATTENDED:
        {
          Rule.SessionsAttended attended = (Rule.SessionsAttended) rule;
          return attended.atLeast()
              + " attended "
              + attended.type().map(t -> t.json() + " ").orElse("")
              + (attended.atLeast() == 1 ? "session" : "sessions");
        }
      case DAYS_SINCE_START:
        return ((Rule.DaysSinceStart) rule).atLeast() + " days since the start";
      case MEASURE:
        {
          Rule.Measure measure = (Rule.Measure) rule;
          List<String> bounds = new ArrayList<>();
          measure.atLeast().ifPresent(v -> bounds.add("at least " + v));
          measure.atMost().ifPresent(v -> bounds.add("at most " + v));
          measure.changeAtLeast().ifPresent(v -> bounds.add("change at least " + v));
          measure.changeAtMost().ifPresent(v -> bounds.add("change at most " + v));
          return measure.instrument() + " " + String.join(", ", bounds);
        }
      case THERAPIST_RELEASE:
      default:
        return "release by the therapist";
    }
  }
}
