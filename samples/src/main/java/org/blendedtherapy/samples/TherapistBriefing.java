package org.blendedtherapy.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.ModuleStatus;

/**
 * What a host does before a therapist sees a client: load the protocol once per version, read the
 * client's enrolment and events from its own store, ask for the state now, and show the lines a
 * therapist needs. The host supplies the instant; the library never reads the clock.
 */
public final class TherapistBriefing {
  private final Protocol protocol;
  private final PinnedProtocol pin;

  /**
   * Loads a protocol, reporting every issue if it is invalid.
   *
   * @param protocolJson the protocol document
   * @throws InvalidInputException if the protocol is invalid
   */
  public TherapistBriefing(byte[] protocolJson) {
    Validation<Protocol> validation = ProtocolJson.validate(protocolJson);
    this.protocol = validation.orElseThrow("protocol");
    this.pin = ProtocolJson.pin(protocol);
  }

  /**
   * Builds the briefing lines for one client.
   *
   * @param enrolmentJson the client's enrolment
   * @param eventsJsonLines the client's events, JSON Lines
   * @param now the instant the host asks at
   * @return lines for the therapist
   * @throws InvalidInputException if the enrolment or an event is invalid, or pinned elsewhere
   */
  public List<String> brief(byte[] enrolmentJson, byte[] eventsJsonLines, Instant now) {
    Enrolment enrolment = EnrolmentJson.read(enrolmentJson);
    History history = EventsJson.read(eventsJsonLines);
    ClientState state = ClientState.of(pin, enrolment, history, now);
    List<String> lines = new ArrayList<>();
    state
        .nextSession()
        .ifPresentOrElse(
            s ->
                lines.add(
                    "Next: session "
                        + s.number()
                        + " ("
                        + s.type().json()
                        + ") at "
                        + Times.format(s.local())),
            () -> lines.add("Next: no session planned"));
    for (ModuleState module : state.modules()) {
      if (module.status() != ModuleStatus.COMPLETED) {
        lines.add(module.id() + ": " + module.reason());
      }
    }
    state.rejected().forEach(r -> lines.add("Not applied: event " + r.event() + ", " + r.reason()));
    lines.add(
        "Progress: "
            + state.progress().sessionsAttended()
            + "/"
            + state.progress().sessionsPlanned()
            + " sessions, "
            + state.progress().coreModulesCompleted()
            + "/"
            + state.progress().coreModules()
            + " core modules");
    return lines;
  }
}
