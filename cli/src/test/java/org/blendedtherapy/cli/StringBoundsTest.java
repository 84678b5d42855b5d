package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.Validation;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every string a schema pattern sees, and every plain-text string, at its documented bound, one
 * past it and far past it (10,000 characters, where a pattern that recursed once per repetition
 * would overflow the stack), through the API and through the CLI: at the bound no {@code too-long};
 * past it {@code too-long} alone at that pointer, exit 1, no stack trace. Then control characters
 * in every plain-text string: {@code wrong-form}, never quoted.
 */
class StringBoundsTest {
  private static final String AT = "2027-06-01T00:00:00Z";
  private static final String PROTOCOL = Cli.sample("e-compared-uk.json");
  private static final String ENROLMENT = read("adherent.enrolment.json");
  private static final String EVENT =
      "{\"id\":\"e-1\",\"type\":\"mood-rated\",\"at\":\"2027-03-23T18:15:00Z\",\"value\":6}";

  enum Kind {
    PROTOCOL,
    ENROLMENT,
    EVENT
  }

  /**
   * One string field: the document it is in, its pointer, its bound, a valid-looking value of any
   * length (the longest its form allows when that is shorter than the bound), and how the value
   * goes into the document.
   */
  record Field(
      String name,
      Kind kind,
      String pointer,
      int bound,
      IntFunction<String> value,
      Function<String, String> into) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Field> fields() {
    return List.of(
        new Field(
            "protocol version",
            Kind.PROTOCOL,
            "/version",
            256,
            StringBoundsTest::semver,
            v -> PROTOCOL.replace("\"version\": \"1.0.0\"", "\"version\": \"" + v + "\"")),
        new Field(
            "protocol id",
            Kind.PROTOCOL,
            "/id",
            64,
            n -> "e".repeat(n),
            v -> PROTOCOL.replace("\"id\": \"e-compared-uk\"", "\"id\": \"" + v + "\"")),
        new Field(
            "protocol title",
            Kind.PROTOCOL,
            "/title",
            1000,
            n -> "t".repeat(n),
            v ->
                PROTOCOL.replace(
                    "\"title\": \"Blended CBT for depression, E-COMPARED UK arm\"",
                    "\"title\": \"" + v + "\"")),
        new Field(
            "session cadence (a period)",
            Kind.PROTOCOL,
            "/sessionPlan/cadence",
            32,
            n -> n <= 32 ? "P9999Y9999M9999W9999D" : "P" + "1".repeat(n - 2) + "W",
            v -> PROTOCOL.replace("\"cadence\": \"P1W\"", "\"cadence\": \"" + v + "\"")),
        new Field(
            "reminder offset",
            Kind.PROTOCOL,
            "/reminders/2/after/0",
            32,
            n -> n <= 32 ? "P9999W9999DT9999H9999M" : "P" + "1".repeat(n - 2) + "D",
            v -> PROTOCOL.replace("\"after\": [\"P3D\"]", "\"after\": [\"" + v + "\"]")),
        new Field(
            "client reference",
            Kind.ENROLMENT,
            "/client",
            256,
            n -> "c".repeat(n),
            v ->
                ENROLMENT.replace(
                    "\"client\": \"sample-adherent-0001\"", "\"client\": \"" + v + "\"")),
        new Field(
            "enrolment zone",
            Kind.ENROLMENT,
            "/zone",
            64,
            n -> "Z" + "/z".repeat((n - 1) / 2) + "z".repeat((n - 1) % 2),
            v -> ENROLMENT.replace("\"zone\": \"Europe/London\"", "\"zone\": \"" + v + "\"")),
        new Field(
            "pinned version",
            Kind.ENROLMENT,
            "/protocol/version",
            256,
            StringBoundsTest::semver,
            v -> ENROLMENT.replace("\"version\": \"1.0.0\"", "\"version\": \"" + v + "\"")),
        new Field(
            "event id",
            Kind.EVENT,
            "/id",
            200,
            n -> "e".repeat(n),
            v -> EVENT.replace("\"id\":\"e-1\"", "\"id\":\"" + v + "\"")),
        new Field(
            "event module",
            Kind.EVENT,
            "/module",
            64,
            n -> "m".repeat(n),
            v ->
                "{\"id\":\"e-1\",\"type\":\"module-started\",\"at\":\"2027-03-23T18:15:00Z\","
                    + "\"module\":\""
                    + v
                    + "\"}"),
        new Field(
            "event zone",
            Kind.EVENT,
            "/zone",
            64,
            n -> "Z" + "/z".repeat((n - 1) / 2) + "z".repeat((n - 1) % 2),
            v ->
                "{\"id\":\"e-1\",\"type\":\"zone-changed\",\"at\":\"2027-03-23T18:15:00Z\","
                    + "\"zone\":\""
                    + v
                    + "\"}"),
        new Field(
            "event reminder id",
            Kind.EVENT,
            "/reminder",
            512,
            n -> "r".repeat(n),
            v ->
                "{\"id\":\"e-1\",\"type\":\"reminder-acknowledged\",\"at\":\"2027-03-23T18:15:00Z\","
                    + "\"reminder\":\""
                    + v
                    + "\"}"));
  }

