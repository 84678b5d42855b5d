package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/**
 * The kind of a session. Face-to-face, telephone and video sessions are contacts with a therapist;
 * online sessions are the client's own work on the platform.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SessionType {
  /** In person at the service. */
  FACE_TO_FACE("face-to-face"),
  /** By telephone. */
  TELEPHONE("telephone"),
  /** By video call. */
  VIDEO("video"),
  /** The client's own online work, between contacts. */
  ONLINE("online");

  private final String json;

  SessionType(String json) {
    this.json = json;
  }

  /**
   * Returns the JSON name, such as {@code face-to-face}.
   *
   * @return the JSON name
   */
  public String json() {
    return json;
  }

  /**
   * Tells whether the session is a contact with a therapist (everything but online).
   *
   * @return true for face-to-face, telephone and video
   */
  public boolean isTherapistContact() {
    return this != ONLINE;
  }

  /**
   * Returns the NHS Talking Therapies data set consultation mechanism code of a session of this
   * type: {@code 01} face to face, {@code 02} telephone, {@code 11} video. An online session has
   * none: it is no contact with a therapist (the data set reports therapist time supporting online
   * work separately, in the internet-enabled therapy log).
   *
   * @return the two-digit code, or empty for online sessions
   */
  public Optional<String> consultationMechanism() {
    return switch (this) {
      case FACE_TO_FACE -> Optional.of("01");
      case TELEPHONE -> Optional.of("02");
      case VIDEO -> Optional.of("11");
      case ONLINE -> Optional.empty();
    };
  }

  /**
   * Finds the type with a JSON name.
   *
   * @param json the JSON name
   * @return the type, or empty when the name is unknown
   */
  public static Optional<SessionType> fromJson(String json) {
    return JsonNames.find(SessionType.values(), SessionType::json, json);
  }
}
