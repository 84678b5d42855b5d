package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.blendedtherapy.testkit.Gen.choose;
import static org.blendedtherapy.testkit.Gen.chooseLong;
import static org.blendedtherapy.testkit.Gen.constant;
import static org.blendedtherapy.testkit.Gen.elements;
import static org.blendedtherapy.testkit.Gen.frequency;
import static org.blendedtherapy.testkit.Gen.listOf;
import static org.blendedtherapy.testkit.Gen.weighted;
import static org.blendedtherapy.testkit.Gen.zip;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.state.ClientState;

/**
 * Generators of clients: enrolments on a protocol, plausible event histories, query instants, and
 * whole {@linkplain Case cases} (protocol, enrolment, events) for properties of the client state.
 *
 * <p>Enrolments start at local date-times from 2010 to 2035 in a zone from {@link Times#zones()}
 * (DST-hostile zones weighted in); about half of them start in a spring-forward gap or an autumn
 * overlap, on a transition day, or so that a later session falls on one. The enrolment is pinned to
 * the protocol's id, version and {@link ProtocolJson#sha256(Protocol) SHA-256}, so the state never
 * refuses it.
 *
 * <p>A history holds events of every type the state folds, at instants to the minute spread over
 * the plan (from a week before session 1 to a week after the end of the last session's window),
 * clustered around the sessions' planned instants and the zone's offset transitions. Events are
 * plausible, not necessarily allowed: some name sessions outside the plan, unknown modules or
 * policies, or tailoring the protocol forbids, so that the state must list them under {@code
 * rejected}. Every event id is unique in its history. Shrinking removes events first, then
 * simplifies the ones left; every candidate is again a history of unique ids within the same range.
 *
 * <p>Nothing here reads the clock, the default zone or the default locale. The generators are
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Clients {
  /** How far before session 1 and after the end of the plan event instants may fall. */
  static final long MARGIN_MINUTES = 7L * 24 * 60;

  /** The most events a history holds at the runner's largest size (100). */
  static final int MAX_EVENTS = 30;

  private Clients() {}

  /**
   * Returns a generator of enrolments on a protocol, pinned to it.
   *
   * @param protocol the protocol
   * @return the generator
   */
  public static Gen<Enrolment> enrolments(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    ProtocolPin pin =
        new ProtocolPin(protocol.id(), protocol.version(), ProtocolJson.sha256(protocol));
    SessionPlan plan = protocol.sessionPlan();
    Gen<Preferences> preferences = preferences(protocol);
    Gen<String> client = choose(1, 9999).map(n -> "client-" + n);
    return Times.zones()
        .flatMap(
            zone ->
                zip(
                    zip(client, starts(zone, plan), ClientStart::new),
                    preferences,
                    (cs, prefs) -> new Enrolment(cs.client(), pin, cs.start(), zone, prefs)));
  }

  private record ClientStart(String client, LocalDateTime start) {}

  /** Starts anywhere, in a gap or overlap, on a transition day, or so a later session hits one. */
  private static Gen<LocalDateTime> starts(ZoneId zone, SessionPlan plan) {
    List<ZoneOffsetTransition> transitions = Times.transitions(zone);
    if (transitions.isEmpty()) {
      return Times.localDateTimes();
    }
    Gen<LocalDateTime> onTransitionDay =
        zip(
            elements(transitions),
            Times.times(),
            (t, time) -> t.getDateTimeBefore().toLocalDate().atTime(time));
    Gen<LocalDateTime> laterSessionAtTransition =
        zip(
            Times.localDateTimesAtTransitions(zone),
            choose(1, Math.max(1, plan.sessions() - 1)),
            (local, k) -> {
              LocalDateTime start = local.minus(plan.cadence().multipliedBy(k));
              return start.toLocalDate().isBefore(Times.FIRST_DATE) ? local : start;
            });
    return frequency(
        List.of(
            weighted(4, Times.localDateTimes()),
            weighted(2, Times.localDateTimesAtTransitions(zone)),
            weighted(1, onTransitionDay),
            weighted(2, laterSessionAtTransition)));
  }

  private static Gen<Preferences> preferences(Protocol protocol) {
    List<String> policies = protocol.reminders().stream().map(ReminderPolicy::id).toList();
    Gen<Optional<QuietHours>> quiet =
        Gen.optional(
            zip(
                ValidProtocols.minutesOfDay(),
                choose(1, 24 * 60 - 1),
                (from, length) -> new QuietHours(from, from.plusMinutes(length))));
    Gen<Set<String>> optedOut = ValidProtocols.subsets(policies, 0.3);
    Gen<Preferences> some =
        zip(quiet, optedOut, (q, out) -> new Preferences(q, out, java.util.Map.of()));
    return frequency(List.of(weighted(1, constant(Preferences.NONE)), weighted(1, some)));
  }

  /**
   * Returns a generator of plausible event histories of an enrolled client, with unique ids, from
   * none to {@value #MAX_EVENTS} events depending on the size.
   *
   * @param protocol the protocol
   * @param enrolment the client's enrolment on it
   * @return the generator
   */
  public static Gen<List<Event>> histories(Protocol protocol, Enrolment enrolment) {
    Span span = Span.of(protocol, enrolment);
    Gen<Function<String, Event>> event = events(protocol, enrolment, span);
    Gen<Drafted> drafted = zip(choose(0, 9999).map(n -> "e" + n), event, Drafted::new);
    return Gen.sized(size -> Gen.listOf(drafted, 0, Math.min(MAX_EVENTS, 1 + size * 3 / 10)))
        .map(Clients::withUniqueIds);
  }

  /**
   * Returns a generator of instants to ask a client's state at, to the minute: spread over the plan
   * from a week before session 1 to a week after its end, clustered around the sessions' planned
   * instants and the zone's offset transitions.
   *
   * @param protocol the protocol
   * @param enrolment the client's enrolment on it
   * @return the generator
   */
  public static Gen<Instant> instants(Protocol protocol, Enrolment enrolment) {
    return Span.of(protocol, enrolment).instants();
  }

  /**
   * Returns a generator of cases over valid protocols ({@link Protocols#valid()}, at half the size,
   * so that properties stay fast): a protocol, an enrolment on it and a history.
   *
   * @return the generator
   */
  public static Gen<Case> cases() {
    Gen<Protocol> protocols = Protocols.valid();
    return cases((random, size) -> protocols.generate(random, size / 2));
  }

  /**
   * Returns a generator of cases over the given protocols: a protocol, an enrolment on it and a
   * history. Shrinking tries a smaller protocol first (drawing the enrolment and history again),
   * then a simpler enrolment, then fewer and simpler events.
   *
   * @param protocols the protocol generator
   * @return the generator
   */
  public static Gen<Case> cases(Gen<Protocol> protocols) {
    Objects.requireNonNull(protocols, "protocols");
    return protocols.flatMap(
        p -> enrolments(p).flatMap(e -> histories(p, e).map(events -> new Case(p, e, events))));
  }

  /**
   * A protocol, a client enrolled on it, and the client's events: the input of a state query.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param protocol the protocol
   * @param enrolment the enrolment, pinned to the protocol
   * @param events the events, in the order generated (not canonical), with unique ids
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Case(Protocol protocol, Enrolment enrolment, List<Event> events) {
    /** Creates a case; the events are copied. */
    public Case {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(enrolment, "enrolment");
      events = List.copyOf(events);
    }

    /**
     * Returns the protocol's SHA-256 as the enrolment pins it.
     *
     * @return lowercase hexadecimal SHA-256 of the canonical protocol
     */
    public String sha256() {
      return enrolment.protocol().sha256();
    }

    /**
     * Returns the events as a history.
     *
     * @return the history
     */
    public History history() {
      return History.of(events);
    }

    /**
     * Computes the client's state at an instant over every event.
     *
     * @param at the query instant
     * @return {@code ClientState.of(pinned, enrolment, history(), at)}
     */
    public ClientState stateAt(Instant at) {
      return ClientState.of(pinned(), enrolment, history(), at);
    }

    /**
     * Returns the protocol pinned, its SHA-256 computed from it (the one the enrolment carries).
     *
     * @return the pinned protocol
     */
    public PinnedProtocol pinned() {
      return ProtocolJson.pin(protocol);
    }

    /**
     * Describes the case compactly for a failure message: the protocol's id, version, plan,
     * tailoring, modules and policies; the enrolment with its client reference; every event on a
     * line with its type, id, instant and key field. Being test data, values (mood ratings, scores)
     * are shown.
     *
     * @return the description, several lines
     */
    public String describe() {
      return CaseText.describe(this);
    }

    /** Returns {@link #describe()}. */
    @Override
    public String toString() {
      return describe();
    }
  }

  private record Drafted(String id, Function<String, Event> event) {}

  private static List<Event> withUniqueIds(List<Drafted> drafts) {
    List<String> ids = ValidProtocols.Str.distinct(drafts.stream().map(Drafted::id).toList());
    List<Event> out = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      out.add(drafts.get(i).event().apply(ids.get(i)));
    }
    return List.copyOf(out);
  }

  /** Where a client's events and queries fall: the plan with a margin, and its landmarks. */
  private record Span(
      ZoneId zone,
      Instant from,
      long minutes,
      List<LocalDateTime> planned,
      List<Instant> sessions,
      List<ZoneOffsetTransition> transitions) {

    static Span of(Protocol protocol, Enrolment enrolment) {
      SessionPlan plan = protocol.sessionPlan();
      ZoneId zone = enrolment.zone();
      List<LocalDateTime> planned = new ArrayList<>();
      List<Instant> sessions = new ArrayList<>();
      for (int i = 0; i < plan.sessions(); i++) {
        LocalDateTime local = enrolment.start().plus(plan.cadence().multipliedBy(i));
        planned.add(local);
        sessions.add(ZonedDateTime.of(local, zone).toInstant());
      }
      LocalDateTime end = enrolment.start().plus(plan.cadence().multipliedBy(plan.sessions()));
      Instant from = sessions.get(0).minusSeconds(60 * MARGIN_MINUTES);
      Instant to = ZonedDateTime.of(end, zone).toInstant().plusSeconds(60 * MARGIN_MINUTES);
      List<ZoneOffsetTransition> transitions =
          Times.transitions(zone).stream()
              .filter(t -> !t.getInstant().isBefore(from) && t.getInstant().isBefore(to))
              .toList();
      long minutes = (to.getEpochSecond() - from.getEpochSecond()) / 60;
      return new Span(
          zone, from, minutes, List.copyOf(planned), List.copyOf(sessions), transitions);
    }

    Gen<Instant> instants() {
      List<Gen.Weighted<Instant>> choices = new ArrayList<>();
      choices.add(weighted(3, chooseLong(0, minutes).map(m -> from.plusSeconds(60 * m))));
      choices.add(
          weighted(
              2,
              zip(
                  elements(sessions),
                  choose(-2 * 24 * 60, 2 * 24 * 60),
                  (s, m) -> s.plusSeconds(60L * m))));
      choices.add(weighted(1, elements(sessions)));
      if (!transitions.isEmpty()) {
        choices.add(
            weighted(
                1,
                zip(
                    elements(transitions),
                    choose(-180, 180),
                    (t, m) -> t.getInstant().plusSeconds(60L * m))));
      }
      return frequency(choices);
    }

    /** Local date-times in a gap or overlap within the plan, or the session's planned time. */
    Gen<LocalDateTime> transitionLocals() {
      if (transitions.isEmpty()) {
        return elements(planned);
      }
      return elements(transitions)
          .flatMap(
              t -> {
                long length = Math.abs(t.getDuration().toMinutes());
                LocalDateTime first = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
                return chooseLong(-1, length).map(first::plusMinutes);
              });
    }

    /** The number of the session that a move to {@code local} would keep in order. */
    int sessionBefore(LocalDateTime local) {
      int index = 0;
      while (index < planned.size() && !planned.get(index).isAfter(local)) {
        index++;
      }
      return Math.min(index + 1, planned.size());
    }
  }

  private static Gen<Function<String, Event>> events(
      Protocol protocol, Enrolment enrolment, Span span) {
    int n = protocol.sessionPlan().sessions();
    Gen<Instant> at = span.instants();
    Gen<Integer> session =
        frequency(List.of(weighted(9, choose(1, n)), weighted(1, choose(n + 1, n + 3))));

    List<String> moduleIds = protocol.modules().stream().map(Module::id).toList();
    Gen<String> module =
        frequency(
            List.of(weighted(8, elements(moduleIds)), weighted(1, unknown(moduleIds, "module"))));
    List<String> policyIds = protocol.reminders().stream().map(ReminderPolicy::id).toList();
    Gen<String> policy =
        policyIds.isEmpty()
            ? unknown(policyIds, "policy")
            : frequency(
                List.of(
                    weighted(6, elements(policyIds)), weighted(1, unknown(policyIds, "policy"))));

    Gen<Function<String, Event>> sessionEvent =
        zip(
            zip(elements(EventType.SESSION_ATTENDED, EventType.SESSION_MISSED), at, TypeAt::new),
            session,
            (ta, s) -> id -> new Event.SessionEvent(id, ta.type(), ta.at(), s));
    Gen<Function<String, Event>> attended =
        zip(
            at,
            session,
            (t, s) -> id -> new Event.SessionEvent(id, EventType.SESSION_ATTENDED, t, s));
    Gen<Function<String, Event>> cancelled =
        zip(
            zip(at, session, AtSession::new),
            elements(Event.CancelledBy.values()),
            (as, by) -> id -> new Event.SessionCancelled(id, as.at(), as.session(), by));
    Gen<Function<String, Event>> scheduled =
        frequency(
            List.of(
                weighted(3, movedNear(span, at, session)),
                weighted(1, movedToTransition(span, at))));
    Gen<Function<String, Event>> moduleEvent =
        zip(
            zip(
                elements(
                    EventType.MODULE_STARTED,
                    EventType.MODULE_COMPLETED,
                    EventType.MODULE_COMPLETED,
                    EventType.MODULE_RELEASED,
                    EventType.MODULE_SKIPPED,
                    EventType.MODULE_REPEATED),
                at,
                TypeAt::new),
            module,
            (ta, m) -> id -> new Event.ModuleEvent(id, ta.type(), ta.at(), m));
    Gen<Function<String, Event>> reordered =
        zip(
            at,
            listOf(module, 1, 4),
            (t, order) ->
                id -> new Event.ModulesReordered(id, t, List.copyOf(new LinkedHashSet<>(order))));
    Gen<Function<String, Event>> assigned =
        zip(
            zip(at, session, AtSession::new),
            module,
            (as, m) ->
                id -> new Event.ModuleAssigned(id, as.at(), m, OptionalInt.of(as.session())));
    Gen<Function<String, Event>> mood =
        zip(at, choose(1, 10), (t, v) -> id -> new Event.MoodRated(id, t, v));
    Gen<Function<String, Event>> measure =
        zip(
            at,
            measures(),
            (t, m) -> id -> new Event.MeasureRecorded(id, t, m.instrument(), m.items(), m.total()));
    Gen<Function<String, Event>> reminder =
        zip(
            zip(
                elements(EventType.REMINDER_ACKNOWLEDGED, EventType.REMINDER_IGNORED),
                at,
                TypeAt::new),
            zip(choose(0, 99).map(k -> "r-" + k), Gen.optional(policy), Response::new),
            (ta, r) ->
                id -> new Event.ReminderEvent(id, ta.type(), ta.at(), r.reminder(), r.policy()));
    Gen<Function<String, Event>> optOut =
        zip(
            zip(
                elements(EventType.REMINDER_OPTED_OUT, EventType.REMINDER_OPTED_IN),
                at,
                TypeAt::new),
            policy,
            (ta, p) -> id -> new Event.PolicyEvent(id, ta.type(), ta.at(), p));
    Gen<Function<String, Event>> pauseResume =
        zip(
            elements(EventType.PAUSED, EventType.RESUMED),
            at,
            (type, t) -> id -> new Event.Lifecycle(id, type, t));
    Gen<Function<String, Event>> discharged =
        at.map(t -> id -> new Event.Lifecycle(id, EventType.DISCHARGED, t));
    Gen<Function<String, Event>> zoneChanged =
        zip(at, Times.zones(), (t, z) -> id -> new Event.ZoneChanged(id, t, z));
    // A migration the state was not given: refused (unknown-migration), the client stays.
    Gen<Function<String, Event>> migrated =
        zip(
            at,
            chooseLong(0, Long.MAX_VALUE),
            (t, k) -> id -> new Event.ProtocolMigrated(id, t, String.format("%064x", k)));
    return frequency(
        List.of(
            weighted(8, attended),
            weighted(3, sessionEvent),
            weighted(2, cancelled),
            weighted(2, scheduled),
            weighted(10, moduleEvent),
            weighted(1, reordered),
            weighted(1, assigned),
            weighted(3, mood),
            weighted(3, measure),
            weighted(1, reminder),
            weighted(2, optOut),
            weighted(2, pauseResume),
            weighted(1, discharged),
            weighted(1, zoneChanged),
            weighted(1, migrated)));
  }

  private record TypeAt(EventType type, Instant at) {}

  private record Response(String reminder, Optional<String> policy) {}

  private record AtSession(Instant at, int session) {}

  private record Measure(Instrument instrument, List<OptionalInt> items, OptionalInt total) {}

  /** A session moved up to three days either way from its first plan, to the minute. */
  private static Gen<Function<String, Event>> movedNear(
      Span span, Gen<Instant> at, Gen<Integer> session) {
    return zip(
        zip(at, session, AtSession::new),
        choose(-3 * 24 * 60, 3 * 24 * 60),
        (as, minutes) -> {
          int s = as.session();
          LocalDateTime base =
              s <= span.planned().size()
                  ? span.planned().get(s - 1)
                  : span.planned().get(span.planned().size() - 1);
          LocalDateTime to = base.plusMinutes(minutes);
          return id -> new Event.SessionScheduled(id, as.at(), s, to);
        });
  }

  /** A session moved into a gap or an overlap, keeping it between its neighbours' first plans. */
  private static Gen<Function<String, Event>> movedToTransition(Span span, Gen<Instant> at) {
    return zip(
        at,
        span.transitionLocals(),
        (t, local) -> {
          int s = span.sessionBefore(local);
          return id -> new Event.SessionScheduled(id, t, s, local);
        });
  }

  private static Gen<Measure> measures() {
    return elements(Instrument.values())
        .flatMap(
            instrument -> {
              Gen<OptionalInt> item =
                  frequency(
                      List.of(
                          weighted(15, choose(0, instrument.itemMax()).map(OptionalInt::of)),
                          weighted(1, constant(OptionalInt.empty()))));
              Gen<Measure> items =
                  Gen.listOf(item, instrument.items(), instrument.items())
                      .map(list -> new Measure(instrument, list, OptionalInt.empty()));
              Gen<Measure> total =
                  choose(0, instrument.totalMax())
                      .map(v -> new Measure(instrument, List.of(), OptionalInt.of(v)));
              return frequency(List.of(weighted(3, items), weighted(1, total)));
            });
  }

  /** An id that names nothing in {@code known}. */
  private static Gen<String> unknown(List<String> known, String what) {
    return elements("no-such-" + what, "retired-" + what)
        .map(
            id -> {
              String out = id;
              while (known.contains(out)) {
                out = out + "-x";
              }
              return out;
            });
  }
}
