package org.blendedtherapy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;

/** The sample protocol the testkit's own tests build on, read once from the samples module. */
public final class SampleProtocol {
  private static final Protocol UK = read("e-compared-uk.json");

  private SampleProtocol() {}

  /** {@code samples/protocols/e-compared-uk.json}. */
  public static Protocol uk() {
    return UK;
  }

  private static Protocol read(String name) {
    try {
      return ProtocolJson.read(Files.readAllBytes(Path.of("../samples/protocols", name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
