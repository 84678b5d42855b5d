package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One problem found in an input document: its severity, a stable machine code, the RFC 6901 JSON
 * pointer of the offending node and a message naming what was expected and what was found.
 *
 * <p>Messages about protocols may quote the protocol's own values (ids, titles); messages about
 * enrolments and events never quote values, only pointers, lines, event ids and JSON types.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param severity error or warning
 * @param code a stable code, such as {@link IssueCode#UNKNOWN_MODULE} ({@code unknown-module})
 * @param pointer the RFC 6901 JSON pointer of the node; the empty string is the whole document
 * @param message what was expected and what was found
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Issue(Severity severity, IssueCode code, String pointer, String message) {

  /**
   * Creates an issue.
   *
   * @throws NullPointerException if any component is null
   */
  public Issue {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Creates an error.
   *
   * @param code the stable code
   * @param pointer the JSON pointer
   * @param message the message
   * @return the issue
   */
  public static Issue error(IssueCode code, String pointer, String message) {
    return new Issue(Severity.ERROR, code, pointer, message);
  }

  /**
   * Creates a warning.
   *
   * @param code the stable code
   * @param pointer the JSON pointer
   * @param message the message
   * @return the issue
   */
  public static Issue warning(IssueCode code, String pointer, String message) {
    return new Issue(Severity.WARNING, code, pointer, message);
  }

  /**
   * Tells whether this issue makes the document invalid.
   *
   * @return true for an error
   */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * Returns the pointer as printed in text reports: the pointer itself, or {@code (root)} for the
   * whole document, whose pointer is the empty string.
   *
   * @return a printable pointer
   */
  public String displayPointer() {
    return pointer.isEmpty() ? "(root)" : pointer;
  }

  /** Returns {@code severity pointer [code] message}, the form used by {@code blended validate}. */
  @Override
  public String toString() {
    return severity.label() + " " + displayPointer() + " [" + code.json() + "] " + message;
  }
}
