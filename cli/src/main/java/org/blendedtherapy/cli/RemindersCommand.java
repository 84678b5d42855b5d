package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.RemindersJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Reminders;
import org.blendedtherapy.reminders.Suppressed;
import org.blendedtherapy.state.ModuleOpenings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
final class RemindersCommand implements Callable<Integer> {

  /** The output formats of {@code --format}. */
  enum Format {
    text,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROTOCOL", description = "The protocol document.")
  String protocolFile = "";

  @Option(
      names = "--enrolment",
      required = true,
      paramLabel = "FILE",
      description = "The client's enrolment (JSON).")
  String enrolmentFile = "";

  @Option(
      names = "--events",
      required = true,
      paramLabel = "FILE",
      description = "The client's events (JSON Lines).")
  String eventsFile = "";

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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  private final Path workingDirectory;

  RemindersCommand(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Inputs inputs = new Inputs("reminders", workingDirectory, err);
    try {
      Protocol protocol = inputs.load(protocolFile, true, ProtocolJson::validate);
      Enrolment enrolment = inputs.load(enrolmentFile, true, EnrolmentJson::validate);
      History history = inputs.load(eventsFile, false, EventsJson::validate);
      String sha256 = ProtocolJson.sha256(protocol);
      new StateCommand(workingDirectory).pinned(inputs, enrolmentFile, protocol, sha256, enrolment);
      ReminderSchedule schedule =
          Reminders.between(
              protocol,
              enrolment,
              history,
              ModuleOpenings.of(protocol, sha256, enrolment, history),
              from,
              to);
      out.print(format == Format.json ? RemindersJson.write(schedule) + "\n" : text(schedule));
      return ExitCode.OK;
    } catch (Inputs.Failed failed) {
      return failed.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  static String text(ReminderSchedule schedule) {
    Table fired = new Table("local", "zone", "instant", "policy", "why", "id");
    for (Reminder r : schedule.reminders()) {
      fired.row(StateJson.local(r.local()), r.zone(), r.instant(), r.policy(), r.reason(), r.id());
    }
    Table suppressed = new Table("local", "zone", "policy", "suppressed", "why", "id");
    for (Suppressed s : schedule.suppressed()) {
      Reminder r = s.reminder();
      suppressed.row(
          StateJson.local(r.local()), r.zone(), r.policy(), s.by().json(), s.why(), r.id());
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
