package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.QuietHours;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Reminders;
import org.blendedtherapy.reminders.Suppressed;
import org.junit.jupiter.api.Test;

/**
 * Invariants of {@link Reminders} (issue #6) over generated protocols, enrolments in DST-hostile
 * zones and histories with zone changes, opt-outs, pauses, discharges and responses to real
 * reminders: quiet hours (G5, H3), the daily cap, opt-outs, finished tasks, ids, windows, and G1 to
 * G4 and G6 (H1, H2).
 */
class ReminderProperties {
  private static final Pattern SESSION = Pattern.compile("session (\\d+) \\(");
  private static final Pattern MODULE = Pattern.compile("module (\\S+) opened$");

  /** A case, three instants {@code a <= b <= c} to query between, and a seed for shuffles. */
  record Input(Clients.Case c, Instant a, Instant b, Instant c2, long seed) {
    ReminderCases.Query query() {
      return ReminderCases.Query.of(c);
    }

    String describe() {
      StringBuilder text = new StringBuilder(c.describe());
      for (ReminderPolicy p : c.protocol().reminders()) {
        text.append("\n  policy ")
            .append(p.id())
            .append(' ')
            .append(p.kind().json())
            .append(' ')
            .append(p.schedule())
            .append(p.sessionTypes().isEmpty() ? "" : " " + p.sessionTypes());
      }
      text.append("\n  limits ").append(c.protocol().reminderLimits());
      text.append("\n  preferences ").append(c.enrolment().preferences());
      return text + "\nwindow " + a + " / " + b + " / " + c2 + ", seed " + seed;
    }
  }

