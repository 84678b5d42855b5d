package org.blendedtherapy.json;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pieces of the event fast path that the differential property in the testkit reaches only by
 * sampling: the hand-written date arithmetic over every supported day, and the line scanner on
 * lines it must leave to the streaming parser.
 */
class EventFastPathTest {

  /** The reader's own date arithmetic against java.time, for every day of every supported year. */
  @Test
  void epochDay_andMonthLengths_agreeWithJavaTime_onEverySupportedDay() {
    for (int year = SupportedRange.MIN_YEAR; year <= SupportedRange.MAX_YEAR; year++) {
      for (int month = 1; month <= 12; month++) {
        int length = LocalDate.of(year, month, 1).lengthOfMonth();
        assertThat(EventFastPath.lengthOfMonth(year, month)).isEqualTo(length);
        for (int day = 1; day <= length; day++) {
          assertThat(EventFastPath.epochDay(year, month, day))
              .isEqualTo(LocalDate.of(year, month, day).toEpochDay());
        }
      }
    }
  }

  /** Every day 1 to 31 of every month of a span of years around the edges and leap rules. */
  @Test
  void instant_readsExactlyWhatInstantParseReads_onEveryDayForm() {
    int[][] spans = {{1896, 1904}, {1999, 2001}, {2026, 2029}, {2196, 2204}};
    for (int[] span : spans) {
      for (int year = span[0]; year <= span[1]; year++) {
        for (int month = 0; month <= 13; month++) {
          for (int day = 0; day <= 32; day++) {
            String text = String.format("%04d-%02d-%02dT23:59:58.5Z", year, month, day);
            assertThat(fastInstant(text)).as(text).isEqualTo(expected(text));
            String whole = String.format("%04d-%02d-%02dT00:00:00Z", year, month, day);
            assertThat(fastInstant(whole)).as(whole).isEqualTo(expected(whole));
          }
        }
      }
    }
  }

