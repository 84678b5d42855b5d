package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Validation;
import org.blendedtherapy.protocol.Protocol;

/**
 * Fuzzes the protocol reader: the only allowed failure is the library's own exception. In a normal
 * build this replays the seeds in {@code ProtocolFuzzTestInputs/}; run with {@code JAZZER_FUZZ=1}
 * to fuzz.
 */
class ProtocolFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void validate_neverThrows_andReadThrowsOnlyTheLibrarysException(byte[] input) {
    Validation<Protocol> result = ProtocolJson.validate(input);
    assertThat(result.isValid()).isEqualTo(result.issues().stream().noneMatch(i -> i.isError()));
    try {
      Protocol protocol = ProtocolJson.read(input);
      assertThat(ProtocolJson.read(ProtocolJson.canonical(protocol))).isEqualTo(protocol);
    } catch (InvalidInputException expected) {
      assertThat(expected.issues()).isNotEmpty();
    }
  }
}
