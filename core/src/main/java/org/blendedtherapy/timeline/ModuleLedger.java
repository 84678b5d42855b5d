package org.blendedtherapy.timeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * Everything the timeline knows about one module of one client, each fact with the position of the
 * event that made it (its {@code seq}, counting events from 1; 0 is before any event) and its exact
 * instant. The fold writes it; a {@link Timeline} hands out copies that never change.
 */
@API(status = INTERNAL, since = "0.2")
public final class ModuleLedger {
  /**
   * A fact and when it became true.
   *
   * @param seq the position of the event after which it holds (0: before any event)
   * @param at its instant: the event's, or the start of the local day a {@code daysSinceStart}
   *     threshold was crossed
   */
  @API(status = INTERNAL, since = "0.1")
  public record Fact(int seq, Instant at) {}

  /** How a module left {@code locked}. */
  @API(status = INTERNAL, since = "0.1")
  public enum OpenedBy {
    /** It has no rule. */
    NO_RULE,
    /** Its rule held before anything happened. */
    RULE_FROM_START,
    /** Its rule came to hold. */
    RULE,
    /** A therapist released it. */
    RELEASE,
    /** A therapist assigned it. */
    ASSIGNMENT
  }

  /**
   * When and how a module opened, or a release or assignment was recorded.
   *
   * @param by how
   * @param fact when
   * @param session the online session it was assigned to, for an assignment
   */
  @API(status = INTERNAL, since = "0.1")
  public record Opening(OpenedBy by, Fact fact, OptionalInt session) {}

  private final String id;
  Opening opened;
  Opening released;
  Fact startedEver;
  Fact completedEver;
  Fact skipped;
  Instant started;
  Instant completed;
  Instant repeatedAt;
  Instant repeatedAfter;
  int repeats;
  OptionalInt assigned;

  ModuleLedger(String id) {
    this.id = id;
  }

  /**
   * Fills a fresh ledger from the old modules a migration moves into it: one source is copied
   * whole; several are merged, each fact at the earliest of theirs, completion at the earliest
   * ({@code all} false) or, when every source is completed, the latest ({@code all} true).
   */
  static void merge(ModuleLedger into, List<ModuleLedger> sources, boolean all) {
    if (sources.size() == 1) {
      ModuleLedger one = sources.get(0);
      into.opened = one.opened;
      into.released = one.released;
      into.startedEver = one.startedEver;
      into.completedEver = one.completedEver;
      into.skipped = one.skipped;
      into.started = one.started;
      into.completed = one.completed;
      into.repeatedAt = one.repeatedAt;
      into.repeatedAfter = one.repeatedAfter;
      into.repeats = one.repeats;
      into.assigned = one.assigned;
      return;
    }
    boolean allCompleted = true;
    boolean allSkipped = true;
    for (ModuleLedger s : sources) {
      into.opened = earlier(into.opened, s.opened);
      into.released = earlier(into.released, s.released);
      into.startedEver = earlier(into.startedEver, s.startedEver);
      into.started = earlier(into.started, s.started);
      into.repeats = Math.max(into.repeats, s.repeats);
      allCompleted &= s.completedEver != null;
      allSkipped &= s.skipped != null;
      if (!all) {
        into.completedEver = earlier(into.completedEver, s.completedEver);
        into.completed = earlier(into.completed, s.completed);
      } else if (s.completedEver != null
          && (into.completedEver == null
              || s.completedEver.at().isAfter(into.completedEver.at()))) {
        into.completedEver = s.completedEver;
        into.completed = s.completed;
      }
    }
    if (all && !allCompleted) {
      into.completedEver = null;
      into.completed = null;
    }
    if (allSkipped) {
      into.skipped = sources.get(0).skipped;
    }
  }

  private static Opening earlier(Opening a, Opening b) {
    return a == null ? b : b == null || !b.fact().at().isBefore(a.fact().at()) ? a : b;
  }

  private static Fact earlier(Fact a, Fact b) {
    return a == null ? b : b == null || !b.at().isBefore(a.at()) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || !b.isBefore(a) ? a : b;
  }

  ModuleLedger copy() {
    ModuleLedger copy = new ModuleLedger(id);
    copy.opened = opened;
    copy.released = released;
    copy.startedEver = startedEver;
    copy.completedEver = completedEver;
    copy.skipped = skipped;
    copy.started = started;
    copy.completed = completed;
    copy.repeatedAt = repeatedAt;
    copy.repeatedAfter = repeatedAfter;
    copy.repeats = repeats;
    copy.assigned = assigned;
    return copy;
  }

  /**
   * Returns the module id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns when and how the module opened; an opened module never closes.
   *
   * @return the opening, or empty while locked
   */
  public Optional<Opening> opened() {
    return Optional.ofNullable(opened);
  }

  /**
   * Returns the first release or assignment by a therapist.
   *
   * @return it, or empty
   */
  public Optional<Opening> released() {
    return Optional.ofNullable(released);
  }

  /**
   * Returns the first start (a completion without a start counts as one).
   *
   * @return it, or empty
   */
  public Optional<Fact> startedEver() {
    return Optional.ofNullable(startedEver);
  }

  /**
   * Returns the first completion.
   *
   * @return it, or empty
   */
  public Optional<Fact> completedEver() {
    return Optional.ofNullable(completedEver);
  }

  /**
   * Returns when a therapist skipped the module.
   *
   * @return it, or empty
   */
  public Optional<Fact> skipped() {
    return Optional.ofNullable(skipped);
  }

  /**
   * Returns the start of the current round (a repeat clears it).
   *
   * @return the instant, or empty
   */
  public Optional<Instant> started() {
    return Optional.ofNullable(started);
  }

  /**
   * Returns the completion of the current round (a repeat clears it).
   *
   * @return the instant, or empty
   */
  public Optional<Instant> completed() {
    return Optional.ofNullable(completed);
  }

  /**
   * Returns when the latest repeat was asked.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> repeatedAt() {
    return Optional.ofNullable(repeatedAt);
  }

  /**
   * Returns the completion the latest repeat followed.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> repeatedAfter() {
    return Optional.ofNullable(repeatedAfter);
  }

  /**
   * Returns how many repeats were asked.
   *
   * @return the count
   */
  public int repeats() {
    return repeats;
  }

  /**
   * Returns the assignment: present when assigned, with the online session when one was named.
   *
   * @return the assignment, or empty when not assigned
   */
  public Optional<OptionalInt> assigned() {
    return Optional.ofNullable(assigned);
  }

  /**
   * Returns when the module was first started, completed or skipped: what a module reminder waits
   * for.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> firstTouched() {
    Instant a = startedEver == null ? null : startedEver.at();
    Instant b = skipped == null ? null : skipped.at();
    if (a == null) {
      return Optional.ofNullable(b);
    }
    return Optional.of(b == null || a.isBefore(b) ? a : b);
  }
}
