package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The library's own exception for bad input: it carries every issue found, errors and warnings,
 * each with its pointer. No other exception type escapes the library for bad input.
 *
 * <p>The message names how many errors there are and the first of them; like the issues, it never
 * contains values from enrolments or events.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Kept transient-free: issues are records of strings, so the exception stays serializable. */
  private final List<Issue> issues;

  /**
   * Creates the exception.
   *
   * @param what what was read, such as {@code protocol}
   * @param issues every issue found; at least one must be an error
   * @throws IllegalArgumentException if no issue is an error
   */
  public InvalidInputException(String what, List<Issue> issues) {
    super(summary(what, issues));
    this.issues = List.copyOf(issues);
  }

  /**
   * Returns every issue found, errors and warnings, in the order they were found.
   *
   * @return the issues, never empty
   */
  public List<Issue> issues() {
    return issues;
  }

  /**
   * Returns only the errors.
   *
   * @return the errors, never empty
   */
  public List<Issue> errors() {
    return issues.stream().filter(Issue::isError).toList();
  }

  private static String summary(String what, List<Issue> issues) {
    List<Issue> errors = issues.stream().filter(Issue::isError).toList();
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one error");
    }
    String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
    return "invalid " + what + ": " + count + "; first: " + errors.get(0);
  }
}
