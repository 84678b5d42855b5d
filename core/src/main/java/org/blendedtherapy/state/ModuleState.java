package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A module's status for one client at an instant, with the reason a therapist can read.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the module id
 * @param status the status
 * @param reason why, such as {@code locked: needs psychoeducation completed}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModuleState(String id, ModuleStatus status, String reason) {
  /** Creates a module state. */
  public ModuleState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }
}
