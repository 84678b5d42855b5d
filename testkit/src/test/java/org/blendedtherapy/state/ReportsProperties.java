package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.blendedtherapy.testkit.Gen;
import org.blendedtherapy.testkit.Property;
import org.blendedtherapy.testkit.Times;
import org.junit.jupiter.api.Test;

/** The local days adherence counts per week are the days java.time gives, in any zone. */
class ReportsProperties {
  record Case(ZoneId zone, List<Instant> instants) {}

  @Test
  void days_areTheLocalDatesOfJavaTime() {
    Gen<Instant> spread =
        Gen.chooseLong(
                Times.FIRST_DATE.toEpochDay() * 86_400, Times.LAST_DATE.toEpochDay() * 86_400)
            .map(Instant::ofEpochSecond);
    Gen<Case> anyZone =
        Times.zones()
            .flatMap(
                zone ->
                    Gen.listOf(Gen.oneOf(Times.instantsNearTransitions(), spread), 0, 40)
                        .map(instants -> new Case(zone, instants)));
    Gen<Case> ownTransitions =
        Times.hostileZones()
            .flatMap(
                zone ->
                    Gen.listOf(Gen.oneOf(Times.instantsNearTransitions(zone), spread), 0, 40)
                        .map(instants -> new Case(zone, instants)));
    Gen<Case> cases = Gen.oneOf(anyZone, ownTransitions);
    Property.forAll(cases)
        .verify(
            c -> {
              Reports.Days days = new Reports.Days(c.zone());
              List<Instant> sorted = c.instants().stream().sorted().toList();
              // In time order (as adherence asks), then in any order.
              for (List<Instant> order : List.of(sorted, c.instants())) {
                for (Instant instant : order) {
                  assertThat(days.epochDay(instant))
                      .as("%s in %s", instant, c.zone())
                      .isEqualTo(instant.atZone(c.zone()).toLocalDate().toEpochDay());
                }
              }
            });
  }
}
