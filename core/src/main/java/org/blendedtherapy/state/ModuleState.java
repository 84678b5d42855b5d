package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * A module's status for one client at an instant, with the reason a therapist can read and the tree
 * of conditions it was decided from.
 *
 * <p>The root of {@link #explanation()} holds exactly when the status is not {@link
 * ModuleStatus#LOCKED}; {@link #reason()} is the root's text.
 *
 * <p>{@code toString()} shows no texts (a measure condition quotes scores).
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ModuleState {
  private final String id;
  private final ModuleStatus status;
  private final Reason explanation;
  private final OptionalInt session;
  private final int repeats;

  /**
   * Creates a module state.
   *
   * @throws IllegalArgumentException if the explanation's verdict disagrees with the status (its
   *     root holds for every status but locked), or {@code repeats} is negative
   */
  ModuleState(
      String id, ModuleStatus status, Reason explanation, OptionalInt session, int repeats) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(session, "session");
    if (explanation.holds() == (status == ModuleStatus.LOCKED)) {
      throw new IllegalArgumentException(
          "the explanation of a " + status.json() + " module must " + verdict(status));
    }
    if (repeats < 0) {
      throw new IllegalArgumentException("repeats must not be negative");
    }
    this.id = id;
    this.status = status;
    this.explanation = explanation;
    this.session = session;
    this.repeats = repeats;
  }

  /** Returns the module id. */
  public String id() {
    return id;
  }

  /** Returns the status. */
  public ModuleStatus status() {
    return status;
  }

  /** Returns why, as a tree of conditions (see {@link Reason} for the codes). */
  public Reason explanation() {
    return explanation;
  }

  /** Returns the online session the therapist assigned the module to, when one was given. */
  public OptionalInt session() {
    return session;
  }

  /** Returns how many times the therapist asked the client to repeat the module. */
  public int repeats() {
    return repeats;
  }

  private static String verdict(ModuleStatus status) {
    return status == ModuleStatus.LOCKED ? "not hold" : "hold";
  }

  /**
   * Returns the one-line reason, such as {@code locked: needs psychoeducation completed (not
   * started)}: the text of the explanation's root.
   *
   * @return the reason
   */
  public String reason() {
    return explanation.text();
  }

  /**
   * Tells whether the module is open: available, in progress or completed.
   *
   * @return true unless locked or skipped
   */
  public boolean isOpen() {
    return status != ModuleStatus.LOCKED && status != ModuleStatus.SKIPPED;
  }

  /** Returns id, status and reason codes, without texts. */
  @Override
  public String toString() {
    return "ModuleState[id="
        + id
        + ", status="
        + status.json()
        + ", explanation="
        + explanation
        + (session.isPresent() ? ", session=" + session.getAsInt() : "")
        + (repeats > 0 ? ", repeats=" + repeats : "")
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModuleState other)) {
      return false;
    }
    return java.util.Objects.equals(id, other.id)
        && java.util.Objects.equals(status, other.status)
        && java.util.Objects.equals(explanation, other.explanation)
        && java.util.Objects.equals(session, other.session)
        && repeats == other.repeats;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, status, explanation, session, repeats);
  }
}
