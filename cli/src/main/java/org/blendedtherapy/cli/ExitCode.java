package org.blendedtherapy.cli;

/**
 * The exit codes every {@code blended} subcommand uses: 0 ok, 1 the input is wrong, 2 usage (or a
 * file that cannot be read). When several inputs are handled, the highest code wins.
 */
final class ExitCode {
  /** Everything was fine (warnings allowed). */
  static final int OK = 0;

  /** An input is wrong; the output says where. */
  static final int INPUT_WRONG = 1;

  /** The command line is wrong, or a named file is missing or unreadable. */
  static final int USAGE = 2;

  private ExitCode() {}

  /**
   * Combines the outcomes of several inputs: the most serious one wins.
   *
   * @param a one exit code
   * @param b another exit code
   * @return the more serious of the two
   */
  static int worst(int a, int b) {
    return Math.max(a, b);
  }
}
