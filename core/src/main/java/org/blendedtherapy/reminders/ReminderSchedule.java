package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The reminders of a query window: every occurrence in it appears exactly once, either among {@link
 * #reminders()} or among {@link #suppressed()}, both sorted by instant, then id.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param reminders the occurrences that fire
 * @param suppressed the occurrences that do not, with their reasons
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReminderSchedule(List<Reminder> reminders, List<Suppressed> suppressed) {
  /** Creates a schedule; lists are copied. */
  public ReminderSchedule {
    reminders = List.copyOf(reminders);
    suppressed = List.copyOf(suppressed);
  }
}
