package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.blendedtherapy.json.DiffJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ProtocolDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code blended diff OLD NEW}: what a new protocol changed against the one it started from. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Lists what changed from OLD to NEW: modules, session plan, measures, reminders, reminder"
          + " limits, tailoring, and the burden of an adherent client.",
      "Exit 0 ok, 1 when an input is wrong, 2 on a usage error or an unreadable file."
    })
final class DiffCommand extends InputCommand {

  @Parameters(index = "0", paramLabel = "OLD", description = "The protocol started from.")
  String oldFile = "";

  @Parameters(index = "1", paramLabel = "NEW", description = "The changed protocol.")
  String newFile = "";

  @Mixin FormatOption format = new FormatOption();

  DiffCommand(Path workingDirectory) {
    super("diff", workingDirectory);
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    Protocol before = inputs.load(oldFile, ProtocolJson::validate);
    Protocol after = inputs.load(newFile, ProtocolJson::validate);
    ProtocolDiff diff = ProtocolDiff.of(ProtocolJson.pin(before), ProtocolJson.pin(after));
    out.print(format.isJson() ? DiffJson.write(diff) + "\n" : text(diff));
  }

  private static final List<String> TITLES =
      List.of(
          "Protocol",
          "Modules",
          "Session plan",
          "Measures",
          "Reminders",
          "Reminder limits",
          "Tailoring");

  /** One section per area, "no changes" where nothing changed, then the burden side by side. */
  static String text(ProtocolDiff diff) {
    StringBuilder text = new StringBuilder();
    text.append("From ")
        .append(diff.before().id())
        .append(' ')
        .append(diff.before().version())
        .append(" to ")
        .append(diff.after().id())
        .append(' ')
        .append(diff.after().version())
        .append(": ")
        .append(diff.changes().size())
        .append(diff.changes().size() == 1 ? " change\n" : " changes\n");
    for (ProtocolDiff.Area area : ProtocolDiff.Area.values()) {
      text.append('\n').append(TITLES.get(area.ordinal())).append('\n');
      List<ProtocolDiff.Change> changes = diff.changes(area);
      if (changes.isEmpty()) {
        text.append("  no changes\n");
      }
      for (ProtocolDiff.Change change : changes) {
        text.append("  ")
            .append(change.kind() == ProtocolDiff.Kind.CHANGED ? "changed " : "")
            .append(change.text())
            .append('\n');
      }
    }
    text.append('\n')
        .append(
            BurdenCommand.text(
                List.of(diff.before(), diff.after()),
                List.of(diff.burdenBefore(), diff.burdenAfter())));
    return text.toString();
  }
}
