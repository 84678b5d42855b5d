package org.blendedtherapy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@code blended} in-process and locates the files the tests read. */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {
    /** Everything printed, for assertions that hold for both streams. */
    String all() {
      return out + err;
    }
  }

  /**
   * Runs {@code blended args...} as if started in {@code directory}, through the same UTF-8 streams
   * {@code main} uses.
   */
  static Result run(Path directory, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = BlendedCli.run(out, err, directory, args);
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The cli module's directory; surefire sets {@code basedir}, an IDE usually starts there. */
  static Path moduleDirectory() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }

  /**
   * The golden corpus, read in place from the protocol-schemas module: in the same checkout, so it
   * needs no test-jar to be built or installed first.
   */
  static Path corpus() {
    return moduleDirectory()
        .resolve("../protocol-schemas/src/test/resources/golden/invalid")
        .normalize();
  }

  /** The sample protocols. */
  static Path samples() {
    return moduleDirectory().resolve("../samples/protocols").normalize();
  }

  /** The text of a sample protocol, such as {@code e-compared-uk.json}. */
  static String sample(String name) {
    try {
      return Files.readString(samples().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
