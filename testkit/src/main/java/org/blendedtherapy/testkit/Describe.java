package org.blendedtherapy.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.StringJoiner;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;

/** Shows counterexamples: domain values as JSON, bytes as text or hex. Not API. */
final class Describe {
  static final int MAX_BYTES_SHOWN = 4096;

  private Describe() {}

  static String value(Object value) {
    if (value instanceof Protocol protocol) {
      return "protocol " + ProtocolJson.canonical(protocol);
    }
    if (value instanceof Mutant mutant) {
      return mutant.toString();
    }
    if (value instanceof byte[] bytes) {
      return bytes(bytes);
    }
    if (value instanceof String text) {
      return quote(text);
    }
    if (value instanceof Collection<?> items) {
      StringJoiner out = new StringJoiner(", ", "[", "]");
      items.forEach(item -> out.add(value(item)));
      return out.toString();
    }
    return String.valueOf(value);
  }

  static String bytes(byte[] bytes) {
    boolean cut = bytes.length > MAX_BYTES_SHOWN;
    byte[] shown = cut ? java.util.Arrays.copyOf(bytes, MAX_BYTES_SHOWN) : bytes;
    String tail = cut ? " ... (" + (bytes.length - MAX_BYTES_SHOWN) + " more)" : "";
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(shown))
              .toString();
      return bytes.length + " bytes of UTF-8: " + quote(text) + tail;
    } catch (CharacterCodingException e) {
      return bytes.length + " bytes, hex: " + HexFormat.of().formatHex(shown) + tail;
    }
  }

  /** Quotes text as a JSON string, escaping what would be invisible. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(text, i)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean validPair(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
