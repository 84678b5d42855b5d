package org.blendedtherapy.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code blended} command: validates, simulates and explains blended-therapy protocols.
 *
 * <p>Requested output goes to standard output and nothing else does; diagnostics go to standard
 * error. Exit codes: 0 ok, 1 the input is wrong, 2 usage.
 */
@Command(
    name = "blended",
    mixinStandardHelpOptions = true,
    versionProvider = BlendedCli.JarVersion.class,
    description = "Validates, simulates and explains blended-therapy protocols.")
public final class BlendedCli implements Runnable {

  /**
   * The subcommands, in the order the usage lists them. They are registered in code rather than in
   * {@code @Command(subcommands = ...)} so that a run can build only the one it names: picocli
   * reflects over every registered command at startup, which is most of a short run's time.
   */
  static final List<String> SUBCOMMANDS =
      List.of(
          "validate", "state", "simulate", "reminders", "burden", "diff", "migrate", "export-fhir");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the top-level command; picocli fills in its options. */
  public BlendedCli() {}

  /**
   * Runs the command line and exits with its exit code. Standard output and standard error are
   * written as UTF-8 whatever the platform's default charset.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, Path.of(""), args));
  }

  /**
   * Runs the command line, writing UTF-8 whatever the platform's default charset.
   *
   * @param out where requested output goes
   * @param err where diagnostics go
   * @param workingDirectory the directory relative file names are resolved against
   * @param args the command-line arguments
   * @return the exit code
   */
  static int run(OutputStream out, OutputStream err, Path workingDirectory, String... args) {
    PrintWriter outWriter = utf8(out);
    PrintWriter errWriter = utf8(err);
    try {
      // The first argument names the subcommand whenever it is one (picocli's subcommands are not
      // repeatable here and the top-level command has no positional parameters), so only that one
      // is built; anything else (no argument, an option, a typo) gets the whole command line.
      List<String> needed =
          args.length > 0 && SUBCOMMANDS.contains(args[0]) ? List.of(args[0]) : SUBCOMMANDS;
      return commandLine(outWriter, errWriter, workingDirectory, needed).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * Encodes explicitly (the platform default may be ASCII or a legacy code page) and shows control
   * characters instead of sending them to the terminal ({@link TerminalSafe}).
   */
  private static PrintWriter utf8(OutputStream stream) {
    return new PrintWriter(
        new TerminalSafe(new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
  }

  /**
   * Builds the command line with its subcommands, writing to the given streams.
   *
   * <p>Names and enum values are case-sensitive. A usage error prints the message and the usage on
   * {@code err} and returns 2; an unexpected failure prints one line on {@code err}, never a stack
   * trace, and returns 2.
   *
   * @param out where requested output goes
   * @param err where diagnostics go
   * @param workingDirectory the directory relative file names are resolved against; they are still
   *     printed as given
   * @return the command line, ready to {@link CommandLine#execute(String...)}
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Path workingDirectory) {
    return commandLine(out, err, workingDirectory, SUBCOMMANDS);
  }

  /**
   * Builds the command line with some of its subcommands; with all of them it is the command line
   * of {@link #commandLine(PrintWriter, PrintWriter, Path)}.
   *
   * @param subcommands names from {@link #SUBCOMMANDS}, registered in the order of that list
   */
  static CommandLine commandLine(
      PrintWriter out, PrintWriter err, Path workingDirectory, List<String> subcommands) {
    CommandLine commandLine = new CommandLine(new BlendedCli());
    for (String name : SUBCOMMANDS) {
      if (subcommands.contains(name)) {
        commandLine.addSubcommand(subcommand(name, workingDirectory));
      }
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setSubcommandsCaseInsensitive(false);
    commandLine.setOptionsCaseInsensitive(false);
    commandLine.setCaseInsensitiveEnumValuesAllowed(false);
    commandLine.setExecutionExceptionHandler(BlendedCli::unexpected);
    commandLine.setParameterExceptionHandler(BlendedCli::usage);
    return commandLine;
  }

  private static Object subcommand(String name, Path workingDirectory) {
    return switch (name) {
      case "validate" -> new ValidateCommand(workingDirectory);
      case "state" -> new StateCommand(workingDirectory);
      case "simulate" -> new SimulateCommand(workingDirectory);
      case "reminders" -> new RemindersCommand(workingDirectory);
      case "burden" -> new BurdenCommand(workingDirectory);
      case "diff" -> new DiffCommand(workingDirectory);
      case "migrate" -> new MigrateCommand(workingDirectory);
      case "export-fhir" -> new ExportFhirCommand(workingDirectory);
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  /** A bug or an environment failure: one line, no stack trace. */
  private static int unexpected(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    commandLine
        .getErr()
        .print(
            "blended: unexpected failure ("
                + e.getClass().getSimpleName()
                + message.replaceAll("\\s+", " ")
                + "); please report it\n");
    commandLine.getErr().flush();
    return ExitCode.USAGE;
  }

  /** A wrong command line: the message, then the usage of the command it concerns, exit 2. */
  private static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.print(e.getMessage() + "\n");
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.print(commandLine.getUsageMessage(commandLine.getColorScheme()));
    err.flush();
    return ExitCode.USAGE;
  }

  /** Without a subcommand there is nothing to do: show the usage on standard error, exit 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Reads the version from the jar manifest, so it cannot drift from the build. */
  static final class JarVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = BlendedCli.class.getPackage().getImplementationVersion();
      return new String[] {"blended " + (version == null ? "(development build)" : version)};
    }
  }
}
