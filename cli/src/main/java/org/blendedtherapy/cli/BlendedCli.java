package org.blendedtherapy.cli;

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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the top-level command; picocli fills in its options. */
  public BlendedCli() {}

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BlendedCli()).execute(args));
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
