package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;

/**
 * A recorded move of enrolled clients from one protocol version to another: the two pins, what
 * becomes of each old module (moved into a new one, possibly merged with others, or retired with
 * its work counted as completed or dropped with a reason), from which session number the new plan's
 * cadence and pattern apply, and which reminder policy each old one becomes. A client moves when
 * its history holds a {@code protocol-migrated} event naming this document's SHA-256: from that
 * instant its state follows the new protocol, with every module it had opened still open and its
 * starts and completions carried at their own instants.
 *
 * <p>Read one with {@code MigrationJson.read}, which also computes {@link #sha256()}; propose one
 * with {@link #between}.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Migration {
  /** What becomes of an old module. */
  @API(status = EXPERIMENTAL, since = "0.2")
  public sealed interface Target permits Moved, Retired {}

  /**
   * The old module continues as a new one.
   *
   * @param into the new module's id
   * @param merge how it combines with the other old modules moved into the same one
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  public record Moved(String into, Merge merge) implements Target {
    /** Creates the target. */
    public Moved {
      Objects.requireNonNull(into, "into");
      Objects.requireNonNull(merge, "merge");
    }
  }

  /**
   * The old module has no counterpart in the new protocol.
   *
   * @param work what becomes of the client's work on it
   * @param reason why, in the service's words (shown in the state and the preview)
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  public record Retired(RetiredWork work, String reason) implements Target {
    /** Creates the target. */
    public Retired {
      Objects.requireNonNull(work, "work");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** How several old modules moved into one new module combine. */
  @API(status = EXPERIMENTAL, since = "0.2")
  public enum Merge {
    /** The only old module moved into its target; two or more without a merge are refused. */
    NONE("none"),
    /** Opened, started and completed at the earliest of the old modules' instants. */
    ANY("any"),
    /** Opened and started at the earliest, completed only when every old module is. */
    ALL("all");

    private final String json;

    Merge(String json) {
      this.json = json;
    }

    /**
     * Returns the name in JSON.
     *
     * @return the name
     */
    public String json() {
      return json;
    }
  }

  /** What becomes of the client's work on a retired module. */
  @API(status = EXPERIMENTAL, since = "0.2")
  public enum RetiredWork {
    /** Opened or completed work is listed as completed in the state's migration record. */
    COMPLETED("completed"),
    /** The work is dropped, and the state lists it with the reason. */
    DROPPED("dropped");

    private final String json;

    RetiredWork(String json) {
      this.json = json;
    }

    /**
     * Returns the name in JSON.
     *
     * @return the name
     */
    public String json() {
      return json;
    }
  }

  private final ProtocolPin from;
  private final ProtocolPin to;
  private final Map<String, Target> modules;
  private final int newPlanFrom;
  private final Map<String, Optional<String>> policies;
  private final String sha256;

  /**
   * Creates a migration. Old modules and policies not named map to the new one with the same id.
   *
   * @param from the pin clients move from
   * @param to the pin they move to
   * @param modules old module id to its target
   * @param newPlanFrom the first session number planned by the new protocol's cadence and pattern;
   *     earlier sessions keep their dates
   * @param policies old policy id to the new policy id, or empty to drop the client's opt-outs of
   *     it
   * @param sha256 the lowercase hex SHA-256 of the document's canonical form, the id a {@code
   *     protocol-migrated} event names
   */
  public Migration(
      ProtocolPin from,
      ProtocolPin to,
      Map<String, Target> modules,
      int newPlanFrom,
      Map<String, Optional<String>> policies,
      String sha256) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.modules = java.util.Collections.unmodifiableMap(new TreeMap<>(modules));
    if (newPlanFrom < 1) {
      throw new IllegalArgumentException("newPlanFrom must be at least 1");
    }
    this.newPlanFrom = newPlanFrom;
    this.policies = java.util.Collections.unmodifiableMap(new TreeMap<>(policies));
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
    this.sha256 = sha256;
  }

  /**
   * Proposes a migration: old modules and policies with an equal id in the new protocol carry
   * across; every other old module is a decision for a person, listed and retired with its work
   * counted as completed until someone decides otherwise. Sessions keep the old plan up to the
   * first session number the two plans type differently.
   *
   * @param from the protocol clients move from
   * @param to the protocol they move to
   * @return the proposal
   */
  public static Proposal between(PinnedProtocol from, PinnedProtocol to) {
    Map<String, Target> modules = new LinkedHashMap<>();
    List<String> decisions = new ArrayList<>();
    for (Module module : from.protocol().modules()) {
      if (to.protocol().module(module.id()).isPresent()) {
        modules.put(module.id(), new Moved(module.id(), Merge.NONE));
      } else {
        modules.put(
            module.id(),
            new Retired(RetiredWork.COMPLETED, "no module with this id in " + to.protocol().id()));
        decisions.add(
            "module \""
                + module.id()
                + "\" has no module with the same id in the new protocol: move it into one or"
                + " retire it");
      }
    }
    Map<String, Optional<String>> policies = new LinkedHashMap<>();
    for (ReminderPolicy policy : from.protocol().reminders()) {
      boolean kept = to.protocol().reminders().stream().anyMatch(p -> p.id().equals(policy.id()));
      policies.put(policy.id(), kept ? Optional.of(policy.id()) : Optional.empty());
      if (!kept) {
        decisions.add(
            "reminder policy \""
                + policy.id()
                + "\" has no policy with the same id in the new protocol: the client's opt-outs"
                + " of it are dropped unless it is mapped");
      }
    }
    Protocol a = from.protocol();
    Protocol b = to.protocol();
    int first = 1;
    int common = Math.min(a.sessionPlan().sessions(), b.sessionPlan().sessions());
    while (first <= common
        && a.sessionPlan().typeOf(first) == b.sessionPlan().typeOf(first)
        && a.sessionPlan().cadence().equals(b.sessionPlan().cadence())) {
      first++;
    }
    return new Proposal(from.pin(), to.pin(), modules, first, policies, decisions);
  }

  /**
   * A proposed mapping with the decisions a person still has to make, as {@link #between} computed
   * it (a host cannot build one); written out by {@code MigrationJson.write}.
   *
   * <p>Two proposals are equal when every accessor's value is; {@link #toString()} lists them as
   * {@code Proposal[from=…, to=…, …]}.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  public static final class Proposal {
    private final ProtocolPin from;
    private final ProtocolPin to;
    private final Map<String, Target> modules;
    private final int newPlanFrom;
    private final Map<String, Optional<String>> policies;
    private final List<String> decisions;

    Proposal(
        ProtocolPin from,
        ProtocolPin to,
        Map<String, Target> modules,
        int newPlanFrom,
        Map<String, Optional<String>> policies,
        List<String> decisions) {
      this.from = from;
      this.to = to;
      this.modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
      this.newPlanFrom = newPlanFrom;
      this.policies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
      this.decisions = List.copyOf(decisions);
    }

    /**
     * Returns the pin clients move from.
     *
     * @return the pin
     */
    public ProtocolPin from() {
      return from;
    }

    /**
     * Returns the pin clients move to.
     *
     * @return the pin
     */
    public ProtocolPin to() {
      return to;
    }

    /**
     * Returns old module id to its proposed target.
     *
     * @return the map, in the order proposed
     */
    public Map<String, Target> modules() {
      return modules;
    }

    /**
     * Returns the proposed first session of the new plan.
     *
     * @return the session number
     */
    public int newPlanFrom() {
      return newPlanFrom;
    }

    /**
     * Returns old policy id to the proposed new one.
     *
     * @return the map, in the order proposed
     */
    public Map<String, Optional<String>> policies() {
      return policies;
    }

    /**
     * Returns what the proposal could not decide.
     *
     * @return one sentence each
     */
    public List<String> decisions() {
      return decisions;
    }

    @Override
    public boolean equals(Object o) {
      return this == o
          || o instanceof Proposal other
              && Objects.equals(from, other.from)
              && Objects.equals(to, other.to)
              && modules.equals(other.modules)
              && newPlanFrom == other.newPlanFrom
              && policies.equals(other.policies)
              && decisions.equals(other.decisions);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(from);
      h = 31 * h + Objects.hashCode(to);
      h = 31 * h + modules.hashCode();
      h = 31 * h + Integer.hashCode(newPlanFrom);
      h = 31 * h + policies.hashCode();
      return 31 * h + decisions.hashCode();
    }

    @Override
    public String toString() {
      return "Proposal[from="
          + from
          + ", to="
          + to
          + ", modules="
          + modules
          + ", newPlanFrom="
          + newPlanFrom
          + ", policies="
          + policies
          + ", decisions="
          + decisions
          + "]";
    }
  }

  /**
   * Returns the pin clients move from.
   *
   * @return the pin
   */
  public ProtocolPin from() {
    return from;
  }

  /**
   * Returns the pin clients move to.
   *
   * @return the pin
   */
  public ProtocolPin to() {
    return to;
  }

  /**
   * Returns the named old modules' targets, sorted by old id.
   *
   * @return the map
   */
  public Map<String, Target> modules() {
    return modules;
  }

  /**
   * Returns what an old module becomes: its named target, or a move into the new module with the
   * same id.
   *
   * @param oldModule the old module's id
   * @return the target
   */
  public Target target(String oldModule) {
    Target named = modules.get(oldModule);
    return named != null ? named : new Moved(oldModule, Merge.NONE);
  }

  /**
   * Returns the first session number the new protocol's cadence and pattern plan; earlier sessions
   * keep their dates.
   *
   * @return the number, from 1
   */
  public int newPlanFrom() {
    return newPlanFrom;
  }

  /**
   * Returns the named old policies' targets, sorted by old id.
   *
   * @return the map; an empty target drops the client's opt-outs of that policy
   */
  public Map<String, Optional<String>> policies() {
    return policies;
  }

  /**
   * Returns what an old reminder policy becomes: its named target, or the policy with the same id.
   *
   * @param oldPolicy the old policy's id
   * @return the new policy's id, or empty when dropped
   */
  public Optional<String> policy(String oldPolicy) {
    Optional<String> named = policies.get(oldPolicy);
    return named != null ? named : Optional.of(oldPolicy);
  }

  /**
   * Returns the SHA-256 of the document's canonical form: what a {@code protocol-migrated} event
   * names.
   *
   * @return 64 lowercase hex digits
   */
  public String sha256() {
    return sha256;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Migration m && m.sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return "Migration["
        + from.id()
        + " "
        + from.version()
        + " -> "
        + to.id()
        + " "
        + to.version()
        + ", sha256="
        + sha256
        + "]";
  }
}
