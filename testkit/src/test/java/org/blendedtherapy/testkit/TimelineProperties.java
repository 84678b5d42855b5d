package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Offset;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the one fold behind state and reminders, over the short generated cases and over
 * long histories (thousands of events on a year-long plan in DST-hostile zones): extending the fold
 * event by event from any split equals folding everything at once, and leaves every earlier state's
 * answers unchanged; a window of reminders equals the whole plan's occurrences restricted to it;
 * every module reminder counts from the instant the state says its module opened.
 */
class TimelineProperties {
  private static final Protocol YEAR = LongHistories.withSessions(SampleProtocol.uk(), 52);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm");

  /** A client with a long history. */
  record LongCase(PinnedProtocol pinned, Enrolment enrolment, List<Event> events, int split) {
    String describe() {
      return enrolment.zone()
          + " "
          + enrolment.start()
          + ", "
          + events.size()
          + " events, split "
          + split;
    }
  }

  static Gen<LongCase> longCases() {
    PinnedProtocol pinned = ProtocolJson.pin(YEAR);
    return Gen.elements(Times.HOSTILE_ZONES)
        .flatMap(
            zone -> {
              Enrolment enrolment =
                  new Enrolment(
                      "long-" + zone,
                      pinned.pin(),
                      LocalDateTime.of(2027, 1, 4, 10, 0),
                      zone,
                      org.blendedtherapy.client.Preferences.NONE);
              return LongHistories.histories(YEAR, enrolment, 2_000)
                  .flatMap(
                      events ->
                          Gen.choose(0, events.size())
                              .map(k -> new LongCase(pinned, enrolment, events, k)));
            });
  }

  /** A short generated case and a split point. */
  record Short(Clients.Case c, List<Event> sorted, int split) {
    String describe() {
      return c.describe() + "\nsplit " + split;
    }
  }

  static Gen<Short> shortCases() {
    return Clients.cases()
        .flatMap(
            c -> {
              List<Event> sorted = History.of(c.events()).events();
              return Gen.choose(0, sorted.size()).map(k -> new Short(c, sorted, k));
            });
  }

  private static Instant startOf(Enrolment enrolment) {
    return enrolment.start().atZone(enrolment.zone()).toInstant().minusSeconds(30L * 86_400);
  }

  /**
   * Folds the first {@code split} events at once, applies the rest one at a time in time order (the
   * fold is extended, not redone), and checks it equals folding everything at once; the state at
   * the split still answers as it did once the fold behind it has moved on.
   */
  private static void splitEqualsBatch(
      PinnedProtocol pinned, Enrolment enrolment, List<Event> sorted, int split) {
    Instant t0 = startOf(enrolment);
    Instant first = split == 0 ? t0 : sorted.get(split - 1).at();
    ClientState atSplit =
        ClientState.of(pinned, enrolment, History.of(sorted.subList(0, split)), first);
    ClientState state = atSplit;
    for (Event event : sorted.subList(split, sorted.size())) {
      state = state.apply(event);
    }
    Instant last = sorted.isEmpty() ? t0 : sorted.get(sorted.size() - 1).at();
    if (last.isBefore(first)) {
      last = first;
    }
    ClientState batch = ClientState.of(pinned, enrolment, History.of(sorted), last);
    assertThat(state).isEqualTo(batch);
    assertThat(StateJson.write(state).getBytes(StandardCharsets.UTF_8))
        .isEqualTo(StateJson.write(batch).getBytes(StandardCharsets.UTF_8));
    ClientState fresh =
        ClientState.of(pinned, enrolment, History.of(sorted.subList(0, split)), first);
    assertThat(atSplit).isEqualTo(fresh);
    assertThat(atSplit.modules()).isEqualTo(fresh.modules());
  }

  /**
   * Snapshots the state after the first {@code split} events, restores it, folds the rest into the
   * restored state, and checks every answer equals folding everything at once; a repeat of an event
   * before the snapshot leaves no trace.
   */
  private static void snapshotRestoreContinue(
      PinnedProtocol pinned, Enrolment enrolment, List<Event> sorted, int split) {
    Instant t0 = startOf(enrolment);
    Instant first = split == 0 ? t0 : sorted.get(split - 1).at();
    ClientState atSplit =
        ClientState.of(pinned, enrolment, History.of(sorted.subList(0, split)), first);
    ClientState restored = ClientState.restore(pinned, enrolment, atSplit.snapshot());
    assertSameAnswers(restored, atSplit);
    for (Event event : sorted.subList(split, sorted.size())) {
      restored = restored.apply(event);
    }
    if (split > 0) {
      restored = restored.apply(sorted.get(split / 2));
    }
    Instant last = sorted.isEmpty() ? t0 : sorted.get(sorted.size() - 1).at();
    if (last.isBefore(first)) {
      last = first;
    }
    assertSameAnswers(restored, ClientState.of(pinned, enrolment, History.of(sorted), last));
  }

