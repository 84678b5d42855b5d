package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * Limits applied across every reminder policy of a protocol.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param quietHours no reminder in these local hours (a client's preference replaces them)
 * @param maxPerDay at most this many reminders on one local day
 * @param backoffAfterIgnored after this many consecutive ignored prompts of a policy, only every
 *     second occurrence fires until one is acknowledged
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReminderLimits(
    Optional<QuietHours> quietHours, OptionalInt maxPerDay, OptionalInt backoffAfterIgnored) {

  /** No limits at all. */
  public static final ReminderLimits NONE =
      new ReminderLimits(Optional.empty(), OptionalInt.empty(), OptionalInt.empty());

  /** Creates limits. */
  public ReminderLimits {
    Objects.requireNonNull(quietHours, "quietHours");
    Objects.requireNonNull(maxPerDay, "maxPerDay");
    Objects.requireNonNull(backoffAfterIgnored, "backoffAfterIgnored");
  }
}
