package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/**
 * What a reminder is for. The declaration order is the priority under a daily cap: appointment
 * reminders are kept first, mood-rating prompts are dropped first.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ReminderKind {
  /** A coming therapist contact. */
  APPOINTMENT("appointment"),
  /** An online session's window opening, or a nudge when it is not started. */
  ONLINE_SESSION("online-session"),
  /** A module opened but not started. */
  MODULE("module"),
  /** Homework between sessions. */
  HOMEWORK("homework"),
  /** A planned behavioural-activation activity. */
  ACTIVITY("activity"),
  /** A prompt to rate mood. */
  MOOD_RATING("mood-rating");

  private final String json;

  ReminderKind(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }

  /**
   * Finds the kind with a JSON name.
   *
   * @param json the JSON name
   * @return the kind, or empty when the name is unknown
   */
  public static Optional<ReminderKind> fromJson(String json) {
    return JsonNames.find(ReminderKind.values(), ReminderKind::json, json);
  }
}
