package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
   * Reads the inputs and prints the result.
   *
   * @throws Inputs.Failed once a problem is reported
   */
  abstract void run(Inputs inputs, PrintWriter out);
}
