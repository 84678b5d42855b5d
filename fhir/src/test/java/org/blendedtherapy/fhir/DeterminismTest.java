package org.blendedtherapy.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The same input gives the same bytes: twice in a row, with the events of the log in any order, and
 * whatever the JVM's default time zone and locale.
 */
class DeterminismTest {
  private static final Path RECOVERING =
      Samples.root().resolve("clients/recovering.enrolment.json");
  private static final FhirClientOptions WINDOW =
      FhirClientOptions.DEFAULT.withReminders(
          Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-15T00:00:00Z"));

  private static String export(String events) {
    return FhirExport.json(FhirExport.client(Samples.client(RECOVERING, events), WINDOW));
  }

  private static String events() {
    return Samples.read(Samples.events(RECOVERING));
  }

  @Test
  void twoRuns_giveTheSameBytes() {
    assertThat(export(events())).isEqualTo(export(events()));
    Path protocol = Samples.root().resolve("protocols/e-compared-uk.json");
    assertThat(FhirExport.json(FhirExport.protocol(Samples.protocol(protocol))))
        .isEqualTo(FhirExport.json(FhirExport.protocol(Samples.protocol(protocol))));
  }

  @Test
  void eventOrder_doesNotChangeTheBytes() {
    String expected = export(events());
    List<String> lines = new ArrayList<>(events().lines().toList());
    for (long seed = 1; seed <= 5; seed++) {
      Collections.shuffle(lines, new Random(seed));
      assertThat(export(String.join("\n", lines) + "\n")).as("seed %d", seed).isEqualTo(expected);
    }
  }

  @Test
  void defaultZoneAndLocale_doNotChangeTheBytes() {
    String expected = export(events());
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    try {
      for (String id : List.of("Australia/Lord_Howe", "Pacific/Apia", "America/Santiago")) {
        TimeZone.setDefault(TimeZone.getTimeZone(id));
        Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
        assertThat(export(events())).as(id).isEqualTo(expected);
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        assertThat(export(events())).as(id).isEqualTo(expected);
      }
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
    }
  }

  @Test
  void fullUrls_nameNeitherTheClientReferenceNorAGeneratedTime() {
    String json = export(events());
    assertThat(json).doesNotContain("sample-recovering-0001").doesNotContain("lastUpdated");
    assertThat(json).doesNotContain("\"timestamp\"");
  }
}
