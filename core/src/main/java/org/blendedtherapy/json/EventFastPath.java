package org.blendedtherapy.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.protocol.Instrument;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The fast path for one event line: a streaming parser reads the object token by token straight
 * into an {@link Event}, checking everything the event schema and {@link EventMapper} check (keys
 * per type, no unknown or repeated keys, types, forms, ranges, lengths, instruments, zones). It
 * never explains: on the first thing it does not accept, or anything it is unsure of, it answers
 * {@code null} and the caller reads the line again through the full path (syntax, networknt,
 * meaning) that produces the issues. Building a tree and running the schema validator per line cost
 * about 11 µs an event, most of reading a log; valid lines are the common case, so they skip both.
 *
 * <p>A line in the plain form hosts write is first read by {@link EventLineScanner}, over its bytes
 * without a parser (creating a parser per line cost more than the rest of the event); it fills the
 * same {@link Fields} and shares the value checks, and leaves every other line to the parser.
 *
 * <p>The contract stays the schema: {@code EventReaderProperties} in the testkit checks that this
 * path accepts exactly the lines the full path accepts and gives equal events, and that every line
 * the scanner alone reads the full path reads alike, over valid events and mutants of them. Change
 * this class together with {@code event.schema.json} and {@link EventMapper}.
 *
 * <p>It uses the library's own factory ({@link JsonInput#FACTORY}) and so its limits. Stateless and
 * thread-safe.
 */
final class EventFastPath {
  // One bit per key the schema knows; the order is that of event.schema.json.
  private static final List<String> KEYS =
      List.of(
          "id",
          "type",
          "at",
          "session",
          "start",
          "by",
          "module",
          "order",
          "value",
          "instrument",
          "items",
          "total",
          "reminder",
          "policy",
          "zone",
          "migration");
  static final int ID = 0;
  static final int TYPE = 1;
  static final int AT = 2;
  static final int SESSION = 3;
  static final int START = 4;
  static final int BY = 5;
  static final int MODULE = 6;
  static final int ORDER = 7;
  static final int VALUE = 8;
  static final int INSTRUMENT = 9;
  static final int ITEMS = 10;
  static final int TOTAL = 11;
  static final int REMINDER = 12;
  static final int POLICY = 13;
  static final int ZONE = 14;
  static final int MIGRATION = 15;

  private static final Map<String, Integer> KEY_INDEX = new HashMap<>();
  private static final Map<String, EventType> TYPES = new HashMap<>();

  /** The schema's bounds, shared by both readers. */
  static final int ID_MAX = 200;

  static final int NAME_MAX = 64;
  static final int REMINDER_MAX = 512;
  static final int ORDER_MAX = 200;
  static final int ITEMS_MAX = 40;

  /**
   * Keys each type may carry, by the type's ordinal, from {@link EventMapper#fields}: one fact, one
   * computation.
   */
  private static final int[] ALLOWED = new int[EventType.values().length];

  /** Keys each type must carry, by ordinal: the schema's {@code required} and its {@code allOf}. */
  private static final int[] REQUIRED = new int[EventType.values().length];

  static {
    for (int i = 0; i < KEYS.size(); i++) {
      KEY_INDEX.put(KEYS.get(i), i);
    }
    int base = bit(ID) | bit(TYPE) | bit(AT);
    for (EventType type : EventType.values()) {
      TYPES.put(type.json(), type);
      int allowed = base;
      for (String field : EventMapper.fields(type)) {
        allowed |= bit(KEY_INDEX.get(field));
      }
      ALLOWED[type.ordinal()] = allowed;
      int optional = 0;
      if (type == EventType.MODULE_ASSIGNED) {
        optional = bit(SESSION);
      } else if (type == EventType.REMINDER_ACKNOWLEDGED || type == EventType.REMINDER_IGNORED) {
        optional = bit(POLICY);
      } else if (type == EventType.MEASURE_RECORDED) {
        // Exactly one of items and total, checked with the measure.
        optional = bit(ITEMS) | bit(TOTAL);
      }
      REQUIRED[type.ordinal()] = allowed & ~optional;
    }
  }

  /** Tells a value the fast path refuses from every accepted integer. */
  static final int REFUSED = Integer.MIN_VALUE;

  private EventFastPath() {}

