package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Migration;

/**
 * Fuzzes the migration reader against the two sample protocols: the only allowed failure is the
 * library's own exception, and a mapping that reads back proposes the same targets. In a normal
 * build this replays the seeds in {@code MigrationFuzzTestInputs/}; run with {@code JAZZER_FUZZ=1}
 * to fuzz.
 */
class MigrationFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void validate_neverThrows_andReadThrowsOnlyTheLibrarysException(byte[] input) {
    Validation<Migration> alone = MigrationJson.validate(input);
    assertThat(alone.isValid()).isEqualTo(alone.issues().stream().noneMatch(i -> i.isError()));
    try {
      Migration migration = MigrationJson.read(input, MigrationTest.UK, MigrationTest.SLIM);
      assertThat(migration.sha256()).hasSize(64);
      assertThat(migration.newPlanFrom()).isPositive();
    } catch (InvalidInputException expected) {
      assertThat(expected.issues()).isNotEmpty();
    }
  }
}
