package org.blendedtherapy.json;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** Indented JSON with {@code \n} line ends on every platform, for every document we print. */
final class Pretty {
  private static final ObjectWriter WRITER =
      JsonMapper.builder(JsonInput.FACTORY)
          .build()
          .writer()
          .with(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private Pretty() {}

  static String write(JsonNode tree) {
    return WRITER.writeValueAsString(tree);
  }
}
