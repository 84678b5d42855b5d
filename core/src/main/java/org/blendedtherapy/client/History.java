package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;

/**
 * A client's events as a set, in canonical order ({@code at}, then {@code id}). The order in which
 * the host hands events over never matters. A repeated event (same id, same content) is kept once;
 * the same id with different content is an error naming the id.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class History {
  private static final History EMPTY = new History(List.of(), Map.of());

  private final List<Event> events;
  private final Map<String, Event> byId;

  private History(List<Event> events, Map<String, Event> byId) {
    this.events = events;
    this.byId = byId;
  }

  /**
   * Returns the empty history.
   *
   * @return a history with no events
   */
  public static History empty() {
    return EMPTY;
  }

  /**
   * Builds a history from events in any order, with repeats.
   *
   * @param events the events
   * @return the history
   * @throws InvalidInputException if two events share an id but differ, naming every such id
   */
  public static History of(Collection<? extends Event> events) {
    Map<String, Event> byId = new HashMap<>();
    List<Issue> conflicts = new ArrayList<>();
    for (Event event : events) {
      Event earlier = byId.putIfAbsent(event.id(), event);
      if (earlier != null && !earlier.equals(event)) {
        conflicts.add(conflict(event.id()));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new InvalidInputException("event history", conflicts);
    }
    List<Event> sorted = new ArrayList<>(byId.values());
    sorted.sort(Event.CANONICAL_ORDER);
    return new History(List.copyOf(sorted), Map.copyOf(byId));
  }

  static Issue conflict(String id) {
    return Issue.error(
        "conflicting-id",
        "",
        "event id \""
            + id
            + "\" appears twice with different content; expected one content per id");
  }

  /**
   * Returns this history with one more event.
   *
   * @param event the event
   * @return the new history; this one if the event is a repeat
   * @throws InvalidInputException if an event with the same id but different content is present
   */
  public History plus(Event event) {
    Event existing = byId.get(event.id());
    if (existing != null) {
      if (existing.equals(event)) {
        return this;
      }
      throw new InvalidInputException("event history", List.of(conflict(event.id())));
    }
    List<Event> sorted = new ArrayList<>(events.size() + 1);
    int at = 0;
    while (at < events.size() && Event.CANONICAL_ORDER.compare(events.get(at), event) < 0) {
      at++;
    }
    sorted.addAll(events.subList(0, at));
    sorted.add(event);
    sorted.addAll(events.subList(at, events.size()));
    Map<String, Event> ids = new HashMap<>(byId);
    ids.put(event.id(), event);
    return new History(List.copyOf(sorted), Map.copyOf(ids));
  }

  /**
   * Returns every event in canonical order.
   *
   * @return the events
   */
  public List<Event> events() {
    return events;
  }

  /**
   * Returns the events at or before an instant, in canonical order; later events leave no trace.
   *
   * @param instant the query instant
   * @return the events up to and including {@code instant}
   */
  public List<Event> upTo(Instant instant) {
    int end = events.size();
    while (end > 0 && events.get(end - 1).at().isAfter(instant)) {
      end--;
    }
    return events.subList(0, end);
  }

  /**
   * Finds an event by id.
   *
   * @param id the event id
   * @return the event, or empty
   */
  public Optional<Event> event(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Returns the number of distinct events.
   *
   * @return the size
   */
  public int size() {
    return events.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof History h && h.events.equals(events);
  }

  @Override
  public int hashCode() {
    return events.hashCode();
  }

  @Override
  public String toString() {
    return "History[" + events.size() + " events]";
  }
}
