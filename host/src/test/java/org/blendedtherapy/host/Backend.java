package org.blendedtherapy.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The two databases every host test runs on. */
enum Backend {
  SQLITE,
  POSTGRESQL;

  /** Where a fresh store lives: a SQLite directory, or a new database in the test cluster. */
  record Place(Path data, Optional<String> url, Map<String, String> env) {
    Database open() {
      return Database.open(url, data, env);
    }

    /** The command-line options that name this place. */
    String[] options() {
      return url.isPresent()
          ? new String[] {"--database-url", url.get()}
          : new String[] {"--data", data.toString()};
    }
  }

  Place place(Path dir) {
    return switch (this) {
      case SQLITE -> new Place(dir.resolve("data"), Optional.empty(), Map.of());
      case POSTGRESQL ->
          new Place(
              dir.resolve("unused"),
              Optional.of(PostgresCluster.get().newDatabase()),
              PostgresCluster.env());
    };
  }
}
