package org.blendedtherapy.flink;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;

/**
 * One input of the job, keyed by client reference: an enrolment document, one event line, or an
 * input the job could not read (which goes to the {@code rejected} output). A Flink POJO (public
 * fields, a no-argument constructor), so Flink serializes it without Kryo.
 *
 * <p>Events carry their {@code at} as epoch milliseconds, rounded up, for the timer that folds
 * them; the event itself is parsed again, by the library, when it is folded.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public class InputRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What an input record holds. */
  public enum Kind {
    /** An enrolment document ({@code json}). */
    ENROLMENT,
    /** One event line ({@code json}). */
    EVENT,
    /** An input that could not be read; {@code json} holds the reason. */
    INVALID
  }

  /** The client reference (the key); empty when unknown. */
  public String client = "";

  /** What this record holds. */
  public Kind kind = Kind.INVALID;

  /** The enrolment document or event line, or the reason of an invalid input. */
  public String json = "";

  /** Where it came from: a file name or a Kafka topic, for the rejected output. */
  public String source = "";

  /** The line in its source, from 1; 0 for a whole document. */
  public long line;

  /** The event's {@code at} in epoch milliseconds, rounded up; 0 for other kinds. */
  public long atMillis;

  /** Creates an empty record (for Flink). */
  public InputRecord() {}

  /**
   * Reads an enrolment document.
   *
   * @param bytes the document
   * @param source where it came from
   * @return an enrolment record keyed by its client, or an invalid record with the issues
   */
  public static InputRecord enrolment(byte[] bytes, String source) {
    Validation<org.blendedtherapy.client.Enrolment> read = EnrolmentJson.validate(bytes);
    InputRecord record = new InputRecord();
    record.source = source;
    if (read.value().isPresent() && read.isValid()) {
      record.kind = Kind.ENROLMENT;
      record.client = read.value().get().client();
      record.json = new String(bytes, StandardCharsets.UTF_8);
    } else {
      record.json = "invalid enrolment: " + describe(read.issues());
    }
    return record;
  }

  /**
   * Reads one event line of a client.
   *
   * @param client the client reference
   * @param line the line, without its line end
   * @param source where it came from
   * @param number the line number, from 1
   * @return an event record, or an invalid record with the issues
   */
  public static InputRecord event(String client, byte[] line, String source, long number) {
    InputRecord record = new InputRecord();
    record.client = client;
    record.source = source;
    record.line = number;
    Validation<Event> read = EventsJson.validateEvent(line);
    if (read.value().isPresent() && read.isValid()) {
      record.kind = Kind.EVENT;
      record.json = new String(line, StandardCharsets.UTF_8);
      record.atMillis = ceilMillis(read.value().get().at());
    } else {
      record.json = "invalid event: " + describe(read.issues());
    }
    return record;
  }

  /**
   * Returns an invalid record.
   *
   * @param client the client reference, or empty when unknown
   * @param reason why it could not be read, without client data
   * @param source where it came from
   * @param number the line, or 0
   * @return the record
   */
  public static InputRecord invalid(String client, String reason, String source, long number) {
    InputRecord record = new InputRecord();
    record.client = client;
    record.json = reason;
    record.source = source;
    record.line = number;
    return record;
  }

  /** The first millisecond at or after an instant: the event-time timer that folds it. */
  static long ceilMillis(Instant at) {
    long millis = at.toEpochMilli();
    return at.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /** The library's issues, by pointer and message: they never quote a client's values. */
  static String describe(List<Issue> issues) {
    if (issues.isEmpty()) {
      return "unreadable";
    }
    StringBuilder out = new StringBuilder();
    for (Issue issue : issues) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(issue.pointer().isEmpty() ? "/" : issue.pointer())
          .append(' ')
          .append(issue.message());
    }
    return out.toString();
  }
}
