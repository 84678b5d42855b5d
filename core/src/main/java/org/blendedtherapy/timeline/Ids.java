package org.blendedtherapy.timeline;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ids of the events a compact or restored timeline no longer holds, each with the 32-bit
 * fingerprint of its event's content ({@link Timeline#fingerprint}): exact ids, so that an event is
 * known as a repeat or a conflict exactly as the history would know it (no id is ever mistaken for
 * another), and compact: sorted, and each id written as the length of the prefix it shares with the
 * id before it and the rest, one byte a character when every id is Latin-1 (two otherwise), or as
 * one byte when it is the id before it with its trailing decimal number one higher (same width); a
 * restart (a whole id) every {@value #BLOCK} ids allows a binary search. Sequential ids such as
 * {@code e-0000123} thus take about one byte each, plus four for the fingerprint.
 *
 * <p>Immutable and thread-safe.
 */
final class Ids {
  static final Ids NONE = of(new TreeMap<>());

  private static final int BLOCK = 32;

  private final byte[] text;
  private final boolean wide;
  private final int[] blocks;
  private final int[] fingerprints;
  private final int size;

  private Ids(byte[] text, boolean wide, int[] blocks, int[] fingerprints) {
    this.text = text;
    this.wide = wide;
    this.blocks = blocks;
    this.fingerprints = fingerprints;
    this.size = fingerprints.length;
  }

  /**
   * Builds the set.
   *
   * @param ids every id with its fingerprint, in id order
   * @return the set
   */
  static Ids of(TreeMap<String, Integer> ids) {
    boolean wide = false;
    for (String id : ids.keySet()) {
      for (int i = 0; i < id.length() && !wide; i++) {
        wide = id.charAt(i) > 0xff;
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int[] blocks = new int[(ids.size() + BLOCK - 1) / BLOCK];
    int[] fingerprints = new int[ids.size()];
    String previous = "";
    int n = 0;
    for (Map.Entry<String, Integer> e : ids.entrySet()) {
      String id = e.getKey();
      int shared = 0;
      if (n % BLOCK == 0) {
        blocks[n / BLOCK] = out.size();
      } else {
        char[] next = previous.toCharArray();
        if (increment(next, next.length) && id.contentEquals(java.nio.CharBuffer.wrap(next))) {
          // The successor of the id before: one byte.
          out.write(0);
          fingerprints[n++] = e.getValue();
          previous = id;
          continue;
        }
        int most = Math.min(previous.length(), id.length());
        while (shared < most && previous.charAt(shared) == id.charAt(shared)) {
          shared++;
        }
      }
      varint(out, shared + 1);
      varint(out, id.length() - shared);
      for (int i = shared; i < id.length(); i++) {
        char c = id.charAt(i);
        if (wide) {
          out.write(c >>> 8);
        }
        out.write(c);
      }
      fingerprints[n++] = e.getValue();
      previous = id;
    }
    return new Ids(out.toByteArray(), wide, blocks, fingerprints);
  }

  /**
   * Adds one to the decimal number an id ends with, in place, keeping its width.
   *
   * @return false when the id ends with no digit, or with nines only
   */
  private static boolean increment(char[] id, int length) {
    int i = length - 1;
    while (i >= 0 && id[i] == '9') {
      i--;
    }
    if (i < 0 || id[i] < '0' || id[i] > '8') {
      return false;
    }
    id[i]++;
    for (int j = i + 1; j < length; j++) {
      id[j] = '0';
    }
    return true;
  }

  private static void varint(java.io.ByteArrayOutputStream out, int value) {
    while (value >= 0x80) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  int size() {
    return size;
  }

  int fingerprint(int index) {
    return fingerprints[index];
  }

  /** A reader of the ids from the start of a block. */
  private final class Cursor {
    int at;
    char[] id = new char[16];
    int length;

    Cursor(int block) {
      at = blocks[block];
    }

    private int varint() {
      int value = 0;
      int shift = 0;
      while (true) {
        int b = text[at++] & 0xff;
        value |= (b & 0x7f) << shift;
        if (b < 0x80) {
          return value;
        }
        shift += 7;
      }
    }

    void next() {
      int code = varint();
      if (code == 0) {
        increment(id, length);
        return;
      }
      int shared = code - 1;
      int rest = varint();
      length = shared + rest;
      if (length > id.length) {
        id = Arrays.copyOf(id, Math.max(length, id.length * 2));
      }
      for (int i = shared; i < length; i++) {
        int c = text[at++] & 0xff;
        if (wide) {
          c = c << 8 | (text[at++] & 0xff);
        }
        id[i] = (char) c;
      }
    }

    /** Compares the id read last with another, as {@link String#compareTo} does. */
    int compareTo(String other) {
      int most = Math.min(length, other.length());
      for (int i = 0; i < most; i++) {
        int c = id[i] - other.charAt(i);
        if (c != 0) {
          return c;
        }
      }
      return length - other.length();
    }
  }

  /**
   * Finds an id. O(log n) blocks, then at most one block read.
   *
   * @param id the id
   * @return its index, or -1
   */
  int find(String id) {
    if (size == 0) {
      return -1;
    }
    int low = 0;
    int high = blocks.length - 1;
    // The last block whose first id is at or before the id.
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      Cursor first = new Cursor(mid);
      first.next();
      if (first.compareTo(id) <= 0) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    Cursor cursor = new Cursor(low);
    int end = Math.min(size, (low + 1) * BLOCK);
    for (int i = low * BLOCK; i < end; i++) {
      cursor.next();
      int c = cursor.compareTo(id);
      if (c == 0) {
        return i;
      }
      if (c > 0) {
        return -1;
      }
    }
    return -1;
  }

  /** Every id with its fingerprint, in id order. */
  TreeMap<String, Integer> toMap() {
    TreeMap<String, Integer> out = new TreeMap<>();
    for (int block = 0; block < blocks.length; block++) {
      Cursor cursor = new Cursor(block);
      int end = Math.min(size, (block + 1) * BLOCK);
      for (int i = block * BLOCK; i < end; i++) {
        cursor.next();
        out.put(new String(cursor.id, 0, cursor.length), fingerprints[i]);
      }
    }
    return out;
  }
}