  /**
   * Compacts the state after the first {@code split} events and checks it answers as the state does
   * and writes the same snapshot; then folds the rest into the compact state one at a time (twice
   * from the same compact state, which must not change) and checks every answer equals folding
   * everything at once; a repeat of an event before the compaction leaves no trace, and an event
   * reusing an earlier id with other content is refused as the full state refuses it.
   */
  private static void compactContinue(
      PinnedProtocol pinned, Enrolment enrolment, List<Event> sorted, int split) {
    Instant t0 = startOf(enrolment);
    Instant first = split == 0 ? t0 : sorted.get(split - 1).at();
    ClientState atSplit =
        ClientState.of(pinned, enrolment, History.of(sorted.subList(0, split)), first);
    ClientState compact = atSplit.compact();
    assertSameAnswers(compact, atSplit);
    // The same snapshot as a state restored from this state's snapshot (which lists the ids before
    // it in id order, as a compact state does).
    assertThat(compact.snapshot())
        .isEqualTo(ClientState.restore(pinned, enrolment, atSplit.snapshot()).snapshot());
    assertThat(compact.compact()).isSameAs(compact);
    Instant last = sorted.isEmpty() ? t0 : sorted.get(sorted.size() - 1).at();
    if (last.isBefore(first)) {
      last = first;
    }
    ClientState batch = ClientState.of(pinned, enrolment, History.of(sorted), last);
    for (int round = 0; round < 2; round++) {
      ClientState state = compact;
      for (Event event : sorted.subList(split, sorted.size())) {
        state = state.apply(event);
      }
      if (split > 0) {
        state = state.apply(sorted.get(split / 2));
        Event earlier = sorted.get(split / 2);
        int value = earlier instanceof Event.MoodRated m ? m.value() % 10 + 1 : 1;
        Event conflicting = new Event.MoodRated(earlier.id(), earlier.at(), value);
        ClientState full = batch;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> full.apply(conflicting))
            .isInstanceOf(org.blendedtherapy.InvalidInputException.class);
        ClientState held = state;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> held.apply(conflicting))
            .isInstanceOf(org.blendedtherapy.InvalidInputException.class);
      }
      assertSameAnswers(state, batch);
      assertSameAnswers(state.compact(), batch);
      assertThat(state.compact().snapshot())
          .isEqualTo(ClientState.restore(pinned, enrolment, batch.snapshot()).snapshot());
    }
  }

  @Test
  void compactContinue_equalsFoldingAllAtOnce_shortHistories() {
    Property.forAll(shortCases())
        .describedBy(Short::describe)
        .verify(
            in -> compactContinue(in.c().pinned(), in.c().enrolment(), in.sorted(), in.split()));
  }

  @Test
  void compactContinue_equalsFoldingAllAtOnce_longHistories() {
    Property.forAll(longCases())
        .describedBy(LongCase::describe)
        .verify(in -> compactContinue(in.pinned(), in.enrolment(), in.events(), in.split()));
  }

  private static void assertSameAnswers(ClientState actual, ClientState expected) {
    assertThat(actual.at()).isEqualTo(expected.at());
    assertThat(actual.modules()).isEqualTo(expected.modules());
    assertThat(actual.sessions()).isEqualTo(expected.sessions());
    assertThat(actual.nextSession()).isEqualTo(expected.nextSession());
    assertThat(actual.progress()).isEqualTo(expected.progress());
    assertThat(actual.path()).isEqualTo(expected.path());
    assertThat(actual.nextModule()).isEqualTo(expected.nextModule());
    assertThat(actual.rejected()).isEqualTo(expected.rejected());
    assertThat(actual.reminders(Instant.MIN, Instant.MAX))
        .isEqualTo(expected.reminders(Instant.MIN, Instant.MAX));
  }

  @Test
  void snapshotRestoreContinue_equalsFoldingAllAtOnce_shortHistories() {
    Property.forAll(shortCases())
        .describedBy(Short::describe)
        .verify(
            in ->
                snapshotRestoreContinue(
                    in.c().pinned(), in.c().enrolment(), in.sorted(), in.split()));
  }

  @Test
  void snapshotRestoreContinue_equalsFoldingAllAtOnce_longHistories() {
    Property.forAll(longCases())
        .describedBy(LongCase::describe)
        .verify(
            in -> snapshotRestoreContinue(in.pinned(), in.enrolment(), in.events(), in.split()));
  }

  @Test
  void extendingFromAnySplit_equalsFoldingAllAtOnce_shortHistories() {
    Property.forAll(shortCases())
        .describedBy(Short::describe)
        .verify(
            in -> splitEqualsBatch(in.c().pinned(), in.c().enrolment(), in.sorted(), in.split()));
  }

  @Test
  void extendingFromAnySplit_equalsFoldingAllAtOnce_longHistories() {
    Property.forAll(longCases())
        .describedBy(LongCase::describe)
        .verify(in -> splitEqualsBatch(in.pinned(), in.enrolment(), in.events(), in.split()));
  }

  /** Every occurrence, fired or suppressed, in time order. */
  private static List<Reminder> all(ReminderSchedule schedule) {
    List<Reminder> out = new ArrayList<>(schedule.reminders());
    schedule.suppressed().stream().map(Suppressed::reminder).forEach(out::add);
    return out;
  }

  private static void windowEqualsWholePlan(ClientState state, Instant from, Instant to) {
    ReminderSchedule window = state.reminders(from, to);
    ReminderSchedule whole = state.reminders(Instant.MIN, Instant.MAX);
    assertThat(window.reminders())
        .isEqualTo(
            whole.reminders().stream()
                .filter(r -> !r.instant().isBefore(from) && r.instant().isBefore(to))
                .toList());
    assertThat(window.suppressed())
        .isEqualTo(
            whole.suppressed().stream()
                .filter(
                    s ->
                        !s.reminder().instant().isBefore(from)
                            && s.reminder().instant().isBefore(to))
                .toList());
  }

  @Test
  void aWindowOfReminders_equalsTheWholePlanRestrictedToIt_shortHistories() {
    Property.forAll(ReminderProperties.inputs(ReminderCases.cases()))
        .describedBy(ReminderProperties.Input::describe)
        .verify(in -> windowEqualsWholePlan(in.query().state(), in.a(), in.b()));
  }

  @Test
  void aWindowOfReminders_equalsTheWholePlanRestrictedToIt_longHistories() {
    Property.forAll(longCases())
        .describedBy(LongCase::describe)
        .verify(
            in -> {
              ClientState state =
                  ClientState.of(in.pinned(), in.enrolment(), History.of(in.events()));
              Instant start = in.enrolment().start().atZone(in.enrolment().zone()).toInstant();
              // A week-long window somewhere in the year, aligned on nothing.
              long offset = (long) in.split() * 4_111L % (365L * 86_400);
              Instant from = start.plusSeconds(offset);
              windowEqualsWholePlan(state, from, from.plusSeconds(7L * 86_400));
            });
  }

  /**
   * Every module reminder, fired or suppressed, is one of its policy's offsets after the local
   * time, in the client's zone then, of the instant the state says the module opened.
   */
  @Test
  void everyModuleReminder_countsFromTheInstantTheStateSaysItsModuleOpened() {
    Property.forAll(ReminderProperties.inputs(ReminderCases.cases()))
        .describedBy(ReminderProperties.Input::describe)
        .verify(
            in -> {
              Clients.Case c = in.c();
              ClientState state = in.query().state();
              // The state far in the future: every opening by time alone has happened.
              ClientState later = state.at(Instant.parse("2100-01-01T00:00:00Z"));
              for (Reminder r : all(state.reminders(Instant.MIN, Instant.MAX))) {
                String[] parts = r.id().split("\\.");
                // Module reminders counted from an opening carry the module as their anchor.
                if (r.kind() != ReminderKind.MODULE || parts.length < 4) {
                  continue;
                }
                String module = parts[3];
                LocalDateTime intended = LocalDateTime.parse(parts[2], STAMP);
                Optional<Instant> opened = later.openedAt(module);
                assertThat(opened).as("%s: module %s never opened", r.id(), module).isPresent();
                LocalDateTime openedLocal =
                    opened.get().atZone(zoneAt(c, opened.get())).toLocalDateTime();
                ReminderPolicy policy =
                    c.protocol().reminders().stream()
                        .filter(p -> p.id().equals(r.policy()))
                        .findFirst()
                        .orElseThrow();
                List<LocalDateTime> expected = new ArrayList<>();
                for (Offset offset : ((Schedule.After) policy.schedule()).offsets()) {
                  expected.add(openedLocal.plus(offset.days()).plus(offset.time()));
                }
                assertThat(expected).as("%s: opened %s", r.id(), opened.get()).contains(intended);
              }
            });
  }

  /** The client's zone at an instant: the enrolment's, then each zone change's from its instant. */
  private static ZoneId zoneAt(Clients.Case c, Instant instant) {
    ZoneId zone = c.enrolment().zone();
    for (Event event : History.of(c.events()).events()) {
      if (event instanceof Event.ZoneChanged change && !change.at().isAfter(instant)) {
        zone = change.zone();
      }
    }
    return zone;
  }
}
