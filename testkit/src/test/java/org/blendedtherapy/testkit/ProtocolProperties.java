package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

class ProtocolProperties {

  @Test
  void canonical_thenRead_givesAnEqualProtocol() {
    Property.forAll(Protocols.valid())
        .verify(p -> assertThat(ProtocolJson.read(ProtocolJson.canonical(p))).isEqualTo(p));
  }

  @Test
  void canonical_isStable_acrossWriteReadWrite() {
    Property.forAll(Protocols.valid())
        .verify(
            p -> {
              String first = ProtocolJson.canonical(p);
              String second = ProtocolJson.canonical(ProtocolJson.read(first));
              assertThat(second.getBytes(StandardCharsets.UTF_8))
                  .isEqualTo(first.getBytes(StandardCharsets.UTF_8));
              assertThat(sha256(second)).isEqualTo(sha256(first)).isEqualTo(ProtocolJson.sha256(p));
            });
  }

  @Test
  void generatedValidProtocol_validatesWithoutErrors() {
    Property.forAll(Protocols.valid())
        .verify(
            p -> {
              Validation<Protocol> result = ProtocolJson.validate(ProtocolJson.canonical(p));
              assertThat(result.issues()).filteredOn(Issue::isError).isEmpty();
              assertThat(result.value()).contains(p);
            });
  }

  @Test
  void mutant_failsWithItsCode_atThePointerOfTheMutatedNode() {
    Property.forAll(Protocols.mutants())
        .verify(
            m -> {
              Validation<Protocol> result = ProtocolJson.validate(m.json());
              assertThat(result.isValid()).isFalse();
              assertThat(result.issues())
                  .filteredOn(Issue::isError)
                  .extracting(Issue::code, Issue::pointer)
                  .contains(org.assertj.core.groups.Tuple.tuple(m.expectedCode(), m.pointer()));
            });
  }

  @Test
  void everyMutation_isGeneratedAndDetected() {
    for (Mutant.Mutation mutation : Mutant.Mutation.values()) {
      Property.forAll(Protocols.mutants(mutation))
          .tries(200)
          .verify(
              m ->
                  assertThat(ProtocolJson.validate(m.json()).issues())
                      .anyMatch(
                          i ->
                              i.isError()
                                  && i.code() == mutation.code()
                                  && i.pointer().equals(m.pointer())));
    }
  }

  static Gen<byte[]> garbage() {
    return Protocols.garbage();
  }

  @Test
  void validate_neverThrows_onGarbage() {
    Property.forAll(garbage())
        .verify(
            bytes -> assertThatCode(() -> ProtocolJson.validate(bytes)).doesNotThrowAnyException());
  }

  @Test
  void read_throwsOnlyInvalidInputException_onGarbage() {
    Property.forAll(garbage())
        .verify(
            bytes -> {
              try {
                ProtocolJson.read(bytes);
              } catch (InvalidInputException expected) {
                assertThat(expected.errors()).isNotEmpty();
              }
            });
  }

  @Test
  void garbage_reachesEveryValidationLayer() {
    // A fuzzer that only ever trips the syntax layer cannot fail on the later ones.
    java.util.Set<String> codes = new java.util.TreeSet<>();
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261126L);
    for (int i = 0; i < 1000; i++) {
      ProtocolJson.validate(garbage().sample(random, i % 101))
          .issues()
          .forEach(issue -> codes.add(issue.code().json()));
    }
    assertThat(codes).contains("syntax", "truncated", "not-text", "wrong-type", "unknown-key");
    // Any code of the meaning layer shows that garbage got through syntax and schema.
    assertThat(codes)
        .containsAnyOf(
            "unknown-module",
            "never-opens",
            "zero-cadence",
            "cycle",
            "duplicate-id",
            "long-plan",
            "unused-duration",
            "prompt-load",
            "missing-duration",
            "min-above-max",
            "out-of-bounds",
            "unknown-instrument",
            "misplaced-key",
            "unknown-session-type",
            "empty-range");
  }

  @Test
  void shrinking_keepsProtocolsValid() {
    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                Property.forAll(Protocols.valid())
                    .seed(7L)
                    .describedBy(ProtocolJson::canonical)
                    .check(p -> p.modules().size() < 3));
    assertThat(failure).isExactlyInstanceOf(AssertionError.class);
    String shrunk = failure.getMessage().lines().skip(2).findFirst().orElseThrow().trim();
    Protocol minimal = ProtocolJson.read(shrunk);
    assertThat(minimal.modules()).hasSize(3);
    assertThat(minimal.reminders()).isEmpty();
    assertThat(minimal.modules()).allMatch(m -> m.unlock().isEmpty());
  }

  /** Regression: {@code 1e400} in a field with a range once escaped validate as an exception. */
  @Test
  void hugeNumberInRangedField_isAnIssueNotAnException() {
    Protocol p = Protocols.valid().sample(new java.util.SplittableRandom(1L), 10);
    String doc =
        ProtocolJson.canonical(p)
            .replace("\"sessions\":" + p.sessionPlan().sessions(), "\"sessions\":1e400");
    assertThatCode(() -> ProtocolJson.validate(doc)).doesNotThrowAnyException();
  }

  /** Regression: a zero offset was once written as {@code PT0S}, which the schema rejects. */
  @Test
  void zeroOffset_survivesTheCanonicalForm() {
    Protocol p = Protocols.valid().sample(new java.util.SplittableRandom(1L), 10);
    List<org.blendedtherapy.protocol.ReminderPolicy> reminders =
        List.of(
            new org.blendedtherapy.protocol.ReminderPolicy(
                "zero",
                org.blendedtherapy.protocol.ReminderKind.APPOINTMENT,
                false,
                java.util.Optional.empty(),
                new org.blendedtherapy.protocol.Schedule.Before(
                    List.of(
                        new org.blendedtherapy.protocol.Offset(
                            java.time.Period.ZERO, java.time.Duration.ZERO))),
                List.of()));
    Protocol withZero = p.withReminders(reminders);
    assertThat(ProtocolJson.validate(ProtocolJson.canonical(withZero)).issues())
        .filteredOn(Issue::isError)
        .isEmpty();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
