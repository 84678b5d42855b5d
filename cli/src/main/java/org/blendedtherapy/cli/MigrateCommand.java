package org.blendedtherapy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.MigrationJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.state.Burden;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code blended migrate OLD NEW --mapping FILE (--enrolment FILE --events FILE | --clients DIR)
 * --at INSTANT}: what moving a client, or a whole caseload, to a new protocol version would change,
 * before anything is committed; with {@code --propose}, a mapping to start from.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Previews a migration to a new protocol version: for one client, the modules that open,"
          + " close (always none) or are carried, retired work, sessions moved or dropped,"
          + " reminders per day and burden before and after; for a directory of clients, one line"
          + " each and a summary. With --propose, prints a mapping for the modules and policies"
          + " with equal ids and lists the decisions left to a person.",
      "Exit 0 ok, 1 when an input is wrong or the migration does not fit the client, 2 on a"
          + " usage error or an unreadable file."
    })
final class MigrateCommand extends InputCommand {
  /** The window reminders per day are counted over, from the migration instant. */
  static final Duration WINDOW = Duration.ofDays(28);

  /** The id of the event the preview adds to a client's history. */
  static final String PREVIEW_EVENT = "preview-protocol-migrated";

  @Parameters(index = "0", paramLabel = "OLD", description = "The protocol clients move from.")
  String oldFile = "";

  @Parameters(index = "1", paramLabel = "NEW", description = "The protocol they move to.")
  String newFile = "";

  @Option(names = "--mapping", paramLabel = "FILE", description = "The migration document.")
  String mappingFile;

  @Option(
      names = "--propose",
      description = "Print a migration document for OLD and NEW to start from, and nothing else.")
  boolean propose;

  static final class One {
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
  }

  static final class Which {
    @ArgGroup(exclusive = false)
    One one;

    @Option(
        names = "--clients",
        paramLabel = "DIR",
        description =
            "A directory of clients, each NAME.enrolment.json beside NAME.events.jsonl: one line"
                + " per client and a summary.")
    String clientsDir;
  }

