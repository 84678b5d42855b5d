package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A host without an SLF4J provider hears nothing from SLF4J when it validates a protocol. */
class QuietLoggingTest {
  private static final List<String> PROVIDERS =
      List.of("slf4j-simple", "slf4j-nop", "slf4j-jdk14", "slf4j-reload4j", "logback", "log4j");

  /**
   * The host: validates the protocol named by the first argument and exits 0 when it is valid.
   *
   * @param args the protocol file
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    boolean valid = ProtocolJson.validate(Files.readAllBytes(Path.of(args[0]))).value().isPresent();
    System.exit(valid ? 0 : 1);
  }

  @Test
  void validate_withoutAnSlf4jProvider_printsNothingOnStandardError() throws Exception {
    String full =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String classPath =
        Arrays.stream(full.split(File.pathSeparator))
            .filter(entry -> PROVIDERS.stream().noneMatch(entry::contains))
            .collect(Collectors.joining(File.pathSeparator));
    // Without these the child would fail for another reason and the test could not fail.
    assertThat(classPath).contains("slf4j-api").contains("json-schema-validator");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process host =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                classPath,
                QuietLoggingTest.class.getName(),
                ProtocolJsonTest.SAMPLES.resolve("e-compared-uk.json").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(host.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(host.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(err).isEmpty();
    assertThat(host.exitValue()).isZero();
  }
}
