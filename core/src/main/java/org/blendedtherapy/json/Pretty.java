package org.blendedtherapy.json;

import java.lang.ref.SoftReference;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.blendedtherapy.plan.Times;
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

  /**
   * Writes the same text as {@link #write} would for the tree of the same calls, straight into a
   * buffer: no tree, no generator. Objects and arrays open with {@link #beginObject}/{@link
   * #beginArray} and close with {@link #end}; inside an object every value follows a {@link #name}.
   * Strings are escaped as Jackson escapes them ({@code "}, {@code \}, and control characters:
   * {@code \b \t \n \f \r}, the others as {@code \}{@code u00XX}); doubles are {@code
   * Double.toString}, quoted when not finite. Not thread-safe; one per document, ended by {@link
   * #text()}.
   *
   * <p>The buffer of a finished document is kept for the thread's next one (softly, and only up to
   * {@value #KEEP} chars): a document the size of a state then costs no fresh zeroed buffer.
   */
  static final class Writer {
    private static final int MAX_DEPTH = 64;
    private static final int KEEP = 1 << 18;
    private static final ThreadLocal<SoftReference<char[]>> SPARE = new ThreadLocal<>();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    // A line end and the deepest indentation: every indentation is a prefix of it.
    private static final char[] INDENT = ("\n" + "  ".repeat(MAX_DEPTH)).toCharArray();

    private char[] buf;
    private int len;
    // Per open container: whether it holds an entry yet; and whether it is an object.
    private final boolean[] filled = new boolean[MAX_DEPTH];
    private final boolean[] object = new boolean[MAX_DEPTH];
    private int depth;
    // Whether a name was just written, so the value follows it on the same line.
    private boolean named;

    Writer(int capacity) {
      SoftReference<char[]> ref = SPARE.get();
      char[] spare = ref == null ? null : ref.get();
      if (spare != null && spare.length >= capacity) {
        SPARE.remove();
        buf = spare;
      } else {
        buf = new char[Math.max(capacity, 16)];
      }
    }

    /** Makes room for {@code more} chars. */
    private void room(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }

    private void put(char c) {
      room(1);
      buf[len++] = c;
    }

    Writer beginObject() {
      open(true);
      put('{');
      return this;
    }

    Writer beginArray() {
      open(false);
      put('[');
      return this;
    }

    private void open(boolean isObject) {
      before();
      if (depth == MAX_DEPTH) {
        throw new IllegalStateException("nested deeper than " + MAX_DEPTH);
      }
      filled[depth] = false;
      object[depth] = isObject;
      depth++;
    }

    Writer end() {
      depth--;
      if (filled[depth]) {
        newline(depth);
      } else {
        put(' ');
      }
      put(object[depth] ? '}' : ']');
      return this;
    }

    Writer name(String name) {
      entry();
      string(name);
      room(3);
      buf[len++] = ' ';
      buf[len++] = ':';
      buf[len++] = ' ';
      named = true;
      return this;
    }

    /** Where a value starts: after its name in an object, or on its own line in an array. */
    private void before() {
      if (named) {
        named = false;
      } else if (depth > 0) {
        entry();
      }
    }

    private void entry() {
      int top = depth - 1;
      if (filled[top]) {
        put(',');
      } else {
        filled[top] = true;
      }
      newline(depth);
    }

    private void newline(int level) {
      int n = 1 + 2 * level;
      room(n);
      System.arraycopy(INDENT, 0, buf, len, n);
      len += n;
    }

    Writer value(String text) {
      before();
      string(text);
      return this;
    }

    Writer value(int number) {
      before();
      if (number == Integer.MIN_VALUE) {
        raw(Integer.toString(number));
        return this;
      }
      room(11);
      if (number < 0) {
        buf[len++] = '-';
        number = -number;
      }
      int digits = 1;
      for (int rest = number / 10; rest > 0; rest /= 10) {
        digits++;
      }
      for (int i = len + digits - 1; i >= len; i--) {
        buf[i] = (char) ('0' + number % 10);
        number /= 10;
      }
      len += digits;
      return this;
    }

    Writer value(boolean flag) {
      before();
      raw(flag ? "true" : "false");
      return this;
    }

    Writer value(double number) {
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        return value(Double.toString(number));
      }
      before();
      raw(Double.toString(number));
      return this;
    }

    /** A number already written as text (such as {@code Double.toString} of a finite double). */
    Writer number(String text) {
      before();
      raw(text);
      return this;
    }

    Writer nullValue() {
      before();
      raw("null");
      return this;
    }

    /** An instant as {@link Instant#toString()} writes it. */
    Writer value(Instant instant) {
      before();
      if (!DateText.fits(instant)) {
        return string(instant.toString());
      }
      room(32);
      buf[len++] = '"';
      len = DateText.instant(buf, len, instant);
      buf[len++] = '"';
      return this;
    }

    /** A local date-time as {@code uuuu-MM-dd'T'HH:mm}. */
    Writer value(LocalDateTime local) {
      before();
      if (!DateText.fits(local.getYear())) {
        return string(Times.format(local));
      }
      room(18);
      buf[len++] = '"';
      len = DateText.date(buf, len, local.getYear(), local.getMonthValue(), local.getDayOfMonth());
      buf[len++] = 'T';
      len = DateText.two(buf, len, local.getHour());
      buf[len++] = ':';
      len = DateText.two(buf, len, local.getMinute());
      buf[len++] = '"';
      return this;
    }

    /** A date as {@link LocalDate#toString()} writes it. */
    Writer value(LocalDate date) {
      before();
      if (!DateText.fits(date.getYear())) {
        return string(date.toString());
      }
      room(12);
      buf[len++] = '"';
      len = DateText.date(buf, len, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
      buf[len++] = '"';
      return this;
    }

    /** Text that needs no escaping. */
    private void raw(String text) {
      int n = text.length();
      room(n);
      text.getChars(0, n, buf, len);
      len += n;
    }

    private Writer string(String text) {
      int n = text.length();
      room(n + 2);
      char[] b = buf;
      int at = len;
      b[at++] = '"';
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          len = at;
          escape(text, i);
          return this;
        }
        b[at++] = c;
      }
      b[at++] = '"';
      len = at;
      return this;
    }

    private void escape(String text, int from) {
      int n = text.length();
      for (int i = from; i < n; i++) {
        char c = text.charAt(i);
        room(7);
        if (c >= 0x20 && c != '"' && c != '\\') {
          buf[len++] = c;
          continue;
        }
        buf[len++] = '\\';
        switch (c) {
          case '"' -> buf[len++] = '"';
          case '\\' -> buf[len++] = '\\';
          case '\b' -> buf[len++] = 'b';
          case '\t' -> buf[len++] = 't';
          case '\n' -> buf[len++] = 'n';
          case '\f' -> buf[len++] = 'f';
          case '\r' -> buf[len++] = 'r';
          default -> {
            buf[len++] = 'u';
            buf[len++] = '0';
            buf[len++] = '0';
            buf[len++] = HEX[c >> 4];
            buf[len++] = HEX[c & 0xF];
          }
        }
      }
      put('"');
    }

    /**
     * Ends the document.
     *
     * @return its text
     */
    String text() {
      String text = new String(buf, 0, len);
      if (buf.length <= KEEP) {
        SPARE.set(new SoftReference<>(buf));
      }
      buf = null;
      return text;
    }
  }

  /**
   * Dates and times as java.time prints them, without a formatter: years 0 to 9999 by arithmetic,
   * any other through java.time itself.
   */
  static final class DateText {
    private static final long SECONDS_PER_DAY = 86_400;
    // 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_800L;

    private DateText() {}

    /** Whether an instant falls in the years written here: 0 to 9999. */
    static boolean fits(Instant instant) {
      long seconds = instant.getEpochSecond();
      return seconds >= MIN_SECOND && seconds < MAX_SECOND;
    }

    /** Whether a year is written here: 0 to 9999. */
    static boolean fits(int year) {
      return year >= 0 && year <= 9999;
    }

    /**
     * Writes {@link Instant#toString()} of an instant that {@link #fits} at {@code at} (room for 30
     * chars); returns the end.
     */
    static int instant(char[] buf, int at, Instant instant) {
      long seconds = instant.getEpochSecond();
      long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
      int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
      // Civil from days (H. Hinnant): eras of 400 years that start on 0000-03-01.
      long z = days + 719_468;
      long era = Math.floorDiv(z, 146_097);
      long doe = z - era * 146_097;
      long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
      long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      long mp = (5 * doy + 2) / 153;
      int day = (int) (doy - (153 * mp + 2) / 5 + 1);
      int month = (int) (mp < 10 ? mp + 3 : mp - 9);
      int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
      int i = date(buf, at, year, month, day);
      buf[i++] = 'T';
      i = two(buf, i, secondOfDay / 3600);
      buf[i++] = ':';
      i = two(buf, i, secondOfDay / 60 % 60);
      buf[i++] = ':';
      i = two(buf, i, secondOfDay % 60);
      int nano = instant.getNano();
      if (nano != 0) {
        buf[i++] = '.';
        if (nano % 1_000_000 == 0) {
          i = digits(buf, i, nano / 1_000_000, 3);
        } else if (nano % 1000 == 0) {
          i = digits(buf, i, nano / 1000, 6);
        } else {
          i = digits(buf, i, nano, 9);
        }
      }
      buf[i++] = 'Z';
      return i;
    }

    /** Writes {@code uuuu-MM-dd} for a year from 0 to 9999; returns the end. */
    static int date(char[] buf, int at, int year, int month, int day) {
      int i = digits(buf, at, year, 4);
      buf[i++] = '-';
      i = two(buf, i, month);
      buf[i++] = '-';
      return two(buf, i, day);
    }

    static int two(char[] buf, int at, int value) {
      buf[at] = (char) ('0' + value / 10);
      buf[at + 1] = (char) ('0' + value % 10);
      return at + 2;
    }

    private static int digits(char[] buf, int at, int value, int width) {
      for (int i = at + width - 1; i >= at; i--) {
        buf[i] = (char) ('0' + value % 10);
        value /= 10;
      }
      return at + width;
    }
  }
}
