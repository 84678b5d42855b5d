package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

/**
 * Each limit of DESIGN.md "Limits on input" for a protocol, exactly at the limit (accepted by the
 * syntax layer; the document may still fail a later layer) and one past it (rejected with the
 * limit's code), through the core API the command uses.
 */
class LimitsTest {
  private static final Set<String> SYNTAX_CODES =
      Set.of(
          "too-large",
          "too-deep",
          "too-long",
          "too-many-tokens",
          "syntax",
          "truncated",
          "empty",
          "not-text",
          "duplicate-key");
  private static final String SAMPLE = Cli.sample("e-compared-uk.json");
  private static final String DESCRIPTION = "\"description\": \"The UK arm";

  @Test
  void size_2MiB_isAccepted() {
    byte[] bytes = padTo(2 * 1024 * 1024);

    Validation<Protocol> validation = ProtocolJson.validate(bytes);

    assertThat(codes(validation)).doesNotContainAnyElementsOf(SYNTAX_CODES);
    assertThat(validation.isValid()).isTrue();
  }

  @Test
  void size_2MiBPlusOne_isRejected() {
    assertThat(codes(ProtocolJson.validate(padTo(2 * 1024 * 1024 + 1))))
        .containsExactly("too-large");
  }

  @Test
  void nesting_64_isAccepted() {
    assertThat(codes(ProtocolJson.validate(nestedArrays(64))))
        .doesNotContainAnyElementsOf(SYNTAX_CODES);
    assertThat(codes(ProtocolJson.validate(nestedObjects(64))))
        .doesNotContainAnyElementsOf(SYNTAX_CODES);
  }

  @Test
  void nesting_65_isRejected() {
    assertThat(codes(ProtocolJson.validate(nestedArrays(65)))).containsExactly("too-deep");
    assertThat(codes(ProtocolJson.validate(nestedObjects(65)))).containsExactly("too-deep");
  }

  @Test
  void string_100000Characters_isAccepted() {
    Validation<Protocol> ascii = ProtocolJson.validate(withDescription("a".repeat(100_000)));
    Validation<Protocol> twoBytes = ProtocolJson.validate(withDescription("é".repeat(100_000)));

    assertThat(codes(ascii)).doesNotContainAnyElementsOf(SYNTAX_CODES);
    assertThat(ascii.isValid()).isTrue();
    assertThat(codes(twoBytes)).doesNotContainAnyElementsOf(SYNTAX_CODES);
    assertThat(twoBytes.isValid()).isTrue();
  }

  @Test
  void string_100001Characters_isRejected() {
    assertThat(codes(ProtocolJson.validate(withDescription("a".repeat(100_001)))))
        .containsExactly("too-long");
    assertThat(codes(ProtocolJson.validate(withDescription("é".repeat(100_001)))))
        .containsExactly("too-long");
  }

  @Test
  void key_100000Characters_isAccepted_100001Rejected() {
    assertThat(codes(ProtocolJson.validate(withKey("k".repeat(100_000)))))
        .doesNotContainAnyElementsOf(SYNTAX_CODES)
        .contains("unknown-key");
    assertThat(codes(ProtocolJson.validate(withKey("k".repeat(100_001)))))
        .containsExactly("too-long");
  }

  @Test
  void tokens_500000_areAccepted() {
    byte[] bytes = tokens(500_000);
    assertThat(bytes.length).isLessThanOrEqualTo(2 * 1024 * 1024);

    assertThat(codes(ProtocolJson.validate(bytes))).doesNotContainAnyElementsOf(SYNTAX_CODES);
  }

  @Test
  void tokens_500001_areRejected() {
    assertThat(codes(ProtocolJson.validate(tokens(500_001)))).containsExactly("too-many-tokens");
  }

  @Test
  void ruleDepth_16_isAccepted_17Rejected() {
    Validation<Protocol> sixteen = ProtocolJson.validate(withRuleDepth(16));
    Validation<Protocol> seventeen = ProtocolJson.validate(withRuleDepth(17));

    assertThat(sixteen.isValid()).isTrue();
    assertThat(codes(seventeen)).contains("rule-depth");
    assertThat(seventeen.issues())
        .filteredOn(issue -> issue.code().json().equals("rule-depth"))
        .extracting(Issue::pointer)
        .containsExactly("/modules/4/unlock");
  }

  /** The sample, followed by white space up to exactly {@code size} bytes. */
  private static byte[] padTo(int size) {
    byte[] sample = SAMPLE.getBytes(StandardCharsets.UTF_8);
    return (SAMPLE + " ".repeat(size - sample.length)).getBytes(StandardCharsets.UTF_8);
  }

  /** Arrays nested {@code depth} deep, the outermost one counting as depth 1. */
  private static byte[] nestedArrays(int depth) {
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
  }

  /** The sample with objects nested inside it to a total depth of {@code depth}. */
  private static byte[] nestedObjects(int depth) {
    String nested = "{\"a\": ".repeat(depth - 2) + "{}" + "}".repeat(depth - 2);
    return SAMPLE
        .replace(DESCRIPTION, "\"notes\": " + nested + ",\n  " + DESCRIPTION)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The sample with its description replaced by {@code text}. */
  private static byte[] withDescription(String text) {
    String start = "\"description\": \"";
    int from = SAMPLE.indexOf(start) + start.length();
    int to = SAMPLE.indexOf('"', from);
    return (SAMPLE.substring(0, from) + text + SAMPLE.substring(to))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The sample with an extra (unknown) key named {@code key}. */
  private static byte[] withKey(String key) {
    return SAMPLE
        .replace(DESCRIPTION, "\"" + key + "\": 1,\n  " + DESCRIPTION)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A document of exactly {@code count} JSON tokens: one array of numbers, whose start and end are
   * tokens too.
   */
  private static byte[] tokens(int count) {
    return ("[" + "0,".repeat(count - 3) + "0]").getBytes(StandardCharsets.UTF_8);
  }

  /** The sample with module 4's rule wrapped in allOf until it is {@code depth} deep. */
  private static byte[] withRuleDepth(int depth) {
    String leaf = "{ \"moduleCompleted\": \"cognitive-restructuring\" }";
    String rule = "{ \"allOf\": [ ".repeat(depth - 1) + leaf + " ] }".repeat(depth - 1);
    String original = "\"unlock\": " + leaf;
    assertThat(SAMPLE).contains(original);
    return SAMPLE.replace(original, "\"unlock\": " + rule).getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> codes(Validation<Protocol> validation) {
    return validation.issues().stream()
        .map((Issue i) -> i.code().json())
        .collect(Collectors.toList());
  }
}
