package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.state.Simulation;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz campaigns found in the engine, one named example per finding; the fuzzer's own
 * inputs are replayed from {@code EngineQueriesFuzzTestInputs/} (see {@code FUZZING.md}).
 */
class EngineFindingsTest {
  private static final Clients.Case CASE = Clients.cases().sample(new SplittableRandom(19), 20);

  /**
   * A state asked at an instant outside years 0 to 9999 was answered, and its JSON broke the state
   * schema (instants with four-digit years); inputs {@code far-instant-state} and {@code
   * far-instant-adherent-simulation}. Every instant outside years 1 to 9998 is now refused.
   */
  @Test
  void stateAndSimulation_outsideTheWritableYears_areOutOfRange() {
    for (String at : new String[] {"+10000-01-01T00:00:00Z", "0000-06-01T00:00:00Z"}) {
      Instant instant = Instant.parse(at);

      assertThatThrownBy(() -> CASE.stateAt(instant))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  org.assertj.core.api.Assertions.assertThat(e.issues())
                      .extracting(issue -> issue.code())
                      .containsExactly(IssueCode.OUT_OF_RANGE));
      assertThatThrownBy(() -> CASE.stateAt(Instant.parse("2027-06-01T00:00:00Z")).at(instant))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> Simulation.adherent(CASE.pinned(), CASE.enrolment(), instant))
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
