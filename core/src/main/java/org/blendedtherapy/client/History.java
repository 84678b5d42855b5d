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
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.internal.Chain;

/**
 * A client's events as a set, in canonical order ({@code at}, then {@code id}). The order in which
 * the host hands events over never matters. A repeated event (same id, same content) is kept once;
 * the same id with different content is an error naming the id.
 *
 * <p>Costs: {@link #of} sorts, O(n log n); {@link #plus} of an event that comes after every event
 * already present (the usual case: events arrive in time order) is amortised O(1) and shares the
 * past with this history; any other {@code plus} copies, O(n). {@link #upTo} is O(log n).
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class History {
  private static final History EMPTY = new History(new Store(), 0);

  /**
   * The events of a line of histories, each a prefix of the next; shared by every history built
   * from another by appending, written under its own lock.
   */
  private static final class Store {
    final Chain<Event> events = new Chain<>();
    // Event id -> its position in events, an open-addressing table with linear probing: each slot
    // holds the id's hash in its high half and position + 1 in its low half (0: empty), so that a
    // probe compares ids only when their hashes agree. An id is present in a history when its
    // position is below that history's size. Guarded by the store's lock.
    private long[] slots = new long[16];
    private int count;

    /** The position of an id, or -1. */
    int position(String id) {
      int hash = id.hashCode();
      int mask = slots.length - 1;
      for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
        long slot = slots[i];
        if (slot == 0) {
          return -1;
        }
        if ((int) (slot >>> 32) == hash) {
          int position = (int) slot - 1;
          if (events.get(position).id().equals(id)) {
            return position;
          }
        }
      }
    }

    /**
     * Appends an event whose id is not present yet.
     *
     * @return the position of the event already holding its id, or -1 when appended
     */
    int addIfAbsent(Event event) {
      String id = event.id();
      int found = position(id);
      if (found >= 0) {
        return found;
      }
      if (2 * (count + 1) > slots.length) {
        grow();
      }
      put(id.hashCode(), events.size());
      events.add(event);
      count++;
      return -1;
    }

    private void put(int hash, int position) {
      int mask = slots.length - 1;
      int i = spread(hash) & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = ((long) hash << 32) | (position + 1L);
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      for (long slot : old) {
        if (slot != 0) {
          put((int) (slot >>> 32), (int) slot - 1);
        }
      }
    }

    /**
     * Mixes a string hash before it picks a slot. Ids such as {@code e-0000123} have nearly
     * consecutive hashes, which linear probing packs into long runs: with only {@code h ^ h >>> 16}
     * an insert probed 8.5 slots on average at 3,000 ids and 39 at 30,000, so appends grew faster
     * than the history. A multiplication by the golden ratio scatters them (under one extra probe).
     */
    private static int spread(int hash) {
      int mixed = hash * 0x9E3779B9;
      return mixed ^ (mixed >>> 16);
    }
  }

  private final Store store;
  private final int size;
  private final List<Event> events;
  // The last event, or null when empty: what an append is compared with.
  private final Event last;

  private History(Store store, int size) {
    this.store = store;
    this.size = size;
    synchronized (store) {
      this.events = viewOf(store, size);
    }
    this.last = size == 0 ? null : events.get(size - 1);
  }

  private History(Store store, int size, List<Event> events, Event last) {
    this.store = store;
    this.size = size;
    this.events = events;
    this.last = last;
  }

  private static List<Event> viewOf(Store store, int size) {
    return store.events.view().subList(0, size);
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
    List<Event> sorted = new ArrayList<>(events);
    if (!isCanonical(sorted)) {
      sorted.sort(Event.CANONICAL_ORDER);
    }
    Store store = new Store();
    for (Event event : sorted) {
      int first = store.addIfAbsent(event);
      if (first >= 0 && !store.events.get(first).equals(event)) {
        // A conflict: the careful path names every conflicting id, in the order handed over.
        return checked(events);
      }
    }
    return store.events.size() == 0 ? EMPTY : new History(store, store.events.size());
  }

  /** Whether events are already in canonical order, strictly (a log in time order usually is). */
  private static boolean isCanonical(List<Event> events) {
    // CANONICAL_ORDER written out: its composed comparators cost more than this whole check.
    for (int i = 1; i < events.size(); i++) {
      Event before = events.get(i - 1);
      Event after = events.get(i);
      int byTime = before.at().compareTo(after.at());
      if (byTime > 0 || byTime == 0 && before.id().compareTo(after.id()) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static History checked(Collection<? extends Event> events) {
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
    return sorted.isEmpty() ? EMPTY : build(sorted);
  }

  private static History build(List<Event> sorted) {
    Store store = new Store();
    for (Event event : sorted) {
      store.addIfAbsent(event);
    }
    return new History(store, sorted.size());
  }

  static Issue conflict(String id) {
    return Issue.error(
        IssueCode.CONFLICTING_ID,
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
    // The usual case first: the event comes last, and this history is the store's longest, so one
    // probe of the table under one lock both finds a repeat or conflict and appends.
    if (size > 0 && isAppend(event)) {
      synchronized (store) {
        if (store.events.size() == size) {
          int found = store.addIfAbsent(event);
          if (found < 0) {
            return new History(store, size + 1, store.events.view(), event);
          }
          if (store.events.get(found).equals(event)) {
            return this;
          }
          throw new InvalidInputException("event history", List.of(conflict(event.id())));
        }
      }
    }
    Optional<Event> existing = event(event.id());
    if (existing.isPresent()) {
      if (existing.get().equals(event)) {
        return this;
      }
      throw new InvalidInputException("event history", List.of(conflict(event.id())));
    }
    // The empty history is shared by every client: it is never extended in place.
    if (size > 0 && isAppend(event)) {
      synchronized (store) {
        if (store.events.size() == size) {
          store.addIfAbsent(event);
          return new History(store, size + 1, store.events.view(), event);
        }
      }
    }
    List<Event> sorted = new ArrayList<>(size + 1);
    int at = 0;
    while (at < size && Event.CANONICAL_ORDER.compare(events.get(at), event) < 0) {
      at++;
    }
    sorted.addAll(events.subList(0, at));
    sorted.add(event);
    sorted.addAll(events.subList(at, size));
    return build(sorted);
  }

  /**
   * Tells whether an event comes after every event of this history in canonical order, so that
   * adding it extends the history (and a fold of it) without revisiting the past.
   *
   * @param event the event
   * @return true when it sorts after the last event, or the history is empty
   */
  public boolean isAppend(Event event) {
    if (size == 0) {
      return true;
    }
    Event last = this.last;
    int byTime = last.at().compareTo(event.at());
    return byTime < 0 || byTime == 0 && last.id().compareTo(event.id()) < 0;
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
   * O(log n).
   *
   * @param instant the query instant
   * @return the events up to and including {@code instant}
   */
  public List<Event> upTo(Instant instant) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (events.get(mid).at().isAfter(instant)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return events.subList(0, low);
  }

  /**
   * Returns the instant of the last event.
   *
   * @return the latest event's instant, or empty when the history is empty
   */
  public Optional<Instant> lastAt() {
    return size == 0 ? Optional.empty() : Optional.of(events.get(size - 1).at());
  }

  /**
   * Finds an event by id.
   *
   * @param id the event id
   * @return the event, or empty
   */
  public Optional<Event> event(String id) {
    int position;
    synchronized (store) {
      position = store.position(id);
    }
    if (position < 0 || position >= size) {
      return Optional.empty();
    }
    Event event = events.get(position);
    return event.id().equals(id) ? Optional.of(event) : Optional.empty();
  }

  /**
   * Returns the number of distinct events.
   *
   * @return the size
   */
  public int size() {
    return size;
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
    return "History[" + size + " events]";
  }
}
