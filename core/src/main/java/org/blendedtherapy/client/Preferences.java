package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.QuietHours;

/**
 * A client's own reminder preferences.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param quietHours the client's quiet hours, which replace the protocol's when present
 * @param optedOut ids of policies the client turned off at enrolment
 * @param reminderTimes preferred local times by policy id, replacing a daily policy's times
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Preferences(
    Optional<QuietHours> quietHours,
    Set<String> optedOut,
    Map<String, List<LocalTime>> reminderTimes) {

  /** No preferences: the protocol's settings apply. */
  public static final Preferences NONE = new Preferences(Optional.empty(), Set.of(), Map.of());

  /** Creates preferences; collections are copied. */
  public Preferences {
    Objects.requireNonNull(quietHours, "quietHours");
    optedOut = Set.copyOf(optedOut);
    reminderTimes = Map.copyOf(reminderTimes);
    reminderTimes.values().forEach(Objects::requireNonNull);
  }
}