  /** The schema's {@code ^[0-9a-f]{64}$}. */
  static boolean isSha256(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  static int bit(int key) {
    return 1 << key;
  }

  /**
   * Reads one line as an event when it is valid and plainly so.
   *
   * @return the event, exactly as the full path would map it; {@code null} when the full path must
   *     read the line (it may still accept it)
   */
  static @Nullable Event read(byte[] bytes, int offset, int length) {
    Event scanned = EventLineScanner.scan(bytes, offset, length);
    if (scanned != null) {
      return scanned;
    }
    if (JsonInput.checkText(bytes, offset, length, true).isPresent()) {
      return null;
    }
    try (JsonParser parser =
        JsonInput.FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Event event = new Fields().read(parser);
      return event == null || parser.nextToken() != null ? null : event;
    } catch (RuntimeException e) { // NOPMD
      // The fast path never decides that a line is wrong, and must never throw: anything it did
      // not expect (a limit, malformed JSON, a number or date it cannot take) goes to the full
      // path,
      // which explains it with the library's own issue.
      return null;
    }
  }

  /**
   * The values of one event as they are read, by this class's parser or by {@link
   * EventLineScanner}; {@link #complete} then checks the keys against the type and builds the
   * event.
   */
  static final class Fields {
    int seen;
    @Nullable String id;
    @Nullable EventType type;
    @Nullable Instant at;
    int session = REFUSED;
    @Nullable LocalDateTime start;
    Event.@Nullable CancelledBy by;
    @Nullable String module;
    @Nullable List<String> order;
    int value = REFUSED;
    @Nullable String instrument;
    @Nullable List<OptionalInt> items;
    int total = REFUSED;
    @Nullable String reminder;
    @Nullable String policy;
    @Nullable String migration;
    @Nullable ZoneId zone;

    @Nullable Event read(JsonParser parser) {
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
        Integer key = KEY_INDEX.get(parser.currentName());
        if (key == null || (seen & bit(key)) != 0) {
          return null;
        }
        seen |= bit(key);
        if (!value(key, parser, parser.nextToken())) {
          return null;
        }
      }
      return token == JsonToken.END_OBJECT ? complete() : null;
    }

    /**
     * The event, once every key is read: the type's required keys present and no other, then built;
     * null to refuse.
     */
    @Nullable Event complete() {
      EventType known = type;
      if (known == null) {
        return null;
      }
      int required = REQUIRED[known.ordinal()];
      if ((seen & required) != required || (seen & ~ALLOWED[known.ordinal()]) != 0) {
        return null;
      }
      return build(known);
    }

    /** Reads the value of one key, checking it as the schema does; false to refuse. */
    private boolean value(int key, JsonParser parser, JsonToken token) {
      switch (key) {
        case ID:
          id = string(parser, token, ID_MAX);
          return id != null;
        case TYPE:
          {
            String text = string(parser, token, Integer.MAX_VALUE);
            type = text == null ? null : TYPES.get(text);
            return type != null;
          }
        case AT:
          {
            String text = string(parser, token, Integer.MAX_VALUE);
            at = text == null ? null : instant(text);
            return at != null;
          }
        case SESSION:
          session = integer(parser, token, 1, 1000);
          return session != REFUSED;
        case START:
          {
            String text = string(parser, token, Integer.MAX_VALUE);
            start = text == null ? null : localDateTime(text);
            return start != null;
          }
        case BY:
          {
            String text = string(parser, token, Integer.MAX_VALUE);
            if ("client".equals(text)) {
              by = Event.CancelledBy.CLIENT;
            } else if ("service".equals(text)) {
              by = Event.CancelledBy.SERVICE;
            }
            return by != null;
          }
        case MODULE:
          module = identifier(parser, token);
          return module != null;
        case ORDER:
          order = order(parser, token);
          return order != null;
        case VALUE:
          value = integer(parser, token, 1, 10);
          return value != REFUSED;
        case INSTRUMENT:
          instrument = string(parser, token, NAME_MAX);
          return instrument != null;
        case ITEMS:
          items = items(parser, token);
          return items != null;
        case TOTAL:
          total = integer(parser, token, 0, 1000);
          return total != REFUSED;
        case REMINDER:
          reminder = string(parser, token, REMINDER_MAX);
          return reminder != null;
        case POLICY:
          policy = identifier(parser, token);
          return policy != null;
        case ZONE:
          {
            String text = string(parser, token, NAME_MAX);
            zone = text == null || !isZoneForm(text) ? null : EnrolmentMapper.knownZone(text);
            return zone != null;
          }
        case MIGRATION:
          {
            String text = string(parser, token, 64);
            migration = text != null && isSha256(text) ? text : null;
            return migration != null;
          }
        default:
          return false;
      }
    }

    /** Builds the event as {@link EventMapper#map} does, after the meaning checks of a measure. */
    private @Nullable Event build(EventType type) {
      String eventId = id;
      Instant instant = at;
      if (eventId == null || instant == null) {
        return null;
      }
      return switch (type) {
        case SESSION_SCHEDULED ->
            start == null ? null : new Event.SessionScheduled(eventId, instant, session, start);
        case SESSION_ATTENDED, SESSION_MISSED ->
            new Event.SessionEvent(eventId, type, instant, session);
        case SESSION_CANCELLED ->
            by == null ? null : new Event.SessionCancelled(eventId, instant, session, by);
        case MODULE_STARTED, MODULE_COMPLETED, MODULE_RELEASED, MODULE_SKIPPED, MODULE_REPEATED ->
            module == null ? null : new Event.ModuleEvent(eventId, type, instant, module);
        case MODULES_REORDERED ->
            order == null ? null : new Event.ModulesReordered(eventId, instant, order);
        case MODULE_ASSIGNED ->
            module == null
                ? null
                : new Event.ModuleAssigned(
                    eventId,
                    instant,
                    module,
                    session == REFUSED ? OptionalInt.empty() : OptionalInt.of(session));
        case MOOD_RATED -> new Event.MoodRated(eventId, instant, value);
        case MEASURE_RECORDED -> measure(eventId, instant);
        case REMINDER_ACKNOWLEDGED, REMINDER_IGNORED ->
            reminder == null
                ? null
                : new Event.ReminderEvent(
                    eventId, type, instant, reminder, Optional.ofNullable(policy));
        case REMINDER_OPTED_OUT, REMINDER_OPTED_IN ->
            policy == null ? null : new Event.PolicyEvent(eventId, type, instant, policy);
        case ZONE_CHANGED -> zone == null ? null : new Event.ZoneChanged(eventId, instant, zone);
        case PROTOCOL_MIGRATED ->
            migration == null ? null : new Event.ProtocolMigrated(eventId, instant, migration);
        case PAUSED, RESUMED, DISCHARGED -> new Event.Lifecycle(eventId, type, instant);
      };
    }

    /** The meaning layer's measure checks: one of items and total, fitting a known instrument. */
    private @Nullable Event measure(String eventId, Instant instant) {
      if (instrument == null || (items == null) == (total == REFUSED)) {
        return null;
      }
      Optional<Instrument> found = Instrument.fromJson(instrument);
      if (found.isEmpty()) {
        return null;
      }
      Instrument known = found.get();
      if (items != null) {
        if (items.size() != known.items()) {
          return null;
        }
        for (OptionalInt item : items) {
          if (item.isPresent() && item.getAsInt() > known.itemMax()) {
            return null;
          }
        }
        return new Event.MeasureRecorded(eventId, instant, known, items, OptionalInt.empty());
      }
      if (total > known.totalMax()) {
        return null;
      }
      return new Event.MeasureRecorded(eventId, instant, known, List.of(), OptionalInt.of(total));
    }
  }

