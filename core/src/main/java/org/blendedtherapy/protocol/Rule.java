package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/**
 * An unlocking rule: a closed vocabulary of conditions, written in JSON as an object with exactly
 * one key naming the {@link Kind}. Rules always terminate and can be analysed statically.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Rule
    permits Rule.AllOf,
        Rule.AnyOf,
        Rule.Not,
        Rule.ModuleCompleted,
        Rule.ModuleStarted,
        Rule.SessionsAttended,
        Rule.DaysSinceStart,
        Rule.Measure,
        Rule.TherapistRelease {

  /** The rule kinds, each with the JSON key that names it. */
  @API(status = EXPERIMENTAL, since = "0.1")
  enum Kind {
    /** Every child holds. */
    ALL_OF("allOf"),
    /** At least one child holds. */
    ANY_OF("anyOf"),
    /** The child does not hold. */
    NOT("not"),
    /** A module is completed or skipped. */
    MODULE_COMPLETED("moduleCompleted"),
    /** A module is started, completed or skipped. */
    MODULE_STARTED("moduleStarted"),
    /** Enough sessions were attended. */
    SESSIONS_ATTENDED("sessionsAttended"),
    /** Enough local calendar days have passed since the start date. */
    DAYS_SINCE_START("daysSinceStart"),
    /** A measure's latest score or its change is within bounds. */
    MEASURE("measure"),
    /** The therapist released the module. */
    THERAPIST_RELEASE("therapistRelease");

    private final String json;
    private final String code;

    Kind(String json) {
      this.json = json;
      this.code = json.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** Returns the name in JSON. */
    public String json() {
      return json;
    }

    /**
     * Returns the stable code of this kind in explanations: the JSON key in lowercase words joined
     * by hyphens, such as {@code module-completed} for {@code moduleCompleted}.
     *
     * @return the code
     */
    public String code() {
      return code;
    }

    /**
     * Tells whether a rule of this kind, once it holds, holds for good as the client's history
     * grows: true for the module conditions, {@code sessionsAttended}, {@code daysSinceStart} and
     * {@code therapistRelease}, whose counts and dates only ever grow; false for {@code measure}
     * (scores go up and down) and for the combinators, which depend on their children.
     *
     * @return true for a leaf that only ever grows
     */
    public boolean onlyGrows() {
      return switch (this) {
        case MODULE_COMPLETED,
            MODULE_STARTED,
            SESSIONS_ATTENDED,
            DAYS_SINCE_START,
            THERAPIST_RELEASE ->
            true;
        case MEASURE, ALL_OF, ANY_OF, NOT -> false;
      };
    }

    /**
     * Finds the kind with a JSON key.
     *
     * @param json the key
     * @return the kind, or empty when the key names no rule
     */
    public static Optional<Kind> fromJson(String json) {
      return JsonNames.find(Kind.values(), Kind::json, json);
    }
  }

  /**
   * Returns the kind of this rule, which is also its JSON key.
   *
   * @return the kind
   */
  Kind kind();

  /**
   * Tells whether the rule holds for a module, given what the client has done.
   *
   * @param module the module the rule belongs to (a {@code therapistRelease} leaf asks whether this
   *     module was released)
   * @param progress what the client has done
   * @return true when the rule holds
   */
  boolean isSatisfiedFor(String module, Progress progress);

  /**
   * Returns the rules directly inside this one, in order.
   *
   * @return the children; empty for a leaf
   */
  default List<Rule> children() {
    return List.of();
  }

  /**
   * Returns the module a {@code moduleCompleted} or {@code moduleStarted} rule names.
   *
   * @return the module id; empty for every other kind
   */
  default Optional<String> referencedModule() {
    return Optional.empty();
  }

  /**
   * Returns the depth of this rule: 1 for a leaf, one more than the deepest child otherwise.
   *
   * @return the depth
   */
  default int depth() {
    int deepest = 0;
    for (Rule child : children()) {
      deepest = Math.max(deepest, child.depth());
    }
    return deepest + 1;
  }

  /**
   * Returns the number of conditions (leaves) in this rule: 1 for a leaf, the sum of the children's
   * otherwise.
   *
   * @return the number of leaves
   */
  default int leaves() {
    int sum = children().isEmpty() ? 1 : 0;
    for (Rule child : children()) {
      sum += child.leaves();
    }
    return sum;
  }

  /**
   * Every rule in the list holds.
   *
   * @param rules the rules, at least one
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record AllOf(List<Rule> rules) implements Rule {
    /**
     * Creates the rule.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public AllOf {
      rules = nonEmpty(rules);
    }

    @Override
    public Kind kind() {
      return Kind.ALL_OF;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      return rules.stream().allMatch(r -> r.isSatisfiedFor(module, progress));
    }

    @Override
    public List<Rule> children() {
      return rules;
    }
  }

  /**
   * At least one rule in the list holds.
   *
   * @param rules the rules, at least one
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record AnyOf(List<Rule> rules) implements Rule {
    /**
     * Creates the rule.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public AnyOf {
      rules = nonEmpty(rules);
    }

    @Override
    public Kind kind() {
      return Kind.ANY_OF;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      return rules.stream().anyMatch(r -> r.isSatisfiedFor(module, progress));
    }

    @Override
    public List<Rule> children() {
      return rules;
    }
  }

  /**
   * The rule does not hold. Validation rejects a {@code not} around a module condition.
   *
   * @param rule the negated rule
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record Not(Rule rule) implements Rule {
    /** Creates the rule. */
    public Not {
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public Kind kind() {
      return Kind.NOT;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      return !rule.isSatisfiedFor(module, progress);
    }

    @Override
    public List<Rule> children() {
      return List.of(rule);
    }
  }

  /**
   * The named module is completed, or skipped by the therapist.
   *
   * @param module the module id
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ModuleCompleted(String module) implements Rule {
    /** Creates the rule. */
    public ModuleCompleted {
      Objects.requireNonNull(module, "module");
    }

    @Override
    public Kind kind() {
      return Kind.MODULE_COMPLETED;
    }

    @Override
    public boolean isSatisfiedFor(String owner, Progress progress) {
      return progress.isCompleted(module);
    }

    @Override
    public Optional<String> referencedModule() {
      return Optional.of(module);
    }
  }

  /**
   * The named module is started, completed or skipped.
   *
   * @param module the module id
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ModuleStarted(String module) implements Rule {
    /** Creates the rule. */
    public ModuleStarted {
      Objects.requireNonNull(module, "module");
    }

    @Override
    public Kind kind() {
      return Kind.MODULE_STARTED;
    }

    @Override
    public boolean isSatisfiedFor(String owner, Progress progress) {
      return progress.isStarted(module);
    }

    @Override
    public Optional<String> referencedModule() {
      return Optional.of(module);
    }
  }

  /**
   * At least {@code atLeast} sessions of a type (or of any type) were attended.
   *
   * @param type the session type, or empty for every type
   * @param atLeast how many, at least 1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record SessionsAttended(Optional<SessionType> type, int atLeast) implements Rule {
    /**
     * Creates the rule.
     *
     * @throws IllegalArgumentException if {@code atLeast} is below 1
     */
    public SessionsAttended {
      Objects.requireNonNull(type, "type");
      if (atLeast < 1) {
        throw new IllegalArgumentException("atLeast must be at least 1");
      }
    }

    @Override
    public Kind kind() {
      return Kind.SESSIONS_ATTENDED;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      return progress.attended(type) >= atLeast;
    }
  }

  /**
   * At least {@code atLeast} local calendar days have passed since the client's start date.
   *
   * @param atLeast the number of days, at least 0
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record DaysSinceStart(int atLeast) implements Rule {
    /**
     * Creates the rule.
     *
     * @throws IllegalArgumentException if {@code atLeast} is negative
     */
    public DaysSinceStart {
      if (atLeast < 0) {
        throw new IllegalArgumentException("atLeast must not be negative");
      }
    }

    @Override
    public Kind kind() {
      return Kind.DAYS_SINCE_START;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      return progress.daysSinceStart() >= atLeast;
    }
  }

  /**
   * The latest complete total of an instrument, or its change against the baseline (the first
   * complete total), is within every given bound. At least one bound is present. While only the
   * baseline is recorded the change is 0; with no total at all the rule does not hold.
   *
   * @param instrument the instrument, such as {@code PHQ-9}
   * @param atLeast latest total at least this
   * @param atMost latest total at most this
   * @param changeAtLeast latest minus baseline at least this
   * @param changeAtMost latest minus baseline at most this
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record Measure(
      Instrument instrument,
      OptionalInt atLeast,
      OptionalInt atMost,
      OptionalInt changeAtLeast,
      OptionalInt changeAtMost)
      implements Rule {
    /**
     * Creates the rule.
     *
     * @throws IllegalArgumentException if no bound is given
     */
    public Measure {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(atLeast, "atLeast");
      Objects.requireNonNull(atMost, "atMost");
      Objects.requireNonNull(changeAtLeast, "changeAtLeast");
      Objects.requireNonNull(changeAtMost, "changeAtMost");
      if (atLeast.isEmpty()
          && atMost.isEmpty()
          && changeAtLeast.isEmpty()
          && changeAtMost.isEmpty()) {
        throw new IllegalArgumentException("a measure rule needs at least one bound");
      }
    }

    @Override
    public Kind kind() {
      return Kind.MEASURE;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      OptionalInt latest = progress.latestScore(instrument);
      if (latest.isEmpty()) {
        return false;
      }
      int score = latest.getAsInt();
      if (atLeast.isPresent() && score < atLeast.getAsInt()
          || atMost.isPresent() && score > atMost.getAsInt()) {
        return false;
      }
      if (changeAtLeast.isEmpty() && changeAtMost.isEmpty()) {
        return true;
      }
      // long arithmetic: a host's Progress may return any int, and a change must never overflow.
      long change = (long) score - progress.baselineScore(instrument).orElse(score);
      return !(changeAtLeast.isPresent() && change < changeAtLeast.getAsInt()
          || changeAtMost.isPresent() && change > changeAtMost.getAsInt());
    }
  }

  /** The therapist released the module for this client with a {@code module-released} event. */
  @API(status = EXPERIMENTAL, since = "0.1")
  record TherapistRelease() implements Rule {
    @Override
    public Kind kind() {
      return Kind.THERAPIST_RELEASE;
    }

    @Override
    public boolean isSatisfiedFor(String module, Progress progress) {
      return progress.isReleased(module);
    }
  }

  private static List<Rule> nonEmpty(List<Rule> rules) {
    List<Rule> copy = List.copyOf(rules);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a rule list needs at least one rule");
    }
    return copy;
  }
}
