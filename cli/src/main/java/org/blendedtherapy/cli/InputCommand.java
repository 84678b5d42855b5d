package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.blendedtherapy.SupportedRange;
import picocli.CommandLine;

/**
 * A subcommand that reads documents and prints one result: every problem with an input is reported
 * through {@link Inputs} with the contract's exit code, and the streams are flushed whatever
 * happens.
 */
abstract class InputCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The directory relative file names are resolved against. */
  final Path workingDirectory;

  private final String name;

  InputCommand(String name, Path workingDirectory) {
    this.name = name;
    this.workingDirectory = workingDirectory;
  }

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      run(new Inputs(name, workingDirectory, err), out);
      return ExitCode.OK;
    } catch (Inputs.Failed failed) {
      return failed.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Refuses an argument outside the library's supported years as a usage error (exit 2).
   *
   * @param option the option, such as {@code --at}
   * @param value the argument, as parsed
   * @param inRange whether it lies in the supported range
   */
  final void requireSupported(String option, Object value, boolean inRange) {
    if (!inRange) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option + " " + value + " is outside the supported range (" + SupportedRange.TEXT + ")");
    }
  }

  /** Refuses a window that ends before it starts as a usage error (exit 2). */
  final void requireOrdered(String first, Object from, String second, Object to, boolean ordered) {
    if (!ordered) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          second
              + " "
              + to
              + " is before "
              + first
              + " "
              + from
              + "; expected a window that ends"
              + " after it starts");
    }
  }

  /**
   * Reads the inputs and prints the result.
   *
   * @throws Inputs.Failed once a problem is reported
   */
  abstract void run(Inputs inputs, PrintWriter out);
}
