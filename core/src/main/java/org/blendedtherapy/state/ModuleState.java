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
 *
 * @param id the module id
 * @param status the status
 * @param explanation why, as a tree of conditions (see {@link Reason} for the codes)
 * @param session the online session the therapist assigned the module to, when one was given
 * @param repeats how many times the therapist asked the client to repeat the module
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModuleState(
    String id, ModuleStatus status, Reason explanation, OptionalInt session, int repeats) {
  /**
   * Creates a module state.
   *
   * @throws IllegalArgumentException if the explanation's verdict disagrees with the status (its
   *     root holds for every status but locked), or {@code repeats} is negative
   */
  public ModuleState {
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
}
