package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.json.RemindersJson;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blended reminders PROTOCOL --enrolment FILE --events FILE --from INSTANT --to INSTANT}:
 * the reminders due in a window, and the occurrences suppressed with their reasons.
 */
@Command(
    name = "reminders",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the reminders due in [from, to) for a client, and the suppressed occurrences with"
          + " their reasons (quiet hours, cap, opt-out, backoff, task done, pause, discharge).",
      "Exit 0 ok, 1 when an input is wrong, 2 on a usage error or an unreadable file."
    })
final class RemindersCommand extends InputCommand {

  @Mixin ClientFiles files = new ClientFiles();

  @Option(
      names = "--from",
      required = true,
      paramLabel = "INSTANT",
      description = "Start of the window, UTC, inclusive.")
  Instant from = Instant.EPOCH;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "INSTANT",
      description = "End of the window, UTC, exclusive.")
  Instant to = Instant.EPOCH;

  @Mixin FormatOption format = new FormatOption();

  RemindersCommand(Path workingDirectory) {
    super("reminders", workingDirectory);
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    requireSupported("--from", from, SupportedRange.contains(from));
    requireSupported("--to", to, SupportedRange.contains(to));
    requireOrdered("--from", from, "--to", to, !from.isAfter(to));
    ClientFiles.Client client = files.load(inputs);
    ReminderSchedule schedule = client.latest().reminders(from, to);
    out.print(format.isJson() ? RemindersJson.write(schedule) + "\n" : text(schedule));
  }

  static String text(ReminderSchedule schedule) {
    Table fired = new Table("local", "zone", "instant", "policy", "why", "id");
    for (Reminder r : schedule.reminders()) {
      fired.row(Times.format(r.local()), r.zone(), r.instant(), r.policy(), r.reason(), r.id());
    }
    Table suppressed = new Table("local", "zone", "policy", "suppressed", "why", "id");
    for (Suppressed s : schedule.suppressed()) {
      Reminder r = s.reminder();
      suppressed.row(Times.format(r.local()), r.zone(), r.policy(), s.by().json(), s.why(), r.id());
    }
    return "Reminders ("
        + schedule.reminders().size()
        + ")\n"
        + (fired.isEmpty() ? "  none\n" : fired.render())
        + "\nSuppressed ("
        + schedule.suppressed().size()
        + ")\n"
        + (suppressed.isEmpty() ? "  none\n" : suppressed.render());
  }
}
