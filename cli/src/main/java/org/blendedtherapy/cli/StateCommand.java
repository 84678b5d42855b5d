package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.state.Adherence;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.DueMeasure;
import org.blendedtherapy.state.FidelityRecord;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.Outcome;
import org.blendedtherapy.state.RiskFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blended state PROTOCOL --enrolment FILE --events FILE --at INSTANT}: a client's state at
 * an instant, as tables for a person or as the state JSON of the contract.
 */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a client's state at an instant: modules with reasons, sessions, the next session,"
          + " rejected events, progress, measures, outcome, risk flags, the bridge summary, fidelity"
          + " records and adherence.",
      "Exit 0 ok, 1 when an input is wrong (a bad event line is named by its line number),"
          + " 2 on a usage error or an unreadable file."
    })
final class StateCommand extends InputCommand {

  @Mixin ClientFiles files = new ClientFiles();

  @Option(
      names = "--at",
      required = true,
      paramLabel = "INSTANT",
      description = "The query instant, UTC, such as 2027-04-02T12:00:00Z.")
  Instant at = Instant.EPOCH;

  @Mixin FormatOption format = new FormatOption();

  StateCommand(Path workingDirectory) {
    super("state", workingDirectory);
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    requireSupported("--at", at, SupportedRange.contains(at));
    ClientState state = files.load(inputs).stateAt(at);
    out.print(format.isJson() ? StateJson.write(state) + "\n" : text(state));
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
        .append(state.pinned().sha256())
        .append('\n');
    text.append("At ")
        .append(state.at())
        .append(" (")
        .append(Times.format(state.at().atZone(state.enrolment().zone()).toLocalDateTime()))
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
    text.append(progress(state));
    measures(state, text);
    return text.toString();
  }

  /** The sections of issue 7: measures, outcome, risk, bridge, fidelity, adherence. */
  static void measures(ClientState state, StringBuilder text) {
    ZoneId zone = state.enrolment().zone();
    text.append("\nMeasures\n");
    if (state.measures().isEmpty()) {
      text.append("  none recorded\n");
    } else {
      Table table = new Table("event", "local", "instrument", "session", "total", "band");
      for (MeasureResult m : state.measures()) {
        table.row(
            m.event(),
            Times.format(m.at().atZone(zone).toLocalDateTime()),
            m.instrument().json(),
            m.session().isPresent() ? String.valueOf(m.session().getAsInt()) : "",
            m.total().isPresent() ? String.valueOf(m.total().getAsInt()) : "incomplete",
            m.band().orElse(""));
      }
      text.append(table.render());
    }
    List<DueMeasure> due = state.dueMeasures();
    if (!due.isEmpty()) {
      Table table = new Table("session", "instrument", "status");
      due.forEach(d -> table.row(d.session(), d.instrument().json(), d.status().json()));
      text.append("\nDue measures\n").append(table.render());
    }
    text.append("\nOutcome\n");
    Optional<Outcome> outcome = state.outcome();
    if (outcome.isEmpty()) {
      text.append("  no complete measure pair yet\n");
    } else {
      Outcome o = outcome.get();
      Outcome.Basis b = o.basis();
      text.append("  ")
          .append(o.isFinal() ? "final (discharged)" : "provisional (not discharged)")
          .append("; first pair session ")
          .append(b.firstSession())
          .append(", latest pair session ")
          .append(b.latestSession())
          .append('\n');
      for (Outcome.Scores s : List.of(b.depression(), b.anxiety())) {
        text.append("  ")
            .append(s.instrument().json())
            .append(' ')
            .append(s.first())
            .append(" -> ")
            .append(s.latest())
            .append(" (caseness ")
            .append(s.caseness())
            .append(", reliable change ")
            .append(s.reliableChange())
            .append(")\n");
      }
      text.append("  caseness ")
          .append(yes(o.caseness()))
          .append("; finished treatment ")
          .append(yes(o.finishedTreatment()))
          .append(" (")
          .append(b.treatmentSessionsAttended())
          .append(" treatment sessions); recovery ")
          .append(yes(o.recovery()))
          .append("; reliable improvement ")
          .append(yes(o.reliableImprovement()))
          .append("; reliable deterioration ")
          .append(yes(o.reliableDeterioration()))
          .append("; reliable recovery ")
          .append(yes(o.reliableRecovery()))
          .append('\n');
    }
    text.append("\nRisk\n");
    List<RiskFlag> risk = state.risk();
    if (risk.isEmpty()) {
      text.append("  no flags\n");
    } else {
      for (RiskFlag flag : risk) {
        text.append("  FLAG ")
            .append(flag.event())
            .append(" at ")
            .append(Times.format(flag.at().atZone(zone).toLocalDateTime()))
            .append(": ")
            .append(flag.reason())
            .append('\n');
      }
    }
    text.append('\n').append(state.bridge().text(zone));
    text.append("\nFidelity\n");
    List<FidelityRecord> fidelity = state.fidelity();
    if (fidelity.isEmpty()) {
      text.append("  no attended session yet\n");
    } else {
      fidelity.forEach(f -> text.append(f.text(zone)));
    }
    Adherence adherence = state.adherence();
    Table table = new Table("week", "from", "sessions", "online in window", "core", "mood");
    for (Adherence.Week week : adherence.weeks()) {
      row(table, String.valueOf(week.number()), week.from().toString(), week.counts());
    }
    row(table, "all", "", adherence.overall());
    text.append("\nAdherence\n").append(table.render());
  }

  private static void row(Table table, String week, String from, Adherence.Counts counts) {
    table.row(
        week,
        from,
        ratio(counts.sessions()),
        ratio(counts.online()),
        ratio(counts.coreModules()),
        ratio(counts.moodRatings()));
  }

  private static String ratio(Adherence.Ratio ratio) {
    return ratio.done() + "/" + ratio.of();
  }

  private static String yes(boolean flag) {
    return flag ? "yes" : "no";
  }

  /** The progress section, shared with {@code simulate}. */
  static String progress(ClientState state) {
    var progress = state.progress();
    return "\nProgress\n  sessions attended "
        + progress.sessionsAttended()
        + " of "
        + progress.sessionsPlanned()
        + "; core modules completed "
        + progress.coreModulesCompleted()
        + " of "
        + progress.coreModules()
        + "\n";
  }

  static Table sessions(ClientState state) {
    Table table = new Table("#", "type", "local", "instant", "status", "note");
    for (Session session : state.sessions()) {
      table.row(
          session.number(),
          session.type().json(),
          Times.format(session.local()),
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
        + Times.format(session.local())
        + " ("
        + session.instant()
        + ")";
  }
}
