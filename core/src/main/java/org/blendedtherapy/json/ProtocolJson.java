package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads, validates and writes protocol documents.
 *
 * <p>Validation runs in three layers and collects every issue of a layer before stopping:
 *
 * <ol>
 *   <li>syntax, under the limits (2 MiB, nesting 64, strings of 100,000 characters, 500,000
 *       tokens); duplicate keys are errors;
 *   <li>the bundled JSON Schema ({@code protocol.schema.json}): unknown keys, types, forms;
 *   <li>meaning ({@link Protocol#check()}): references, cycles, modules that can never open, plan
 *       consistency, and burden smells as warnings.
 * </ol>
 *
 * The schema layer runs when the syntax layer found no error. The meaning layer runs on every part
 * of the document that the schema passed (a module, a policy, the plan, ...): a check whose inputs
 * are all sound runs, any other is skipped, so a meaning issue is never a consequence of a schema
 * error and one round lists the issues of both layers. Nothing is ever fetched from the network.
 * The methods are thread-safe; the schema is loaded once per JVM.
 *
 * <p>The canonical form is the RFC 8785 serialization of the normalized document (every default
 * explicit); its SHA-256 is what an enrolment pins. Documents that differ only in white space, key
 * order or omitted defaults have the same canonical form.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProtocolJson {
  private ProtocolJson() {}

  /** The logger, created only after SLF4J has been bound quietly (see {@link QuietSlf4j}). */
  private static final class Log {
    private static final Logger LOG;

    static {
      QuietSlf4j.beforeFirstLogger();
      LOG = LoggerFactory.getLogger(ProtocolJson.class);
    }

    private Log() {}

    static Logger get() {
      return LOG;
    }
  }

  /**
   * Validates a protocol document and, when valid, returns its model.
   *
   * @param bytes the document, UTF-8
   * @return every issue found, and the protocol when there is no error
   */
  public static Validation<Protocol> validate(byte[] bytes) {
    JsonInput.Parsed parsed = new JsonInput(true).parse(bytes);
    List<Issue> issues = new ArrayList<>(parsed.issues());
    if (parsed.tree().isEmpty() || !issues.isEmpty()) {
      return Results.validation(issues, Optional.empty());
    }
    JsonNode tree = parsed.tree().get();
    issues.addAll(SchemaCheck.Protocol.INSTANCE.check(tree));
    // Meaning checks run on every part the schema passed, so one round lists both layers' issues.
    ProtocolMapper.Mapped mapped = new ProtocolMapper().map(tree, issues);
    issues.addAll(mapped.parts().check());
    boolean valid = mapped.complete() && issues.stream().noneMatch(Issue::isError);
    Logger log = Log.get();
    if (log.isDebugEnabled()) {
      long errors = issues.stream().filter(Issue::isError).count();
      log.debug(
          "protocol read: {} bytes, {} errors, {} warnings, codes {}",
          bytes.length,
          errors,
          issues.size() - errors,
          issues.stream().map(Issue::code).distinct().toList());
    }
    return Results.validation(
        issues, valid ? Optional.of(mapped.parts().protocol()) : Optional.empty());
  }

  /**
   * Validates a protocol document given as text.
   *
   * @param json the document
   * @return every issue found, and the protocol when there is no error
   */
  public static Validation<Protocol> validate(String json) {
    return validate(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a valid protocol.
   *
   * @param json the document
   * @return the protocol
   * @throws InvalidInputException if the document has an error, with every issue found
   */
  public static Protocol read(String json) {
    return validate(json).orElseThrow("protocol");
  }

  /**
   * Reads a valid protocol from UTF-8 bytes.
   *
   * @param bytes the document
   * @return the protocol
   * @throws InvalidInputException if the document has an error, with every issue found
   */
  public static Protocol read(byte[] bytes) {
    return validate(bytes).orElseThrow("protocol");
  }

  /**
   * Reads a valid protocol from a stream of UTF-8 bytes, reading at most one byte past the size
   * limit. The stream is not closed.
   *
   * @param in the stream
   * @return the protocol
   * @throws InvalidInputException if the document has an error, with every issue found
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static Protocol read(InputStream in) {
    return read(readBounded(in));
  }

  /**
   * Reads a valid protocol from characters, reading at most one character past the size limit. The
   * reader is not closed.
   *
   * @param reader the reader
   * @return the protocol
   * @throws InvalidInputException if the document has an error, with every issue found
   * @throws UncheckedIOException if the reader fails
   */
  public static Protocol read(Reader reader) {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      int n;
      while ((n = reader.read(buffer)) > 0) {
        text.append(buffer, 0, n);
        if (text.length() > JsonInput.MAX_BYTES) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read(text.toString());
  }

  /**
   * Reads all of a stream, but at most one byte more than the 2 MiB limit, so that an oversized
   * input is rejected in bounded memory.
   *
   * @param in the stream, not closed
   * @return the bytes read
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static byte[] readBounded(InputStream in) {
    try {
      return in.readNBytes(JsonInput.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the canonical form of a protocol: RFC 8785 over the normalized document.
   *
   * @param protocol the protocol
   * @return the canonical JSON text
   */
  public static String canonical(Protocol protocol) {
    return Canonical.write(ProtocolWriter.write(protocol));
  }

  /**
   * Computes the SHA-256 of the canonical form, the value an enrolment pins.
   *
   * @param protocol the protocol
   * @return lowercase hexadecimal SHA-256
   */
  public static String sha256(Protocol protocol) {
    return Canonical.sha256(canonical(protocol));
  }

  /**
   * Pins a protocol: pairs it with the SHA-256 of its canonical form, computed once.
   *
   * @param protocol the protocol
   * @return the pinned protocol
   */
  public static PinnedProtocol pin(Protocol protocol) {
    return Results.pinned(protocol, sha256(protocol));
  }
}
