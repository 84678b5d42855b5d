package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.timeline.ModuleLedger;
import org.blendedtherapy.timeline.Timeline;

/**
 * The timeline of a client: either an adherent one, who attends every session and then works
 * through the next open core module, or the one a given history describes. Each entry says what
 * happened or opened, and when, so a researcher can preview what a client would experience.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Simulation {
  private final List<Entry> entries;
  private final ClientState state;

  /** Creates a simulation; the entries are copied. */
  Simulation(List<Entry> entries, ClientState state) {
    entries = List.copyOf(entries);
    Objects.requireNonNull(state, "state");
    this.entries = entries;
    this.state = state;
  }

  /** Returns what happened, in time order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Returns the state at the end of the timeline. */
  public ClientState state() {
    return state;
  }

  /**
   * One moment of a timeline, with what it is about as values (a host or a picture reads these,
   * never the words of {@link #what}).
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Entry {
    private final Instant instant;
    private final LocalDateTime local;
    private final Kind kind;
    private final Optional<String> module;
    private final OptionalInt session;
    private final Optional<EventType> event;
    private final String what;

    /** Creates an entry. */
    Entry(
        Instant instant,
        LocalDateTime local,
        Kind kind,
        Optional<String> module,
        OptionalInt session,
        Optional<EventType> event,
        String what) {
      Objects.requireNonNull(instant, "instant");
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(what, "what");
      this.instant = instant;
      this.local = local;
      this.kind = kind;
      this.module = module;
      this.session = session;
      this.event = event;
      this.what = what;
    }

    /** Returns when, UTC. */
    public Instant instant() {
      return instant;
    }

    /** Returns when, in the enrolment's zone. */
    public LocalDateTime local() {
      return local;
    }

    /** Returns a module opening, an event that took effect, or an event the state rejected. */
    public Kind kind() {
      return kind;
    }

    /** Returns the module opened, or the module the event is about. */
    public Optional<String> module() {
      return module;
    }

    /** Returns the session the event is about. */
    public OptionalInt session() {
      return session;
    }

    /** Returns the event's type; empty for an opening. */
    public Optional<EventType> event() {
      return event;
    }

    /**
     * Returns the moment in words, such as {@code session 1 face-to-face: session-attended} or
     * {@code opened psychoeducation}.
     */
    public String what() {
      return what;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Entry other)) {
        return false;
      }
      return java.util.Objects.equals(instant, other.instant)
          && java.util.Objects.equals(local, other.local)
          && java.util.Objects.equals(kind, other.kind)
          && java.util.Objects.equals(module, other.module)
          && java.util.Objects.equals(session, other.session)
          && java.util.Objects.equals(event, other.event)
          && java.util.Objects.equals(what, other.what);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(instant, local, kind, module, session, event, what);
    }

    @Override
    public String toString() {
      return "Entry[instant="
          + instant
          + ", local="
          + local
          + ", kind="
          + kind
          + ", module="
          + module
          + ", session="
          + session
          + ", event="
          + event
          + ", what="
          + what
          + "]";
    }
  }

  /** What a {@link Entry timeline entry} is. */
  @API(status = EXPERIMENTAL, since = "0.2")
  public enum Kind {
    /** A module opened (its {@link Entry#module()} says which), from the start or later. */
    OPENED,
    /** An event that took effect. */
    EVENT,
    /** An event the state rejected; {@link Entry#what()} gives the reason. */
    REJECTED
  }

  /**
   * Simulates an adherent client until an instant: each session is attended at its planned time
   * plus its length by {@link MinutesRange#midpoint() the session-length rule} (30 minutes for a
   * type without durations), and after each session the client starts and completes the next open
   * core module (in protocol order) within the module's estimated minutes.
   *
   * @param pinned the protocol, pinned
   * @param enrolment the enrolment, pinned to the protocol
   * @param until the end of the simulation (exclusive)
   * @return the timeline
   */
  public static Simulation adherent(PinnedProtocol pinned, Enrolment enrolment, Instant until) {
    Protocol protocol = pinned.protocol();
    Instant origin = enrolment.start().atZone(enrolment.zone()).toInstant();
    ClientState state = ClientState.of(pinned, enrolment, History.empty(), origin);
    List<Event> events = new ArrayList<>();
    for (Session session : state.sessions()) {
      if (!session.instant().isBefore(until)) {
        break;
      }
      MinutesRange minutes = protocol.sessionPlan().durationMinutes().get(session.type());
      Instant end =
          session.instant().plus(minutes == null ? Duration.ofMinutes(30) : minutes.midpoint());
      events.add(
          new Event.SessionEvent(
              "sim-session-" + session.number(),
              EventType.SESSION_ATTENDED,
              end,
              session.number()));
      ClientState after = ClientState.of(pinned, enrolment, History.of(events), end);
      Optional<ModuleState> next =
          after.modules().stream()
              .filter(m -> m.status() == ModuleStatus.AVAILABLE)
              .filter(m -> protocol.module(m.id()).orElseThrow().kind() == ModuleKind.CORE)
              .findFirst();
      if (next.isPresent()) {
        String id = next.get().id();
        int work = protocol.module(id).orElseThrow().estimatedMinutes().orElse(30);
        Instant startAt = end.plusSeconds(60);
        Instant doneAt = startAt.plusSeconds(60L * work);
        if (doneAt.isBefore(until)) {
          events.add(
              new Event.ModuleEvent("sim-start-" + id, EventType.MODULE_STARTED, startAt, id));
          events.add(
              new Event.ModuleEvent("sim-done-" + id, EventType.MODULE_COMPLETED, doneAt, id));
        }
      }
    }
    return of(pinned, enrolment, History.of(events), until);
  }

  /**
   * Replays a given history until an instant, recording what happened and what opened.
   *
   * @param protocol the protocol, pinned
   * @param enrolment the enrolment, pinned to the protocol
   * @param history the events
   * @param until the end of the timeline (exclusive)
   * @return the timeline
   */
  public static Simulation of(
      PinnedProtocol protocol, Enrolment enrolment, History history, Instant until) {
    Instant origin = enrolment.start().atZone(enrolment.zone()).toInstant();
    ClientState state = ClientState.of(protocol, enrolment, history, until.minusNanos(1));
    Timeline timeline = state.timeline();
    List<Entry> entries = new ArrayList<>();
    // Each event at position 2(i+1), each opening just after the event it followed: 2 seq + 1.
    List<Map.Entry<Long, Entry>> placed = new ArrayList<>();
    for (ModuleLedger ledger : timeline.modules()) {
      if (ledger.opened().isEmpty()) {
        continue;
      }
      ModuleLedger.Fact fact = ledger.opened().get().fact();
      if (fact.seq() == 0 && !fact.at().isAfter(origin)) {
        entries.add(opened(enrolment, origin, ledger.id(), " (open from the start)"));
      } else if (fact.at().isBefore(until)) {
        placed.add(Map.entry(2L * fact.seq() + 1, opened(enrolment, fact.at(), ledger.id(), "")));
      }
    }
    List<Event> events = timeline.events();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (!event.at().isBefore(until)) {
        break;
      }
      placed.add(Map.entry(2L * (i + 1), entry(enrolment, event, state, timeline.rejection(i))));
    }
    placed.sort(Map.Entry.comparingByKey());
    placed.forEach(e -> entries.add(e.getValue()));
    return new Simulation(entries, state);
  }

  private static Entry opened(Enrolment enrolment, Instant at, String module, String note) {
    return new Entry(
        at,
        at.atZone(enrolment.zone()).toLocalDateTime(),
        Kind.OPENED,
        Optional.of(module),
        OptionalInt.empty(),
        Optional.empty(),
        "opened " + module + note);
  }

  private static Entry entry(
      Enrolment enrolment, Event event, ClientState state, Optional<Rejection> rejected) {
    return new Entry(
        event.at(),
        event.at().atZone(enrolment.zone()).toLocalDateTime(),
        rejected.isPresent() ? Kind.REJECTED : Kind.EVENT,
        event.aboutModule(),
        event.aboutSession(),
        Optional.of(event.type()),
        describe(event, state, rejected));
  }

  private static String describe(Event event, ClientState state, Optional<Rejection> rejected) {
    String what = event.type().json();
    if (event.aboutSession().isPresent()) {
      int n = event.aboutSession().getAsInt();
      String type =
          n >= 1 && n <= state.sessions().size() ? " " + state.session(n).type().json() : "";
      what = "session " + n + type + ": " + what;
    } else if (event.aboutModule().isPresent()) {
      what = event.aboutModule().get() + ": " + what;
    }
    return rejected.isPresent() ? what + " (rejected: " + rejected.get().reason() + ")" : what;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Simulation other)) {
      return false;
    }
    return java.util.Objects.equals(entries, other.entries)
        && java.util.Objects.equals(state, other.state);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(entries, state);
  }

  @Override
  public String toString() {
    return "Simulation[entries=" + entries + ", state=" + state + "]";
  }
}
