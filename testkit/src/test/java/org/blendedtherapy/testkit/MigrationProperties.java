package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.ModuleState;
import org.junit.jupiter.api.Test;

/**
 * Invariants of migrations over generated protocols and histories, short and year-long: migrating
 * to the same content changes only the pin; no module the client had opened is locked afterwards
 * and completed work stays completed; the migration event's place in a shuffled log does not
 * matter; reminders before the migration are unchanged and those after follow the new protocol;
 * migrating twice equals the composed migration.
 */
class MigrationProperties {

  /** A client, a migration instant, a later query instant and a seed for the mapping. */
  record Input(
      PinnedProtocol from,
      Enrolment enrolment,
      List<Event> events,
      Instant m,
      Instant t,
      long seed) {
    String describe() {
      return from.protocol().id()
          + " "
          + enrolment.zone()
          + ", "
          + events.size()
          + " events, m "
          + m
          + ", t "
          + t
          + ", seed "
          + seed;
    }

    ClientState plain(Instant at) {
      return ClientState.of(from, enrolment, History.of(events), at);
    }

    /** The target: the same modules under a new version, with some reminder policies dropped. */
    PinnedProtocol target(boolean identical) {
      if (identical) {
        return ProtocolJson.pin(from.protocol().withVersion("99.0.0"));
      }
      SplittableRandom random = new SplittableRandom(seed);
      List<ReminderPolicy> kept = new ArrayList<>();
      for (ReminderPolicy p : from.protocol().reminders()) {
        if (random.nextInt(3) > 0) {
          kept.add(p);
        }
      }
      org.blendedtherapy.protocol.SessionPlan plan = from.protocol().sessionPlan();
      // A third of the targets plan another number of sessions (longer or shorter courses).
      int sessions =
          random.nextInt(3) == 0
              ? Math.max(1, plan.sessions() + random.nextInt(-3, 5))
              : plan.sessions();
      org.blendedtherapy.protocol.SessionPlan other = plan;
      try {
        other =
            new org.blendedtherapy.protocol.SessionPlan(
                plan.pattern(),
                plan.cadence(),
                sessions,
                plan.durationMinutes(),
                plan.reschedulingMovesLater());
      } catch (IllegalArgumentException tooLong) {
        // Past the five years a plan may span: keep the old number.
      }
      return ProtocolJson.pin(
          from.protocol().withVersion("99.0.0").withReminders(kept).withSessionPlan(other));
    }

    /** A generated mapping: most modules carried, some retired; the new plan after what is held. */
    Migration migration(PinnedProtocol to, boolean identical) {
      SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
      Map<String, Migration.Target> modules = new LinkedHashMap<>();
      for (Module module : from.protocol().modules()) {
        if (!identical && random.nextInt(5) == 0) {
          modules.put(
              module.id(),
              new Migration.Retired(
                  random.nextBoolean()
                      ? Migration.RetiredWork.COMPLETED
                      : Migration.RetiredWork.DROPPED,
                  "generated"));
        }
      }
      Map<String, Optional<String>> policies = new LinkedHashMap<>();
      for (ReminderPolicy p : from.protocol().reminders()) {
        boolean kept = to.protocol().reminders().stream().anyMatch(q -> q.id().equals(p.id()));
        policies.put(p.id(), kept ? Optional.of(p.id()) : Optional.empty());
      }
      int held = 0;
      for (Session s : plain(m).sessions()) {
        if (s.status() != SessionStatus.PLANNED) {
          held = s.number();
        }
      }
      int sessions = from.protocol().sessionPlan().sessions();
      int target = to.protocol().sessionPlan().sessions();
      int newPlanFrom =
          identical ? sessions + 1 : Math.min(target + 1, held + 1 + random.nextInt(3));
      byte[] sha = new byte[32];
      new Random(seed).nextBytes(sha);
      return new Migration(
          from.pin(), to.pin(), modules, newPlanFrom, policies, HexFormat.of().formatHex(sha));
    }
  }

