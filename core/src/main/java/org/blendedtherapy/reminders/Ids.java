package org.blendedtherapy.reminders;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Builds reminder ids for one client: {@code CLIENTHASH.POLICY.uuuuMMddTHHmm[.ANCHOR]}. The client
 * hash is computed once; the time is written by hand, as a formatter per reminder would dominate
 * the cost of a reminder query.
 */
final class Ids {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String client;

  Ids(String client) {
    this.client = hash(client);
  }

  /** A 64-bit FNV-1a hash of the client reference, as 16 lowercase hex digits. */
  static String hash(String client) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < client.length(); i++) {
      hash ^= client.charAt(i);
      hash *= 0x100000001b3L;
    }
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (hash & 0xf)];
      hash >>>= 4;
    }
    return new String(out);
  }

  String id(String policy, LocalDateTime intended, String anchor) {
    StringBuilder out = new StringBuilder(40 + policy.length() + anchor.length());
    out.append(client).append('.').append(policy).append('.');
    int year = intended.getYear();
    if (year < 1000 || year > 9999) {
      out.append(ID_TIME.format(intended));
    } else {
      out.append(year);
      two(out, intended.getMonthValue());
      two(out, intended.getDayOfMonth());
      out.append('T');
      two(out, intended.getHour());
      two(out, intended.getMinute());
    }
    if (!anchor.isEmpty()) {
      out.append('.').append(anchor);
    }
    return out.toString();
  }

  private static void two(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