  /** Every character of an instant replaced by each neighbour of a digit and each separator. */
  @Test
  void instant_refusesWhatTheSchemaPathRefuses_characterByCharacter() {
    for (String valid : List.of("2028-02-29T23:59:59Z", "2027-12-31T00:00:00.123456789Z")) {
      for (int i = 0; i < valid.length(); i++) {
        for (char c : "/0:9a -T.Z\u007f\u00e9".toCharArray()) {
          String text = valid.substring(0, i) + c + valid.substring(i + 1);
          assertThat(fastInstant(text)).as(text).isEqualTo(expected(text));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-01-04T10:50:00Z",
        "2027-01-04T10:50:00.1Z",
        "2027-01-04T10:50:00.123456789Z",
        "2027-01-04T10:50:00.1234567891Z",
        "2027-01-04T10:50:00.Z",
        "2027-01-04T24:00:00Z",
        "2027-01-04T23:60:00Z",
        "2027-01-04T23:59:60Z",
        "2027-01-04T10:50:00",
        "2027-01-04t10:50:00Z",
        "2027-01-04T10:50:00z",
        "2027/01/04T10:50:00Z",
        "2027-01-04T10-50:00Z",
        "2027-01-04T10:50-00Z",
        "2027-01-04T10:50:0xZ",
        "2027-0a-04T10:50:00Z",
        "2027-01-04T10:50:00+00:00",
        "-027-01-04T10:50:00Z",
        "1899-12-31T23:59:59Z",
        "1900-01-01T00:00:00Z",
        "2200-12-31T23:59:59.999999999Z",
        "2201-01-01T00:00:00Z"
      })
  void instant_edges(String text) {
    assertThat(fastInstant(text)).as(text).isEqualTo(expected(text));
  }

  /** What the schema path makes of an instant: the {@code at} of a line holding it. */
  private static Optional<Instant> expected(String text) {
    String line = "{\"id\":\"a\",\"type\":\"discharged\",\"at\":\"" + text + "\"}";
    return EventsJson.validateBySchemaPath(line.getBytes(UTF_8)).value().map(Event::at);
  }

  private static Optional<Instant> fastInstant(String text) {
    byte[] bytes = ("  " + text + "  ").getBytes(ISO_8859_1);
    return Optional.ofNullable(EventFastPath.instant(bytes, 2, text.length()));
  }

  /** Lines the scanner leaves to the parser, which still reads the valid ones. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"a\\u0062\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}",
        "{\"id\":\"é\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}",
        "{\"id\":\"a\",\"type\":\"mood-rated\",\"at\":\"2027-01-04T10:50:00Z\",\"value\":5.0}",
        "{\"id\":\"a\",\"type\":\"mood-rated\",\"at\":\"2027-01-04T10:50:00Z\",\"value\":5e0}",
        "{\"i\\u0064\":\"a\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}",
        "\uFEFF{\"id\":\"a\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}",
        "{\"id\":\"a\u007f\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}"
      })
  void scanner_leavesOtherFormsToTheParser(String line) {
    byte[] bytes = line.getBytes(UTF_8);
    assertThat(EventLineScanner.scan(bytes, 0, bytes.length)).isNull();
    Validation<Event> slow = EventsJson.validateBySchemaPath(bytes);
    assertThat(EventsJson.readByFastPath(bytes)).isEqualTo(slow.value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"a\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}",
        " {\t\"at\" :\"2027-01-04T10:50:00Z\"\r, \"type\": \"discharged\",\"id\":\"a\" } \t",
        "{\"id\":\"a\",\"type\":\"measure-recorded\",\"at\":\"2027-01-04T10:50:00Z\","
            + "\"instrument\":\"GAD-7\",\"items\":[ 0 ,null,3,2,1,0, 0 ]}",
        "{\"id\":\"a\",\"type\":\"modules-reordered\",\"at\":\"2027-01-04T10:50:00Z\","
            + "\"order\":[\"b\", \"a-1\"]}",
        "{\"id\":\"a\",\"type\":\"session-cancelled\",\"at\":\"2027-01-04T10:50:00Z\","
            + "\"session\":1000,\"by\":\"service\"}",
        "{\"id\":\"a\",\"type\":\"zone-changed\",\"at\":\"2027-01-04T10:50:00Z\","
            + "\"zone\":\"America/Argentina/Buenos_Aires\"}"
      })
  void scanner_readsPlainLines_asTheSchemaPathDoes(String line) {
    byte[] bytes = line.getBytes(UTF_8);
    Validation<Event> slow = EventsJson.validateBySchemaPath(bytes);
    assertThat(slow.value()).isPresent();
    assertThat(Optional.ofNullable(EventLineScanner.scan(bytes, 0, bytes.length)))
        .isEqualTo(slow.value());
  }

  @Test
  void aLogWithRepeatsAndAConflict_reportsTheConflictAtItsLine_asBefore() {
    String a = "{\"id\":\"a\",\"type\":\"discharged\",\"at\":\"2027-01-04T10:50:00Z\"}";
    String b = "{\"id\":\"a\",\"type\":\"paused\",\"at\":\"2027-01-04T10:50:00Z\"}";
    String c = "{\"id\":\"c\",\"type\":\"paused\",\"at\":\"2027-01-03T10:50:00Z\"}";
    Validation<History> repeated = EventsJson.validate(String.join("\n", a, c, a));
    assertThat(repeated.issues()).isEmpty();
    assertThat(repeated.value().orElseThrow().size()).isEqualTo(2);
    Validation<History> conflict = EventsJson.validate(String.join("\n", a, c, a, b, "{", b));
    assertThat(conflict.value()).isEmpty();
    assertThat(conflict.issues())
        .extracting(issue -> issue.code() + " " + issue.message().substring(0, 6))
        .isEqualTo(List.of("conflicting-id line 4", "truncated line 5", "conflicting-id line 6"));
  }
}
