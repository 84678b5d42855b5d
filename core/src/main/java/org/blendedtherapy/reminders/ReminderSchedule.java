package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The reminders of a query window: every occurrence in it appears exactly once, either among {@link
 * #reminders()} or among {@link #suppressed()}, both sorted by instant, then id.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReminderSchedule {
  private final List<Reminder> reminders;
  private final List<Suppressed> suppressed;

  /**
   * Creates a schedule over the engine's lists, without copying them: every caller hands over lists
   * it made for this schedule and keeps no other reference to them.
   */
  ReminderSchedule(List<Reminder> reminders, List<Suppressed> suppressed) {
    this.reminders = java.util.Collections.unmodifiableList(reminders);
    this.suppressed = java.util.Collections.unmodifiableList(suppressed);
  }

  /** Returns the occurrences that fire. */
  public List<Reminder> reminders() {
    return reminders;
  }

  /** Returns the occurrences that do not, with their reasons. */
  public List<Suppressed> suppressed() {
    return suppressed;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ReminderSchedule other)) {
      return false;
    }
    return java.util.Objects.equals(reminders, other.reminders)
        && java.util.Objects.equals(suppressed, other.suppressed);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(reminders, suppressed);
  }

  @Override
  public String toString() {
    return "ReminderSchedule[reminders=" + reminders + ", suppressed=" + suppressed + "]";
  }
}
