package org.blendedtherapy.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a replay: the committed part files of each output merged into one file beside them ({@code
 * reminders.jsonl}, {@code rejected.jsonl}, {@code risk.jsonl}), sorted so that two replays of the
 * same input give the same bytes; reminders by instant, client, then id.
 */
final class OutputFiles {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> NAMES = List.of("reminders", "rejected", "risk");

  private OutputFiles() {}

  static void clear(Path output) throws IOException {
    for (String name : NAMES) {
      deleteTree(output.resolve(name));
      Files.deleteIfExists(output.resolve(name + ".jsonl"));
    }
  }

  static void merge(Path output) throws IOException {
    for (String name : NAMES) {
      Path parts = output.resolve(name);
      List<String> lines = committedLines(parts);
      if (name.equals("reminders")) {
        lines.sort(
            Comparator.comparing((String line) -> field(line, "instant"))
                .thenComparing(line -> field(line, "client"))
                .thenComparing(line -> field(line, "id")));
      } else {
        lines.sort(Comparator.naturalOrder());
      }
      StringBuilder out = new StringBuilder();
      for (String line : lines) {
        out.append(line).append('\n');
      }
      Files.writeString(output.resolve(name + ".jsonl"), out, StandardCharsets.UTF_8);
      deleteTree(parts);
    }
  }

  /** The lines of the committed (visible, not in-progress) part files of one output. */
  static List<String> committedLines(Path parts) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(parts)) {
      return lines;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(parts)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static String field(String line, String key) {
    JsonNode node = JSON.readTree(line).get(key);
    return node == null ? "" : node.asString();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
