package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Reminders;
import org.blendedtherapy.reminders.Suppressed;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

/**
 * The reminder planner makes daily occurrences by arithmetic on epoch seconds wherever the zone
 * keeps one offset, and by a transition's two offsets around it: the occurrences of a window must
 * be exactly those of the straightforward computation, each intent resolved with {@link
 * ZonedDateTime#of} (a time in a gap moved forward by the gap, a time in an overlap at the earlier
 * offset), in every zone, DST-hostile ones included, with daily times aimed at the zone's gaps and
 * overlaps within the plan and windows of any length.
 */
class CalendarArithmeticProperties {
  private static final Protocol UK = SampleProtocol.uk();

  /** A client in a zone, its daily times, and a window inside its plan. */
  record Input(ZoneId zone, LocalDateTime start, List<LocalTime> times, Instant from, Instant to) {
    String describe() {
      return zone + " start " + start + " times " + times + " window " + from + " / " + to;
    }
  }

  static Gen<Input> inputs() {
    return Gen.zip(
        Gen.oneOf(Times.hostileZones(), Times.zones()),
        Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE),
        CalendarArithmeticProperties::input);
  }

  private static Input input(ZoneId zone, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ZoneOffsetTransition> transitions = Times.transitions(zone);
    LocalDateTime near;
    if (transitions.isEmpty()) {
      near =
          LocalDate.of(2010 + random.nextInt(26), 1, 1).plusDays(random.nextInt(365)).atTime(12, 0);
    } else {
      ZoneOffsetTransition t = transitions.get(random.nextInt(transitions.size()));
      near = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
    }
    // A plan that starts up to 60 days before the transition, at a whole minute.
    LocalDateTime start =
        near.toLocalDate()
            .minusDays(random.nextInt(61))
            .atTime(8 + random.nextInt(10), random.nextInt(4) * 15);
    TreeSet<LocalTime> times = new TreeSet<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      if (!transitions.isEmpty() && random.nextInt(3) > 0) {
        // Aimed at the transition: just before, inside, or just after its gap or overlap.
        ZoneOffsetTransition t = transitions.get(random.nextInt(transitions.size()));
        LocalDateTime at = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
        long minutes = Math.abs(t.getDuration().toMinutes());
        times.add(at.plusMinutes(random.nextLong(-1, Math.min(minutes, 1439) + 1)).toLocalTime());
      } else {
        times.add(LocalTime.of(random.nextInt(24), random.nextInt(60)));
      }
    }
    Instant first = ZonedDateTime.of(start, zone).toInstant();
    // Sessions are weekly, twelve of them: keep the window within the eleven weeks they span.
    Instant last = ZonedDateTime.of(start.plusWeeks(11), zone).toInstant();
    long span = last.getEpochSecond() - first.getEpochSecond();
    Instant from = first.plusSeconds(random.nextLong(-3 * 86_400L, span));
    long length =
        random.nextInt(4) == 0
            ? random.nextLong(1, 7_200)
            : random.nextLong(1, Math.max(2, last.getEpochSecond() - from.getEpochSecond() + 1));
    Instant to = from.plusSeconds(length);
    return new Input(zone, start, List.copyOf(times), from, to.isAfter(last) ? last : to);
  }

  @Test
  void dailyOccurrences_equalEachIntentResolvedByZonedDateTimeOf() {
    Property.forAll(inputs())
        .tries(1_000)
        .describedBy(Input::describe)
        .verify(
            in -> {
              String policy = "mood-rating";
              Enrolment enrolment =
                  new Enrolment(
                      "client-arithmetic",
                      new ProtocolPin(UK.id(), UK.version(), ProtocolJson.sha256(UK)),
                      in.start(),
                      in.zone(),
                      new Preferences(Optional.empty(), Set.of(), Map.of(policy, in.times())));
              ClientState state = ClientState.of(ProtocolJson.pin(UK), enrolment, History.empty());
              ReminderSchedule schedule = state.reminders(in.from(), in.to());
              List<Reminder> actual = new ArrayList<>();
              for (Reminder r : schedule.reminders()) {
                if (r.policy().equals(policy)) {
                  actual.add(r);
                }
              }
              for (Suppressed s : schedule.suppressed()) {
                if (s.reminder().policy().equals(policy)) {
                  actual.add(s.reminder());
                }
              }
              actual.sort(Comparator.comparing(Reminder::instant).thenComparing(Reminder::id));

              ReminderPolicy p =
                  UK.reminders().stream().filter(r -> r.id().equals(policy)).findFirst().get();
              Instant first = ZonedDateTime.of(in.start(), in.zone()).toInstant();
              Instant lo = in.from().isBefore(first) ? first : in.from();
              List<Occurrence> expected = new ArrayList<>();
              LocalDate day = lo.atZone(in.zone()).toLocalDate().minusDays(2);
              LocalDate lastDay = in.to().atZone(in.zone()).toLocalDate().plusDays(2);
              for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
                for (LocalTime time : in.times()) {
                  LocalDateTime intent = day.atTime(time);
                  ZonedDateTime at = ZonedDateTime.of(intent, in.zone());
                  Instant instant = at.toInstant();
                  if (instant.isBefore(lo) || !instant.isBefore(in.to())) {
                    continue;
                  }
                  expected.add(
                      new Occurrence(
                          Reminders.id(enrolment.client(), policy, intent),
                          policy,
                          p.kind(),
                          at.toLocalDateTime(),
                          instant,
                          in.zone(),
                          "daily at " + time));
                }
              }
              expected.sort(
                  Comparator.comparing(Occurrence::instant).thenComparing(Occurrence::id));
              assertThat(actual).map(Occurrence::of).isEqualTo(expected);
              assertThat(schedule.reminders())
                  .isSortedAccordingTo(
                      Comparator.comparing(Reminder::instant).thenComparing(Reminder::id));
            });
  }

  /** A reminder as the test expects it: the same components, built by the test. */
  private record Occurrence(
      String id,
      String policy,
      org.blendedtherapy.protocol.ReminderKind kind,
      LocalDateTime local,
      Instant instant,
      java.time.ZoneId zone,
      String reason) {
    static Occurrence of(Reminder r) {
      return new Occurrence(
          r.id(), r.policy(), r.kind(), r.local(), r.instant(), r.zone(), r.reason());
    }
  }
}
