package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An occurrence that does not fire, with the first reason that stopped it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param reminder the occurrence, as it would have fired
 * @param by the reason
 * @param why the reason in words, such as {@code inside quiet hours 21:00-08:00}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Suppressed(Reminder reminder, Suppression by, String why) {
  /** Creates a suppressed occurrence. */
  public Suppressed {
    Objects.requireNonNull(reminder, "reminder");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(why, "why");
  }
}
