package org.blendedtherapy.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionPlanTest {
  private static SessionPlan plan(Period cadence, int sessions) {
    return new SessionPlan(
        List.of(SessionType.FACE_TO_FACE, SessionType.ONLINE),
        cadence,
        sessions,
        Map.of(
            SessionType.FACE_TO_FACE, new MinutesRange(30, 60),
            SessionType.ONLINE, new MinutesRange(30, 60)),
        false);
  }

  @Test
  void spanDays_countsCalendarPeriodsFromAFixedDate() {
    assertThat(SessionPlan.spanDays(Period.ofWeeks(1), 12)).isEqualTo(84);
    assertThat(SessionPlan.spanDays(Period.ofYears(1), 5)).isEqualTo(SessionPlan.MAX_SPAN_DAYS);
    assertThat(SessionPlan.MAX_SPAN_DAYS).isEqualTo(1826);
    assertThat(SessionPlan.spanDays(Period.ZERO, 12)).isEqualTo(-1);
    assertThat(SessionPlan.spanDays(Period.of(9999, 9999, 79992), 12))
        .isEqualTo(SessionPlan.MAX_SPAN_DAYS + 1);
  }

  @Test
  void constructor_acceptsAPlanOfExactlyFiveYears() {
    assertThat(plan(Period.ofYears(1), 5).sessions()).isEqualTo(5);
    assertThat(plan(Period.ofDays(9), 200).sessions()).isEqualTo(200);
  }

  @Test
  void constructor_refusesAPlanOverFiveYears() {
    assertThatThrownBy(() -> plan(Period.ofYears(9999), 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 5 years");
    assertThatThrownBy(() -> plan(Period.ofYears(1), 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan(Period.ofDays(10), 183))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_refusesMoreSessionsThanTheSchemaAllows() {
    // A zero cadence spans nothing, so only the count bounds the plan.
    assertThat(plan(Period.ZERO, 200).sessions()).isEqualTo(200);
    assertThatThrownBy(() -> plan(Period.ZERO, 201)).isInstanceOf(IllegalArgumentException.class);
  }
}
