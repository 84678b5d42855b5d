package org.blendedtherapy.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;

/** Loads and validates every protocol document ({@code *.json}) of a directory with the library. */
final class ProtocolDirectory {
  private ProtocolDirectory() {}

  /** The protocols, or the issues that make some invalid. */
  record Loaded(List<ProtocolRecord> protocols, List<String> errors) {}

  static Loaded load(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    List<ProtocolRecord> protocols = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      Validation<Protocol> read = ProtocolJson.validate(bytes);
      if (read.isValid() && read.value().isPresent()) {
        protocols.add(
            ProtocolRecord.of(
                ProtocolJson.pin(read.value().get()), new String(bytes, StandardCharsets.UTF_8)));
      } else {
        for (Issue issue : read.issues()) {
          errors.add(file.getFileName() + ": " + issue);
        }
      }
    }
    return new Loaded(protocols, errors);
  }
}
