package org.blendedtherapy.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.blendedtherapy.json.EventsJson;

/**
 * Reads request bodies within the library's limits, refusing an oversized body as soon as it shows:
 * by its declared length before reading anything, else at the first byte past a limit.
 */
final class Body {
  /** The library's limit of a protocol or enrolment document: 2 MiB. */
  static final int MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

  /** The most events one append request may carry. */
  static final int MAX_BATCH_EVENTS = 1_000;

  /** The most bytes one append request may carry: a full line per event, each with its end. */
  static final long MAX_BATCH_BYTES = (long) MAX_BATCH_EVENTS * (EventsJson.MAX_LINE_BYTES + 2);

  private Body() {}

  /** Thrown when a body passes a limit; it carries the words of the limit. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String limit) {
      super(limit, null, false, false);
    }
  }

  static byte[] document(HttpExchange exchange) throws IOException, TooLarge {
    String limit = "a document is at most " + MAX_DOCUMENT_BYTES + " bytes (2 MiB)";
    OptionalLong declared = declaredLength(exchange);
    if (declared.isPresent() && declared.getAsLong() > MAX_DOCUMENT_BYTES) {
      throw new TooLarge(limit);
    }
    byte[] bytes = exchange.getRequestBody().readNBytes(MAX_DOCUMENT_BYTES + 1);
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new TooLarge(limit);
    }
    return bytes;
  }

  /** The non-blank lines of a JSON Lines body, each with its line number from 1. */
  record Line(int number, byte[] bytes) {}

  static List<Line> lines(HttpExchange exchange) throws IOException, TooLarge {
    OptionalLong declared = declaredLength(exchange);
    if (declared.isPresent() && declared.getAsLong() > MAX_BATCH_BYTES) {
      throw new TooLarge("an append carries at most " + MAX_BATCH_BYTES + " bytes");
    }
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[8192];
    List<Line> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int number = 1;
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > MAX_BATCH_BYTES) {
        // Blank lines count too: an endless body of line ends is not read to its end.
        throw new TooLarge("an append carries at most " + MAX_BATCH_BYTES + " bytes");
      }
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          number = end(lines, line, number);
        } else {
          line.write(b);
          if (line.size() > EventsJson.MAX_LINE_BYTES + 1) {
            throw new TooLarge(
                "line "
                    + number
                    + ": an event line is at most "
                    + EventsJson.MAX_LINE_BYTES
                    + " bytes");
          }
        }
      }
    }
    end(lines, line, number);
    return lines;
  }

  private static int end(List<Line> lines, ByteArrayOutputStream line, int number) throws TooLarge {
    byte[] bytes = line.toByteArray();
    line.reset();
    if (!isBlank(bytes)) {
      if (lines.size() == MAX_BATCH_EVENTS) {
        throw new TooLarge("an append carries at most " + MAX_BATCH_EVENTS + " events");
      }
      lines.add(new Line(number, bytes));
    }
    return number + 1;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static OptionalLong declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(length.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
