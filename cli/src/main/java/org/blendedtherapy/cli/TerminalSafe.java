package org.blendedtherapy.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * A writer that shows control characters instead of passing them to the terminal: every character a
 * terminal could act on (C0 controls but tab and line feed, DEL, C1 controls, the line and
 * paragraph separators and the bidirectional overrides) is written as {@code \}{@code uXXXX}. Both
 * of the command's output streams go through it, so a client reference, an event id or any other
 * document string can never retitle, rewrite or reorder what the user sees. Everything the command
 * itself prints is free of such characters, so its output is otherwise unchanged.
 */
final class TerminalSafe extends FilterWriter {
  /** A carriage return not yet written: it passes only as part of CR LF (calendar files). */
  private boolean pendingReturn;

  TerminalSafe(Writer out) {
    super(out);
  }

  /**
   * Tells whether a terminal could act on the character; a carriage return is safe only right
   * before a line feed, which this writer checks itself.
   */
  static boolean isUnsafe(char c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  @Override
  public void write(int c) throws IOException {
    put((char) c);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    write(new String(buffer, offset, length), 0, length);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    int end = offset + length;
    int run = offset;
    for (int i = offset; i < end; i++) {
      char c = text.charAt(i);
      if (pendingReturn || c == '\r' || isUnsafe(c)) {
        // Safe characters go out in runs; only the ones that need a look go one by one.
        out.write(text, run, i - run);
        put(c);
        run = i + 1;
      }
    }
    out.write(text, run, end - run);
  }

  @Override
  public void flush() throws IOException {
    settleReturn();
    super.flush();
  }

  @Override
  public void close() throws IOException {
    settleReturn();
    super.close();
  }

  private void put(char c) throws IOException {
    if (pendingReturn) {
      pendingReturn = false;
      if (c == '\n') {
        out.write("\r\n");
        return;
      }
      out.write(escape('\r'));
    }
    if (c == '\r') {
      pendingReturn = true;
    } else if (isUnsafe(c)) {
      out.write(escape(c));
    } else {
      out.write(c);
    }
  }

  private void settleReturn() throws IOException {
    if (pendingReturn) {
      pendingReturn = false;
      out.write(escape('\r'));
    }
  }

  private static String escape(char c) {
    return String.format(java.util.Locale.ROOT, "\\u%04X", (int) c);
  }
}
