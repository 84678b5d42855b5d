package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.blendedtherapy.json.BurdenJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.Burden;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code blended burden PROTOCOL...}: what each protocol asks of an adherent client and of the
 * therapist, side by side, the second and later columns with their change against the first.
 */
@Command(
    name = "burden",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the burden of protocols side by side: weeks, client and therapist minutes per week,"
          + " prompts per day, modules to complete; later columns show the change against the"
          + " first.",
      "Exit 0 ok, 1 when an input is wrong, 2 on a usage error or an unreadable file."
    })
final class BurdenCommand extends InputCommand {

  @Parameters(arity = "1..*", paramLabel = "PROTOCOL", description = "The protocol documents.")
  List<String> protocolFiles = new ArrayList<>();

  @Mixin FormatOption format = new FormatOption();

  BurdenCommand(Path workingDirectory) {
    super("burden", workingDirectory);
  }

  @Override
  void run(Inputs inputs, PrintWriter out) {
    List<Protocol> protocols = new ArrayList<>();
    List<Burden> burdens = new ArrayList<>();
    for (String file : protocolFiles) {
      Protocol protocol = inputs.load(file, ProtocolJson::validate);
      protocols.add(protocol);
      burdens.add(Burden.of(ProtocolJson.pin(protocol)));
    }
    out.print(
        format.isJson() ? BurdenJson.write(protocols, burdens) + "\n" : text(protocols, burdens));
  }

  /** One row per figure, one column per protocol; later columns carry the change in brackets. */
  static String text(List<Protocol> protocols, List<Burden> burdens) {
    String[] header = new String[protocols.size() + 1];
    header[0] = "";
    for (int i = 0; i < protocols.size(); i++) {
      header[i + 1] = protocols.get(i).id() + " " + protocols.get(i).version();
    }
    Table table = new Table(header);
    row(table, burdens, "weeks in therapy", Burden::weeks);
    row(table, burdens, "sessions", Burden::sessions);
    row(table, burdens, "  with a therapist", Burden::therapistContacts);
    row(table, burdens, "client minutes per week", Burden::clientMinutesPerWeek);
    row(table, burdens, "therapist minutes per week", Burden::therapistMinutesPerWeek);
    row(table, burdens, "prompts per day, mean", Burden::promptsPerDayMean);
    row(table, burdens, "prompts per day, max", Burden::promptsPerDayMax);
    row(table, burdens, "days over the cap", Burden::daysOverCap);
    row(table, burdens, "prompts over the cap", Burden::promptsOverCap);
    row(table, burdens, "modules to complete", Burden::modulesToComplete);
    StringBuilder text =
        new StringBuilder(
            "Burden of an adherent client (later columns: change against the first)\n");
    text.append(table.render());
    Set<String> assumptions = new LinkedHashSet<>();
    burdens.forEach(b -> assumptions.addAll(b.assumptions()));
    text.append("\nAssumptions\n");
    for (String assumption : assumptions) {
      text.append("  ").append(assumption).append('\n');
    }
    return text.toString();
  }

  static void row(
      Table table, List<Burden> burdens, String label, ToDoubleFunction<Burden> figure) {
    Object[] cells = new Object[burdens.size() + 1];
    cells[0] = label;
    double first = figure.applyAsDouble(burdens.get(0));
    for (int i = 0; i < burdens.size(); i++) {
      double value = figure.applyAsDouble(burdens.get(i));
      cells[i + 1] = i == 0 ? number(value) : number(value) + " (" + signed(value - first) + ")";
    }
    table.row(cells);
  }

  /** Whole numbers without decimals, others with one. */
  static String number(double value) {
    double rounded = Math.round(value * 10) / 10.0;
    return rounded == Math.rint(rounded)
        ? String.valueOf((long) rounded)
        : String.format(Locale.ROOT, "%.1f", rounded);
  }

  /** A change with its sign; no change is {@code ±0}. */
  static String signed(double change) {
    String text = number(Math.abs(change));
    if (text.equals("0")) {
      return "±0";
    }
    return (change < 0 ? "-" : "+") + text;
  }
}
