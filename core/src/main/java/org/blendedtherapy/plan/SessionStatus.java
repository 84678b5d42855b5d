package org.blendedtherapy.plan;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** What became of a session. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SessionStatus {
  /** Not held yet, or nothing recorded. */
  PLANNED("planned"),
  /** Attended (data-set codes 5 and 6). */
  ATTENDED("attended"),
  /** Missed (data-set code 3). */
  MISSED("missed"),
  /** Cancelled by the client (2), the service (4), or by discharge. */
  CANCELLED("cancelled");

  private final String json;

  SessionStatus(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }
}