  static Gen<Input> inputs() {
    Gen<Input> shortOnes =
        Clients.cases()
            .flatMap(
                c -> {
                  Gen<Instant> spread = Clients.instants(c.protocol(), c.enrolment());
                  return Gen.zip(
                      Gen.zip(
                          spread, spread, (a, b) -> a.isBefore(b) ? List.of(a, b) : List.of(b, a)),
                      Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE),
                      (mt, seed) ->
                          new Input(
                              c.pinned(), c.enrolment(), c.events(), mt.get(0), mt.get(1), seed));
                });
    Gen<Input> longOnes =
        TimelineProperties.longCases()
            .flatMap(
                c ->
                    Gen.zip(
                        Gen.chooseLong(0, 300),
                        Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE),
                        (days, seed) -> {
                          Instant start =
                              c.enrolment().start().atZone(c.enrolment().zone()).toInstant();
                          Instant m = start.plus(Duration.ofDays(days)).plusSeconds(3_600);
                          return new Input(
                              c.pinned(),
                              c.enrolment(),
                              c.events(),
                              m,
                              m.plus(Duration.ofDays(20)),
                              seed);
                        }));
    return Gen.frequency(List.of(Gen.weighted(4, shortOnes), Gen.weighted(1, longOnes)));
  }

  static Property<Input> forAll() {
    return Property.forAll(inputs()).describedBy(Input::describe);
  }

  static ClientState migrated(
      Input in, PinnedProtocol to, Migration migration, List<Event> events, Instant at) {
    List<Event> all = new ArrayList<>(events);
    all.add(new Event.ProtocolMigrated("zz-migrated", in.m(), migration.sha256()));
    return ClientState.of(
        in.from(), in.enrolment(), History.of(all), at, Migrations.none().with(migration, to));
  }

  @Test
  void migratingToTheSameContent_changesNothingButThePin() {
    forAll()
        .verify(
            in -> {
              PinnedProtocol to = in.target(true);
              Migration identity = in.migration(to, true);
              ClientState moved = migrated(in, to, identity, in.events(), in.t());
              ClientState plain = in.plain(in.t());
              if (moved.migrations().isEmpty()) {
                // Only a discharged client refuses a migration that plans no session anew.
                assertThat(moved.rejected())
                    .anySatisfy(
                        r -> {
                          assertThat(r.event()).isEqualTo("zz-migrated");
                          assertThat(r.code().json()).isEqualTo("discharged");
                        });
                return;
              }
              assertThat(moved.pinned()).isEqualTo(to);
              assertThat(moved.modules()).isEqualTo(plain.modules());
              assertThat(moved.sessions()).isEqualTo(plain.sessions());
              assertThat(moved.measures()).isEqualTo(plain.measures());
              assertThat(moved.progress()).isEqualTo(plain.progress());
            });
  }

  @Test
  void openedModulesStayOpen_andCompletedWorkIsKeptOrListed() {
    forAll()
        .verify(
            in -> {
              PinnedProtocol to = in.target(false);
              Migration migration = in.migration(to, false);
              ClientState before = in.plain(in.m());
              ClientState after = migrated(in, to, migration, in.events(), in.t());
              if (after.migrations().isEmpty()) {
                return; // refused: the client stays, as the rejection says
              }
              assertThat(StateSchemaProperties.errors(after)).isEmpty();
              for (ModuleState was : before.modules()) {
                Migration.Target target = migration.target(was.id());
                if (target instanceof Migration.Moved moved) {
                  ModuleState now = after.module(moved.into()).orElseThrow();
                  if (!"locked".equals(was.status().json())) {
                    assertThat(now.status().json()).as(was.id()).isNotEqualTo("locked");
                  }
                  if ("completed".equals(was.status().json())) {
                    // At the migration instant (a later repeat may reopen it).
                    ClientState at = after.at(in.m());
                    assertThat(at.openedAt(moved.into())).isEqualTo(before.openedAt(was.id()));
                    assertThat(at.module(moved.into()).orElseThrow().status().json())
                        .as(was.id())
                        .isEqualTo("completed");
                  }
                } else {
                  assertThat(after.migrations().get(0).retired())
                      .anySatisfy(r -> assertThat(r.module()).isEqualTo(was.id()));
                }
              }
            });
  }

  @Test
  void theMigrationEventsPlaceInTheLog_doesNotMatter() {
    forAll()
        .verify(
            in -> {
              PinnedProtocol to = in.target(false);
              Migration migration = in.migration(to, false);
              ClientState expected = migrated(in, to, migration, in.events(), in.t());
              List<Event> shuffled = new ArrayList<>(in.events());
              shuffled.add(new Event.ProtocolMigrated("zz-migrated", in.m(), migration.sha256()));
              Collections.shuffle(shuffled, new Random(in.seed()));
              ClientState reordered =
                  ClientState.of(
                      in.from(),
                      in.enrolment(),
                      History.of(shuffled),
                      in.t(),
                      Migrations.none().with(migration, to));
              assertThat(StateJson.write(reordered)).isEqualTo(StateJson.write(expected));
            });
  }

  @Test
  void remindersBeforeStay_andAfterFollowTheNewProtocol() {
    forAll()
        .verify(
            in -> {
              PinnedProtocol to = in.target(false);
              Migration migration = in.migration(to, false);
              ClientState after = migrated(in, to, migration, in.events(), in.t());
              Instant from = in.m().minus(Duration.ofDays(10));
              Instant until = in.m().plus(Duration.ofDays(10));
              List<Reminder> before = in.plain(in.t()).reminders(from, in.m()).reminders();
              assertThat(after.reminders(from, in.m()).reminders()).isEqualTo(before);
              if (after.migrations().isEmpty()) {
                return;
              }
              java.util.OptionalInt cap = to.protocol().reminderLimits().maxPerDay();
              if (cap.isPresent()) {
                java.time.ZoneId zone = after.enrolment().zone();
                java.time.LocalDate day = in.m().atZone(zone).toLocalDate();
                Instant dayStart = day.atStartOfDay(zone).toInstant();
                Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
                if (in.events().stream().noneMatch(e -> e instanceof Event.ZoneChanged)) {
                  assertThat(after.reminders(dayStart, dayEnd).reminders())
                      .as("the migration day under the cap")
                      .hasSizeLessThanOrEqualTo(cap.getAsInt());
                }
              }
              for (Reminder r : after.reminders(in.m(), until).reminders()) {
                assertThat(to.protocol().reminders()).extracting(p -> p.id()).contains(r.policy());
                assertThat(r.instant()).isAfterOrEqualTo(in.m());
              }
            });
  }

  @Test
  void migratingTwice_equalsTheComposedMigration() {
    forAll()
        .verify(
            in -> {
              // A -> B (same content, new version) at m, then B -> C at t; against A -> C at t.
              PinnedProtocol b = in.target(true);
              Migration ab = in.migration(b, true);
              PinnedProtocol c =
                  ProtocolJson.pin(in.target(false).protocol().withVersion("100.0.0"));
              Input later =
                  new Input(in.from(), in.enrolment(), in.events(), in.t(), in.t(), in.seed());
              Migration ac = later.migration(c, false);
              Migration bc =
                  new Migration(
                      b.pin(),
                      c.pin(),
                      ac.modules(),
                      ac.newPlanFrom(),
                      ac.policies(),
                      ac.sha256().replace('0', '1').replace('2', '3').substring(0, 63) + "e");
              Instant end = in.t().plus(Duration.ofDays(5));
              List<Event> twice = new ArrayList<>(in.events());
              twice.add(new Event.ProtocolMigrated("zz-1", in.m(), ab.sha256()));
              twice.add(new Event.ProtocolMigrated("zz-2", in.t(), bc.sha256()));
              ClientState stepwise =
                  ClientState.of(
                      in.from(),
                      in.enrolment(),
                      History.of(twice),
                      end,
                      Migrations.none().with(ab, b).with(bc, c));
              List<Event> once = new ArrayList<>(in.events());
              once.add(new Event.ProtocolMigrated("zz-2", in.t(), ac.sha256()));
              ClientState composed =
                  ClientState.of(
                      in.from(),
                      in.enrolment(),
                      History.of(once),
                      end,
                      Migrations.none().with(ac, c));
              if (composed.migrations().isEmpty()) {
                // The migration to C does not fit this client (discharged, or a session it
                // would plan anew is held): refused on both ways, each staying where it was.
                assertThat(stepwise.migrations()).hasSizeLessThan(2);
                return;
              }
              assertThat(stepwise.pinned()).isEqualTo(composed.pinned());
              assertThat(stepwise.modules()).isEqualTo(composed.modules());
              assertThat(stepwise.sessions()).isEqualTo(composed.sessions());
              assertThat(stepwise.measures()).isEqualTo(composed.measures());
            });
  }
}
