package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.plan.Times;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and validates client events ({@code event.schema.json}): a whole event log in JSON Lines
 * form, or one event at a time.
 *
 * <p>A log holds one JSON object per line; lines end with {@code \n} (a {@code \r} before it is
 * dropped), white-space-only lines are skipped, and an empty log is a valid empty history. Each
 * line is at most {@value #MAX_LINE_BYTES} bytes ({@code too-large}) and a log holds at most
 * {@value #MAX_EVENTS} events ({@code too-many-events}; reading stops there). Each event is checked
 * in three layers: syntax under the protocol limits (nesting 64, duplicate keys are errors), the
 * bundled JSON Schema, then meaning: a key its type does not carry ({@code unexpected-key}), an
 * instant or date that does not exist ({@code wrong-form}), an unknown zone ({@code unknown-zone})
 * or instrument ({@code unknown-instrument}), exactly one of {@code items} and {@code total}
 * ({@code one-key}), item count ({@code too-few}, {@code too-many}) and item or total range ({@code
 * out-of-range}) for the instrument.
 *
 * <p>Every bad line is reported and reading goes on, so one pass lists every issue; a log with any
 * error has no history. An issue's pointer is the RFC 6901 pointer inside that line's event (the
 * empty string for the whole event or line) and its message begins with {@code line N: }, N
 * counting from 1. A repeated event (same id, same content) is kept once; the same id with
 * different content is an error ({@code conflicting-id} at {@code /id}) naming the id and both
 * lines.
 *
 * <p>Events may hold health data: messages name lines, pointers, event ids and JSON types, never
 * the values (no ratings, scores, references or free text).
 *
 * <p>Each line is read on its own, over a slice of the input, rather than by one parser over the
 * whole log: the line is the unit of JSON Lines, a parser cannot resynchronise after a syntax
 * error, and the per-document limits (2 MiB, 500,000 tokens) then hold per event rather than
 * capping the whole log. Reading streams through the log in bounded memory; no tree of the whole
 * log is ever built.
 *
 * <p>A valid line, the common case, is read by a fast path straight into its event: a line in the
 * plain form hosts write (ASCII strings without escapes, integers without fraction) by a scanner of
 * its bytes, any other by a short-lived streaming parser; only a line the fast path refuses is
 * parsed into a tree and run through the schema validator and the meaning checks, which explain it.
 * While a log has no issue, repeated ids are left to {@link History#of}, which finds them as it
 * builds; from the first issue on they are checked line by line, so a conflict is reported at its
 * line among the other issues. The schema stays the contract: a differential property in the
 * testkit proves that both ways accept exactly the same lines and read them into equal events, so
 * the issues are the same as if every line went through the schema.
 *
 * <p>The methods are thread-safe; the schema is loaded once per JVM.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EventsJson {
  /** The most bytes one event line may hold, line end excluded: 16 KiB. */
  public static final int MAX_LINE_BYTES = 16 * 1024;

  /** The most events one log may hold. */
  public static final int MAX_EVENTS = 100_000;

  /**
   * The most bytes read from a stream: {@value #MAX_EVENTS} lines of {@value #MAX_LINE_BYTES} bytes
   * and their line ends. Past it reading stops with {@code too-large}, so an endless input (a
   * device, a line without end) costs bounded time.
   */
  public static final long MAX_LOG_BYTES = (long) MAX_EVENTS * (MAX_LINE_BYTES + 1);

  /** The most issues reported for one log; a last issue counts the rest. */
  public static final int MAX_ISSUES = 100;

  private EventsJson() {}

  /**
   * Validates a JSON Lines event log and, when valid, returns its history.
   *
   * @param log the log, UTF-8
   * @return every issue found, and the history when there is no error
   */
  public static Validation<History> validate(byte[] log) {
    try {
      return validate(new LineReader(log, MAX_LINE_BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates a JSON Lines event log given as text.
   *
   * @param log the log
   * @return every issue found, and the history when there is no error
   */
  public static Validation<History> validate(String log) {
    return validate(log.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Validates a JSON Lines event log read from a stream of UTF-8 bytes, line by line in bounded
   * memory: an oversized line is skipped, never buffered. The stream is not closed.
   *
   * @param in the stream
   * @return every issue found, and the history when there is no error
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static Validation<History> validate(InputStream in) {
    try {
      return validate(new LineReader(in, MAX_LINE_BYTES, MAX_LOG_BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a valid event log.
   *
   * @param log the log, UTF-8
   * @return the history
   * @throws InvalidInputException if any line has an error, with every issue found
   */
  public static History read(byte[] log) {
    return validate(log).orElseThrow("event log");
  }

  /**
   * Reads a valid event log given as text.
   *
   * @param log the log
   * @return the history
   * @throws InvalidInputException if any line has an error, with every issue found
   */
  public static History read(String log) {
    return validate(log).orElseThrow("event log");
  }

  /**
   * Reads a valid event log from a stream of UTF-8 bytes. The stream is not closed.
   *
   * @param in the stream
   * @return the history
   * @throws InvalidInputException if any line has an error, with every issue found
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static History read(InputStream in) {
    return validate(in).orElseThrow("event log");
  }

  /**
   * Validates one event, for hosts that receive events one at a time. Issues are as for a log,
   * without the {@code line N: } prefix; the text may end with one line end.
   *
   * @param json the event, one JSON object, UTF-8
   * @return every issue found, and the event when there is no error
   */
  public static Validation<Event> validateEvent(byte[] json) {
    LineReader reader = new LineReader(json, MAX_LINE_BYTES);
    List<Issue> issues = new ArrayList<>();
    try {
      if (!reader.next() || reader.isBlank()) {
        issues.add(Issue.error(IssueCode.EMPTY, "", "empty event; expected a JSON object"));
      } else if (reader.isTooLong()) {
        issues.add(tooLarge(reader.total()));
      } else {
        Optional<Event> event = event(reader, issues);
        if (hasMoreContent(reader)) {
          issues.add(
              Issue.error(
                  IssueCode.SYNTAX, "", "more than one line; expected one event on one line"));
        } else if (event.isPresent()) {
          return Results.validation(issues, event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Results.validation(issues, Optional.empty());
  }

  /**
   * Reads one valid event.
   *
   * @param json the event, one JSON object
   * @return the event
   * @throws InvalidInputException if the event has an error, with every issue found
   */
  public static Event readLine(String json) {
    return validateEvent(json.getBytes(StandardCharsets.UTF_8)).orElseThrow("event");
  }

  private static Validation<History> validate(LineReader reader) throws IOException {
    Capped issues = new Capped();
    Read read = new Read(issues);
    int events = 0;
    List<Issue> lineIssues = new ArrayList<>();
    while (reader.next()) {
      if (reader.isBlank()) {
        continue;
      }
      int line = reader.number();
      if (++events > MAX_EVENTS) {
        read.checkIds();
        issues.stop(
            Issue.error(
                IssueCode.TOO_MANY_EVENTS,
                "",
                "line "
                    + line
                    + ": more than "
                    + MAX_EVENTS
                    + " events; expected at most that many per log (reading stopped here)"));
        break;
      }
      if (reader.isTooLong()) {
        read.checkIds();
        issues.add(atLine(line, tooLarge(reader.total())));
        continue;
      }
      Event e = EventFastPath.read(reader.bytes(), reader.offset(), reader.length());
      if (e == null) {
        lineIssues.clear();
        Optional<Event> explained =
            explained(reader.bytes(), reader.offset(), reader.length(), lineIssues);
        if (!lineIssues.isEmpty()) {
          read.checkIds();
        }
        boolean notText = false;
        for (Issue issue : lineIssues) {
          issues.add(atLine(line, issue));
          notText |= issue.code() == IssueCode.NOT_TEXT;
        }
        if (notText) {
          // Binary or not UTF-8: one issue for the log, as for a protocol, not one per line.
          break;
        }
        if (explained.isEmpty()) {
          continue;
        }
        e = explained.get();
      }
      read.add(e, line);
    }
    if (reader.stopped()) {
      read.checkIds();
      issues.stop(
          Issue.error(
              IssueCode.TOO_LARGE,
              "",
              "line "
                  + reader.number()
                  + ": the log goes on past "
                  + MAX_LOG_BYTES
                  + " bytes; expected at most "
                  + MAX_EVENTS
                  + " lines of "
                  + MAX_LINE_BYTES
                  + " bytes (reading stopped here)"));
    }
    if (!issues.hasError) {
      try {
        // Repeats and conflicts of ids not looked at yet: the history finds them as it builds.
        return Results.validation(issues.list(), Optional.of(History.of(read.events)));
      } catch (InvalidInputException conflict) {
        read.checkIds();
      }
    }
    return Results.validation(issues.list(), Optional.empty());
  }

  /**
   * The events of a log as read, with their lines. While the log has no issue, ids are not looked
   * at: {@link History#of} drops repeats and finds conflicts as it builds, so a valid log hashes
   * each id once. From the first issue on (or a conflict the history found), {@link #checkIds}
   * looks at every id so far and then at each as it comes, reporting each conflict at its line, in
   * line order among the other issues, exactly as if ids had been checked all along.
   */
  private static final class Read {
    private final Capped issues;
    final List<Event> events = new ArrayList<>();
    private int[] lines = new int[64];

    /** Each id checked so far and its first event's position; null while ids wait. */
    private @Nullable Map<String, Integer> first;

    Read(Capped issues) {
      this.issues = issues;
    }

    void add(Event event, int line) {
      int at = events.size();
      if (first != null) {
        Integer earlier = first.putIfAbsent(event.id(), at);
        if (earlier != null) {
          conflict(events.get(earlier), event, lines[earlier], line);
          // A repeat or a conflict: not an event of the log's history.
          return;
        }
      }
      if (at == lines.length) {
        lines = Arrays.copyOf(lines, at * 2);
      }
      lines[at] = line;
      events.add(event);
    }

    /** Checks every id read so far, once, and from now on each as it is added. */
    void checkIds() {
      if (first != null) {
        return;
      }
      List<Event> read = new ArrayList<>(events);
      int[] readLines = lines;
      events.clear();
      lines = new int[Math.max(64, read.size())];
      first = new HashMap<>();
      for (int i = 0; i < read.size(); i++) {
        add(read.get(i), readLines[i]);
      }
    }

    private void conflict(Event earlier, Event event, int earlierLine, int line) {
      if (earlier.equals(event)) {
        return;
      }
      issues.add(
          Issue.error(
              IssueCode.CONFLICTING_ID,
              "/id",
              "line "
                  + line
                  + ": event id "
                  + JsonNodeFactory.instance.stringNode(event.id())
                  + " has different content on lines "
                  + earlierLine
                  + " and "
                  + line
                  + "; expected one content per id"));
    }
  }

  /**
   * The issues of one log, at most {@value #MAX_ISSUES}, then one that counts the rest, so a wrong
   * file never floods the host's log.
   */
  private static final class Capped {
    private final List<Issue> kept = new ArrayList<>();
    private long more;
    private boolean hasError;
    private @Nullable Issue stopped;

    /** The issue that stopped reading, reported last whatever the count. */
    void stop(Issue issue) {
      hasError = true;
      stopped = issue;
    }

    void add(Issue issue) {
      hasError |= issue.isError();
      if (kept.size() < MAX_ISSUES) {
        kept.add(issue);
      } else {
        more++;
      }
    }

    List<Issue> list() {
      List<Issue> all = new ArrayList<>(kept);
      if (more > 0) {
        all.add(
            Issue.error(
                IssueCode.TOO_MANY_ISSUES,
                "",
                "\u2026 and "
                    + more
                    + " more; at most "
                    + MAX_ISSUES
                    + " issues are reported per log"));
      }
      if (stopped != null) {
        all.add(stopped);
      }
      return all;
    }
  }

  /**
   * Reads the reader's current line as one event: by the fast path when it accepts the line, else
   * through the three layers, which explain what is wrong.
   */
  private static Optional<Event> event(LineReader reader, List<Issue> issues) {
    Event fast = EventFastPath.read(reader.bytes(), reader.offset(), reader.length());
    if (fast != null) {
      return Optional.of(fast);
    }
    return explained(reader.bytes(), reader.offset(), reader.length(), issues);
  }

  /** Reads one line through the three layers: syntax, schema, meaning. */
  private static Optional<Event> explained(
      byte[] bytes, int offset, int length, List<Issue> issues) {
    JsonInput.Parsed parsed = new JsonInput(false).parseLine(bytes, offset, length);
    issues.addAll(parsed.issues());
    if (parsed.tree().isEmpty() || !parsed.issues().isEmpty()) {
      return Optional.empty();
    }
    JsonNode tree = parsed.tree().get();
    List<Issue> schema = SchemaCheck.Event.INSTANCE.check(tree);
    if (!schema.isEmpty()) {
      schema.forEach(issue -> issues.add(forItsType(issue, tree)));
      return Optional.empty();
    }
    return EventMapper.map(tree, issues);
  }

  /**
   * An unknown key of an event of a known type lists the keys that type allows, not the keys of
   * every type the schema knows.
   */
  private static Issue forItsType(Issue issue, JsonNode tree) {
    JsonNode type = tree.get("type");
    Optional<EventType> known =
        type != null && type.isString() ? EventType.fromJson(type.asString()) : Optional.empty();
    if (issue.code() != IssueCode.UNKNOWN_KEY
        || known.isEmpty()
        || issue.pointer().lastIndexOf('/') != 0) {
      return issue;
    }
    List<String> allowed = new ArrayList<>(List.of("id", "type", "at"));
    allowed.addAll(EventMapper.fields(known.get()));
    return Issue.error(
        issue.code(),
        issue.pointer(),
        "unknown key for a "
            + known.get().json()
            + " event (expected one of: "
            + String.join(", ", allowed)
            + ")");
  }

  private static boolean hasMoreContent(LineReader reader) throws IOException {
    while (reader.next()) {
      if (!reader.isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static Issue tooLarge(long bytes) {
    return Issue.error(
        IssueCode.TOO_LARGE,
        "",
        "event is "
            + bytes
            + " bytes, more than the limit of "
            + MAX_LINE_BYTES
            + " (16 KiB) per line");
  }

  private static Issue atLine(int line, Issue issue) {
    return new Issue(
        issue.severity(), issue.code(), issue.pointer(), "line " + line + ": " + issue.message());
  }

  /**
   * Reads one event line by the fast path alone. Not API: this exists for the testkit's
   * differential property, which proves that the fast path and {@link #validateBySchemaPath} accept
   * exactly the same lines and read them into equal events; hosts call {@link #validateEvent}.
   *
   * @param line one line, UTF-8, without its line end
   * @return the event, or empty when the fast path leaves the line to the schema path
   */
  @API(status = INTERNAL, since = "0.1")
  public static Optional<Event> readByFastPath(byte[] line) {
    return Optional.ofNullable(EventFastPath.read(line, 0, line.length));
  }

  /**
   * Reads one event line by the fast path's first reader alone, the scanner of plain lines. Not
   * API: the differential property of {@link #readByFastPath} checks it on its own too, so a line
   * the parser would catch cannot hide a mistake of the scanner.
   *
   * @param line one line, UTF-8, without its line end
   * @return the event, or empty when the scanner leaves the line to the parser
   */
  @API(status = INTERNAL, since = "0.1")
  public static Optional<Event> readByLineScanner(byte[] line) {
    return Optional.ofNullable(EventLineScanner.scan(line, 0, line.length));
  }

  /**
   * Reads one event line through syntax, schema and meaning only, never the fast path. Not API: the
   * other half of the differential property of {@link #readByFastPath}.
   *
   * @param line one line, UTF-8, without its line end
   * @return every issue found, and the event when there is no error
   */
  @API(status = INTERNAL, since = "0.1")
  public static Validation<Event> validateBySchemaPath(byte[] line) {
    List<Issue> issues = new ArrayList<>();
    // The parser reads lines that are not blank, as the log and validateEvent ensure; found by
    // the event-line fuzz target (FUZZING.md), an empty line failed with IllegalStateException.
    if (isBlank(line)) {
      issues.add(Issue.error(IssueCode.EMPTY, "", "empty event; expected a JSON object"));
      return Results.validation(issues, Optional.empty());
    }
    Optional<Event> event = explained(line, 0, line.length, issues);
    return Results.validation(issues, issues.isEmpty() ? event : Optional.empty());
  }

  /** Blank as {@code LineReader.isBlank} judges a line: spaces, tabs and carriage returns. */
  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** For tests: reads a log through the stream path, as a host's file would be. */
  static Validation<History> validateStreamed(byte[] log) {
    return validate(new ByteArrayInputStream(log));
  }

  /**
   * Writes one event as a line of an event log, without the line end: the form the event schema
   * defines ({@code at} as an ISO-8601 UTC instant, a session's {@code start} to the minute,
   * unanswered items as {@code null}), keys in the order {@code id}, {@code type}, {@code at}, then
   * the type's own. What {@link #readLine} reads back to an equal event.
   *
   * @param event the event
   * @return the JSON object as one line
   */
  public static String writeLine(Event event) {
    return tree(event).toString();
  }

  private static ObjectNode tree(Event event) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", event.id());
    o.put("type", event.type().json());
    o.put("at", event.at().toString());
    boolean hasFields =
        switch (event.type()) {
          case SESSION_SCHEDULED -> {
            Event.SessionScheduled e = (Event.SessionScheduled) event;
            o.put("session", e.session());
            o.put("start", Times.format(e.start()));
            yield true;
          }
          case SESSION_ATTENDED, SESSION_MISSED -> {
            o.put("session", event.aboutSession().getAsInt());
            yield true;
          }
          case SESSION_CANCELLED -> {
            Event.SessionCancelled e = (Event.SessionCancelled) event;
            o.put("session", e.session());
            o.put("by", e.by() == Event.CancelledBy.CLIENT ? "client" : "service");
            yield true;
          }
          case MODULE_STARTED,
              MODULE_COMPLETED,
              MODULE_RELEASED,
              MODULE_SKIPPED,
              MODULE_REPEATED -> {
            o.put("module", event.aboutModule().orElseThrow());
            yield true;
          }
          case MODULES_REORDERED -> {
            ArrayNode order = o.putArray("order");
            ((Event.ModulesReordered) event).order().forEach(order::add);
            yield true;
          }
          case MODULE_ASSIGNED -> {
            Event.ModuleAssigned e = (Event.ModuleAssigned) event;
            o.put("module", e.module());
            e.session().ifPresent(s -> o.put("session", s));
            yield true;
          }
          case MOOD_RATED -> {
            o.put("value", ((Event.MoodRated) event).value());
            yield true;
          }
          case MEASURE_RECORDED -> {
            Event.MeasureRecorded e = (Event.MeasureRecorded) event;
            o.put("instrument", e.instrument().json());
            if (e.total().isPresent()) {
              o.put("total", e.total().getAsInt());
            } else {
              ArrayNode items = o.putArray("items");
              for (OptionalInt item : e.items()) {
                if (item.isPresent()) {
                  items.add(item.getAsInt());
                } else {
                  items.addNull();
                }
              }
            }
            yield true;
          }
          case REMINDER_ACKNOWLEDGED, REMINDER_IGNORED -> {
            Event.ReminderEvent e = (Event.ReminderEvent) event;
            o.put("reminder", e.reminder());
            e.policy().ifPresent(p -> o.put("policy", p));
            yield true;
          }
          case REMINDER_OPTED_OUT, REMINDER_OPTED_IN -> {
            o.put("policy", ((Event.PolicyEvent) event).policy());
            yield true;
          }
          case ZONE_CHANGED -> {
            o.put("zone", ((Event.ZoneChanged) event).zone().getId());
            yield true;
          }
          case PROTOCOL_MIGRATED -> {
            o.put("migration", ((Event.ProtocolMigrated) event).migration());
            yield true;
          }
          case PAUSED, RESUMED, DISCHARGED -> false;
        };
    return o;
  }
}
