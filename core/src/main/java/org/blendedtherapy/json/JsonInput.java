package org.blendedtherapy.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The syntax layer: reads bytes into a tree with one streaming parser, under the limits of the
 * design (size, depth, string length, tokens), reporting duplicate keys, malformed and truncated
 * input with the pointer and line where it happened.
 */
final class JsonInput {
  static final int MAX_BYTES = 2 * 1024 * 1024;
  static final int MAX_DEPTH = 64;
  static final int MAX_STRING = 100_000;
  static final int MAX_TOKENS = 500_000;
  static final int MAX_DIGITS = 100;

  /** The library's own factory; limits are set here, never globally. */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_STRING)
                  .maxNameLength(MAX_STRING)
                  .maxTokenCount(MAX_TOKENS)
                  .maxDocumentLength(MAX_BYTES)
                  .maxNumberLength(MAX_DIGITS)
                  .build())
          .build();

  /**
   * The factory of this layer. Depth and tokens are left to the parser (a {@link
   * StreamConstraintsException} then means one of those two, told apart by the parser's state,
   * never by its message); strings, keys and numbers are measured here, so their issues come from
   * our own checks, and the parser's bounds for them are only the document's size.
   */
  private static final JsonFactory READER =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_BYTES)
                  .maxNameLength(MAX_BYTES)
                  .maxTokenCount(MAX_TOKENS)
                  .maxDocumentLength(MAX_BYTES)
                  .maxNumberLength(MAX_BYTES)
                  .build())
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A tree, or the issues that kept one from being built (and duplicate keys, which do not). */
  record Parsed(Optional<JsonNode> tree, List<Issue> issues) {}

  private final boolean quoteValues;
  private final List<Issue> issues = new ArrayList<>();

  /**
   * Whether this reads one line of a JSON Lines input: the caller names the line, so positions in
   * messages are columns only.
   */
  private boolean lineMode;

  /**
   * @param quoteValues whether messages may quote the document's text (protocols: yes; enrolments
   *     and events: no, they may hold health data)
   */
  JsonInput(boolean quoteValues) {
    this.quoteValues = quoteValues;
  }

  Parsed parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return fail(
          Issue.error(
              IssueCode.TOO_LARGE,
              "",
              "document is larger than the limit of " + MAX_BYTES + " bytes (2 MiB)"));
    }
    Optional<Issue> encoding = checkText(bytes);
    if (encoding.isPresent()) {
      return fail(encoding.get());
    }
    if (isBlank(bytes)) {
      return fail(Issue.error(IssueCode.EMPTY, "", "empty document; expected a JSON object"));
    }
    return tree(
        bytes,
        0,
        bytes.length,
        "unexpected content after the document at ",
        "; expected the end of input");
  }

  /**
   * The JSON Lines entry point: parses one line of a log, {@code length} bytes from {@code offset},
   * with the same limits, tree and duplicate-key checks as {@link #parse}. The caller has already
   * skipped blank lines and enforced the line and event limits, and names the line in its messages;
   * positions here are columns within the line. An instance reads one line.
   */
  Parsed parseLine(byte[] bytes, int offset, int length) {
    lineMode = true;
    Optional<Issue> encoding = checkText(bytes, offset, length, true);
    if (encoding.isPresent()) {
      return fail(encoding.get());
    }
    return tree(
        bytes, offset, length, "a second JSON value at ", "; expected one JSON object per line");
  }

  /** Reads one JSON value from a slice with one streaming parser, under the limits. */
  private Parsed tree(byte[] bytes, int offset, int length, String extra, String expected) {
    try (JsonParser parser =
        READER.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
      try {
        parser.nextToken();
        JsonNode root = read(parser);
        if (parser.nextToken() != null) {
          issues.add(Issue.error(IssueCode.SYNTAX, "", extra + where(parser) + expected));
          return new Parsed(Optional.empty(), List.copyOf(issues));
        }
        return new Parsed(Optional.of(root), List.copyOf(issues));
      } catch (Limit e) {
        issues.add(e.issue);
      } catch (StreamConstraintsException e) {
        issues.add(limitIssue(parser));
      } catch (JacksonException e) {
        issues.add(syntaxIssue(e, parser, length));
      }
    }
    return new Parsed(Optional.empty(), List.copyOf(issues));
  }

  private Parsed fail(Issue issue) {
    return new Parsed(Optional.empty(), List.of(issue));
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Rejects binary content (a NUL byte) and anything that is not UTF-8. */
  static Optional<Issue> checkText(byte[] bytes) {
    return checkText(bytes, 0, bytes.length, false);
  }

  /**
   * Rejects binary content and anything that is not UTF-8 in a slice, naming the position as an
   * offset in a document or a column in a line. ASCII, the usual case, skips the decoder.
   */
  static Optional<Issue> checkText(byte[] bytes, int offset, int length, boolean line) {
    String unit = line ? "column " : "offset ";
    int base = line ? offset - 1 : 0;
    boolean ascii = true;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == 0) {
        return Optional.of(
            Issue.error(
                IssueCode.NOT_TEXT,
                "",
                "binary content (a NUL byte at "
                    + unit
                    + (i - base)
                    + "); expected UTF-8 JSON text"));
      }
      ascii &= bytes[i] > 0;
    }
    if (ascii) {
      return Optional.empty();
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(length), true);
    if (result.isError()) {
      return Optional.of(
          Issue.error(
              IssueCode.NOT_TEXT,
              "",
              "not UTF-8 text (an invalid byte at "
                  + unit
                  + (in.position() - base)
                  + "); expected UTF-8 JSON text"));
    }
    return Optional.empty();
  }

  private JsonNode read(JsonParser parser) {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IllegalStateException("no token");
    }
    switch (token) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser));
        }
        return array;
      case VALUE_STRING:
        {
          String text = parser.getString();
          checkLength(text, parser);
          checkSurrogates(text, parser, "a string");
          return NODES.stringNode(text);
        }
      case VALUE_NUMBER_INT:
        checkDigits(parser);
        return NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        checkDigits(parser);
        return decimal(parser);
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected token " + token);
    }
  }

  /**
   * Reads a number with a fraction or an exponent. An exponent can make a short number huge ({@code
   * 1e400}), which downstream code cannot compare; such numbers are refused here like numbers of
   * more than 100 digits. Integral values become integers, as JSON Schema counts them.
   */
  private JsonNode decimal(JsonParser parser) {
    BigDecimal value;
    try {
      value = parser.getDecimalValue();
    } catch (NumberFormatException e) {
      // An exponent beyond what BigDecimal holds (2e3777777777777777777): far past our limit.
      throw numberTooLong(parser);
    }
    if (value.signum() != 0
        && (value.precision() - value.scale() > MAX_DIGITS
            || value.scale() - value.precision() > MAX_DIGITS)) {
      throw numberTooLong(parser);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() <= 0
        ? NODES.numberNode(stripped.toBigIntegerExact())
        : NODES.numberNode(value);
  }

  private ObjectNode readObject(JsonParser parser) {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      checkLength(name, parser);
      checkSurrogates(name, parser, "a key");
      String pointer = parser.streamReadContext().pathAsPointer().toString();
      String position =
          lineMode
              ? "column " + parser.currentTokenLocation().getColumnNr()
              : "line " + parser.currentLocation().getLineNr();
      parser.nextToken();
      JsonNode value = read(parser);
      if (object.has(name)) {
        issues.add(
            Issue.error(
                IssueCode.DUPLICATE_KEY,
                pointer,
                (quoteValues ? "duplicate key \"" + name + "\"" : "duplicate key")
                    + " at "
                    + position
                    + "; expected each key once per object"));
      } else {
        object.set(name, value);
      }
    }
    return object;
  }

  /**
   * Refuses a lone surrogate ({@code "\\ud800"}): I-JSON (RFC 7493), which the canonical form of
   * RFC 8785 assumes, forbids it, and a text holding one does not read back to itself, so two hosts
   * could compute different pins.
   */
  private void checkSurrogates(String text, JsonParser parser, String what) {
    int at = loneSurrogate(text);
    if (at >= 0) {
      issues.add(
          Issue.error(
              IssueCode.LONE_SURROGATE,
              pointer(parser),
              what
                  + " holding a lone surrogate"
                  + (quoteValues ? String.format(" \\u%04x", (int) text.charAt(at)) : "")
                  + " at "
                  + where(parser)
                  + "; expected Unicode text (a surrogate only as half of a pair)"));
    }
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  static int loneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private String where(JsonParser parser) {
    return (lineMode ? "" : "line " + parser.currentLocation().getLineNr() + ", ")
        + "column "
        + parser.currentLocation().getColumnNr();
  }

  private static String pointer(JsonParser parser) {
    try {
      return parser.streamReadContext().pathAsPointer().toString();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * A parser limit: the parser enforces only nesting depth and the token count here (see {@link
   * #READER}), and its state says which one was passed.
   */
  private Issue limitIssue(JsonParser parser) {
    if (parser.currentTokenCount() >= MAX_TOKENS) {
      return Issue.error(
          IssueCode.TOO_MANY_TOKENS,
          "",
          "more than " + MAX_TOKENS + " JSON tokens; expected at most that");
    }
    return Issue.error(
        IssueCode.TOO_DEEP,
        pointer(parser),
        "nesting deeper than the limit of " + MAX_DEPTH + " at " + where(parser));
  }

  /** Refuses a string or key longer than {@link #MAX_STRING} characters. */
  private void checkLength(String text, JsonParser parser) {
    if (text.length() > MAX_STRING) {
      throw new Limit(
          Issue.error(
              IssueCode.TOO_LONG,
              pointer(parser),
              "a string longer than the limit of "
                  + MAX_STRING
                  + " characters at "
                  + where(parser)));
    }
  }

  /**
   * Refuses a number longer than {@link #MAX_DIGITS} before reading its value, measured as the
   * parser measured it: the digits of an integer without its sign, the whole text of a number with
   * a fraction or an exponent.
   */
  private void checkDigits(JsonParser parser) {
    int length = parser.getStringLength();
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
        && parser.getStringCharacters()[parser.getStringOffset()] == '-') {
      length--;
    }
    if (length > MAX_DIGITS) {
      throw numberTooLong(parser);
    }
  }

  private Limit numberTooLong(JsonParser parser) {
    return new Limit(
        Issue.error(
            IssueCode.TOO_LONG,
            pointer(parser),
            "a number longer than " + MAX_DIGITS + " digits at " + where(parser)));
  }

  /**
   * Whether a text holds a character the schemas refuse in plain text (ids, references,
   * instruments): a C0 control, DEL, a C1 control or a bidirectional control.
   */
  static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20
          || (c >= 0x7f && c <= 0x9f)
          || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069)) {
        return true;
      }
    }
    return false;
  }

  /** One of our own limits, passed while reading: its issue is reported and reading stops. */
  private static final class Limit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: caught within one call of tree()
    private final Issue issue;

    Limit(Issue issue) {
      super(null, null, false, false);
      this.issue = issue;
    }
  }

  /**
   * A syntax error; {@code truncated} when the parser stopped at the end of the input (its
   * location, which counts from the start of the slice, is the slice's length), {@code syntax}
   * otherwise. Jackson reports some ends of input as a plain {@code StreamReadException}, so the
   * location decides, not the exception's type or text.
   */
  private Issue syntaxIssue(JacksonException e, JsonParser parser, int length) {
    String original = String.valueOf(e.getOriginalMessage());
    String at =
        (lineMode
                ? ""
                : "line "
                    + (e.getLocation() == null
                        ? parser.currentLocation().getLineNr()
                        : e.getLocation().getLineNr())
                    + ", ")
            + "column "
            + (e.getLocation() == null
                ? parser.currentLocation().getColumnNr()
                : e.getLocation().getColumnNr());
    if (e instanceof UnexpectedEndOfInputException
        || (e.getLocation() != null && e.getLocation().getByteOffset() >= length)) {
      return Issue.error(
          IssueCode.TRUNCATED,
          "",
          (lineMode ? "line ends too early at " : "document ends too early at ")
              + at
              + "; expected the rest of the JSON"
              + (lineMode ? " on the same line" : ""));
    }
    String after = pointer(parser);
    String near = after.isEmpty() ? "" : " (after " + after + ")";
    String detail = quoteValues ? ": " + explain(original) : "";
    return Issue.error(IssueCode.SYNTAX, "", "malformed JSON at " + at + near + detail);
  }

  /**
   * Says in our own words what the parser met and what it expected; the parser's text names Java
   * and Jackson notions (codes, tokens, "Object entries") that a researcher need not know.
   */
  static String explain(String parserMessage) {
    String found = "unexpected content";
    Matcher character =
        Pattern.compile("^Unexpected character \\('(.)' \\(code (\\d+)").matcher(parserMessage);
    Matcher token = Pattern.compile("^Unrecognized token '([^']{0,40})").matcher(parserMessage);
    if (character.find()) {
      int code = Integer.parseInt(character.group(2));
      found =
          code < 0x20 || code == 0x7f
              ? "unexpected control character U+" + String.format("%04X", code)
              : "unexpected '" + character.group(1) + "'";
    } else if (token.find()) {
      found = "unexpected word '" + token.group(1) + "'";
    } else if (parserMessage.startsWith("Illegal unquoted character")) {
      return "a control character inside a string; expected it escaped, such as \\n";
    } else if (parserMessage.startsWith("Unexpected close marker")) {
      return "a closing bracket that does not match the one opened";
    } else if (parserMessage.contains("Unrecognized character escape")) {
      return "an unknown escape after a backslash; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX";
    } else if (parserMessage.startsWith("Invalid numeric value")
        || parserMessage.contains("Leading zeroes")) {
      return "a number not in JSON form; expected digits such as 12, -3 or 1.5";
    }
    String expected;
    if (parserMessage.contains("comma to separate Object entries")) {
      expected = "a comma or }";
    } else if (parserMessage.contains("comma to separate Array entries")) {
      expected = "a comma or ]";
    } else if (parserMessage.contains("double-quote to start")) {
      expected = "a key in double quotes";
    } else if (parserMessage.contains("colon to separate")) {
      expected = "a colon after the key";
    } else {
      expected = "a JSON value";
    }
    return found + "; expected " + expected;
  }
}
