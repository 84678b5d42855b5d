package org.blendedtherapy.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every resource of every sample's export, and each Bundle as a whole, validates against base R4
 * with HAPI's instance validator, offline, without a single error. The warnings, without the
 * resource ids, are written to {@code target/fhir-validation-warnings.txt} for the record.
 */
class ValidationTest {
  private static final TreeSet<String> WARNINGS = new TreeSet<>();

  static List<Path> protocols() {
    return Samples.protocols();
  }

  static List<Path> enrolments() {
    return Samples.enrolments();
  }

  static List<Path> riskyClients() {
    return List.of(
        Samples.root().resolve("clients/at-risk.enrolment.json"),
        Samples.root().resolve("clients/recovering.enrolment.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocols")
  void protocolBundle_hasNoValidationError(Path file) {
    assertNoErrors(FhirExport.protocol(Samples.protocol(file)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enrolments")
  void clientBundle_hasNoValidationError(Path enrolment) {
    Bundle bundle =
        FhirExport.client(
            Samples.client(enrolment),
            FhirClientOptions.DEFAULT.withReminders(
                Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-15T00:00:00Z")));
    assertThat(bundle.getEntry()).hasSizeGreaterThan(10);
    assertNoErrors(bundle);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("riskyClients")
  void clientBundleWithHostIdentifier_hasNoValidationError(Path enrolment) {
    assertNoErrors(
        FhirExport.client(
            Samples.client(enrolment),
            FhirClientOptions.DEFAULT.withIdentifier(
                "https://fhir.nhs.uk/Id/nhs-number", "9000000009")));
  }

  private static void assertNoErrors(Bundle bundle) {
    // The validator checks every entry's resource as part of the Bundle.
    List<String> errors = new ArrayList<>();
    check(bundle, errors);
    assertThat(errors).isEmpty();
  }

  private static void check(org.hl7.fhir.r4.model.Resource resource, List<String> errors) {
    for (SingleValidationMessage message : R4Validator.messages(resource)) {
      // One line per kind of message: indexes, resource ids and codes left out.
      String line =
          message.getSeverity()
              + " "
              + String.valueOf(message.getLocationString())
                  .replaceAll("\\[[0-9]+\\]", "")
                  .replaceAll("/\\*[^*]*\\*/", "")
              + ": "
              + message.getMessage().replaceAll(" for '[^']*'", "");
      if (R4Validator.isError(message)) {
        errors.add(line);
      } else {
        synchronized (WARNINGS) {
          WARNINGS.add(line);
        }
      }
    }
  }

  @AfterAll
  static void writeWarnings() throws IOException {
    Path target = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");
    Files.createDirectories(target);
    Files.write(target.resolve("fhir-validation-warnings.txt"), WARNINGS);
  }
}