  static Stream<Arguments> lengths() {
    return fields().stream()
        .flatMap(
            f ->
                Stream.of(
                    Arguments.of(f, f.bound(), false),
                    Arguments.of(f, f.bound() + 1, true),
                    Arguments.of(f, 10_000, true)));
  }

  @ParameterizedTest(name = "{0} of {1} characters")
  @MethodSource("lengths")
  void string_atItsBound_isRead_andPastIt_isTooLongAlone(
      Field field, int length, boolean tooLong, @TempDir Path scratch) throws IOException {
    String value = field.value().apply(length);
    assertThat(value.length()).isLessThanOrEqualTo(length);
    if (tooLong) {
      assertThat(value).hasSize(length);
    }
    String document = field.into().apply(value);
    assertThat(document).as("the value went in").contains(value);

    List<Issue> issues = validate(field.kind(), document);
    if (tooLong) {
      // Past the cut at 300 the validator reports the length alone; just past the bound a value
      // that also breaks its form (a period of 33 characters) may be wrong-form as well.
      assertThat(issues)
          .filteredOn(i -> i.pointer().equals(field.pointer()))
          .extracting(Issue::code)
          .contains(IssueCode.TOO_LONG)
          .isSubsetOf(
              length > 300
                  ? new IssueCode[] {IssueCode.TOO_LONG}
                  : new IssueCode[] {IssueCode.TOO_LONG, IssueCode.WRONG_FORM});
    } else {
      assertThat(issues).extracting(Issue::code).doesNotContain(IssueCode.TOO_LONG);
    }

    Cli.Result result = run(field.kind(), document, scratch);
    assertThat(result.all()).doesNotContain("Exception", "\tat ", "StackOverflow");
    if (tooLong) {
      assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
      assertThat(result.all()).contains(" " + field.pointer() + " [too-long]");
    } else {
      assertThat(result.all()).doesNotContain("[too-long]");
    }
  }

  static Stream<Arguments> plainText() {
    return Stream.of(
        Arguments.of("protocol title", Kind.PROTOCOL, "/title", fields().get(2)),
        Arguments.of("client reference", Kind.ENROLMENT, "/client", fields().get(5)),
        Arguments.of("event id", Kind.EVENT, "/id", fields().get(8)),
        Arguments.of("event reminder id", Kind.EVENT, "/reminder", fields().get(11)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plainText")
  void controlCharacters_inPlainText_areRefusedWithoutQuotingThem(
      String name, Kind kind, String pointer, Field field, @TempDir Path scratch)
      throws IOException {
    for (String control : List.of("\\u001b]0;owned\\u0007", "\\u0085", "\\u202e", "a\\tb")) {
      String document = field.into().apply("x" + control + "y");
      List<Issue> issues = validate(kind, document);
      assertThat(issues)
          .as("%s holding %s", name, control)
          .filteredOn(i -> i.pointer().equals(pointer))
          .extracting(Issue::code)
          .containsExactly(IssueCode.WRONG_FORM);
      assertThat(issues)
          .extracting(Issue::message)
          .allSatisfy(message -> assertThat(message).doesNotContain("owned", "\u001b"));
      Cli.Result result = run(kind, document, scratch);
      assertThat(result.exit()).isEqualTo(ExitCode.INPUT_WRONG);
      assertThat(result.all())
          .contains(pointer + " [wrong-form] ", "expected text without control")
          .doesNotContain("owned");
    }
  }

  private static List<Issue> validate(Kind kind, String document) {
    Validation<?> validation =
        switch (kind) {
          case PROTOCOL -> ProtocolJson.validate(document);
          case ENROLMENT -> EnrolmentJson.validate(document);
          case EVENT -> EventsJson.validate(document + "\n");
        };
    return validation.issues();
  }

  private static Cli.Result run(Kind kind, String document, Path scratch) throws IOException {
    Path protocol = Cli.samples().resolve("e-compared-uk.json");
    Path enrolment = GoldenClientCorpusTest.clients().resolve("adherent.enrolment.json");
    Path events = GoldenClientCorpusTest.clients().resolve("adherent.events.jsonl");
    switch (kind) {
      case PROTOCOL -> {
        Path file = Files.writeString(scratch.resolve("p.json"), document);
        return Cli.run(scratch, "validate", file.toString());
      }
      case ENROLMENT -> enrolment = Files.writeString(scratch.resolve("e.json"), document);
      case EVENT -> events = Files.writeString(scratch.resolve("v.jsonl"), document + "\n");
    }
    return Cli.run(
        scratch,
        "state",
        protocol.toString(),
        "--enrolment",
        enrolment.toString(),
        "--events",
        events.toString(),
        "--at",
        AT);
  }

  /** A valid semantic version of exactly {@code n} characters (n at least 6). */
  private static String semver(int n) {
    StringBuilder version = new StringBuilder("1.0.0-a");
    while (version.length() + 2 <= n) {
      version.append(".a");
    }
    if (version.length() < n) {
      version.append('a');
    }
    return version.toString();
  }

  private static String read(String client) {
    try {
      return Files.readString(
          GoldenClientCorpusTest.clients().resolve(client), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