  static Gen<Input> inputs(Gen<Clients.Case> cases) {
    return cases.flatMap(
        c -> {
          Gen<Instant> t = Clients.instants(c.protocol(), c.enrolment());
          return Gen.zip(
              Gen.zip(t, t, List::of),
              Gen.zip(t, Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE), Stamp::new),
              (two, s) -> {
                List<Instant> sorted = new ArrayList<>(List.of(two.get(0), two.get(1), s.t()));
                Collections.sort(sorted);
                return new Input(c, sorted.get(0), sorted.get(1), sorted.get(2), s.seed());
              });
        });
  }

  record Stamp(Instant t, long seed) {}

  static Property<Input> forAllInputs() {
    return Property.forAll(inputs(ReminderCases.cases())).describedBy(Input::describe);
  }

  private static Optional<QuietHours> quietHours(Clients.Case c) {
    return c.enrolment()
        .preferences()
        .quietHours()
        .or(() -> c.protocol().reminderLimits().quietHours());
  }

  private static ReminderPolicy policy(Protocol protocol, String id) {
    return protocol.reminders().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  // ---- G5 / H3 ----

  /** G5: nothing fires inside the client's quiet hours, judged on its local time in its zone. */
  @Test
  void nothingFires_insideQuietHours() {
    forAllInputs()
        .verify(
            in -> {
              Optional<QuietHours> quiet = quietHours(in.c());
              for (Reminder r : in.query().all().reminders()) {
                assertThat(r.local())
                    .as("local time of %s is its instant in its zone", r.id())
                    .isEqualTo(r.instant().atZone(r.zone()).toLocalDateTime());
                quiet.ifPresent(
                    q ->
                        assertThat(q.contains(r.local().toLocalTime()))
                            .as("%s at %s %s inside quiet hours %s", r.id(), r.local(), r.zone(), q)
                            .isFalse());
              }
            });
  }

  /** Never more than {@code maxPerDay} fired reminders on one local day (zone, date). */
  @Test
  void neverOverTheCap_onAnyLocalDay() {
    forAllInputs()
        .verify(
            in -> {
              var max = in.c().protocol().reminderLimits().maxPerDay();
              if (max.isEmpty()) {
                return;
              }
              Map<String, Integer> perDay = new HashMap<>();
              for (Reminder r : in.query().all().reminders()) {
                perDay.merge(r.zone() + " " + r.local().toLocalDate(), 1, Integer::sum);
              }
              perDay.forEach(
                  (day, n) ->
                      assertThat(n).as("reminders on %s", day).isLessThanOrEqualTo(max.getAsInt()));
            });
  }

  /**
   * Nothing from a policy that allows opting out fires strictly after an opt-out (or from the start
   * when the enrolment opts out) and strictly before the next opt-in.
   */
  @Test
  void optedOutPolicies_staySilent() {
    forAllInputs()
        .verify(
            in -> {
              Clients.Case c = in.c();
              History history = c.history();
              for (Reminder r : in.query().all().reminders()) {
                ReminderPolicy p = policy(c.protocol(), r.policy());
                if (!p.optOut()) {
                  continue;
                }
                // The opt events strictly before the reminder, and whether one is at its instant.
                boolean out = c.enrolment().preferences().optedOut().contains(p.id());
                boolean tie = false;
                for (Event e : history.events()) {
                  if (e instanceof Event.PolicyEvent pe && pe.policy().equals(p.id())) {
                    if (pe.at().isBefore(r.instant())) {
                      out = pe.type() == EventType.REMINDER_OPTED_OUT;
                    } else if (pe.at().equals(r.instant())) {
                      tie = true;
                    }
                  }
                }
                if (!tie) {
                  assertThat(out).as("%s fired while opted out", r.id()).isFalse();
                }
              }
            });
  }

  /**
   * No reminder for a finished online session: an online-session reminder tied to a session does
   * not fire after that session's accepted {@code session-attended} event.
   */
  @Test
  void noOnlineSessionReminder_afterTheSessionWasAttended() {
    forAllInputs()
        .verify(
            in -> {
              for (Reminder r : in.query().all().reminders()) {
                if (r.kind() != ReminderKind.ONLINE_SESSION) {
                  continue;
                }
                Matcher m = SESSION.matcher(r.reason());
                if (!m.find()) {
                  continue;
                }
                int session = Integer.parseInt(m.group(1));
                // A rejected attendance has no effect, on reminders as on the state.
                Set<String> rejected = new HashSet<>();
                in.query().state().rejected().forEach(x -> rejected.add(x.event()));
                for (Event e : in.c().events()) {
                  if (e.type() == EventType.SESSION_ATTENDED
                      && !rejected.contains(e.id())
                      && e.aboutSession().orElse(-1) == session
                      && e.at().isBefore(r.instant())) {
                    throw new AssertionError(
                        r.id() + " (" + r.reason() + ") fired after " + e.id() + " at " + e.at());
                  }
                }
              }
            });
  }

  /**
   * No reminder for a started module: a module reminder does not fire after the module it names was
   * started (per {@link org.blendedtherapy.state.ClientState#startedAt}).
   */
  @Test
  void noModuleReminder_afterTheModuleWasStarted() {
    forAllInputs()
        .verify(
            in -> {
              ReminderCases.Query q = in.query();
              for (Reminder r : q.all().reminders()) {
                if (r.kind() != ReminderKind.MODULE) {
                  continue;
                }
                Matcher m = MODULE.matcher(r.reason());
                if (!m.find()) {
                  continue;
                }
                Optional<Instant> started = q.state().startedAt(m.group(1));
                assertThat(started.isPresent() && started.get().isBefore(r.instant()))
                    .as(
                        "%s (%s) fired after the module was started at %s",
                        r.id(), r.reason(), started)
                    .isFalse();
              }
            });
  }

  /**
   * H1: every opened module gets its module reminders: each offset of a module policy after each
   * module's opening that falls in the plan is present (fired or suppressed), named by its reason.
   */
  @Test
  void everyOpenedModule_getsItsModuleReminders() {
    forAllInputs()
        .verify(
            in -> {
              ReminderCases.Query q = in.query();
              Set<String> present = new HashSet<>();
              for (Reminder r : ReminderCases.occurrences(q.all())) {
                Matcher m = MODULE.matcher(r.reason());
                if (m.find()) {
                  present.add(r.policy() + " " + m.group(1) + " " + r.instant());
                }
              }
              Clients.Case c = in.c();
              Instant start =
                  ZonedDateTime.of(c.enrolment().start(), c.enrolment().zone()).toInstant();
              Instant end = planEnd(c);
              for (ReminderPolicy p : c.protocol().reminders()) {
                if (p.kind() != ReminderKind.MODULE
                    || !(p.schedule() instanceof Schedule.After after)) {
                  continue;
                }
                for (org.blendedtherapy.protocol.Module module : c.protocol().modules()) {
                  Optional<Instant> opened =
                      module.isOpenFromStart()
                          ? Optional.of(start)
                          : q.state().openedAt(module.id());
                  if (opened.isEmpty() || hasZoneChange(c)) {
                    continue;
                  }
                  for (org.blendedtherapy.protocol.Offset offset : after.offsets()) {
                    LocalDateTime intent =
                        opened
                            .get()
                            .atZone(c.enrolment().zone())
                            .toLocalDateTime()
                            .plus(offset.days())
                            .plus(offset.time());
                    Instant at = ZonedDateTime.of(intent, c.enrolment().zone()).toInstant();
                    // Clear of the plan's edges by a day, so the oracle need not decide them.
                    if (at.isBefore(start.plusSeconds(86_400))
                        || !at.isBefore(end.minusSeconds(86_400))) {
                      continue;
                    }
                    boolean found = present.contains(p.id() + " " + module.id() + " " + at);
                    assertThat(found)
                        .as("a %s reminder %s after module %s opened", p.id(), offset, module.id())
                        .isTrue();
                  }
                }
              }
            });
  }

  private static boolean hasZoneChange(Clients.Case c) {
    return c.events().stream().anyMatch(e -> e instanceof Event.ZoneChanged);
  }

  /**
   * The zone a reminder reports is the client's zone at its instant ({@link Reminder#zone()}): the
   * enrolment's, or that of the latest {@code zone-changed} event at or before it.
   */
  @Test
  void reminderZone_isTheClientsZoneAtItsInstant() {
    Property.forAll(inputs(ReminderCases.casesWithZoneChange()))
        .describedBy(Input::describe)
        .verify(
            in -> {
              History history = in.c().history();
              for (Reminder r : ReminderCases.occurrences(in.query().all())) {
                ZoneId expected = in.c().enrolment().zone();
                for (Event e : history.events()) {
                  if (e instanceof Event.ZoneChanged z && !z.at().isAfter(r.instant())) {
                    expected = z.zone();
                  }
                }
                assertThat(r.zone())
                    .as(
                        "zone of %s (%s) at %s local %s",
                        r.id(), r.reason(), r.instant(), r.local())
                    .isEqualTo(expected);
              }
            });
  }

  // ---- ids and windows ----

  /** Ids are unique in a query, and the same query, or one over a shuffled history, agrees. */
  @Test
  void ids_areUnique_andQueriesStable() {
    forAllInputs()
        .verify(
            in -> {
              ReminderCases.Query q = in.query();
              ReminderSchedule first = q.between(in.a(), in.c2());
              List<String> ids =
                  ReminderCases.occurrences(first).stream().map(Reminder::id).toList();
              assertThat(ids).doesNotHaveDuplicates();
              assertThat(q.between(in.a(), in.c2())).isEqualTo(first);
              List<Event> shuffled = new ArrayList<>(in.c().events());
              Collections.shuffle(shuffled, new Random(in.seed()));
              Clients.Case c = new Clients.Case(in.c().protocol(), in.c().enrolment(), shuffled);
              assertThat(ReminderCases.Query.of(c).between(in.a(), in.c2())).isEqualTo(first);
            });
  }

  /** {@code [a,b)} plus {@code [b,c)} equals {@code [a,c)}, fired and suppressed alike. */
  @Test
  void adjacentWindows_addUp() {
    forAllInputs()
        .verify(
            in -> {
              ReminderCases.Query q = in.query();
              ReminderSchedule ab = q.between(in.a(), in.b());
              ReminderSchedule bc = q.between(in.b(), in.c2());
              ReminderSchedule ac = q.between(in.a(), in.c2());
              List<Reminder> fired = new ArrayList<>(ab.reminders());
              fired.addAll(bc.reminders());
              List<Suppressed> suppressed = new ArrayList<>(ab.suppressed());
              suppressed.addAll(bc.suppressed());
              assertThat(fired).isEqualTo(ac.reminders());
              assertThat(suppressed).isEqualTo(ac.suppressed());
            });
  }

  /** Every occurrence appears once: fired and suppressed ids are disjoint; both lists sorted. */
  @Test
  void firedAndSuppressed_areDisjoint_andSorted() {
    Comparator<Reminder> order =
        Comparator.comparing(Reminder::instant).thenComparing(Reminder::id);
    forAllInputs()
        .verify(
            in -> {
              ReminderSchedule all = in.query().all();
              Set<String> fired = new HashSet<>();
              all.reminders().forEach(r -> fired.add(r.id()));
              for (Suppressed s : all.suppressed()) {
                assertThat(fired)
                    .as("suppressed %s also fired", s.reminder().id())
                    .doesNotContain(s.reminder().id());
              }
              assertThat(all.reminders()).isSortedAccordingTo(order);
              assertThat(all.suppressed().stream().map(Suppressed::reminder).toList())
                  .isSortedAccordingTo(order);
            });
  }

  // ---- G1 to G4, G6 ----

  /**
   * G1 to G3 for every daily occurrence, fired or suppressed, in the zone it is reported in: a
   * valid intended time keeps its local time; one in a gap fires at the time moved forward by the
   * gap; one in an overlap at the earlier offset. The oracle is {@code ZoneRules}.
   */
  @Test
  void dailyOccurrences_keepTheirIntent_acrossDst() {
    AtomicInteger gaps = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    forAllInputs()
        .verify(
            in -> {
              Clients.Case c = in.c();
              for (Reminder r : ReminderCases.occurrences(in.query().all())) {
                if (policy(c.protocol(), r.policy()).schedule().kind() != Schedule.Kind.DAILY) {
                  continue;
                }
                LocalDateTime intended = ReminderCases.intendedOf(r.id());
                assertThat(r.id())
                    .isEqualTo(Reminders.id(c.enrolment().client(), r.policy(), intended));
                if (r.reason().endsWith("(late: the client changed zone)")) {
                  // Its time had passed in the new zone when the client arrived: it fires once,
                  // on arrival, which is a zone change's instant.
                  assertThat(c.events())
                      .as("late %s fires at a zone change", r.id())
                      .anyMatch(e -> e instanceof Event.ZoneChanged && e.at().equals(r.instant()));
                  continue;
                }
                List<ZoneOffset> offsets = r.zone().getRules().getValidOffsets(intended);
                ZoneOffsetTransition transition = r.zone().getRules().getTransition(intended);
                if (offsets.size() == 1) {
                  assertThat(r.local()).as("G1 %s", r.id()).isEqualTo(intended);
                  assertThat(r.instant())
                      .as("G1 %s", r.id())
                      .isEqualTo(intended.toInstant(offsets.get(0)));
                } else if (offsets.isEmpty()) {
                  gaps.incrementAndGet();
                  assertThat(r.local())
                      .as("G2 %s", r.id())
                      .isEqualTo(intended.plus(transition.getDuration()));
                  assertThat(r.instant())
                      .as("G2 %s", r.id())
                      .isEqualTo(intended.toInstant(transition.getOffsetBefore()));
                } else {
                  overlaps.incrementAndGet();
                  assertThat(r.local()).as("G3 %s", r.id()).isEqualTo(intended);
                  assertThat(r.instant())
                      .as("G3 %s", r.id())
                      .isEqualTo(intended.toInstant(transition.getOffsetBefore()));
                }
              }
            });
    assertThat(gaps.get()).as("daily occurrences in a gap").isPositive();
    assertThat(overlaps.get()).as("daily occurrences in an overlap").isPositive();
  }

  /**
   * G4: {@code next(after, n)} returns at most n reminders, none before {@code after}, sorted, and
   * exactly the first n that fire from {@code after} on.
   */
  @Test
  void next_isAtOrAfter_andSorted() {
    Comparator<Reminder> order =
        Comparator.comparing(Reminder::instant).thenComparing(Reminder::id);
    forAllInputs()
        .verify(
            in -> {
              ReminderCases.Query q = in.query();
              int n = (int) Math.floorMod(in.seed(), 70L);
              List<Reminder> next = q.next(in.a(), n);
              assertThat(next).hasSizeLessThanOrEqualTo(n);
              assertThat(next).allSatisfy(r -> assertThat(r.instant()).isAfterOrEqualTo(in.a()));
              assertThat(next).isSortedAccordingTo(order);
              List<Reminder> fired = q.between(in.a(), Instant.MAX).reminders();
              assertThat(next).isEqualTo(fired.subList(0, Math.min(n, fired.size())));
            });
  }

  /**
   * G6: with a zone change, each intended local time (the id) appears at most once, and the daily
   * intents of every local date of the plan are present, fired or suppressed: nothing is lost.
   */
  @Test
  void zoneChange_losesAndDuplicatesNothing() {
    Property.forAll(inputs(ReminderCases.casesWithZoneChange()))
        .describedBy(Input::describe)
        .verify(
            in -> {
              Clients.Case c = in.c();
              List<Reminder> all = ReminderCases.occurrences(in.query().all());
              Set<String> ids = new HashSet<>();
              for (Reminder r : all) {
                assertThat(ids.add(r.id())).as("%s appears twice", r.id()).isTrue();
              }
              Instant start =
                  ZonedDateTime.of(c.enrolment().start(), c.enrolment().zone()).toInstant();
              Instant end = planEnd(c);
              List<ZoneId> zones = new ArrayList<>();
              zones.add(c.enrolment().zone());
              c.events().stream()
                  .filter(e -> e instanceof Event.ZoneChanged)
                  .forEach(e -> zones.add(((Event.ZoneChanged) e).zone()));
              LocalDate last = end.atZone(ZoneOffset.UTC).toLocalDate().plusDays(2);
              for (ReminderPolicy p : c.protocol().reminders()) {
                if (!(p.schedule() instanceof Schedule.Daily daily)) {
                  continue;
                }
                List<LocalTime> times =
                    c.enrolment().preferences().reminderTimes().getOrDefault(p.id(), daily.at());
                for (LocalDate d = c.enrolment().start().toLocalDate().minusDays(1);
                    !d.isAfter(last);
                    d = d.plusDays(1)) {
                  for (LocalTime time : times) {
                    LocalDateTime intent = d.atTime(time);
                    boolean inside = true;
                    for (ZoneId z : zones) {
                      Instant t = ZonedDateTime.of(intent, z).toInstant();
                      inside &= !t.isBefore(start) && t.isBefore(end);
                    }
                    if (inside) {
                      assertThat(ids)
                          .as("daily %s intent %s", p.id(), intent)
                          .contains(Reminders.id(c.enrolment().client(), p.id(), intent));
                    }
                  }
                }
              }
            });
  }

  /** The end of the last session's window over every event. */
  private static Instant planEnd(Clients.Case c) {
    List<Session> sessions = c.stateAt(Instant.parse("2200-01-01T00:00:00Z")).sessions();
    return sessions.get(sessions.size() - 1).windowEnd();
  }

  /**
   * {@code ClientState.reminders} and {@code nextReminders} never throw for any case and window.
   */
  @Test
  void between_neverThrows() {
    forAllInputs()
        .verify(
            in -> {
              ReminderCases.Query q = in.query();
              assertThatCode(
                      () -> {
                        q.between(in.a(), in.b());
                        if (!in.c2().isAfter(in.a())) {
                          q.between(in.c2(), in.a());
                        }
                        q.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
                        q.between(in.a(), in.a());
                        q.next(in.b(), 3);
                        q.state().nextReminders(in.a(), 64);
                      })
                  .doesNotThrowAnyException();
              if (in.c2().isAfter(in.a())) {
                assertThatThrownBy(() -> q.between(in.c2(), in.a()))
                    .as("an inverted window is the caller's mistake")
                    .isInstanceOf(IllegalArgumentException.class);
              }
            });
  }
}