  @ArgGroup(exclusive = true)
  Which which;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "The migration instant, UTC, such as 2027-01-25T12:00:00Z.")
  Instant at;

  @Mixin FormatOption format = new FormatOption();

  private final Path workingDirectory;

  MigrateCommand(Path workingDirectory) {
    super("migrate", workingDirectory);
    this.workingDirectory = workingDirectory;
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    PinnedProtocol from = ProtocolJson.pin(inputs.load(oldFile, ProtocolJson::validate));
    PinnedProtocol to = ProtocolJson.pin(inputs.load(newFile, ProtocolJson::validate));
    if (propose) {
      out.print(MigrationJson.write(Migration.between(from, to)));
      return;
    }
    if (mappingFile == null || which == null || at == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "expected --mapping FILE, --at INSTANT and either --enrolment FILE --events FILE or"
              + " --clients DIR (or --propose)");
    }
    requireSupported("--at", at, SupportedRange.contains(at));
    Migration migration = inputs.load(mappingFile, b -> MigrationJson.validate(b, from, to));
    // The mapping's warnings (work it drops) go to standard error; the preview to standard output.
    inputs.warn(
        mappingFile,
        MigrationJson.validate(inputs.readBounded(mappingFile).orElseThrow(), from, to));
    Migrations migrations = Migrations.none().with(migration, to);
    if (which.clientsDir != null) {
      caseload(inputs, out, from, migration, migrations);
      return;
    }
    Enrolment enrolment = inputs.load(which.one.enrolmentFile, EnrolmentJson::validate);
    History history = inputs.loadStreamed(which.one.eventsFile, EventsJson::validate);
    from.check(enrolment)
        .ifPresent(
            issue -> {
              throw inputs.fail(which.one.enrolmentFile, issue);
            });
    Preview preview = Preview.of(from, enrolment, history, at, migration, migrations);
    out.print(format.isJson() ? preview.json() : preview.text());
    if (preview.refused().isPresent()) {
      throw new Inputs.Failed(ExitCode.INPUT_WRONG);
    }
  }

  private void caseload(
      Inputs inputs,
      PrintWriter out,
      PinnedProtocol from,
      Migration migration,
      Migrations migrations) {
    Path dir = workingDirectory.resolve(which.clientsDir);
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".enrolment.json"))
          .map(n -> n.substring(0, n.length() - ".enrolment.json".length()))
          .sorted()
          .forEach(names::add);
    } catch (IOException | RuntimeException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--clients " + which.clientsDir + ": not a readable directory");
    }
    int moved = 0;
    int refused = 0;
    int elsewhere = 0;
    ArrayNode rows = JsonMapper.shared().createArrayNode();
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      String prefix = which.clientsDir + "/" + name;
      Enrolment enrolment = inputs.load(prefix + ".enrolment.json", EnrolmentJson::validate);
      History history = inputs.loadStreamed(prefix + ".events.jsonl", EventsJson::validate);
      if (from.check(enrolment).isPresent()) {
        elsewhere++;
        text.append(name).append(": not on ").append(pinText(from)).append(", left alone\n");
        rows.addObject().put("client", name).put("result", "elsewhere");
        continue;
      }
      Preview p = Preview.of(from, enrolment, history, at, migration, migrations);
      if (p.refused().isPresent()) {
        refused++;
      } else {
        moved++;
      }
      text.append(name).append(": ").append(p.line()).append('\n');
      ObjectNode row = p.jsonNode();
      row.put("client", name);
      rows.add(row);
    }
    String summary =
        names.size()
            + " clients: "
            + moved
            + " would move, "
            + refused
            + " refused, "
            + elsewhere
            + " on other protocols";
    if (format.isJson()) {
      ObjectNode root = JsonMapper.shared().createObjectNode();
      root.put("summary", summary);
      root.set("clients", rows);
      out.print(root.toPrettyString() + "\n");
    } else {
      out.print(text.append(summary).append('\n'));
    }
  }

  static String pinText(PinnedProtocol p) {
    return p.protocol().id() + " " + p.protocol().version();
  }

  /** What a migration at an instant changes for one client. */
  record Preview(
      ClientState before,
      ClientState after,
      Migration migration,
      Instant at,
      Optional<Rejection> refused) {

    static Preview of(
        PinnedProtocol from,
        Enrolment enrolment,
        History history,
        Instant at,
        Migration migration,
        Migrations migrations) {
      ClientState before = ClientState.of(from, enrolment, history, at);
      History moved =
          history.plus(new Event.ProtocolMigrated(PREVIEW_EVENT, at, migration.sha256()));
      ClientState after = ClientState.of(from, enrolment, moved, at, migrations);
      Optional<Rejection> refused =
          after.rejected().stream().filter(r -> r.event().equals(PREVIEW_EVENT)).findFirst();
      return new Preview(before, after, migration, at, refused);
    }

    List<String[]> modules() {
      List<String[]> rows = new ArrayList<>();
      for (ModuleState old : before.modules()) {
        Migration.Target target = migration.target(old.id());
        if (target instanceof Migration.Retired retired) {
          rows.add(
              new String[] {
                old.id(),
                old.status().json(),
                "-",
                "retired, work " + retired.work().json() + ": " + retired.reason()
              });
        } else if (target instanceof Migration.Moved m) {
          String afterStatus = after.module(m.into()).map(s -> s.status().json()).orElse("-");
          boolean wasOpen = !"locked".equals(old.status().json());
          boolean isOpen = !"locked".equals(afterStatus) && !"-".equals(afterStatus);
          String change =
              wasOpen && !isOpen
                  ? "closes"
                  : (m.into().equals(old.id()) ? "" : "into " + m.into() + ", ")
                      + (wasOpen ? "carried" : isOpen ? "opens" : "stays locked");
          rows.add(new String[] {old.id(), old.status().json(), afterStatus, change});
        }
      }
      for (Module module : after.protocol().modules()) {
        boolean mapped =
            before.protocol().modules().stream()
                .anyMatch(
                    m ->
                        migration.target(m.id()) instanceof Migration.Moved mv
                            && mv.into().equals(module.id()));
        if (!mapped) {
          String status = after.module(module.id()).map(s -> s.status().json()).orElse("-");
          rows.add(
              new String[] {
                module.id(), "-", status, "new, " + ("locked".equals(status) ? "locked" : "opens")
              });
        }
      }
      return rows;
    }

    long count(String change) {
      return modules().stream().filter(r -> r[3].endsWith(change)).count();
    }

    List<String[]> sessions() {
      List<String[]> rows = new ArrayList<>();
      List<Session> a = before.sessions();
      List<Session> b = after.sessions();
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String was = i < a.size() ? describe(a.get(i)) : "-";
        String now = i < b.size() ? describe(b.get(i)) : "-";
        String change =
            i >= b.size() ? "dropped" : i >= a.size() ? "added" : was.equals(now) ? "" : "moved";
        if (!change.isEmpty()) {
          rows.add(new String[] {String.valueOf(i + 1), was, now, change});
        }
      }
      return rows;
    }

    static String describe(Session s) {
      return Times.format(s.local()) + " " + s.type().json() + " " + s.status().json();
    }

    double remindersPerDay(ClientState state) {
      return state.reminders(at, at.plus(WINDOW)).reminders().size() / (double) WINDOW.toDays();
    }

    String line() {
      if (refused.isPresent()) {
        return "refused: " + refused.get().reason();
      }
      List<String[]> s = sessions();
      return String.format(
          Locale.ROOT,
          "opens %d, closes %d, carried %d, retired %d, sessions moved %d dropped %d,"
              + " reminders/day %.2f -> %.2f",
          count("opens"),
          count("closes"),
          count("carried"),
          modules().stream().filter(r -> r[3].startsWith("retired")).count(),
          s.stream().filter(r -> r[3].equals("moved")).count(),
          s.stream().filter(r -> r[3].equals("dropped")).count(),
          remindersPerDay(before),
          remindersPerDay(after));
    }

    String text() {
      StringBuilder t = new StringBuilder();
      t.append("Migration ")
          .append(pinText(before.pinned()))
          .append(" -> ")
          .append(migration.to().id())
          .append(' ')
          .append(migration.to().version())
          .append(" at ")
          .append(at)
          .append('\n');
      t.append("Client ").append(before.enrolment().client()).append("\n\n");
      if (refused.isPresent()) {
        t.append("Refused: ").append(refused.get().reason()).append('\n');
        return t.toString();
      }
      Table modules = new Table("module", "before", "after", "change");
      modules().forEach(r -> modules.row((Object[]) r));
      t.append("Modules\n").append(modules.render()).append('\n');
      t.append("Closes: ").append(count("closes") == 0 ? "none" : count("closes")).append("\n\n");
      List<String[]> sessions = sessions();
      t.append("Sessions\n");
      if (sessions.isEmpty()) {
        t.append("  unchanged\n");
      } else {
        Table table = new Table("session", "before", "after", "change");
        sessions.forEach(r -> table.row((Object[]) r));
        t.append(table.render());
      }
      t.append(
          String.format(
              Locale.ROOT,
              "%nReminders per day over the next %d days: %.2f before, %.2f after%n",
              WINDOW.toDays(),
              remindersPerDay(before),
              remindersPerDay(after)));
      Burden b = Burden.of(before);
      Burden c = Burden.of(after);
      Table burden = new Table("burden", "before", "after");
      burden.row("weeks", fmt(b.weeks()), fmt(c.weeks()));
      burden.row(
          "client minutes per week", fmt(b.clientMinutesPerWeek()), fmt(c.clientMinutesPerWeek()));
      burden.row(
          "therapist minutes per week",
          fmt(b.therapistMinutesPerWeek()),
          fmt(c.therapistMinutesPerWeek()));
      burden.row("prompts per day (mean)", fmt(b.promptsPerDayMean()), fmt(c.promptsPerDayMean()));
      t.append("\nBurden\n").append(burden.render());
      return t.toString();
    }

    static String fmt(double d) {
      return String.format(Locale.ROOT, "%.1f", d);
    }

    ObjectNode jsonNode() {
      ObjectNode root = JsonMapper.shared().createObjectNode();
      root.put("at", at.toString());
      root.put("migration", migration.sha256());
      if (refused.isPresent()) {
        root.put("result", "refused");
        root.put("reason", refused.get().reason());
        return root;
      }
      root.put("result", "moves");
      ArrayNode modules = root.putArray("modules");
      for (String[] r : modules()) {
        modules
            .addObject()
            .put("module", r[0])
            .put("before", r[1])
            .put("after", r[2])
            .put("change", r[3]);
      }
      ArrayNode sessions = root.putArray("sessions");
      for (String[] r : sessions()) {
        sessions
            .addObject()
            .put("session", Integer.parseInt(r[0]))
            .put("before", r[1])
            .put("after", r[2])
            .put("change", r[3]);
      }
      root.put("remindersPerDayBefore", Math.round(remindersPerDay(before) * 100) / 100.0);
      root.put("remindersPerDayAfter", Math.round(remindersPerDay(after) * 100) / 100.0);
      return root;
    }

    String json() {
      ObjectNode root = jsonNode();
      root.put("client", before.enrolment().client());
      return root.toPrettyString() + "\n";
    }
  }
}
