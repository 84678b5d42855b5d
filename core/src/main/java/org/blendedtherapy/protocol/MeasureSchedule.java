package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/** At which sessions a questionnaire is due. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum MeasureSchedule {
  /** At every session. */
  EVERY_SESSION("every-session"),
  /** At every contact with a therapist: face-to-face, telephone or video. */
  EVERY_FACE_TO_FACE_SESSION("every-face-to-face-session"),
  /** At every online session. */
  EVERY_ONLINE_SESSION("every-online-session"),
  /** At the first and the last session. */
  FIRST_AND_LAST_SESSION("first-and-last-session");

  private final String json;

  MeasureSchedule(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }

  /**
   * Finds the schedule with a JSON name.
   *
   * @param json the JSON name
   * @return the schedule, or empty when the name is unknown
   */
  public static Optional<MeasureSchedule> fromJson(String json) {
    return JsonNames.find(MeasureSchedule.values(), MeasureSchedule::json, json);
  }
}
