package org.blendedtherapy.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.state.ClientState;

/**
 * Every call the benchmarks make into blended's API, in one place: when the API changes, only this
 * class changes. Benchmarks and the report hold blended's results as {@code Object} and count
 * occurrences as {@code int}.
 */
final class Blended {
  private Blended() {}

  /** A client as a host holds it: the protocol it is pinned to, its enrolment and its events. */
  record Client(PinnedProtocol protocol, Enrolment enrolment, History history) {
    static Client of(Protocol protocol, Enrolment enrolment, List<Event> events) {
      return new Client(ProtocolJson.pin(protocol), enrolment, History.of(events));
    }

    static Client of(PinnedProtocol pinned, Enrolment enrolment, List<Event> events) {
      return new Client(pinned, enrolment, History.of(events));
    }
  }

  /** P1: reads a protocol through all three validation layers. */
  static Object validateProtocol(byte[] json) {
    return ProtocolJson.validate(json).orElseThrow("protocol");
  }

  static Protocol protocol(byte[] json) {
    return ProtocolJson.read(json);
  }

  /** A protocol with its SHA-256, as a host pins each protocol version once. */
  static PinnedProtocol pin(Protocol protocol) {
    return ProtocolJson.pin(protocol);
  }

  static String sha256(Protocol protocol) {
    return ProtocolJson.sha256(protocol);
  }

  /** P2a: the state at an instant from parsed events, with what a host reads first. */
  static Object state(Client client, Instant at) {
    ClientState state = ClientState.of(client.protocol(), client.enrolment(), client.history(), at);
    state.modules();
    return state;
  }

  /** P4c: the state from a list of events: the history built from them, then folded. */
  static Object stateFromEvents(Client client, List<Event> events, Instant at) {
    ClientState state =
        ClientState.of(client.protocol(), client.enrolment(), History.of(events), at);
    state.modules();
    return state;
  }

  /** P2b: reads (and validates) a log, then folds it. */
  static Object readAndFold(Client client, byte[] log, Instant at) {
    History history = EventsJson.validate(log).orElseThrow("events");
    ClientState state = ClientState.of(client.protocol(), client.enrolment(), history, at);
    state.modules();
    return state;
  }

  /** P2c: the full state JSON, from parsed events. */
  static String stateJson(Client client, Instant at) {
    return StateJson.write(
        ClientState.of(client.protocol(), client.enrolment(), client.history(), at));
  }

  /** P3, P4: every occurrence in {@code [from, to)}, firing or suppressed; returns the count. */
  static int reminders(Client client, Instant from, Instant to) {
    ReminderSchedule schedule =
        ClientState.of(client.protocol(), client.enrolment(), client.history()).reminders(from, to);
    return schedule.reminders().size() + schedule.suppressed().size();
  }

  /**
   * P3, P4b: every occurrence in {@code [from, to)} of a client a host holds (folded once, as a
   * host keeps it between queries); returns the count.
   */
  static int reminders(ClientState held, Instant from, Instant to) {
    ReminderSchedule schedule = held.reminders(from, to);
    return schedule.reminders().size() + schedule.suppressed().size();
  }

  /** The state a host keeps per client between queries: after every event so far. */
  static ClientState hold(Client client) {
    ClientState state = ClientState.of(client.protocol(), client.enrolment(), client.history());
    state.modules();
    return state;
  }

  /** P4c: folds the events one at a time, starting from the empty history at {@code start}. */
  static Object applyOneByOne(Client client, List<Event> events, Instant start) {
    ClientState state =
        ClientState.of(client.protocol(), client.enrolment(), History.empty(), start);
    for (Event event : events) {
      state = state.apply(event);
    }
    state.modules();
    return state;
  }

  /** P5a: the reminders that fire in the hour from {@code now}, for a held client. */
  static int dueInNextHour(ClientState held, Instant now) {
    return held.reminders(now, now.plus(Duration.ofHours(1))).reminders().size();
  }

  /**
   * P5b: what a host keeps in memory per client between queries: the state after every event in its
   * compact form, which holds the enrolment, the fold in primitive arrays and the folded events'
   * ids with fingerprints, not the events; the protocol is shared and measured apart.
   */
  static Object held(Client client, Instant at) {
    return ClientState.of(client.protocol(), client.enrolment(), client.history()).compact();
  }
}
