package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.internal.Results;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates enrolment documents ({@code enrolment.schema.json}).
 *
 * <p>Validation runs in three layers and collects every issue of a layer before stopping: syntax
 * under the same limits as protocols (2 MiB, nesting 64, duplicate keys are errors); the bundled
 * JSON Schema (unknown keys, types, forms); then meaning: {@code start} must be a real calendar
 * date-time ({@code wrong-form}), {@code zone} a time-zone id the Java runtime knows ({@code
 * unknown-zone}), quiet hours must not be empty ({@code empty-range}). A later layer runs only when
 * the earlier ones found no error. Without {@code preferences} the enrolment has {@link
 * Preferences#NONE}.
 *
 * <p>An enrolment may hold private data: messages name pointers, lines and JSON types, never the
 * document's values (not the client reference, not the zone). Whether the pinned protocol exists
 * and matches its SHA-256 is for the caller to check against the protocols it holds.
 *
 * <p>The methods are thread-safe; the schema is loaded once per JVM.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EnrolmentJson {
  private EnrolmentJson() {}

  /**
   * Validates an enrolment document and, when valid, returns its model.
   *
   * @param bytes the document, UTF-8
   * @return every issue found, and the enrolment when there is no error
   */
  public static Validation<Enrolment> validate(byte[] bytes) {
    JsonInput.Parsed parsed = new JsonInput(false).parse(bytes);
    List<Issue> issues = new ArrayList<>(parsed.issues());
    if (parsed.tree().isEmpty() || !issues.isEmpty()) {
      return Results.validation(issues, Optional.empty());
    }
    JsonNode tree = parsed.tree().get();
    for (Issue issue : SchemaCheck.Enrolment.INSTANCE.check(tree)) {
      issues.add(ownMessage(issue));
    }
    if (!issues.isEmpty()) {
      return Results.validation(issues, Optional.empty());
    }
    Optional<Enrolment> enrolment = EnrolmentMapper.map(tree, issues);
    return Results.validation(issues, enrolment);
  }

  /**
   * The schema layer says only that a key is not an id; the keys of {@code reminderTimes}, the one
   * object here whose keys are ids, are reminder policy ids.
   */
  private static Issue ownMessage(Issue issue) {
    if (issue.code() == IssueCode.WRONG_FORM
        && issue.pointer().endsWith("/reminderTimes")
        && issue.message().startsWith("expected every key")) {
      return Issue.error(
          IssueCode.WRONG_FORM,
          issue.pointer(),
          "expected every key to be a reminder policy id (lowercase letters, digits and hyphens,"
              + " starting with a letter), found a key that is not");
    }
    return issue;
  }

  /**
   * Validates an enrolment document given as text.
   *
   * @param json the document
   * @return every issue found, and the enrolment when there is no error
   */
  public static Validation<Enrolment> validate(String json) {
    return validate(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a valid enrolment from UTF-8 bytes.
   *
   * @param bytes the document
   * @return the enrolment
   * @throws InvalidInputException if the document has an error, with every issue found
   */
  public static Enrolment read(byte[] bytes) {
    return validate(bytes).orElseThrow("enrolment");
  }

  /**
   * Returns the zone a client may be in for this id, by the one rule every reader applies (the
   * enrolment's {@code zone}, a {@code zone-changed} event, the CLI's {@code --zone}): an IANA
   * region id the Java runtime knows, such as {@code Europe/London}. A fixed offset ({@code
   * +02:00}, {@code Z}) or a prefixed form ({@code UTC+2}) is not a client's zone: it has no
   * daylight saving time, so every reminder would drift by an hour for half the year.
   *
   * @param id the zone id
   * @return the zone, or empty when the id is not one
   */
  public static Optional<ZoneId> zone(String id) {
    return Optional.ofNullable(EnrolmentMapper.knownZone(id));
  }

  /**
   * Reads a valid enrolment.
   *
   * @param json the document
   * @return the enrolment
   * @throws InvalidInputException if the document has an error, with every issue found
   */
  public static Enrolment read(String json) {
    return validate(json).orElseThrow("enrolment");
  }

  /**
   * Reads a valid enrolment from a stream of UTF-8 bytes, reading at most one byte past the 2 MiB
   * limit. The stream is not closed.
   *
   * @param in the stream
   * @return the enrolment
   * @throws InvalidInputException if the document has an error, with every issue found
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static Enrolment read(InputStream in) {
    return read(ProtocolJson.readBounded(in));
  }
}
