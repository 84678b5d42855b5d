package org.blendedtherapy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.SimulationJson;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.state.Burden;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.Simulation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blended simulate PROTOCOL --start LOCAL-DATE-TIME}: the week-by-week timeline of a client
 * who attends and completes everything, or of the given events.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the week-by-week timeline of an adherent client (or of the given events):"
          + " sessions, module openings, progress; as text, JSON, an HTML picture or an"
          + " iCalendar file of the sessions.",
      "Exit 0 ok, 1 when an input is wrong, 2 on a usage error or an unreadable file."
    })
final class SimulateCommand extends InputCommand {

  /** The output formats of {@code --format}. */
  enum Format {
    text,
    json,
    html,
    ics
  }

  @Parameters(index = "0", paramLabel = "PROTOCOL", description = "The protocol document.")
  String protocolFile = "";

  @Option(
      names = "--start",
      required = true,
      paramLabel = "LOCAL-DATE-TIME",
      description = "Local date-time of session 1, such as 2027-03-22T10:00.")
  LocalDateTime start = LocalDateTime.MIN;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = "Europe/London",
      description =
          "The client's time zone, an IANA zone id as in an enrolment (default:"
              + " ${DEFAULT-VALUE}).")
  String zoneId = "Europe/London";

  /** The zone named by {@code --zone}, by the enrolment reader's rule. */
  private ZoneId zone = ZoneId.of("Europe/London");

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "Replay these events (JSON Lines) instead of an adherent client.")
  Optional<String> eventsFile = Optional.empty();

  @Option(
      names = "--until",
      paramLabel = "DATE",
      description = "Last local date shown (default: the end of the last session's window).")
  Optional<LocalDate> until = Optional.empty();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the output to FILE instead of standard output.")
  Optional<String> output = Optional.empty();

  SimulateCommand(Path workingDirectory) {
    super("simulate", workingDirectory);
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    zone =
        EnrolmentJson.zone(zoneId)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--zone "
                            + zoneId
                            + ": unknown time zone; expected an IANA zone id known to the Java"
                            + " runtime, such as Europe/London"));
    requireSupported("--start", start, SupportedRange.contains(start));
    if (until.isPresent()) {
      requireSupported("--until", until.get(), SupportedRange.contains(until.get()));
      requireOrdered(
          "--start", start, "--until", until.get(), !until.get().isBefore(start.toLocalDate()));
    }
    PinnedProtocol protocol = ProtocolJson.pin(inputs.load(protocolFile, ProtocolJson::validate));
    Enrolment enrolment =
        new Enrolment("simulated-client", protocol.pin(), start, zone, Preferences.NONE);
    Instant end = end(protocol, enrolment);
    Simulation simulation =
        eventsFile.isPresent()
            ? Simulation.of(
                protocol,
                enrolment,
                inputs.loadStreamed(eventsFile.get(), EventsJson::validate),
                end)
            : Simulation.adherent(protocol, enrolment, end);
    String rendered =
        switch (format) {
          case json -> SimulationJson.write(simulation) + "\n";
          case html -> html(simulation, end);
          case ics -> IcsCalendar.write(simulation.state());
          case text -> text(simulation, eventsFile.isEmpty());
        };
    if (output.isPresent()) {
      try {
        Files.writeString(workingDirectory.resolve(output.get()), rendered, StandardCharsets.UTF_8);
      } catch (IOException | InvalidPathException e) {
        throw inputs.cannotWrite(output.get());
      }
    } else {
      out.print(rendered);
    }
  }

  /** The picture, with the reminders and the burden of the simulated client's plan. */
  private static String html(Simulation simulation, Instant end) {
    ClientState state = simulation.state();
    ReminderSchedule reminders = state.reminders(Instant.MIN, end);
    return HtmlTimeline.render(simulation, reminders, Burden.of(state));
  }

  /** The end of the timeline: the day after {@code --until}, or the end of the last window. */
  private Instant end(PinnedProtocol protocol, Enrolment enrolment) {
    if (until.isPresent()) {
      return until.get().plusDays(1).atStartOfDay(zone).toInstant();
    }
    ClientState planned = ClientState.of(protocol, enrolment, History.empty(), Instant.EPOCH);
    return planned.sessions().get(planned.sessions().size() - 1).windowEnd();
  }

  /** Week by week, counted from the start date: every entry with its local day and time. */
  static String text(Simulation simulation, boolean adherent) {
    ClientState state = simulation.state();
    Enrolment enrolment = state.enrolment();
    LocalDate first = enrolment.start().toLocalDate();
    StringBuilder text = new StringBuilder();
    text.append("Protocol ")
        .append(state.protocol().id())
        .append(' ')
        .append(state.protocol().version())
        .append(" sha256=")
        .append(state.pinned().sha256())
        .append('\n')
        .append("Start ")
        .append(Times.format(enrolment.start()))
        .append(' ')
        .append(enrolment.zone())
        .append("\n");
    if (adherent) {
      text.append("Assumes every session attended at its planned time; ")
          .append(MinutesRange.RULE)
          .append('\n');
    }
    long week = -1;
    for (Simulation.Entry entry : simulation.entries()) {
      long w = Math.floorDiv(ChronoUnit.DAYS.between(first, entry.local().toLocalDate()), 7);
      if (w != week) {
        week = w;
        LocalDate from = first.plusWeeks(w);
        text.append("\nWeek ")
            .append(w + 1)
            .append(" (")
            .append(from)
            .append(" to ")
            .append(from.plusDays(6))
            .append(")\n");
      }
      DayOfWeek day = entry.local().getDayOfWeek();
      text.append("  ")
          .append(day.getDisplayName(TextStyle.SHORT, Locale.ROOT))
          .append(' ')
          .append(Times.format(entry.local()))
          .append("  ")
          .append(entry.what())
          .append('\n');
    }
    text.append("\nSessions\n").append(StateCommand.sessions(state).render());
    text.append(StateCommand.progress(state));
    return text.toString();
  }
}
