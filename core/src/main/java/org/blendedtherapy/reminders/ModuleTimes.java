package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When modules opened and were started, for module reminders ("opened but not started after N
 * days"). The state engine supplies it; unlocking rules live there.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ModuleTimes {
  /** No module information: module reminders never fire. */
  ModuleTimes NONE =
      new ModuleTimes() {
        @Override
        public Optional<Instant> openedAt(String module) {
          return Optional.empty();
        }

        @Override
        public Optional<Instant> startedAt(String module) {
          return Optional.empty();
        }
      };

  /**
   * Returns when a module opened for the client.
   *
   * @param module the module id
   * @return the instant, or empty while locked or when open from the start (then the start)
   */
  Optional<Instant> openedAt(String module);

  /**
   * Returns when the client started (or completed, or the therapist skipped) a module.
   *
   * @param module the module id
   * @return the instant, or empty
   */
  Optional<Instant> startedAt(String module);
}
