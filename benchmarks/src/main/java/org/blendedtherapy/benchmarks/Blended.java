package org.blendedtherapy.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Reminders;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleOpenings;

/**
 * Every call the benchmarks make into blended's API, in one place: when the API changes (one
 * timeline fold, {@code state.reminders(from, to)}), only this class changes. Benchmarks and the
 * report hold blended's results as {@code Object} and count occurrences as {@code int}.
 */
final class Blended {
  private Blended() {}

  /** A client as a host holds it: the protocol it is pinned to, its enrolment and its events. */
  record Client(Protocol protocol, String sha256, Enrolment enrolment, History history) {
    static Client of(Protocol protocol, Enrolment enrolment, List<Event> events) {
      return of(protocol, Blended.sha256(protocol), enrolment, events);
    }

    static Client of(Protocol protocol, String sha256, Enrolment enrolment, List<Event> events) {
      return new Client(protocol, sha256, enrolment, History.of(events));
    }
  }

  /** P1: reads a protocol through all three validation layers. */
  static Object validateProtocol(byte[] json) {
    return ProtocolJson.validate(json).orElseThrow("protocol");
  }

  static Protocol protocol(byte[] json) {
    return ProtocolJson.read(json);
  }

  static String sha256(Protocol protocol) {
    return ProtocolJson.sha256(protocol);
  }

  /** P2a: the state at an instant from parsed events. */
  static Object state(Client client, Instant at) {
    return ClientState.of(
        client.protocol(), client.sha256(), client.enrolment(), client.history(), at);
  }

  /** P2b: reads (and validates) a log, then folds it. */
  static Object readAndFold(Client client, byte[] log, Instant at) {
    History history = EventsJson.validate(log).orElseThrow("events");
    return ClientState.of(client.protocol(), client.sha256(), client.enrolment(), history, at);
  }

  /** P2c: the full state JSON, from parsed events. */
  static String stateJson(Client client, Instant at) {
    return StateJson.write(
        ClientState.of(
            client.protocol(), client.sha256(), client.enrolment(), client.history(), at));
  }

  /** P3, P4: every occurrence in {@code [from, to)}, firing or suppressed; returns the count. */
  static int reminders(Client client, Instant from, Instant to) {
    ReminderSchedule schedule =
        Reminders.between(
            client.protocol(),
            client.enrolment(),
            client.history(),
            ModuleOpenings.of(
                client.protocol(), client.sha256(), client.enrolment(), client.history()),
            from,
            to);
    return schedule.reminders().size() + schedule.suppressed().size();
  }

  /** P4c: folds the events one at a time, starting from the empty history at {@code start}. */
  static Object applyOneByOne(Client client, List<Event> events, Instant start) {
    ClientState state =
        ClientState.of(
            client.protocol(), client.sha256(), client.enrolment(), History.empty(), start);
    for (Event event : events) {
      state = state.apply(event);
    }
    return state;
  }

  /** P5a: the reminders that fire in the hour from {@code now}; returns the count. */
  static int dueInNextHour(Client client, Instant now) {
    return Reminders.between(
            client.protocol(),
            client.enrolment(),
            client.history(),
            ModuleOpenings.of(
                client.protocol(), client.sha256(), client.enrolment(), client.history()),
            now,
            now.plus(Duration.ofHours(1)))
        .reminders()
        .size();
  }

  /**
   * P5b: what a host keeps in memory per client between queries. Today that is the folded state,
   * which holds the enrolment and the history; the protocol is shared and measured apart.
   */
  static Object held(Client client, Instant at) {
    return state(client, at);
  }
}
