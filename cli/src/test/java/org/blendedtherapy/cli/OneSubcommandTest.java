package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run builds only the subcommand its first argument names; what it prints and returns must be
 * exactly what the whole command line gives.
 */
class OneSubcommandTest {

  private static Cli.Result whole(Path directory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    int exit = BlendedCli.commandLine(outWriter, errWriter, directory).execute(args);
    outWriter.flush();
    errWriter.flush();
    return new Cli.Result(exit, out.toString(), err.toString());
  }

  @Test
  void everySubcommand_helpUsageAndErrors_matchTheWholeCommandLine() {
    Path samples = Cli.samples();
    List<String[]> runs = new ArrayList<>();
    for (String name : BlendedCli.SUBCOMMANDS) {
      runs.add(new String[] {name, "--help"});
      runs.add(new String[] {name});
      runs.add(new String[] {name, "--no-such-option"});
      runs.add(new String[] {name, "e-compared-uk.json", "--format", "xml"});
    }
    runs.add(new String[] {"validate", "e-compared-uk.json"});
    runs.add(new String[] {"validate", "--format", "json", "e-compared-uk.json", "missing.json"});
    runs.add(new String[] {"validate", "diff"});
    runs.add(new String[] {"burden", "e-compared-uk.json", "low-intensity-slim.json"});
    runs.add(new String[] {"diff", "e-compared-uk.json", "low-intensity-slim.json"});
    runs.add(new String[] {"simulate", "e-compared-uk.json", "--start", "2027-03-22T10:00"});
    runs.add(new String[] {});
    runs.add(new String[] {"--help"});
    runs.add(new String[] {"--version"});
    runs.add(new String[] {"Validate", "e-compared-uk.json"});
    runs.add(new String[] {"validat", "e-compared-uk.json"});
    for (String[] args : runs) {
      Cli.Result one = Cli.run(samples, args);
      Cli.Result all = whole(samples, args);
      assertThat(one).as(String.join(" ", args)).isEqualTo(all);
    }
  }

  @Test
  void topLevelUsage_listsEverySubcommandInOrder() {
    Cli.Result result = Cli.run(Cli.samples());
    String usage = result.err();
    int at = -1;
    for (String name : BlendedCli.SUBCOMMANDS) {
      int next = usage.indexOf("\n  " + name + " ");
      assertThat(next).as(name).isGreaterThan(at);
      at = next;
    }
    assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
  }
}
