package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blended state PROTOCOL --enrolment FILE --events FILE --at INSTANT}: a client's state at
 * an instant, as tables for a person or as the state JSON of the contract.
 */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a client's state at an instant: modules with reasons, sessions, the next session,"
          + " rejected events and progress.",
      "Exit 0 ok, 1 when an input is wrong (a bad event line is named by its line number),"
          + " 2 on a usage error or an unreadable file."
    })
final class StateCommand implements Callable<Integer> {

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
      description = "The client's events (JSON Lines, one event per line).")
  String eventsFile = "";

  @Option(
      names = "--at",
      required = true,
      paramLabel = "INSTANT",
      description = "The query instant, UTC, such as 2027-04-02T12:00:00Z.")
  Instant at = Instant.EPOCH;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  private final Path workingDirectory;

  StateCommand(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Inputs inputs = new Inputs("state", workingDirectory, err);
    try {
      Protocol protocol = inputs.load(protocolFile, true, ProtocolJson::validate);
      Enrolment enrolment = inputs.load(enrolmentFile, true, EnrolmentJson::validate);
      History history = inputs.load(eventsFile, false, EventsJson::validate);
      ClientState state = stateOf(inputs, protocol, enrolment, history, at);
      out.print(format == Format.json ? StateJson.write(state) + "\n" : text(state));
      return ExitCode.OK;
    } catch (Inputs.Failed failed) {
      return failed.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Computes the state, turning a pin mismatch into the enrolment file's error. */
  ClientState stateOf(
      Inputs inputs, Protocol protocol, Enrolment enrolment, History history, Instant instant) {
    try {
      return ClientState.of(protocol, ProtocolJson.sha256(protocol), enrolment, history, instant);
    } catch (InvalidInputException e) {
      Issue first = e.errors().get(0);
      throw inputs.fail(enrolmentFile, first);
    }
  }

  /** The state as tables, one per section. */
  static String text(ClientState state) {
    StringBuilder text = new StringBuilder();
    text.append("Client ").append(state.enrolment().client()).append('\n');
    text.append("Protocol ")
        .append(state.protocol().id())
        .append(' ')
        .append(state.protocol().version())
        .append(" sha256=")
        .append(state.protocolSha256())
        .append('\n');
    text.append("At ")
        .append(state.at())
        .append(" (")
        .append(StateJson.local(state.at().atZone(state.enrolment().zone()).toLocalDateTime()))
        .append(' ')
        .append(state.enrolment().zone())
        .append(")\n\n");
    Table modules = new Table("module", "status", "reason");
    for (ModuleState module : state.modules()) {
      modules.row(module.id(), module.status().json(), module.reason());
    }
    text.append("Modules\n").append(modules.render()).append('\n');
    text.append("Sessions\n").append(sessions(state).render()).append('\n');
    text.append("Next session\n  ")
        .append(state.nextSession().map(StateCommand::describe).orElse("none"))
        .append("\n\n");
    text.append("Rejected events\n");
    if (state.rejected().isEmpty()) {
      text.append("  none\n");
    } else {
      Table rejected = new Table("event", "reason");
      for (Rejection rejection : state.rejected()) {
        rejected.row(rejection.event(), rejection.reason());
      }
      text.append(rejected.render());
    }
    var progress = state.progress();
    text.append("\nProgress\n  sessions attended ")
        .append(progress.sessionsAttended())
        .append(" of ")
        .append(progress.sessionsPlanned())
        .append("; core modules completed ")
        .append(progress.coreModulesCompleted())
        .append(" of ")
        .append(progress.coreModules())
        .append('\n');
    return text.toString();
  }

  static Table sessions(ClientState state) {
    Table table = new Table("#", "type", "local", "instant", "status", "note");
    for (Session session : state.sessions()) {
      table.row(
          session.number(),
          session.type().json(),
          StateJson.local(session.local()),
          session.instant(),
          session.status().json(),
          session.reason().orElse(""));
    }
    return table;
  }

  static String describe(Session session) {
    return "session "
        + session.number()
        + " "
        + session.type().json()
        + " at "
        + StateJson.local(session.local())
        + " ("
        + session.instant()
        + ")";
  }
}
