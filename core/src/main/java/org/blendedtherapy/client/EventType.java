package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/** The type of an event, with its JSON name. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum EventType {
  /** A session moved to a new local date-time. */
  SESSION_SCHEDULED("session-scheduled"),
  /** A session was attended (for an online session: its online work was done). */
  SESSION_ATTENDED("session-attended"),
  /** A session was missed. */
  SESSION_MISSED("session-missed"),
  /** A session was cancelled by the client or the service. */
  SESSION_CANCELLED("session-cancelled"),
  /** The client started a module. */
  MODULE_STARTED("module-started"),
  /** The client completed a module. */
  MODULE_COMPLETED("module-completed"),
  /** The therapist released a module. */
  MODULE_RELEASED("module-released"),
  /** The therapist took a module out of the client's path. */
  MODULE_SKIPPED("module-skipped"),
  /**
   * The therapist changed the suggested order of the client's modules ({@code tailoring.reorder}).
   */
  MODULES_REORDERED("modules-reordered"),
  /** The therapist asked the client to repeat a completed module ({@code tailoring.repeat}). */
  MODULE_REPEATED("module-repeated"),
  /**
   * The therapist put a module in the client's path, optionally for the online session that covers
   * it ({@code tailoring.assign}).
   */
  MODULE_ASSIGNED("module-assigned"),
  /** The client rated their mood, 1 to 10. */
  MOOD_RATED("mood-rated"),
  /** The client answered a questionnaire. */
  MEASURE_RECORDED("measure-recorded"),
  /** The client acknowledged a reminder. */
  REMINDER_ACKNOWLEDGED("reminder-acknowledged"),
  /** The client ignored a reminder. */
  REMINDER_IGNORED("reminder-ignored"),
  /** The client turned a reminder policy off. */
  REMINDER_OPTED_OUT("reminder-opted-out"),
  /** The client turned a reminder policy back on. */
  REMINDER_OPTED_IN("reminder-opted-in"),
  /** Therapy paused. */
  PAUSED("paused"),
  /** Therapy resumed after a pause. */
  RESUMED("resumed"),
  /** The client was discharged. */
  DISCHARGED("discharged"),
  /** The client's zone changed (reminders follow from the event on; sessions stay). */
  ZONE_CHANGED("zone-changed"),
  /**
   * The client moved to another protocol version by a recorded migration: from the event's instant
   * the state follows the new protocol, with progress carried across by the migration's mapping.
   */
  PROTOCOL_MIGRATED("protocol-migrated");

  private final String json;

  EventType(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }

  /**
   * Finds the type with a JSON name.
   *
   * @param json the JSON name
   * @return the type, or empty when unknown
   */
  public static Optional<EventType> fromJson(String json) {
    return JsonNames.find(EventType.values(), EventType::json, json);
  }
}
