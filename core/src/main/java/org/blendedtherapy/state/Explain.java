package org.blendedtherapy.state;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.timeline.ModuleLedger;
import org.blendedtherapy.timeline.Moment;

/**
 * Says in words which conditions of a rule hold and which do not: a {@link Reason} tree per rule
 * node, and the one-line "needs" text of a locked module. Dates are local dates in the enrolment's
 * zone.
 */
final class Explain {
  private Explain() {}

  /** Evaluates every node of a rule now and explains each. */
  static Reason tree(Rule rule, String module, Moment progress) {
    boolean holds = rule.isSatisfiedFor(module, progress);
    String code = rule.kind().code();
    return switch (rule.kind()) {
      case ALL_OF, ANY_OF -> {
        List<Reason> children = new ArrayList<>();
        rule.children().forEach(c -> children.add(tree(c, module, progress)));
        long holding = children.stream().filter(Reason::holds).count();
        String text =
            (rule.kind() == Rule.Kind.ALL_OF ? "all of: " : "one of: ")
                + holding
                + " of "
                + children.size()
                + " hold";
        yield new Reason(code, holds, text, children);
      }
      case NOT -> {
        Rule child = rule.children().get(0);
        yield new Reason(
            code, holds, "not (" + describe(child) + ")", List.of(tree(child, module, progress)));
      }
      case MODULE_COMPLETED,
          MODULE_STARTED,
          SESSIONS_ATTENDED,
          DAYS_SINCE_START,
          MEASURE,
          THERAPIST_RELEASE ->
          Reason.of(code, holds, leaf(rule, module, holds, progress));
    };
  }

  /** The text of a leaf, holding or not. */
  private static String leaf(Rule rule, String module, boolean holds, Moment progress) {
    return switch (rule.kind()) {
      case MODULE_COMPLETED, MODULE_STARTED -> {
        String target = rule.referencedModule().orElseThrow();
        boolean completion = rule.kind() == Rule.Kind.MODULE_COMPLETED;
        String what = completion ? " completed" : " started";
        if (progress.skippedOn(target).isPresent()) {
          yield target
              + " skipped by the therapist on "
              + progress.skippedOn(target).get()
              + " (counts as"
              + what
              + ")";
        }
        if (holds) {
          yield target
              + what
              + " on "
              + (completion ? progress.completedOn(target) : progress.startedOn(target))
                  .orElseThrow();
        }
        yield target
            + what
            + progress.startedOn(target).map(d -> " (started " + d + ")").orElse(" (not started)");
      }
      case SESSIONS_ATTENDED -> {
        Rule.SessionsAttended attended = (Rule.SessionsAttended) rule;
        yield describe(rule) + " (" + progress.attended(attended.type()) + " so far)";
      }
      case DAYS_SINCE_START -> {
        int days = ((Rule.DaysSinceStart) rule).atLeast();
        yield describe(rule)
            + ", from "
            + progress.startDate().plusDays(days)
            + " ("
            + progress.daysSinceStart()
            + " so far)";
      }
      case MEASURE -> {
        Rule.Measure measure = (Rule.Measure) rule;
        OptionalInt latest = progress.latestScore(measure.instrument());
        if (latest.isEmpty()) {
          yield describe(rule) + " (none recorded)";
        }
        boolean change = measure.changeAtLeast().isPresent() || measure.changeAtMost().isPresent();
        yield describe(rule)
            + " (latest "
            + latest.getAsInt()
            + (change
                ? ", baseline " + progress.baselineScore(measure.instrument()).getAsInt()
                : "")
            + ")";
      }
      case THERAPIST_RELEASE, ALL_OF, ANY_OF, NOT ->
          holds ? releaseText(progress.release(module).orElseThrow(), progress) : describe(rule);
    };
  }

  /** The words of a release or an assignment: who, when and, for an assignment, which session. */
  static String releaseText(ModuleLedger.Opening release, Moment progress) {
    String date = progress.localDate(release.fact().at()).toString();
    if (release.by() == ModuleLedger.OpenedBy.ASSIGNMENT) {
      return "assigned by the therapist on "
          + date
          + release.session().stream()
              .mapToObj(n -> " for online session " + n)
              .findFirst()
              .orElse("");
    }
    return "released by the therapist on " + date;
  }

  /** Names the conditions of a rule that do not hold now, for "locked: needs …". */
  static String unmet(Rule rule, String module, Moment progress) {
    return switch (rule.kind()) {
      case ALL_OF -> {
        List<String> parts = new ArrayList<>();
        for (Rule child : rule.children()) {
          if (!child.isSatisfiedFor(module, progress)) {
            parts.add(unmet(child, module, progress));
          }
        }
        yield String.join(" and ", parts);
      }
      case ANY_OF -> {
        List<String> parts = new ArrayList<>();
        rule.children().forEach(c -> parts.add(unmet(c, module, progress)));
        yield parts.size() == 1 ? parts.get(0) : "one of (" + String.join("; ", parts) + ")";
      }
      case NOT -> "not (" + describe(rule.children().get(0)) + ")";
      case MODULE_COMPLETED,
          MODULE_STARTED,
          SESSIONS_ATTENDED,
          DAYS_SINCE_START,
          MEASURE,
          THERAPIST_RELEASE ->
          leaf(rule, module, false, progress);
    };
  }

  /** Describes a rule without evaluating it. */
  static String describe(Rule rule) {
    return switch (rule.kind()) {
      case ALL_OF, ANY_OF -> {
        List<String> parts = new ArrayList<>();
        rule.children().forEach(c -> parts.add(describe(c)));
        if (parts.size() == 1) {
          yield parts.get(0);
        }
        yield (rule.kind() == Rule.Kind.ALL_OF ? "all of (" : "one of (")
            + String.join("; ", parts)
            + ")";
      }
      case NOT -> "not (" + describe(rule.children().get(0)) + ")";
      case MODULE_COMPLETED -> rule.referencedModule().orElseThrow() + " completed";
      case MODULE_STARTED -> rule.referencedModule().orElseThrow() + " started";
      case SESSIONS_ATTENDED -> {
        Rule.SessionsAttended attended = (Rule.SessionsAttended) rule;
        yield attended.atLeast()
            + " attended "
            + attended.type().map(t -> t.json() + " ").orElse("")
            + (attended.atLeast() == 1 ? "session" : "sessions");
      }
      case DAYS_SINCE_START -> {
        int days = ((Rule.DaysSinceStart) rule).atLeast();
        yield days + (days == 1 ? " day" : " days") + " since the start";
      }
      case MEASURE -> {
        Rule.Measure measure = (Rule.Measure) rule;
        List<String> bounds = new ArrayList<>();
        measure.atLeast().ifPresent(v -> bounds.add("at least " + v));
        measure.atMost().ifPresent(v -> bounds.add("at most " + v));
        measure.changeAtLeast().ifPresent(v -> bounds.add("change at least " + v));
        measure.changeAtMost().ifPresent(v -> bounds.add("change at most " + v));
        yield measure.instrument().json() + " " + String.join(", ", bounds);
      }
      case THERAPIST_RELEASE -> "release by the therapist";
    };
  }
}
