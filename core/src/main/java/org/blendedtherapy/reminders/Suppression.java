package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Why an occurrence does not fire, in the order the reasons are checked. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Suppression {
  /** After the client was discharged. */
  DISCHARGED("discharged"),
  /** While therapy is paused. */
  PAUSED("paused"),
  /** The client turned the policy off. */
  OPTED_OUT("opted-out"),
  /** What it reminds of is already done (or cancelled). */
  TASK_DONE("task-done"),
  /** Inside the client's quiet hours (never deferred). */
  QUIET_HOURS("quiet-hours"),
  /** The policy's prompts were ignored too often: only every second one fires. */
  BACKOFF("backoff"),
  /** Over the daily cap; lower-priority kinds go first. */
  CAP("cap");

  private final String json;

  Suppression(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }
}
