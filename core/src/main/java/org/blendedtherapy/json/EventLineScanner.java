package org.blendedtherapy.json;

import static org.blendedtherapy.json.EventFastPath.AT;
import static org.blendedtherapy.json.EventFastPath.BY;
import static org.blendedtherapy.json.EventFastPath.ID;
import static org.blendedtherapy.json.EventFastPath.ID_MAX;
import static org.blendedtherapy.json.EventFastPath.INSTRUMENT;
import static org.blendedtherapy.json.EventFastPath.ITEMS;
import static org.blendedtherapy.json.EventFastPath.ITEMS_MAX;
import static org.blendedtherapy.json.EventFastPath.MODULE;
import static org.blendedtherapy.json.EventFastPath.NAME_MAX;
import static org.blendedtherapy.json.EventFastPath.ORDER;
import static org.blendedtherapy.json.EventFastPath.ORDER_MAX;
import static org.blendedtherapy.json.EventFastPath.POLICY;
import static org.blendedtherapy.json.EventFastPath.REFUSED;
import static org.blendedtherapy.json.EventFastPath.REMINDER;
import static org.blendedtherapy.json.EventFastPath.REMINDER_MAX;
import static org.blendedtherapy.json.EventFastPath.SESSION;
import static org.blendedtherapy.json.EventFastPath.START;
import static org.blendedtherapy.json.EventFastPath.TOTAL;
import static org.blendedtherapy.json.EventFastPath.TYPE;
import static org.blendedtherapy.json.EventFastPath.VALUE;
import static org.blendedtherapy.json.EventFastPath.ZONE;
import static org.blendedtherapy.json.EventFastPath.bit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.jspecify.annotations.Nullable;

/**
 * The first reader of an event line: a hand-written scanner over the line's bytes for the plain
 * form hosts write, one JSON object whose strings are printable ASCII without escapes and whose
 * numbers are small non-negative integers without fraction or exponent, white space anywhere JSON
 * allows it. It fills the same {@link EventFastPath.Fields} as the streaming parser and checks
 * values with the same code, so an event it reads is the event the parser would read; it never
 * refuses a line: anything else (an escape, a byte beyond ASCII, a decimal, a key it does not know,
 * a repeated key, malformed JSON, an invalid value) answers {@code null}, and {@link EventFastPath}
 * reads the line with the streaming parser, which decides. A parser per line costs more than the
 * rest of an event (recycled buffers, a symbol table, token objects), so the common line skips it.
 *
 * <p>An accepted line holds only ASCII without NUL, so the caller need not check its encoding. The
 * differential property ({@code EventReaderProperties}) checks this reader alone and through the
 * fast path against the schema path. Not thread-safe: one instance reads one line.
 */
final class EventLineScanner {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
  private static final long SPACES = 0x2020202020202020L;

  /** {@code MASKS[n]}: the low {@code n} bytes of a word, for {@code n} below 8. */
  private static final long[] MASKS = {
    0L, 0xffL, 0xffffL, 0xffffffL, 0xffffffffL, 0xffffffffffL, 0xffffffffffffL, 0xffffffffffffffL
  };

  /**
   * A name this reader knows (a key, an event type, a cancelling party), compared eight bytes at a
   * time: its first eight bytes (masked to its length when shorter), bytes 8 to 16 when longer than
   * 16, and its last eight; together they cover every name up to 24 bytes, and none is longer.
   */
  private static final class Name {
    final byte[] bytes;
    final int value;
    final long first;
    final long middle;
    final long last;

    /** The bytes of {@link #first} that hold the name. */
    final long mask;

    /** The bytes a word-at-a-time comparison reads: at least a word. */
    final int span;

