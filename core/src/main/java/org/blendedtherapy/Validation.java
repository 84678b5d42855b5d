package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.Results;

/**
 * The outcome of validating one input document: every issue found and, when there is no error, the
 * value read. Only the library's readers build one (a value is present exactly when no issue is an
 * error); a host cannot.
 *
 * <p>Two outcomes are equal when their issues and values are; {@link #toString()} lists them as
 * {@code Validation[issues=[…], value=…]}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param <T> the type of value read
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Validation<T> {
  static {
    Results.register(
        new Results.ValidationFactory() {
          @Override
          public <V> Validation<V> validation(List<Issue> issues, Optional<V> value) {
            return new Validation<>(issues, value);
          }
        });
  }

  private final List<Issue> issues;
  private final Optional<T> value;

  /**
   * Creates a validation outcome.
   *
   * @throws IllegalArgumentException if a value is present beside an error, or absent without one
   */
  Validation(List<Issue> issues, Optional<T> value) {
    this.issues = List.copyOf(issues);
    this.value = Objects.requireNonNull(value, "value");
    boolean hasError = this.issues.stream().anyMatch(Issue::isError);
    if (hasError == value.isPresent()) {
      throw new IllegalArgumentException("a value is present exactly when there is no error");
    }
  }

  /**
   * Returns every issue, errors and warnings.
   *
   * @return the issues, in the order found
   */
  public List<Issue> issues() {
    return issues;
  }

  /**
   * Returns the value read.
   *
   * @return the value; present exactly when no issue is an error
   */
  public Optional<T> value() {
    return value;
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

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof Validation<?> other
            && issues.equals(other.issues)
            && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return 31 * issues.hashCode() + value.hashCode();
  }

  @Override
  public String toString() {
    return "Validation[issues=" + issues + ", value=" + value + "]";
  }
}
