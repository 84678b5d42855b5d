package org.blendedtherapy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code blended validate FILE...}: checks protocol documents and lists every issue.
 *
 * <p>Text output is one line per issue, {@code FILE: error|warning POINTER [code] message}, then
 * {@code FILE: valid sha256=HEX} for a valid file; {@code --format json} prints one JSON document.
 * FILE is printed exactly as given. A file that cannot be read is named on standard error and left
 * out of standard output; the other files are still checked.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates protocol documents: syntax and limits, the bundled JSON Schema, then meaning.",
      "Exit 0 when every file is valid (warnings allowed), 1 when any file is invalid,"
          + " 2 on a usage error or a missing or unreadable file."
    })
final class ValidateCommand implements Callable<Integer> {

  /** Built on first use: the text format, the common case, needs no mapper. */
  private static final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Protocol documents (JSON, UTF-8, at most 2 MiB each).")
  List<String> files = new ArrayList<>();

  @Mixin FormatOption format = new FormatOption();

  private final Path workingDirectory;

  /**
   * @param workingDirectory the directory relative file names are resolved against
   */
  ValidateCommand(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /** The outcome for one readable file. */
  private record Checked(String file, Validation<Protocol> validation, Optional<String> sha256) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = ExitCode.OK;
    List<Checked> checked = new ArrayList<>();
    for (String file : files) {
      Optional<byte[]> bytes = new Inputs("validate", workingDirectory, err).readBounded(file);
      if (bytes.isEmpty()) {
        exit = ExitCode.worst(exit, ExitCode.USAGE);
        continue;
      }
      Validation<Protocol> validation = ProtocolJson.validate(bytes.get());
      Checked result = new Checked(file, validation, validation.value().map(ProtocolJson::sha256));
      if (!format.isJson()) {
        printText(result, out);
      } else {
        checked.add(result);
      }
      if (!validation.isValid()) {
        exit = ExitCode.worst(exit, ExitCode.INPUT_WRONG);
      }
    }
    if (format.isJson()) {
      printJson(checked, out);
    }
    out.flush();
    err.flush();
    return exit;
  }

  private static void printText(Checked result, PrintWriter out) {
    for (Issue issue : result.validation().issues()) {
      out.print(result.file() + ": " + issue + "\n");
    }
    result.sha256().ifPresent(sha -> out.print(result.file() + ": valid sha256=" + sha + "\n"));
  }

  private static void printJson(List<Checked> results, PrintWriter out) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode files = root.putArray("files");
    for (Checked result : results) {
      ObjectNode file = files.addObject();
      file.put("file", result.file());
      file.put("valid", result.validation().isValid());
      result.sha256().ifPresent(sha -> file.put("sha256", sha));
      ArrayNode issues = file.putArray("issues");
      for (Issue issue : result.validation().issues()) {
        ObjectNode entry = issues.addObject();
        entry.put("severity", issue.severity().label());
        entry.put("code", issue.code().json());
        entry.put("pointer", issue.pointer());
        entry.put("message", issue.message());
      }
    }
    out.print(Json.MAPPER.writeValueAsString(root) + "\n");
  }
}
