package org.blendedtherapy.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundled JSON Schemas (draft 2020-12) of the four documents: protocol, enrolment, event and
 * state. They are plain resources beside this class; this class reads them from its own module, so
 * they are found on the class path and on the module path alike.
 */
public final class Schemas {
  /** The file names of the bundled schemas, in this package. */
  public static final List<String> NAMES =
      List.of(
          "protocol.schema.json",
          "enrolment.schema.json",
          "event.schema.json",
          "state.schema.json",
          "migration.schema.json");

  private Schemas() {}

  /**
   * The text of one bundled schema.
   *
   * @param name one of {@link #NAMES}
   * @return the schema's JSON text
   * @throws IllegalArgumentException if no schema has that name
   */
  public static String text(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no bundled schema named " + name);
    }
    try (InputStream in = Schemas.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled schema missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled schema unreadable: " + name, e);
    }
  }
}
