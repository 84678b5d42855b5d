package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Why a module has its status: a tree of conditions, each with a stable code for machines, a
 * verdict, and a line of text a therapist can read. The root's verdict is the module's: it holds
 * unless the module is locked. Dates in texts are local dates in the enrolment's zone.
 *
 * <p>Codes of a root (the status and what it was decided from):
 *
 * <ul>
 *   <li>{@code locked}: the unlock rule does not hold and no release opened the module; the child
 *       is the rule evaluated at the query instant.
 *   <li>{@code open-from-start}: the module has no unlock rule.
 *   <li>{@code rule-satisfied}: the unlock rule held; the child is the rule as it was evaluated at
 *       the instant the module opened (an opened module stays open, even if the rule would no
 *       longer hold now).
 *   <li>{@code released}: a therapist's {@code module-released} opened it under {@code
 *       tailoring.release}; the child, if any, is the rule as it stood at the release.
 *   <li>{@code assigned}: a therapist's {@code module-assigned} opened it (an assignment opens a
 *       module when a release of it would be accepted); the child, if any, is the rule at that
 *       instant.
 *   <li>{@code repeated}: the client was asked to repeat the completed module; the child is how it
 *       opened.
 *   <li>{@code in-progress}, {@code completed}: started or completed; the child is how it opened
 *       (or {@code repeated}).
 *   <li>{@code skipped}: taken out of the client's path by the therapist; no children.
 * </ul>
 *
 * <p>Codes of rule nodes, one per rule kind: {@code all-of}, {@code any-of}, {@code not}, {@code
 * module-completed}, {@code module-started}, {@code sessions-attended}, {@code days-since-start},
 * {@code measure}, {@code therapist-release}; their children are the rule's children, and each
 * verdict is the node's own.
 *
 * <p>{@code toString()} shows codes and verdicts only, never texts (a {@code measure} text quotes
 * scores, which are health data).
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Reason {
  private final String code;
  private final boolean holds;
  private final String text;
  private final List<Reason> children;

  /** Creates a reason; the children are copied. */
  Reason(String code, boolean holds, String text, List<Reason> children) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
    children = List.copyOf(children);
    this.code = code;
    this.holds = holds;
    this.text = text;
    this.children = children;
  }

  /** Returns the stable code. */
  public String code() {
    return code;
  }

  /** Returns whether the condition holds (for a root: whether the module is open). */
  public boolean holds() {
    return holds;
  }

  /**
   * Returns one line for people, such as {@code locked: needs psychoeducation completed (started
   * 2027-01-12)}.
   */
  public String text() {
    return text;
  }

  /** Returns the conditions this one was decided from, in rule order. */
  public List<Reason> children() {
    return children;
  }

  /**
   * Creates a reason without children.
   *
   * @param code the stable code
   * @param holds whether it holds
   * @param text the text
   * @return the reason
   */
  static Reason of(String code, boolean holds, String text) {
    return new Reason(code, holds, text, List.of());
  }

  /**
   * Returns the tree as an indented outline, one node a line ending in {@code \n}: two spaces per
   * level, {@code +} for a node that holds, {@code -} for one that does not, then the text and the
   * code in brackets, such as {@code - psychoeducation completed (not started) [module-completed]}.
   *
   * @return the outline
   */
  public String outline() {
    StringBuilder out = new StringBuilder();
    outline(out, 0);
    return out.toString();
  }

  private void outline(StringBuilder out, int level) {
    out.append("  ".repeat(level))
        .append(holds ? "+ " : "- ")
        .append(text)
        .append(" [")
        .append(code)
        .append("]\n");
    children.forEach(c -> c.outline(out, level + 1));
  }

  /** Returns the codes and verdicts of the tree, without texts. */
  @Override
  public String toString() {
    return code + (holds ? "+" : "-") + (children.isEmpty() ? "" : children.toString());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Reason other)) {
      return false;
    }
    return java.util.Objects.equals(code, other.code)
        && holds == other.holds
        && java.util.Objects.equals(text, other.text)
        && java.util.Objects.equals(children, other.children);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(code, holds, text, children);
  }
}
