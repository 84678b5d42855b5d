package org.blendedtherapy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.json.ProtocolJson;

/**
 * Reads the files a command names and turns their problems into the contract's output: a file that
 * cannot be read is exit 2, a document with errors is exit 1 with one line per issue on standard
 * error, {@code FILE: error POINTER [code] message}.
 */
final class Inputs {
  private final String command;
  private final Path workingDirectory;
  private final PrintWriter err;

  /** Thrown once the problem is reported; carries the exit code. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    Failed(int exitCode) {
      super(null, null, false, false);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  Inputs(String command, Path workingDirectory, PrintWriter err) {
    this.command = command;
    this.workingDirectory = workingDirectory;
    this.err = err;
  }

  /**
   * Reads at most one byte past the 2 MiB document limit, so that an oversized file is rejected
   * without reading it all.
   */
  Optional<byte[]> readBounded(String file) {
    return read(file, in -> ProtocolJson.readBounded(in));
  }

  private <R> Optional<R> read(String file, Function<InputStream, R> reader) {
    String problem;
    try {
      Path path = workingDirectory.resolve(file);
      if (Files.isDirectory(path)) {
        problem = "is a directory, expected a file";
      } else if (Files.exists(path) && !Files.isRegularFile(path)) {
        // A device, pipe or socket could be endless (/dev/zero): only regular files are read.
        problem = "not a regular file";
      } else {
        try (InputStream in = Files.newInputStream(path)) {
          return Optional.of(reader.apply(in));
        }
      }
    } catch (InvalidPathException e) {
      problem = "not a valid file name";
    } catch (NoSuchFileException e) {
      problem = "no such file";
    } catch (AccessDeniedException e) {
      problem = "permission denied";
    } catch (FileSystemException e) {
      // The operating system's reason alone (a loop of links, an I/O error): the path is named.
      problem = e.getReason() == null ? "read error" : lowerFirst(e.getReason());
    } catch (IOException e) {
      problem = reason(e);
    } catch (UncheckedIOException e) {
      problem = reason(e.getCause());
    }
    err.print("blended " + command + ": cannot read " + file + ": " + problem + "\n");
    return Optional.empty();
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "read error" : message.replace('\n', ' ');
  }

  /**
   * Reads and validates a document of at most 2 MiB, or reports why not and throws.
   *
   * @throws Failed with exit 2 for an unreadable file, 1 for an invalid document
   */
  <T> T load(String file, Function<byte[], Validation<T>> validate) {
    return valid(
        file, validate.apply(readBounded(file).orElseThrow(() -> new Failed(ExitCode.USAGE))));
  }

  /**
   * Validates a document read as a stream (an event log, line by line in bounded memory, stopping
   * where the reader's limits say), or reports why not and throws.
   *
   * @throws Failed with exit 2 for an unreadable file, 1 for an invalid document
   */
  <T> T loadStreamed(String file, Function<InputStream, Validation<T>> validate) {
    return valid(file, read(file, validate).orElseThrow(() -> new Failed(ExitCode.USAGE)));
  }

  private <T> T valid(String file, Validation<T> validation) {
    if (!validation.isValid()) {
      report(file, validation);
      throw new Failed(ExitCode.INPUT_WRONG);
    }
    return validation.value().orElseThrow();
  }

  /** Prints every error of an invalid document on standard error. */
  void report(String file, Validation<?> validation) {
    for (Issue issue : validation.issues()) {
      if (issue.isError()) {
        err.print(file + ": " + issue + "\n");
      }
    }
  }

  /** Prints every warning of a document on standard error. */
  void warn(String file, Validation<?> validation) {
    for (Issue issue : validation.issues()) {
      if (!issue.isError()) {
        err.print(file + ": " + issue + "\n");
      }
    }
  }

  /** Reports an output file that cannot be written: exit 2, like an unreadable input. */
  Failed cannotWrite(String file) {
    err.print("blended " + command + ": cannot write " + file + "\n");
    return new Failed(ExitCode.USAGE);
  }

  /** Prints one problem that is not tied to a document's content, then fails with exit 1. */
  Failed fail(String file, Issue issue) {
    err.print(file + ": " + issue + "\n");
    return new Failed(ExitCode.INPUT_WRONG);
  }
}