    Name(String text, int value) {
      this.bytes = text.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length > 24) {
        throw new IllegalStateException("a name longer than 24 bytes");
      }
      this.value = value;
      byte[] padded = Arrays.copyOf(bytes, Math.max(bytes.length, 16));
      this.first = (long) WORDS.get(padded, 0);
      this.middle = (long) WORDS.get(padded, 8);
      this.last = (long) WORDS.get(padded, Math.max(0, bytes.length - 8));
      this.mask = bytes.length < 8 ? MASKS[bytes.length] : -1L;
      this.span = Math.max(bytes.length, 8);
    }
  }

  /** The keys by length; a key's value is its index in {@link EventFastPath}'s bits. */
  private static final Name[][] KEYS =
      byLength(
          new Name("id", ID),
          new Name("type", TYPE),
          new Name("at", AT),
          new Name("session", SESSION),
          new Name("start", START),
          new Name("by", BY),
          new Name("module", MODULE),
          new Name("order", ORDER),
          new Name("value", VALUE),
          new Name("instrument", INSTRUMENT),
          new Name("items", ITEMS),
          new Name("total", TOTAL),
          new Name("reminder", REMINDER),
          new Name("policy", POLICY),
          new Name("zone", ZONE));

  /** The keys with their closing quote and colon, by first letter. */
  private static final Name[][] KEYS_BY_LETTER = byFirstLetter(KEYS);

  private static final EventType[] TYPE_VALUES = EventType.values();

  /** The event types by length; a type's value is its ordinal. */
  private static final Name[][] TYPES =
      byLength(
          Arrays.stream(TYPE_VALUES)
              .map(type -> new Name(type.json(), type.ordinal()))
              .toArray(Name[]::new));

  private static final Name[][] PARTIES =
      byLength(
          new Name("client", Event.CancelledBy.CLIENT.ordinal()),
          new Name("service", Event.CancelledBy.SERVICE.ordinal()));

  private static final Event.CancelledBy[] PARTY_VALUES = Event.CancelledBy.values();

  private static Name[][] byFirstLetter(Name[][] byLength) {
    Name[][] table = new Name[256][];
    for (Name[] names : byLength) {
      for (Name name : names == null ? new Name[0] : names) {
        Name colon =
            new Name(new String(name.bytes, StandardCharsets.US_ASCII) + "\":", name.value);
        int letter = colon.bytes[0] & 0xff;
        Name[] old = table[letter] == null ? new Name[0] : table[letter];
        Name[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = colon;
        table[letter] = grown;
      }
    }
    return table;
  }

  private static Name[][] byLength(Name... names) {
    Name[][] table = new Name[25][];
    for (Name name : names) {
      int n = name.bytes.length;
      Name[] old = table[n] == null ? new Name[0] : table[n];
      Name[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = name;
      table[n] = grown;
    }
    return table;
  }

  private final byte[] b;
  private final int end;
  private int p;

  // The bounds of the last string read: [start, stop).
  private int start;
  private int stop;

  private final EventFastPath.Fields fields = new EventFastPath.Fields();

  private EventLineScanner(byte[] bytes, int offset, int length) {
    this.b = bytes;
    this.p = offset;
    this.end = offset + length;
  }

  /**
   * Reads one line in the plain form.
   *
   * @return the event; null when the line is not in the plain form or not valid
   */
  static @Nullable Event scan(byte[] bytes, int offset, int length) {
    if (length > EventsJson.MAX_LINE_BYTES) {
      // The parser's document limits are far above a line; beyond one, let it decide.
      return null;
    }
    return new EventLineScanner(bytes, offset, length).event();
  }

  private @Nullable Event event() {
    skipSpace();
    if (!take('{')) {
      return null;
    }
    while (true) {
      skipSpace();
      int key = key();
      if (key < 0 || (fields.seen & bit(key)) != 0) {
        return null;
      }
      fields.seen |= bit(key);
      skipSpace();
      if (!value(key)) {
        return null;
      }
      skipSpace();
      if (p == end) {
        return null;
      }
      byte c = b[p++];
      if (c == '}') {
        break;
      }
      if (c != ',') {
        return null;
      }
    }
    skipSpace();
    return p == end ? fields.complete() : null;
  }

  /** Reads the value of one key, checking it as the parser's reader does; false to give up. */
  private boolean value(int key) {
    EventFastPath.Fields f = fields;
    switch (key) {
      case ID:
        f.id = text(ID_MAX);
        return f.id != null;
      case TYPE:
        {
          int type = string(Integer.MAX_VALUE) ? name(TYPES) : -1;
          f.type = type < 0 ? null : TYPE_VALUES[type];
          return f.type != null;
        }
      case AT:
        f.at = string(Integer.MAX_VALUE) ? EventFastPath.instant(b, start, stop - start) : null;
        return f.at != null;
      case SESSION:
        f.session = integer(1, 1000);
        return f.session != REFUSED;
      case START:
        f.start =
            string(Integer.MAX_VALUE) ? EventFastPath.localDateTime(b, start, stop - start) : null;
        return f.start != null;
      case BY:
        {
          int party = string(Integer.MAX_VALUE) ? name(PARTIES) : -1;
          f.by = party < 0 ? null : PARTY_VALUES[party];
          return f.by != null;
        }
      case MODULE:
        f.module = identifier();
        return f.module != null;
      case ORDER:
        f.order = order();
        return f.order != null;
      case VALUE:
        f.value = integer(1, 10);
        return f.value != REFUSED;
      case INSTRUMENT:
        f.instrument = text(NAME_MAX);
        return f.instrument != null;
      case ITEMS:
        f.items = items();
        return f.items != null;
      case TOTAL:
        f.total = integer(0, 1000);
        return f.total != REFUSED;
      case REMINDER:
        f.reminder = text(REMINDER_MAX);
        return f.reminder != null;
      case POLICY:
        f.policy = identifier();
        return f.policy != null;
      case ZONE:
        {
          String text = text(NAME_MAX);
          f.zone =
              text == null || !EventFastPath.isZoneForm(text)
                  ? null
                  : EnrolmentMapper.knownZone(text);
          return f.zone != null;
        }
      default:
        return false;
    }
  }

  private void skipSpace() {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      p++;
    }
  }

  private boolean take(char c) {
    if (p < end && b[p] == c) {
      p++;
      return true;
    }
    return false;
  }

  /** A key this reader knows, as its index in {@link EventFastPath}'s bits, or -1. */
  /**
   * A key this reader knows and the colon after it, as the key's index in {@link EventFastPath}'s
   * bits, or -1. A key written as hosts write it, {@code "id":}, is matched with its quote and
   * colon a word at a time, chosen by its first letter; any other (white space before the colon) is
   * read as a string and then looked up.
   */
  private int key() {
    int s = p + 1;
    if (s + Long.BYTES <= end && b[p] == '"') {
      long first = (long) WORDS.get(b, s);
      Name[] candidates = KEYS_BY_LETTER[(int) first & 0xff];
      if (candidates != null) {
        for (Name key : candidates) {
          if (s + key.span <= end
              && (first & key.mask) == key.first
              && (key.bytes.length <= Long.BYTES
                  || (long) WORDS.get(b, s + key.bytes.length - Long.BYTES) == key.last)) {
            p = s + key.bytes.length;
            return key.value;
          }
        }
      }
    }
    if (!string(Integer.MAX_VALUE)) {
      return -1;
    }
    int key = name(KEYS);
    skipSpace();
    return key >= 0 && take(':') ? key : -1;
  }

  /** The last string read as one of the names of a table, as that name's value, or -1. */
  private int name(Name[][] table) {
    int n = stop - start;
    if (n >= table.length || table[n] == null) {
      return -1;
    }
    for (Name name : table[n]) {
      if (is(name)) {
        return name.value;
      }
    }
    return -1;
  }

  /** Whether the last string read, of the name's length, is that name. */
  private boolean is(Name name) {
    int n = stop - start;
    if (start + Long.BYTES > end) {
      // Too near the end of the line to read a word (a line that is not a whole event).
      return Arrays.equals(name.bytes, 0, n, b, start, stop);
    }
    long first = (long) WORDS.get(b, start);
    if (n < Long.BYTES) {
      return (first & MASKS[n]) == name.first;
    }
    return first == name.first
        && (n <= 2 * Long.BYTES || (long) WORDS.get(b, start + Long.BYTES) == name.middle)
        && (long) WORDS.get(b, stop - Long.BYTES) == name.last;
  }

  /**
   * A string of 1 to {@code max} printable ASCII characters without escapes (so as many code points
   * as bytes), its bounds left in {@link #start} and {@link #stop}; false for anything else.
   */
  private boolean string(int max) {
    if (p == end || b[p] != '"') {
      return false;
    }
    int s = p + 1;
    int i = s;
    // Eight bytes a step up to the first byte that is not plain; the lowest flag is exact.
    while (i + Long.BYTES <= end) {
      long special = special((long) WORDS.get(b, i));
      if (special != 0) {
        i += Long.numberOfTrailingZeros(special) >>> 3;
        break;
      }
      i += Long.BYTES;
    }
    while (true) {
      if (i == end) {
        return false;
      }
      byte c = b[i];
      if (c == '"') {
        break;
      }
      // A control character, an escape, DEL or a byte beyond ASCII (negative): the parser's.
      if (c < 0x20 || c == '\\' || c == 0x7f) {
        return false;
      }
      i++;
    }
    if (i == s || i - s > max) {
      return false;
    }
    start = s;
    stop = i;
    p = i + 1;
    return true;
  }

  /**
   * Flags (high bit of the byte) every byte of a little-endian word that is a quote, a backslash,
   * below 0x20 or at least 0x7f, and maybe some bytes above a flagged one (borrows and carries run
   * upwards), never one below: so the lowest flag is the first byte that ends a plain run.
   */
  private static long special(long w) {
    long quote = w ^ QUOTES;
    long backslash = w ^ BACKSLASHES;
    return ((quote - ONES) & ~quote
            | (backslash - ONES) & ~backslash
            | (w - SPACES) & ~w
            | w
            | (w + ONES))
        & HIGHS;
  }

  /** A string as {@link #string} reads it, as text, or null. */
  private @Nullable String text(int max) {
    return string(max) ? new String(b, start, stop - start, StandardCharsets.ISO_8859_1) : null;
  }

  /** The schema's {@code $defs/id}, or null. */
  private @Nullable String identifier() {
    String text = text(NAME_MAX);
    return text != null && EventFastPath.isIdForm(text) ? text : null;
  }

  /**
   * An integer in {@code [min, max]} written as plain digits (no sign, fraction or exponent, at
   * most four digits, no leading zero), or {@link EventFastPath#REFUSED}; whatever follows is left
   * to the caller, who accepts only white space or a separator.
   */
  private int integer(int min, int max) {
    if (p == end) {
      return REFUSED;
    }
    int n = b[p] - '0';
    if (n < 0 || n > 9) {
      return REFUSED;
    }
    int i = p + 1;
    if (n != 0) {
      while (i < end) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        if (i - p == 4) {
          return REFUSED;
        }
        n = n * 10 + d;
        i++;
      }
    }
    if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E' || (b[i] >= '0' && b[i] <= '9'))) {
      return REFUSED;
    }
    if (n < min || n > max) {
      return REFUSED;
    }
    p = i;
    return n;
  }

  /** Moves past the separator after an array element: true after a comma, false at the end. */
  private int separator() {
    skipSpace();
    if (p == end) {
      return -1;
    }
    byte c = b[p++];
    return c == ',' ? 1 : c == ']' ? 0 : -1;
  }

  /** The schema's {@code order}: 1 to 200 distinct ids, or null. */
  private @Nullable List<String> order() {
    if (!take('[')) {
      return null;
    }
    List<String> order = new ArrayList<>();
    while (true) {
      skipSpace();
      String id = identifier();
      if (id == null || order.size() == ORDER_MAX || order.contains(id)) {
        return null;
      }
      order.add(id);
      int next = separator();
      if (next < 0) {
        return null;
      }
      if (next == 0) {
        return order;
      }
    }
  }

  /** The schema's {@code items}: 1 to 40 integers 0 to 1000 or nulls, or null. */
  private @Nullable List<OptionalInt> items() {
    if (!take('[')) {
      return null;
    }
    List<OptionalInt> items = new ArrayList<>();
    while (true) {
      skipSpace();
      if (items.size() == ITEMS_MAX) {
        return null;
      }
      if (end - p >= 4 && b[p] == 'n' && b[p + 1] == 'u' && b[p + 2] == 'l' && b[p + 3] == 'l') {
        p += 4;
        items.add(OptionalInt.empty());
      } else {
        int item = integer(0, 1000);
        if (item == REFUSED) {
          return null;
        }
        items.add(OptionalInt.of(item));
      }
      int next = separator();
      if (next < 0) {
        return null;
      }
      if (next == 0) {
        return items;
      }
    }
  }
}
