package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The outcome of validating one input document: every issue found and, when there is no error, the
 * value read.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param issues every issue, errors and warnings, in the order found
 * @param value the value read; present exactly when no issue is an error
 * @param <T> the type of value read
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Validation<T>(List<Issue> issues, Optional<T> value) {

  /**
   * Creates a validation outcome.
   *
   * @throws IllegalArgumentException if a value is present beside an error, or absent without one
   */
  public Validation {
    issues = List.copyOf(issues);
    Objects.requireNonNull(value, "value");
    boolean hasError = issues.stream().anyMatch(Issue::isError);
    if (hasError == value.isPresent()) {
      throw new IllegalArgumentException("a value is present exactly when there is no error");
    }
  }

  /**
   * Tells whether the document is valid (it may still have warnings).
   *
   * @return true when no issue is an error
   */
  public boolean isValid() {
    return value.isPresent();
  }

  /**
   * Returns the value, or throws the library's exception with every issue.
   *
   * @param what what was read, for the exception message, such as {@code protocol}
   * @return the value
   * @throws InvalidInputException if the document is invalid
   */
  public T orElseThrow(String what) {
    return value.orElseThrow(() -> new InvalidInputException(what, issues));
  }
}
