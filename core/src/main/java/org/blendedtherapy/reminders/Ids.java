package org.blendedtherapy.reminders;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Builds reminder ids for one client: {@code CLIENTHASH.POLICY.uuuuMMddTHHmm[.ANCHOR]}. The client
 * hash is computed once; the time is written by hand, as a formatter per reminder would dominate
 * the cost of a reminder query.
 */
final class Ids {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String[] TWO = new String[100];

  static {
    for (int i = 0; i < 100; i++) {
      TWO[i] = "" + (char) ('0' + i / 10) + (char) ('0' + i % 10);
    }
  }

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

  /**
   * The start of a policy's ids, {@code CLIENTHASH.POLICY.}: followed by {@link #stamp} and {@link
   * #suffix}, the same text as {@link #id(String, LocalDateTime, String)} gives without an anchor.
   *
   * @param policy the policy id
   * @return the text
   */
  String prefix(String policy) {
    return client + "." + policy + ".";
  }

  /**
   * The date part of an id, {@code uuuuMMdd}, or empty for a year outside 1000 to 9999 (which ids
   * write through a formatter).
   *
   * @param date the date
   * @return the text, or empty
   */
  static String stamp(java.time.LocalDate date) {
    int year = date.getYear();
    if (year < 1000 || year > 9999) {
      return "";
    }
    return TWO[year / 100]
        + TWO[year % 100]
        + TWO[date.getMonthValue()]
        + TWO[date.getDayOfMonth()];
  }

  /**
   * The time part of an id, {@code THHmm}.
   *
   * @param time the time of day
   * @return the text
   */
  static String suffix(LocalTime time) {
    return "T" + TWO[time.getHour()] + TWO[time.getMinute()];
  }

  String id(String policy, LocalDateTime intended, String anchor) {
    int year = intended.getYear();
    if (year < 1000 || year > 9999) {
      StringBuilder out = new StringBuilder(40 + policy.length() + anchor.length());
      out.append(client).append('.').append(policy).append('.');
      out.append(ID_TIME.format(intended));
      if (!anchor.isEmpty()) {
        out.append('.').append(anchor);
      }
      return out.toString();
    }
    // One concatenation, every number from the table of two digits.
    String century = TWO[year / 100];
    String rest = TWO[year % 100];
    String month = TWO[intended.getMonthValue()];
    String day = TWO[intended.getDayOfMonth()];
    String hour = TWO[intended.getHour()];
    String minute = TWO[intended.getMinute()];
    return anchor.isEmpty()
        ? client + "." + policy + "." + century + rest + month + day + "T" + hour + minute
        : client + "." + policy + "." + century + rest + month + day + "T" + hour + minute + "."
            + anchor;
  }
}
