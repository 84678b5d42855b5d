package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.ModuleTimes;

/**
 * When each module opened and was started, read from a client's history by the state engine: what
 * module reminders ("opened but not started after N days") are anchored to.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ModuleOpenings implements ModuleTimes {
  private final Map<String, Instant> opened;
  private final Map<String, Instant> started;

  private ModuleOpenings(Map<String, Instant> opened, Map<String, Instant> started) {
    this.opened = Map.copyOf(opened);
    this.started = Map.copyOf(started);
  }

  /**
   * Replays a history event by event and records when each module left {@code locked} and when it
   * was first started, completed or skipped. Rules that depend only on time ({@code
   * daysSinceStart}) open a module at the first event on or after the day they hold.
   *
   * @param protocol the protocol
   * @param sha256 its canonical SHA-256
   * @param enrolment the enrolment, pinned to the protocol
   * @param history the client's events
   * @return the module times
   */
  public static ModuleOpenings of(
      Protocol protocol, String sha256, Enrolment enrolment, History history) {
    Map<String, Instant> opened = new HashMap<>();
    Map<String, Instant> started = new HashMap<>();
    Instant origin = enrolment.start().atZone(enrolment.zone()).toInstant();
    ClientState state = ClientState.of(protocol, sha256, enrolment, History.empty(), origin);
    record(state, origin, opened, started);
    for (Event event : history.events()) {
      state = state.apply(event);
      record(state, event.at(), opened, started);
    }
    return new ModuleOpenings(opened, started);
  }

  private static void record(
      ClientState state, Instant at, Map<String, Instant> opened, Map<String, Instant> started) {
    List<ModuleState> modules = state.modules();
    for (ModuleState module : modules) {
      if (module.status() != ModuleStatus.LOCKED) {
        opened.putIfAbsent(module.id(), at);
      }
      if (module.status() == ModuleStatus.IN_PROGRESS
          || module.status() == ModuleStatus.COMPLETED
          || module.status() == ModuleStatus.SKIPPED) {
        started.putIfAbsent(module.id(), at);
      }
    }
  }

  @Override
  public Optional<Instant> openedAt(String module) {
    return Optional.ofNullable(opened.get(module));
  }

  @Override
  public Optional<Instant> startedAt(String module) {
    return Optional.ofNullable(started.get(module));
  }
}
