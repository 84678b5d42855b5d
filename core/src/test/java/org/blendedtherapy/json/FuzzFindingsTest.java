package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.Validation;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz campaigns found in the readers, one named example per finding, each reading its
 * minimized input from the fuzz corpus the build replays (see {@code FUZZING.md}).
 */
class FuzzFindingsTest {
  private static final String EVENT_LINE =
      "ClientFuzzTestInputs/eventLine_neverThrows_andEveryPathAgrees/";
  private static final String PROTOCOL =
      "ProtocolFuzzTestInputs/validate_neverThrows_andReadThrowsOnlyTheLibrarysException/";

  /**
   * A decimal far beyond any integer in the tailoring's session range once crashed validate; it is
   * now an ordinary out-of-range error.
   */
  @Test
  void protocol_hugeDecimalSessionMinimum_isOutOfRange() {
    byte[] input = input(PROTOCOL + "tailoring-huge-decimal");

    Validation<Protocol> result = ProtocolJson.validate(input);

    assertThat(result.isValid()).isFalse();
    assertThat(result.issues())
        .anySatisfy(
            issue -> {
              assertThat(issue.code()).isEqualTo(IssueCode.OUT_OF_RANGE);
              assertThat(issue.pointer()).isEqualTo("/tailoring/sessions/min");
            });
    assertThatThrownBy(() -> ProtocolJson.read(input)).isInstanceOf(InvalidInputException.class);
  }

  /**
   * An empty or blank line given to the schema path alone (the other half of the fast path's
   * differential check) failed with {@code IllegalStateException}; it is an {@code empty} issue, as
   * from {@code validateEvent}.
   */
  @Test
  void eventLine_emptyOrBlank_isAnEmptyEvent_onEveryPath() {
    for (String name : new String[] {"empty-line", "blank-line"}) {
      byte[] input = input(EVENT_LINE + name);

      assertThat(EventsJson.validateBySchemaPath(input).issues())
          .extracting(issue -> issue.code())
          .containsExactly(IssueCode.EMPTY);
      assertThat(EventsJson.validateEvent(input).issues())
          .extracting(issue -> issue.code())
          .containsExactly(IssueCode.EMPTY);
    }
  }

  /** A corpus input, by its path under this package's test resources. */
  static byte[] input(String path) {
    try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no fuzz input " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
