package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimesProperties {

  @Test
  void dates_stayWithin2010to2035() {
    Property.forAll(Times.dates())
        .check(d -> !d.isBefore(Times.FIRST_DATE) && !d.isAfter(Times.LAST_DATE));
  }

  @Test
  void everyHostileZone_hasTransitionsInThePeriod() {
    for (ZoneId zone : Times.HOSTILE_ZONES) {
      assertThat(Times.transitions(zone)).as(zone.getId()).isNotEmpty();
    }
    assertThat(Times.transitions(ZoneId.of("Pacific/Apia")))
        .anyMatch(
            t ->
                t.getDateTimeBefore().equals(LocalDate.of(2011, 12, 30).atStartOfDay())
                    && t.getDuration().equals(Duration.ofHours(24)));
    assertThat(Times.transitions(ZoneId.of("Australia/Lord_Howe")))
        .allMatch(t -> t.getDuration().abs().equals(Duration.ofMinutes(30)));
  }

  @Test
  void instantsNearTransitions_areWithinThreeHoursOfOne() {
    Property.forAll(Gen.zip(Times.hostileZones(), Gen.choose(0, 1 << 20), (z, s) -> z))
        .tries(60)
        .verify(
            zone ->
                Property.forAll(Times.instantsNearTransitions(zone))
                    .tries(50)
                    .check(
                        instant ->
                            Times.transitions(zone).stream()
                                .anyMatch(
                                    t ->
                                        Duration.between(t.getInstant(), instant)
                                                .abs()
                                                .compareTo(Duration.ofHours(3))
                                            <= 0)));
  }

  @Test
  void generatedZones_includeEveryHostileZone() {
    TreeSet<String> seen = new TreeSet<>();
    SplittableRandom random = new SplittableRandom(2011_12_30L);
    for (int i = 0; i < 1000; i++) {
      seen.add(Times.zones().sample(random, 50).getId());
    }
    assertThat(seen).containsAll(Times.HOSTILE_ZONES.stream().map(ZoneId::getId).toList());
  }

  /**
   * G2 and G3 as java.time resolves them: a gap moves forward by its length, an overlap is early.
   */
  @Test
  void localDateTimesAtTransitions_resolveForwardInGapsAndEarlyInOverlaps() {
    Property.forAll(
            Times.hostileZones()
                .flatMap(z -> Times.localDateTimesAtTransitions(z).map(l -> new At(z, l))))
        .verify(
            at -> {
              ZonedDateTime resolved = ZonedDateTime.of(at.local(), at.zone());
              ZoneOffsetTransition t = at.zone().getRules().getTransition(at.local());
              if (t == null) {
                assertThat(resolved.toLocalDateTime()).isEqualTo(at.local());
              } else if (t.isGap()) {
                assertThat(resolved.toLocalDateTime()).isEqualTo(at.local().plus(t.getDuration()));
              } else {
                assertThat(resolved.getOffset()).isEqualTo(t.getOffsetBefore());
              }
            });
  }

  record At(ZoneId zone, LocalDateTime local) {}
}
