package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ReminderSchedule} as the reminders JSON of the contract: {@code
 * {"reminders":[{"id","policy","kind","local","instant","zone","reason"}],"suppressed":[…]}}, where
 * each suppressed entry has the same keys plus {@code suppressedBy} (the code) and {@code why}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RemindersJson {
  private RemindersJson() {}

  /**
   * Writes the schedule as indented JSON text with {@code \n} line ends.
   *
   * @param schedule the schedule
   * @return the JSON text
   */
  public static String write(ReminderSchedule schedule) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode reminders = root.putArray("reminders");
    schedule.reminders().forEach(r -> reminders.add(reminder(r)));
    ArrayNode suppressed = root.putArray("suppressed");
    for (Suppressed s : schedule.suppressed()) {
      suppressed.add(reminder(s.reminder()).put("suppressedBy", s.by().json()).put("why", s.why()));
    }
    return Pretty.write(root);
  }

  private static ObjectNode reminder(Reminder reminder) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("id", reminder.id())
        .put("policy", reminder.policy())
        .put("kind", reminder.kind().json())
        .put("local", Times.format(reminder.local()))
        .put("instant", reminder.instant().toString())
        .put("zone", reminder.zone().getId())
        .put("reason", reminder.reason());
  }
}
