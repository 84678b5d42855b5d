package org.blendedtherapy.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, shared by the commands that print a report or JSON. */
final class FormatOption {
  /** The output formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  boolean isJson() {
    return format == Format.json;
  }
}
