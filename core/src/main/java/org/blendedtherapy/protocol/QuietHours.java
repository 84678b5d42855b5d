package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalTime;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A daily local time range {@code [from, to)} in which no reminder fires; when {@code from} is
 * after {@code to} it spans midnight. Validation rejects {@code from == to}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param from the first quiet minute
 * @param to the first minute that is no longer quiet
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record QuietHours(LocalTime from, LocalTime to) {

  /** Creates quiet hours. */
  public QuietHours {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Tells whether a local time is quiet.
   *
   * @param time the local time
   * @return true when {@code time} lies in {@code [from, to)}
   */
  public boolean contains(LocalTime time) {
    if (from.isBefore(to)) {
      return !time.isBefore(from) && time.isBefore(to);
    }
    if (from.equals(to)) {
      return false;
    }
    return !time.isBefore(from) || time.isBefore(to);
  }
}