  /** A string of 1 to {@code max} code points (the schema's minLength and maxLength), or null. */
  private static @Nullable String string(JsonParser parser, JsonToken token, int max) {
    if (token != JsonToken.VALUE_STRING) {
      return null;
    }
    String text = parser.getString();
    if (text.isEmpty() || JsonInput.loneSurrogate(text) >= 0 || JsonInput.hasControl(text)) {
      return null;
    }
    if (text.length() > max && text.codePointCount(0, text.length()) > max) {
      return null;
    }
    return text;
  }

  /** An id of the schema's {@code $defs/id}: {@code ^[a-z][a-z0-9-]*$}, at most 64 characters. */
  private static @Nullable String identifier(JsonParser parser, JsonToken token) {
    String text = string(parser, token, NAME_MAX);
    return text != null && isIdForm(text) ? text : null;
  }

  static boolean isIdForm(String text) {
    if (text.isEmpty() || text.charAt(0) < 'a' || text.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** The schema's zone form: {@code ^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$}. */
  static boolean isZoneForm(String text) {
    if (!isLetter(text.charAt(0))) {
      return false;
    }
    boolean afterSlash = false;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/') {
        if (afterSlash) {
          return false;
        }
        afterSlash = true;
      } else if (isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-') {
        afterSlash = false;
      } else {
        return false;
      }
    }
    return !afterSlash;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * An integer in {@code [min, max]}, or {@link #REFUSED}. A number with a fraction or exponent
   * counts when it is integral, as the syntax layer makes it an integer ({@code 1.0}, {@code 1e0}).
   */
  private static int integer(JsonParser parser, JsonToken token, int min, int max) {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() != JsonParser.NumberType.INT) {
        return REFUSED;
      }
      int n = parser.getIntValue();
      return n >= min && n <= max ? n : REFUSED;
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      BigDecimal decimal = parser.getDecimalValue();
      if (decimal.signum() != 0
          && (decimal.precision() - decimal.scale() > JsonInput.MAX_DIGITS
              || decimal.scale() - decimal.precision() > JsonInput.MAX_DIGITS)) {
        return REFUSED;
      }
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() > 0
          || stripped.compareTo(BigDecimal.valueOf(min)) < 0
          || stripped.compareTo(BigDecimal.valueOf(max)) > 0) {
        return REFUSED;
      }
      return stripped.intValue();
    }
    return REFUSED;
  }

  /** The schema's {@code order}: 1 to 200 distinct ids. */
  private static @Nullable List<String> order(JsonParser parser, JsonToken token) {
    if (token != JsonToken.START_ARRAY) {
      return null;
    }
    List<String> order = new ArrayList<>();
    JsonToken next;
    while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
      String id = identifier(parser, next);
      if (id == null || order.size() == ORDER_MAX || order.contains(id)) {
        return null;
      }
      order.add(id);
    }
    return order.isEmpty() ? null : order;
  }

  /** The schema's {@code items}: 1 to 40 integers 0 to 1000 or nulls. */
  private static @Nullable List<OptionalInt> items(JsonParser parser, JsonToken token) {
    if (token != JsonToken.START_ARRAY) {
      return null;
    }
    List<OptionalInt> items = new ArrayList<>();
    JsonToken next;
    while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (items.size() == ITEMS_MAX) {
        return null;
      }
      if (next == JsonToken.VALUE_NULL) {
        items.add(OptionalInt.empty());
      } else {
        int item = integer(parser, next, 0, 1000);
        if (item == REFUSED) {
          return null;
        }
        items.add(OptionalInt.of(item));
      }
    }
    return items.isEmpty() ? null : items;
  }

  /**
   * {@link #instant(byte[], int, int)} of a string, one byte a char: a char beyond Latin-1 becomes
   * {@code ?} and any beyond ASCII a byte above 127, neither of which the form accepts.
   */
  private static @Nullable Instant instant(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return instant(bytes, 0, bytes.length);
  }

  /** {@link #localDateTime(byte[], int, int)} of a string, as {@link #instant(String)}. */
  private static @Nullable LocalDateTime localDateTime(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return localDateTime(bytes, 0, bytes.length);
  }

  /**
   * The schema's instant form {@code uuuu-MM-ddTHH:mm:ssZ} with up to nine fraction digits, on a
   * date that exists (what {@link Instant#parse} then adds), or null: the {@code n} bytes from
   * {@code s}, ASCII. Parsed by hand: {@code Instant.parse} costs more than the rest of an event.
   */
  static @Nullable Instant instant(byte[] b, int s, int n) {
    if (n < 20 || n == 21 || n > 30 || b[s + n - 1] != 'Z' || b[s + 16] != ':') {
      return null;
    }
    // Bytes 0 to 15, "uuuu-MM-ddTHH:mm", as two words checked a word at a time.
    long date = (long) WORDS.get(b, s);
    long time = (long) WORDS.get(b, s + 8);
    if ((date & ~DATE_DIGITS) != DATE_PUNCTUATION
        || (time & ~TIME_DIGITS) != TIME_PUNCTUATION
        || !areDigits(date, DATE_DIGITS)
        || !areDigits(time, TIME_DIGITS)) {
      return null;
    }
    // Each digit's value in its byte; no byte borrows, as each is at least '0'.
    long d = (date & DATE_DIGITS) - (ZEROS & DATE_DIGITS);
    long t = (time & TIME_DIGITS) - (ZEROS & TIME_DIGITS);
    int year = digitAt(d, 0) * 1000 + digitAt(d, 1) * 100 + digitAt(d, 2) * 10 + digitAt(d, 3);
    int month = digitAt(d, 5) * 10 + digitAt(d, 6);
    int day = digitAt(t, 0) * 10 + digitAt(t, 1);
    int hour = digitAt(t, 3) * 10 + digitAt(t, 4);
    int minute = digitAt(t, 6) * 10 + digitAt(t, 7);
    int second = twoDigits(b, s + 17);
    if (month < 1
        || month > 12
        || day < 1
        || hour > 23
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (b[s + 19] != '.') {
        return null;
      }
      for (int i = 20; i < n - 1; i++) {
        int digit = digit(b[s + i]);
        if (digit < 0) {
          return null;
        }
        nanos = nanos * 10 + digit;
      }
      for (int i = n - 1; i < 29; i++) {
        nanos *= 10;
      }
    }
    // The supported years, as the schema path refuses the rest (out-of-range); a real date.
    if (year < SupportedRange.MIN_YEAR
        || year > SupportedRange.MAX_YEAR
        || day > 28 && day > lengthOfMonth(year, month)) {
      return null;
    }
    long seconds = epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The bytes of a little-endian word that must be digits in "uuuu-MM-", and the rest. */
  private static final long DATE_DIGITS = 0x00ffff00ffffffffL;

  private static final long DATE_PUNCTUATION = 0x2d00002d00000000L;

  /** The same for "ddTHH:mm". */
  private static final long TIME_DIGITS = 0xffff00ffff00ffffL;

  private static final long TIME_PUNCTUATION = 0x00003a0000540000L;
  private static final long ZEROS = 0x3030303030303030L;
  private static final long SIXES = 0x0606060606060606L;
  private static final long HIGH_NIBBLES = 0xf0f0f0f0f0f0f0f0L;

  /** Whether the bytes of {@code mask} in a word are all ASCII digits. */
  private static boolean areDigits(long word, long mask) {
    long w = word & mask;
    // A digit is 0x30 to 0x39: high nibble 3, and adding 6 keeps it 3 (no byte carries out).
    return (w & HIGH_NIBBLES) == (ZEROS & mask)
        && ((w + (SIXES & mask)) & HIGH_NIBBLES) == (ZEROS & mask);
  }

  /** Byte {@code i} of a little-endian word. */
  private static int digitAt(long word, int i) {
    return (int) (word >>> (i * 8)) & 0xff;
  }

  /** The days in a month (1 to 12) of a year, as {@link java.time.YearMonth#lengthOfMonth}. */
  static int lengthOfMonth(int year, int month) {
    switch (month) {
      case 2:
        return Year.isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /**
   * The day count from 1970-01-01 of a real date, as {@link LocalDate#toEpochDay}, without the
   * object: Howard Hinnant's {@code days_from_civil}, for years from 0 on.
   */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  /** The schema's local form {@code uuuu-MM-ddTHH:mm} on a date that exists, or null. */
  static @Nullable LocalDateTime localDateTime(byte[] b, int s, int n) {
    if (n != 16 || !isDateTime(b, s)) {
      return null;
    }
    LocalDate date = date(b, s);
    return date == null
        ? null
        : LocalDateTime.of(date, LocalTime.of(twoDigits(b, s + 11), twoDigits(b, s + 14)));
  }

  /**
   * Whether the 16 bytes from {@code s} are {@code dddd-MM-ddTHH:mm} within the pattern's ranges.
   */
  private static boolean isDateTime(byte[] b, int s) {
    for (int i = 0; i < 4; i++) {
      if (digit(b[s + i]) < 0) {
        return false;
      }
    }
    if (b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T') {
      return false;
    }
    if (b[s + 13] != ':') {
      return false;
    }
    int month = twoDigits(b, s + 5);
    int day = twoDigits(b, s + 8);
    int hour = twoDigits(b, s + 11);
    int minute = twoDigits(b, s + 14);
    return month >= 1
        && month <= 12
        && day >= 1
        && day <= 31
        && hour >= 0
        && hour <= 23
        && minute >= 0
        && minute <= 59;
  }

  private static int year(byte[] b, int s) {
    return digit(b[s]) * 1000 + digit(b[s + 1]) * 100 + digit(b[s + 2]) * 10 + digit(b[s + 3]);
  }

  /** The date of a checked form, or null when it does not exist (the 30th of February). */
  private static @Nullable LocalDate date(byte[] b, int s) {
    int year = year(b, s);
    // The supported years, as the schema path refuses the rest (out-of-range).
    if (year < SupportedRange.MIN_YEAR || year > SupportedRange.MAX_YEAR) {
      return null;
    }
    try {
      return LocalDate.of(year, twoDigits(b, s + 5), twoDigits(b, s + 8));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Two decimal digits at {@code i}, or -1. */
  private static int twoDigits(byte[] b, int i) {
    int x = digit(b[i]);
    int y = digit(b[i + 1]);
    return x < 0 || y < 0 ? -1 : x * 10 + y;
  }

  private static int digit(byte c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }
}
