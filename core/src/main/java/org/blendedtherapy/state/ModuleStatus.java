package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Where a client stands with a module. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ModuleStatus {
  /** Its unlock rule has not held yet and it was not released. */
  LOCKED("locked"),
  /** Open and not started. */
  AVAILABLE("available"),
  /** Started, not completed. */
  IN_PROGRESS("in-progress"),
  /** Completed. */
  COMPLETED("completed"),
  /** Taken out of the client's path by the therapist. */
  SKIPPED("skipped");

  private final String json;

  ModuleStatus(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }
}
