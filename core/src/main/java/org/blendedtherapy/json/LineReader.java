package org.blendedtherapy.json;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits JSON Lines input on {@code '\n'} (a trailing {@code '\r'} is dropped) in bounded memory: a
 * line is handed out as a slice of the input array when it can be, and otherwise copied into a
 * buffer of at most {@code maxLine + 2} bytes; the rest of a longer line is skipped while its
 * length is still counted, so an oversized line costs time, never memory.
 */
final class LineReader {
  private static final int CHUNK = 64 * 1024;

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final InputStream in;
  private final int maxLine;
  private final long maxBytes;
  private long consumed;
  private boolean stopped;
  private final byte[] carry;
  private byte[] buffer;
  private int position;
  private int limit;
  private int carryLength;

  private byte[] lineBytes = new byte[0];
  private int lineOffset;
  private int lineLength;
  private long lineTotal;
  private int lineNumber;

  /** Reads lines of an array in place. */
  LineReader(byte[] bytes, int maxLine) {
    this.in = null;
    this.maxLine = maxLine;
    this.maxBytes = Long.MAX_VALUE;
    this.carry = new byte[0];
    this.buffer = bytes;
    this.limit = bytes.length;
  }

  /**
   * Reads lines of a stream, which is not closed, up to {@code maxBytes} bytes: past them the
   * reader ends as if the stream had, and {@link #stopped()} says so (an endless line, such as
   * {@code /dev/zero}, costs that much reading, never more).
   */
  LineReader(InputStream in, int maxLine, long maxBytes) {
    this.in = in;
    this.maxLine = maxLine;
    this.maxBytes = maxBytes;
    this.carry = new byte[maxLine + 2];
    this.buffer = new byte[CHUNK];
  }

  /**
   * Moves to the next line.
   *
   * @return false at the end of input
   * @throws IOException if the stream fails
   */
  boolean next() throws IOException {
    carryLength = 0;
    lineTotal = 0;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!any) {
          return false;
        }
        return finish(carry, 0, carryLength);
      }
      any = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      if (lineTotal == 0 && (newline >= 0 || in == null)) {
        int start = position;
        position = newline < 0 ? limit : newline + 1;
        lineTotal = end - start;
        return finish(buffer, start, end - start);
      }
      append(end);
      if (newline >= 0) {
        position = newline + 1;
        return finish(carry, 0, carryLength);
      }
      position = limit;
    }
  }

  private boolean finish(byte[] bytes, int offset, int length) {
    int trimmed = length;
    if (trimmed > 0 && lineTotal == length && bytes[offset + trimmed - 1] == '\r') {
      trimmed--;
      lineTotal--;
    }
    lineBytes = bytes;
    lineOffset = offset;
    lineLength = trimmed;
    lineNumber++;
    return true;
  }

  private void append(int end) {
    int length = end - position;
    int room = carry.length - carryLength;
    int copied = Math.min(room, length);
    System.arraycopy(buffer, position, carry, carryLength, copied);
    carryLength += copied;
    lineTotal += length;
  }

  /** The first {@code '\n'} from the position, or -1; eight bytes a step. */
  private int indexOfNewline() {
    byte[] bytes = buffer;
    int i = position;
    for (; i + Long.BYTES <= limit; i += Long.BYTES) {
      // A byte of x is 0 where the word holds '\n'; the lowest flagged byte is the first zero.
      long x = (long) WORDS.get(bytes, i) ^ NEWLINES;
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < limit; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean fill() throws IOException {
    if (in == null) {
      return false;
    }
    if (consumed >= maxBytes) {
      // At the budget: more input means the log is too long; none means it ended right here.
      stopped = in.read() >= 0;
      return false;
    }
    int want = (int) Math.min(buffer.length, maxBytes - consumed);
    int n = in.read(buffer, 0, want);
    while (n == 0) {
      n = in.read(buffer, 0, want);
    }
    if (n < 0) {
      return false;
    }
    consumed += n;
    position = 0;
    limit = n;
    return true;
  }

  /** Whether reading stopped at the byte budget with input left. */
  boolean stopped() {
    return stopped;
  }

  /** The current line's bytes; valid until the next call to {@link #next()}. */
  byte[] bytes() {
    return lineBytes;
  }

  int offset() {
    return lineOffset;
  }

  int length() {
    return lineLength;
  }

  /** The line's full length in bytes, also when only its beginning was kept. */
  long total() {
    return lineTotal;
  }

  /** Whether the line is longer than the limit (and so may not have been kept whole). */
  boolean isTooLong() {
    return lineTotal > maxLine;
  }

  /** The current line's number, from 1. */
  int number() {
    return lineNumber;
  }

  /** Whether the current line holds only JSON white space. */
  boolean isBlank() {
    for (int i = lineOffset; i < lineOffset + lineLength; i++) {
      byte b = lineBytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
