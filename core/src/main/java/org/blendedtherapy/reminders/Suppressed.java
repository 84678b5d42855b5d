package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An occurrence that does not fire, with the first reason that stopped it.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Suppressed {
  private final Reminder reminder;
  private final Suppression by;
  private final String why;

  /** Creates a suppressed occurrence. */
  Suppressed(Reminder reminder, Suppression by, String why) {
    Objects.requireNonNull(reminder, "reminder");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(why, "why");
    this.reminder = reminder;
    this.by = by;
    this.why = why;
  }

  /** Returns the occurrence, as it would have fired. */
  public Reminder reminder() {
    return reminder;
  }

  /** Returns the reason. */
  public Suppression by() {
    return by;
  }

  /** Returns the reason in words, such as {@code inside quiet hours 21:00-08:00}. */
  public String why() {
    return why;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Suppressed other)) {
      return false;
    }
    return java.util.Objects.equals(reminder, other.reminder)
        && java.util.Objects.equals(by, other.by)
        && java.util.Objects.equals(why, other.why);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(reminder, by, why);
  }

  @Override
  public String toString() {
    return "Suppressed[reminder=" + reminder + ", by=" + by + ", why=" + why + "]";
  }
}
