package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How serious a validation {@link Issue} is: an error makes a document invalid, a warning does not.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Severity {
  /** The document is invalid. */
  ERROR("error"),
  /** The document is valid but something deserves a look (usually a burden smell). */
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /**
   * Returns the lowercase label used in reports and JSON: {@code error} or {@code warning}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }
}
