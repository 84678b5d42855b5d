package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Instrument;

/**
 * Something that happened to a client, at a UTC instant, with a unique host-chosen id. Events of a
 * history are folded in canonical order: by {@link #at()}, then by {@link #id()}.
 *
 * <p>{@code toString()} never shows values that may be health data (mood values, scores).
 *
 * <p>Implementations are immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Event
    permits Event.SessionScheduled,
        Event.SessionEvent,
        Event.SessionCancelled,
        Event.ModuleEvent,
        Event.ModulesReordered,
        Event.ModuleAssigned,
        Event.MoodRated,
        Event.MeasureRecorded,
        Event.ReminderEvent,
        Event.PolicyEvent,
        Event.Lifecycle,
        Event.ZoneChanged,
        Event.ProtocolMigrated {

  /** Canonical order: by instant, then by id. */
  Comparator<Event> CANONICAL_ORDER = Comparator.comparing(Event::at).thenComparing(Event::id);

  /**
   * Returns the host-chosen id, unique in the history.
   *
   * @return the id
   */
  String id();

  /**
   * Returns the type.
   *
   * @return the type
   */
  EventType type();

  /**
   * Returns when it happened.
   *
   * @return the UTC instant
   */
  Instant at();

  /**
   * A session moved to a new local date-time, in the enrolment's zone.
   *
   * @param id the event id
   * @param at when it was recorded
   * @param session the session number, from 1
   * @param start the new local date-time
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record SessionScheduled(String id, Instant at, int session, LocalDateTime start)
      implements Event {
    /** Creates the event. */
    public SessionScheduled {
      requireBase(id, at);
      Objects.requireNonNull(start, "start");
    }

    @Override
    public EventType type() {
      return EventType.SESSION_SCHEDULED;
    }

    @Override
    public OptionalInt aboutSession() {
      return OptionalInt.of(session);
    }
  }

  /**
   * A session was attended or missed.
   *
   * @param id the event id
   * @param type {@code SESSION_ATTENDED} or {@code SESSION_MISSED}
   * @param at when it was recorded
   * @param session the session number, from 1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record SessionEvent(String id, EventType type, Instant at, int session) implements Event {
    /** Creates the event. */
    public SessionEvent {
      requireBase(id, at);
      requireType(type, type == EventType.SESSION_ATTENDED || type == EventType.SESSION_MISSED);
    }

    @Override
    public OptionalInt aboutSession() {
      return OptionalInt.of(session);
    }
  }

  /** Who cancelled a session. */
  @API(status = EXPERIMENTAL, since = "0.1")
  enum CancelledBy {
    /** The client (data-set code 2). */
    CLIENT,
    /** The service (data-set code 4). */
    SERVICE
  }

  /**
   * A session was cancelled.
   *
   * @param id the event id
   * @param at when it was recorded
   * @param session the session number, from 1
   * @param by who cancelled
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record SessionCancelled(String id, Instant at, int session, CancelledBy by) implements Event {
    /** Creates the event. */
    public SessionCancelled {
      requireBase(id, at);
      Objects.requireNonNull(by, "by");
    }

    @Override
    public EventType type() {
      return EventType.SESSION_CANCELLED;
    }

    @Override
    public OptionalInt aboutSession() {
      return OptionalInt.of(session);
    }
  }

  /**
   * A module was started, completed, released, skipped or repeated.
   *
   * @param id the event id
   * @param type one of the five module event types
   * @param at when it happened
   * @param module the module id
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ModuleEvent(String id, EventType type, Instant at, String module) implements Event {
    /** Creates the event. */
    public ModuleEvent {
      requireBase(id, at);
      requireType(
          type,
          type == EventType.MODULE_STARTED
              || type == EventType.MODULE_COMPLETED
              || type == EventType.MODULE_RELEASED
              || type == EventType.MODULE_SKIPPED
              || type == EventType.MODULE_REPEATED);
      Objects.requireNonNull(module, "module");
    }

    @Override
    public Optional<String> aboutModule() {
      return Optional.of(module);
    }
  }

  /**
   * The therapist changed the suggested order of the client's modules: the listed modules come
   * first, in the listed order, and every other module keeps its place after them. Only the
   * suggested order changes; no module opens or closes.
   *
   * @param id the event id
   * @param at when it happened
   * @param order module ids, at least one, none twice
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ModulesReordered(String id, Instant at, List<String> order) implements Event {
    /**
     * Creates the event.
     *
     * @throws IllegalArgumentException if the order is empty
     */
    public ModulesReordered {
      requireBase(id, at);
      order = List.copyOf(order);
      if (order.isEmpty()) {
        throw new IllegalArgumentException("an order names at least one module");
      }
    }

    @Override
    public EventType type() {
      return EventType.MODULES_REORDERED;
    }
  }

  /**
   * The therapist put a module in the client's path (an optional module joins it), optionally
   * naming the online session that covers it.
   *
   * @param id the event id
   * @param at when it happened
   * @param module the module id
   * @param session the online session that covers the module, from 1; empty when not given
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ModuleAssigned(String id, Instant at, String module, OptionalInt session)
      implements Event {
    /** Creates the event. */
    public ModuleAssigned {
      requireBase(id, at);
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(session, "session");
    }

    @Override
    public EventType type() {
      return EventType.MODULE_ASSIGNED;
    }

    @Override
    public Optional<String> aboutModule() {
      return Optional.of(module);
    }

    @Override
    public OptionalInt aboutSession() {
      return session;
    }
  }

  /**
   * The client rated their mood.
   *
   * @param id the event id
   * @param at when
   * @param value the rating, 1 to 10
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record MoodRated(String id, Instant at, int value) implements Event {
    /**
     * Creates the event.
     *
     * @throws IllegalArgumentException if the value is outside 1 to 10
     */
    public MoodRated {
      requireBase(id, at);
      if (value < 1 || value > 10) {
        throw new IllegalArgumentException("a mood rating is 1 to 10");
      }
    }

    @Override
    public EventType type() {
      return EventType.MOOD_RATED;
    }

    @Override
    public String toString() {
      return "MoodRated[id=" + id + ", at=" + at + "]";
    }
  }

  /**
   * The client answered a questionnaire: item answers in item order ({@code empty} for an
   * unanswered item), or only a total where that is all the host knows.
   *
   * @param id the event id
   * @param at when
   * @param instrument the instrument, such as {@code PHQ-9}
   * @param items the item answers in order; empty when only a total is known
   * @param total the total, when only a total is known
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record MeasureRecorded(
      String id, Instant at, Instrument instrument, List<OptionalInt> items, OptionalInt total)
      implements Event {
    /**
     * Creates the event.
     *
     * @throws IllegalArgumentException unless exactly one of items and total is given
     */
    public MeasureRecorded {
      requireBase(id, at);
      Objects.requireNonNull(instrument, "instrument");
      items = List.copyOf(items);
      Objects.requireNonNull(total, "total");
      if (items.isEmpty() == total.isEmpty()) {
        throw new IllegalArgumentException("give either items or a total");
      }
    }

    @Override
    public EventType type() {
      return EventType.MEASURE_RECORDED;
    }

    /**
     * Returns the total score: the given total, or the sum of the items when every item is
     * answered. A measure with a missing item has no total; it is never scored as 0.
     *
     * @return the total, or empty when incomplete
     */
    public OptionalInt score() {
      if (total.isPresent()) {
        return total;
      }
      int sum = 0;
      for (OptionalInt item : items) {
        if (item.isEmpty()) {
          return OptionalInt.empty();
        }
        sum += item.getAsInt();
      }
      return OptionalInt.of(sum);
    }

    @Override
    public String toString() {
      return "MeasureRecorded[id=" + id + ", at=" + at + ", instrument=" + instrument.json() + "]";
    }
  }

  /**
   * The client acknowledged or ignored a reminder.
   *
   * <p>The response counts for the policy it names (backoff runs per policy). An event without a
   * policy, as logs written before 0.2 are, counts for the policy its reminder id names: the id's
   * second dot-separated part, as {@link org.blendedtherapy.reminders.Reminders#id(String, String,
   * java.time.LocalDateTime)} builds it.
   *
   * @param id the event id
   * @param type {@code REMINDER_ACKNOWLEDGED} or {@code REMINDER_IGNORED}
   * @param at when
   * @param reminder the reminder's id, as the reminder query returned it
   * @param policy the reminder's policy id, as the reminder query returned it; empty when not given
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ReminderEvent(
      String id, EventType type, Instant at, String reminder, Optional<String> policy)
      implements Event {
    /** Creates the event. */
    public ReminderEvent {
      requireBase(id, at);
      requireType(
          type, type == EventType.REMINDER_ACKNOWLEDGED || type == EventType.REMINDER_IGNORED);
      Objects.requireNonNull(reminder, "reminder");
      Objects.requireNonNull(policy, "policy");
    }

    /**
     * Creates the event for a reminder of a policy.
     *
     * @param id the event id
     * @param type {@code REMINDER_ACKNOWLEDGED} or {@code REMINDER_IGNORED}
     * @param at when
     * @param reminder the reminder's id, as the reminder query returned it
     * @param policy the reminder's policy id
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public ReminderEvent(String id, EventType type, Instant at, String reminder, String policy) {
      this(id, type, at, reminder, Optional.of(policy));
    }
  }

  /**
   * The client turned a reminder policy off or back on.
   *
   * @param id the event id
   * @param type {@code REMINDER_OPTED_OUT} or {@code REMINDER_OPTED_IN}
   * @param at when
   * @param policy the policy id
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record PolicyEvent(String id, EventType type, Instant at, String policy) implements Event {
    /** Creates the event. */
    public PolicyEvent {
      requireBase(id, at);
      requireType(
          type, type == EventType.REMINDER_OPTED_OUT || type == EventType.REMINDER_OPTED_IN);
      Objects.requireNonNull(policy, "policy");
    }
  }

  /**
   * Therapy paused, resumed, or the client was discharged.
   *
   * @param id the event id
   * @param type {@code PAUSED}, {@code RESUMED} or {@code DISCHARGED}
   * @param at when
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record Lifecycle(String id, EventType type, Instant at) implements Event {
    /** Creates the event. */
    public Lifecycle {
      requireBase(id, at);
      requireType(
          type,
          type == EventType.PAUSED || type == EventType.RESUMED || type == EventType.DISCHARGED);
    }
  }

  /**
   * The client's zone changed; reminders from {@code at} on are resolved in the new zone.
   *
   * @param id the event id
   * @param at when
   * @param zone the new zone
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  record ZoneChanged(String id, Instant at, ZoneId zone) implements Event {
    /** Creates the event. */
    public ZoneChanged {
      requireBase(id, at);
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public EventType type() {
      return EventType.ZONE_CHANGED;
    }
  }

  /**
   * The client moved to another protocol version: from {@code at} on the state follows the
   * migration's target protocol (see {@link Migration}).
   *
   * @param id the event id
   * @param at when
   * @param migration the lowercase hex SHA-256 of the migration document's canonical form
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  record ProtocolMigrated(String id, Instant at, String migration) implements Event {
    /** Creates the event. */
    public ProtocolMigrated {
      requireBase(id, at);
      Objects.requireNonNull(migration, "migration");
    }

    @Override
    public EventType type() {
      return EventType.PROTOCOL_MIGRATED;
    }
  }

  /**
   * Returns the session number an event is about.
   *
   * @return the session number, or empty for events about no session
   */
  default OptionalInt aboutSession() {
    return OptionalInt.empty();
  }

  /**
   * Returns the module an event is about.
   *
   * @return the module id, or empty for events about no module
   */
  default Optional<String> aboutModule() {
    return Optional.empty();
  }

  private static void requireBase(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }

  /** Checks a type, given with whether the shape allows it (no set built per event). */
  private static void requireType(EventType type, boolean allowed) {
    Objects.requireNonNull(type, "type");
    if (!allowed) {
      throw new IllegalArgumentException("wrong event type for this shape: " + type.json());
    }
  }
}
