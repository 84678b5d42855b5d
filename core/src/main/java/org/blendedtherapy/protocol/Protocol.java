package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.Issue;
import org.blendedtherapy.internal.ProtocolParts;
import org.blendedtherapy.internal.Queries;

/**
 * A blended-therapy protocol: modules with their unlocking rules, the session plan, measures,
 * reminder policies, reminder limits and tailoring. One loaded protocol is shared by any number of
 * clients.
 *
 * <p>The constructor checks only what every value needs (no nulls, copies of collections); the
 * meaning of a protocol (references, cycles, modules that can never open, burden smells) is checked
 * by {@link #check()}, which {@link org.blendedtherapy.json.ProtocolJson} runs on every document it
 * reads.
 *
 * <p>A changed copy is made with the {@code with…} derivers, one per component, in the style of
 * {@code java.time}: {@code protocol.withTailoring(tailoring).withReminders(List.of())}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the protocol id
 * @param version the SemVer 2.0 version of the document
 * @param title the human-readable name
 * @param description what the protocol models and its sources, when given
 * @param modules the modules in their suggested order
 * @param sessionPlan the session plan
 * @param measures the questionnaires and when they are due
 * @param reminders the reminder policies
 * @param reminderLimits quiet hours, daily cap and backoff
 * @param tailoring what a therapist may change for one client
 * @param outcomes the outcome definitions, when the document states them (key {@code outcomes});
 *     empty means {@link OutcomeDefinitions#DEFAULT}, and the canonical form then has no such key
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Protocol(
    String id,
    String version,
    String title,
    Optional<String> description,
    List<Module> modules,
    SessionPlan sessionPlan,
    List<MeasurePlan> measures,
    List<ReminderPolicy> reminders,
    ReminderLimits reminderLimits,
    Tailoring tailoring,
    Optional<OutcomeDefinitions> outcomes) {
  static {
    // The one way the json readers reach the package-private meaning checks.
    Queries.register((Queries.MeaningChecks) parts -> new MeaningCheck(parts).run());
  }

  /** Creates a protocol; collections are copied. */
  public Protocol {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    modules = List.copyOf(modules);
    Objects.requireNonNull(sessionPlan, "sessionPlan");
    measures = List.copyOf(measures);
    reminders = List.copyOf(reminders);
    Objects.requireNonNull(reminderLimits, "reminderLimits");
    Objects.requireNonNull(tailoring, "tailoring");
    Objects.requireNonNull(outcomes, "outcomes");
  }

  /**
   * Creates a protocol without outcome definitions (the defaults apply); collections are copied.
   *
   * @param id the protocol id
   * @param version the version
   * @param title the title
   * @param description the description, when given
   * @param modules the modules
   * @param sessionPlan the session plan
   * @param measures the measures
   * @param reminders the reminder policies
   * @param reminderLimits the reminder limits
   * @param tailoring the tailoring
   */
  public Protocol(
      String id,
      String version,
      String title,
      Optional<String> description,
      List<Module> modules,
      SessionPlan sessionPlan,
      List<MeasurePlan> measures,
      List<ReminderPolicy> reminders,
      ReminderLimits reminderLimits,
      Tailoring tailoring) {
    this(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        Optional.empty());
  }

  /**
   * Returns a copy of this protocol with {@code id} replaced.
   *
   * @param id the protocol id
   * @return the copy; this protocol is unchanged
   */
  public Protocol withId(String id) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code version} replaced.
   *
   * @param version the version
   * @return the copy; this protocol is unchanged
   */
  public Protocol withVersion(String version) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code title} replaced.
   *
   * @param title the title
   * @return the copy; this protocol is unchanged
   */
  public Protocol withTitle(String title) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code description} replaced.
   *
   * @param description the description, or empty
   * @return the copy; this protocol is unchanged
   */
  public Protocol withDescription(Optional<String> description) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code modules} replaced.
   *
   * @param modules the modules
   * @return the copy; this protocol is unchanged
   */
  public Protocol withModules(List<Module> modules) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code sessionPlan} replaced.
   *
   * @param sessionPlan the session plan
   * @return the copy; this protocol is unchanged
   */
  public Protocol withSessionPlan(SessionPlan sessionPlan) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code measures} replaced.
   *
   * @param measures the measures
   * @return the copy; this protocol is unchanged
   */
  public Protocol withMeasures(List<MeasurePlan> measures) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code reminders} replaced.
   *
   * @param reminders the reminder policies
   * @return the copy; this protocol is unchanged
   */
  public Protocol withReminders(List<ReminderPolicy> reminders) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code reminderLimits} replaced.
   *
   * @param reminderLimits the reminder limits
   * @return the copy; this protocol is unchanged
   */
  public Protocol withReminderLimits(ReminderLimits reminderLimits) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code tailoring} replaced.
   *
   * @param tailoring the tailoring
   * @return the copy; this protocol is unchanged
   */
  public Protocol withTailoring(Tailoring tailoring) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns a copy of this protocol with {@code outcomes} replaced.
   *
   * @param outcomes the outcome definitions, or empty for the defaults
   * @return the copy; this protocol is unchanged
   */
  public Protocol withOutcomes(Optional<OutcomeDefinitions> outcomes) {
    return new Protocol(
        id,
        version,
        title,
        description,
        modules,
        sessionPlan,
        measures,
        reminders,
        reminderLimits,
        tailoring,
        outcomes);
  }

  /**
   * Returns the outcome definitions that apply: the document's, or {@link
   * OutcomeDefinitions#DEFAULT}.
   *
   * @return the definitions
   */
  public OutcomeDefinitions outcomeDefinitions() {
    return outcomes.orElse(OutcomeDefinitions.DEFAULT);
  }

  /**
   * Checks what the protocol means, beyond its JSON shape: duplicate ids, rules naming unknown
   * modules, prerequisite cycles, modules that can never open, rule depth, {@code not} around a
   * module condition, session plan consistency, reminder policies naming session types absent from
   * the pattern, tailoring bounds, unknown instruments, and burden smells (warnings).
   *
   * <p>Each issue's pointer is the JSON pointer of the offending node in the protocol document.
   *
   * @return every issue found, errors and warnings, in document order; empty when all is well
   */
  public List<Issue> check() {
    return new MeaningCheck(ProtocolParts.whole(this)).run();
  }

  /**
   * Finds a module by id.
   *
   * @param moduleId the module id
   * @return the module, or empty when the protocol has none with that id
   */
  public Optional<Module> module(String moduleId) {
    return modules.stream().filter(m -> m.id().equals(moduleId)).findFirst();
  }
}
