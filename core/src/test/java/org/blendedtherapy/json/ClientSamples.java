package org.blendedtherapy.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Reads the sample clients and protocols from the repository's samples folder. */
final class ClientSamples {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ClientSamples() {}

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(SAMPLES.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  /** The non-empty lines of a sample event log. */
  static List<String> lines(String relative) {
    List<String> lines = new ArrayList<>();
    for (String line : text(relative).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** A sample event line as a mutable map, to derive variants from. */
  static Map<String, Object> event(String relative, int line) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MAPPER.readValue(lines(relative).get(line - 1), LinkedHashMap.class);
    return map;
  }

  /** A sample enrolment as a mutable map. */
  static Map<String, Object> enrolment(String relative) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MAPPER.readValue(text(relative), LinkedHashMap.class);
    return map;
  }

  static String json(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static String log(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
