package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.protocol.Protocol;

/**
 * A client's state at an instant: every module with its status and reason, every session with its
 * planned local time, instant, window and status, the next session, the events that had no effect
 * (with reasons), progress, and the client's path of modules with the next suggested one.
 *
 * <p>Modules: a module without a rule is open from the start; one with a rule opens when the rule
 * holds, and an opened module never closes again. A {@code module-released} event satisfies the
 * module's {@code therapistRelease} conditions and, when {@code tailoring.release} is true, opens
 * the module whatever its rule says. A skipped module is out of the client's path and counts as
 * completed and started for every rule that waits on it. A {@code module-repeated} event turns a
 * completed module available again (then in progress and completed once more); rules that waited on
 * it stay satisfied. A {@code module-assigned} event puts a module in the client's path and opens
 * it when a release of it would be accepted. A {@code modules-reordered} event changes only the
 * suggested order. A tailoring event the protocol's {@code tailoring} forbids has no effect and is
 * listed in {@link #rejected()} naming the setting, such as {@code tailoring.repeat is false}.
 *
 * <p>The state is the history folded in canonical order ({@code at}, then {@code id}), up to and
 * including the query instant: the order in which the host hands events over never matters, a
 * repeated event leaves no trace, and an event after the instant has no effect. Folding events one
 * at a time with {@link #apply(Event)} gives exactly the state of folding them all at once.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param at the query instant
 * @param enrolment the enrolment
 * @param protocol the pinned protocol
 * @param protocolSha256 the protocol's canonical SHA-256, equal to the enrolment's pin
 * @param history every event the host handed over, including any after {@code at}
 * @param modules the modules in protocol order
 * @param sessions the sessions in number order
 * @param nextSession the first planned session at or after {@code at}; empty while paused or when
 *     none is left
 * @param rejected the events up to {@code at} that had no effect, in canonical order
 * @param progress sessions attended and core modules completed
 * @param path the client's path in suggested order: every core module that is not skipped, and the
 *     optional modules a therapist assigned or released; the protocol's order unless a {@code
 *     modules-reordered} event changed it
 * @param nextModule the client's next suggested module: the first module of the path that is
 *     available or in progress; empty when there is none
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ClientState(
    Instant at,
    Enrolment enrolment,
    Protocol protocol,
    String protocolSha256,
    History history,
    List<ModuleState> modules,
    List<Session> sessions,
    Optional<Session> nextSession,
    List<Rejection> rejected,
    ProgressSummary progress,
    List<String> path,
    Optional<String> nextModule) {

  /** Creates a state; collections are copied. Hosts use {@link #of} instead. */
  public ClientState {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(enrolment, "enrolment");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(protocolSha256, "protocolSha256");
    Objects.requireNonNull(history, "history");
    modules = List.copyOf(modules);
    sessions = List.copyOf(sessions);
    Objects.requireNonNull(nextSession, "nextSession");
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(progress, "progress");
    path = List.copyOf(path);
    Objects.requireNonNull(nextModule, "nextModule");
  }

  /**
   * Computes a client's state at an instant.
   *
   * @param protocol the protocol the client is enrolled on
   * @param protocolSha256 its canonical SHA-256 ({@code ProtocolJson.sha256(protocol)}, computed
   *     once per protocol version by the host)
   * @param enrolment the enrolment, whose pin must match
   * @param history the client's events
   * @param at the query instant
   * @return the state
   * @throws InvalidInputException with code {@code pin-mismatch} if the enrolment is pinned to
   *     another protocol id, version or SHA-256: a new protocol version never silently changes an
   *     enrolled client
   */
  public static ClientState of(
      Protocol protocol, String protocolSha256, Enrolment enrolment, History history, Instant at) {
    checkPin(protocol, protocolSha256, enrolment);
    Fold fold = new Fold(protocol, enrolment);
    for (Event event : history.upTo(at)) {
      fold.apply(event);
    }
    fold.finish(at);
    return fold.result(protocolSha256, at, history);
  }

  private static void checkPin(Protocol protocol, String sha256, Enrolment enrolment) {
    var pin = enrolment.protocol();
    String found = protocol.id() + " " + protocol.version() + " sha256=" + sha256;
    String pinned = pin.id() + " " + pin.version() + " sha256=" + pin.sha256();
    if (!pin.id().equals(protocol.id())
        || !pin.version().equals(protocol.version())
        || !pin.sha256().equals(sha256)) {
      throw new InvalidInputException(
          "enrolment",
          List.of(
              Issue.error(
                  "pin-mismatch",
                  "/protocol",
                  "the enrolment is pinned to protocol "
                      + pinned
                      + " but was given "
                      + found
                      + "; moving a client to another protocol version is an explicit"
                      + " migration")));
    }
  }

  /**
   * Returns the state after one more event: at {@code max(at, event.at())}, with the event in the
   * history. Equal to {@link #of} over the whole history at that instant.
   *
   * @param event the event
   * @return the new state
   * @throws InvalidInputException if the history holds another event with the same id
   */
  public ClientState apply(Event event) {
    Instant next = event.at().isAfter(at) ? event.at() : at;
    return of(protocol, protocolSha256, enrolment, history.plus(event), next);
  }

  /**
   * Returns the state of the same client at another instant.
   *
   * @param instant the query instant
   * @return the state then
   */
  public ClientState at(Instant instant) {
    return of(protocol, protocolSha256, enrolment, history, instant);
  }

  /**
   * Finds a module's state.
   *
   * @param moduleId the module id
   * @return its state, or empty when the protocol has no such module
   */
  public Optional<ModuleState> module(String moduleId) {
    return modules.stream().filter(m -> m.id().equals(moduleId)).findFirst();
  }

  /**
   * Returns a session by number.
   *
   * @param number the session number, from 1
   * @return the session
   * @throws IndexOutOfBoundsException if there is no such session
   */
  public Session session(int number) {
    return sessions.get(number - 1);
  }

  /**
   * Returns every questionnaire recorded up to the query instant, in canonical order, with its
   * total, severity band and the session it belongs to (the latest session attended before it).
   *
   * @return the measures
   */
  public List<MeasureResult> measures() {
    return new Reports(this).measures();
  }

  /**
   * Returns the questionnaires the protocol's {@code measures} make due at each attended session,
   * with whether each is due, done or overdue, in session order, then protocol order.
   *
   * @return the due measures
   */
  public List<DueMeasure> dueMeasures() {
    return new Reports(this).dueMeasures();
  }

  /**
   * Returns the risk flags: one for each PHQ-9 up to the query instant with item 9 answered above
   * 0, whatever its total, in canonical order.
   *
   * @return the flags
   */
  public List<RiskFlag> risk() {
    return new Reports(this).risk();
  }

  /**
   * Returns the standard outcome flags on the first and latest complete measure pair, with the
   * scores they used; final once the client is discharged.
   *
   * @return the outcome, or empty while no complete pair of the depression and anxiety measures
   *     belongs to one session
   */
  public Optional<Outcome> outcome() {
    return new Reports(this).outcome();
  }

  /**
   * Returns the bridge summary for the next session with a therapist: what happened since the last
   * attended face-to-face (or telephone or video) session, up to the query instant.
   *
   * @return the summary
   */
  public Bridge bridge() {
    return new Reports(this).bridge();
  }

  /**
   * Returns a fidelity record for each attended session, in the order of attendance.
   *
   * @return the records
   */
  public List<FidelityRecord> fidelity() {
    return new Reports(this).fidelity();
  }

  /**
   * Returns adherence per week and overall. This replays the history for the mood-rating prompts,
   * so it costs more than the other queries of a state.
   *
   * @return the adherence
   */
  public Adherence adherence() {
    return new Reports(this).adherence();
  }

  /** Returns a summary without the client reference or any health data. */
  @Override
  public String toString() {
    return "ClientState[at="
        + at
        + ", protocol="
        + protocol.id()
        + " "
        + protocol.version()
        + ", modules="
        + modules
        + ", sessions="
        + sessions.size()
        + ", rejected="
        + rejected.size()
        + "]";
  }
}
