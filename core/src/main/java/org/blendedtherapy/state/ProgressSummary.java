package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How far a client has come: sessions attended of planned, core modules completed of those in the
 * client's path (skipped ones are out of it).
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProgressSummary {
  private final int sessionsAttended;
  private final int sessionsPlanned;
  private final int coreModulesCompleted;
  private final int coreModules;

  ProgressSummary(
      int sessionsAttended, int sessionsPlanned, int coreModulesCompleted, int coreModules) {
    this.sessionsAttended = sessionsAttended;
    this.sessionsPlanned = sessionsPlanned;
    this.coreModulesCompleted = coreModulesCompleted;
    this.coreModules = coreModules;
  }

  /** Returns attended sessions. */
  public int sessionsAttended() {
    return sessionsAttended;
  }

  /** Returns planned sessions. */
  public int sessionsPlanned() {
    return sessionsPlanned;
  }

  /** Returns completed core modules. */
  public int coreModulesCompleted() {
    return coreModulesCompleted;
  }

  /** Returns core modules in the client's path. */
  public int coreModules() {
    return coreModules;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ProgressSummary other)) {
      return false;
    }
    return sessionsAttended == other.sessionsAttended
        && sessionsPlanned == other.sessionsPlanned
        && coreModulesCompleted == other.coreModulesCompleted
        && coreModules == other.coreModules;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        sessionsAttended, sessionsPlanned, coreModulesCompleted, coreModules);
  }

  @Override
  public String toString() {
    return "ProgressSummary[sessionsAttended="
        + sessionsAttended
        + ", sessionsPlanned="
        + sessionsPlanned
        + ", coreModulesCompleted="
        + coreModulesCompleted
        + ", coreModules="
        + coreModules
        + "]";
  }
}
