package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.Migrated;
import org.blendedtherapy.state.ModuleState;
import org.junit.jupiter.api.Test;

/** The sample migration from e-compared-uk to low-intensity-slim, and the mapping's checks. */
class MigrationTest {
  static final PinnedProtocol UK =
      ProtocolJson.pin(ProtocolJson.read(ClientSamples.bytes("protocols/e-compared-uk.json")));
  static final PinnedProtocol SLIM =
      ProtocolJson.pin(ProtocolJson.read(ClientSamples.bytes("protocols/low-intensity-slim.json")));
  static final byte[] MAPPING = ClientSamples.bytes("migrations/e-compared-uk-to-slim.json");
  static final Migration MIGRATION = MigrationJson.read(MAPPING, UK, SLIM);
  static final Enrolment ENROLMENT =
      EnrolmentJson.read(ClientSamples.bytes("migrations/clients/mid-course.enrolment.json"));
  static final History HISTORY =
      EventsJson.read(ClientSamples.bytes("migrations/clients/mid-course.events.jsonl"));
  static final Instant AT = Instant.parse("2027-01-20T12:00:00Z");
  static final Event MIGRATED = new Event.ProtocolMigrated("mig-1", AT, MIGRATION.sha256());
  static final Migrations KNOWN = Migrations.none().with(MIGRATION, SLIM);

  static ClientState migratedAt(Instant at) {
    return ClientState.of(UK, ENROLMENT, HISTORY.plus(MIGRATED), at, KNOWN);
  }

  @Test
  void theSampleMigration_carriesProgressAndFollowsTheNewProtocol() {
    ClientState before = ClientState.of(UK, ENROLMENT, HISTORY, AT);
    ClientState after = migratedAt(AT);
    assertThat(after.pinned()).isEqualTo(SLIM);
    assertThat(after.enrolment().protocol()).isEqualTo(SLIM.pin());
    assertThat(after.sessions()).hasSize(6);
    for (int n = 1; n <= 6; n++) {
      assertThat(after.session(n).instant()).isEqualTo(before.session(n).instant());
      assertThat(after.session(n).status()).isEqualTo(before.session(n).status());
    }
    for (String id : List.of("introduction", "psychoeducation", "behavioural-activation")) {
      ModuleState was = before.module(id).orElseThrow();
      ModuleState now = after.module(id).orElseThrow();
      assertThat(now.status()).isEqualTo(was.status());
      assertThat(after.openedAt(id)).isEqualTo(before.openedAt(id));
      assertThat(after.startedAt(id)).isEqualTo(before.startedAt(id));
    }
    assertThat(after.measures()).hasSameSizeAs(before.measures());
    List<Migrated> migrations = after.migrations();
    assertThat(migrations).hasSize(1);
    assertThat(migrations.get(0).at()).isEqualTo(AT);
    assertThat(migrations.get(0).from()).isEqualTo(UK.pin());
    assertThat(migrations.get(0).retired())
        .extracting(Migrated.Retired::module)
        .containsExactly("cognitive-restructuring", "physical-exercise", "problem-solving");
    // The client's opt-out of a retired policy goes; the state JSON shows both pins.
    assertThat(after.enrolment().preferences().optedOut()).isEmpty();
    assertThat(StateJson.write(after)).contains("\"migrations\"").contains(UK.sha256());
  }

  @Test
  void beforeTheMigration_nothingChanges() {
    ClientState early = migratedAt(AT.minusSeconds(1));
    ClientState plain = ClientState.of(UK, ENROLMENT, HISTORY, AT.minusSeconds(1));
    assertThat(StateJson.write(early)).isEqualTo(StateJson.write(plain));
    Instant from = Instant.parse("2027-01-10T00:00:00Z");
    List<Reminder> old = plain.at(AT.plusSeconds(86_400 * 30)).reminders(from, AT).reminders();
    ClientState later = migratedAt(AT.plusSeconds(86_400 * 30));
    assertThat(later.reminders(from, AT).reminders()).isEqualTo(old);
    for (Reminder r : later.reminders(AT, AT.plusSeconds(86_400 * 28)).reminders()) {
      assertThat(SLIM.protocol().reminders()).extracting(p -> p.id()).contains(r.policy());
    }
  }

  @Test
  void aMigrationThatDoesNotFit_isRefusedAndTheClientStays() {
    ClientState unknown = ClientState.of(UK, ENROLMENT, HISTORY.plus(MIGRATED), AT);
    assertThat(unknown.pinned()).isEqualTo(UK);
    assertThat(unknown.rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_MIGRATION));
    // Session 4 already held, but the migration plans from session 4 anew.
    History held =
        HISTORY
            .plus(
                new Event.SessionEvent(
                    "s4", EventType.SESSION_ATTENDED, Instant.parse("2027-01-25T11:00:00Z"), 4))
            .plus(
                new Event.ProtocolMigrated(
                    "mig-2", Instant.parse("2027-01-26T12:00:00Z"), MIGRATION.sha256()));
    ClientState refused =
        ClientState.of(UK, ENROLMENT, held, Instant.parse("2027-01-27T00:00:00Z"), KNOWN);
    assertThat(refused.pinned()).isEqualTo(UK);
    assertThat(refused.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo(RejectionCode.MIGRATION_REFUSED);
              assertThat(r.reason()).startsWith("session 4 is already recorded");
            });
  }

  @Test
  void migratingToTheSameContent_changesNothingButThePin() {
    Protocol same = UK.protocol().withVersion("1.0.1");
    PinnedProtocol next = ProtocolJson.pin(same);
    Migration identity =
        MigrationJson.read(
            MigrationJson.write(Migration.between(UK, next)).getBytes(StandardCharsets.UTF_8),
            UK,
            next);
    ClientState plain = ClientState.of(UK, ENROLMENT, HISTORY, AT.plusSeconds(86_400 * 40));
    ClientState moved =
        ClientState.of(
            UK,
            ENROLMENT,
            HISTORY.plus(new Event.ProtocolMigrated("mig", AT, identity.sha256())),
            AT.plusSeconds(86_400 * 40),
            Migrations.none().with(identity, next));
    assertThat(moved.modules()).isEqualTo(plain.modules());
    assertThat(moved.sessions()).isEqualTo(plain.sessions());
    assertThat(moved.measures()).isEqualTo(plain.measures());
  }

  @Test
  void toALongerPlan_sessionsPastTheOldPlanFollowTheNewCadence() {
    Migration.Proposal proposal = Migration.between(SLIM, UK);
    Migration longer =
        new Migration(
            proposal.from(),
            proposal.to(),
            proposal.modules(),
            4,
            proposal.policies(),
            "ab".repeat(32));
    Enrolment slim =
        new Enrolment(
            "client-slim",
            SLIM.pin(),
            ENROLMENT.start(),
            ENROLMENT.zone(),
            org.blendedtherapy.client.Preferences.NONE);
    List<Event> events = new java.util.ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      events.add(
          new Event.SessionEvent(
              "s" + n,
              EventType.SESSION_ATTENDED,
              Instant.parse("2027-01-04T10:50:00Z").plusSeconds(7L * 86_400 * (n - 1)),
              n));
    }
    events.add(new Event.ProtocolMigrated("mig", AT, longer.sha256()));
    Instant later = AT.plusSeconds(86_400 * 60);
    ClientState plain = ClientState.of(SLIM, slim, History.of(events), AT);
    ClientState moved =
        ClientState.of(SLIM, slim, History.of(events), later, Migrations.none().with(longer, UK));
    assertThat(moved.pinned()).isEqualTo(UK);
    assertThat(moved.sessions()).hasSize(12);
    assertThat(moved.session(4).local()).isEqualTo(plain.session(4).local());
    assertThat(moved.session(12).local()).isEqualTo(plain.session(4).local().plusWeeks(8));
    List<Reminder> reminders = moved.reminders(AT.minusSeconds(86_400 * 10), later).reminders();
    assertThat(reminders).isNotEmpty();
    assertThat(moved.nextReminders(AT.minusSeconds(86_400), 20)).hasSize(20);
    assertThat(StateJson.write(moved)).contains("\"migrations\"");
  }

  @Test
  void theMappingIsCheckedAgainstBothProtocols() {
    String text = new String(MAPPING, StandardCharsets.UTF_8);
    assertThat(codes(text.replace("\"problem-solving\": {", "\"nonesuch\": {"), UK, SLIM))
        .contains(IssueCode.UNKNOWN_MODULE);
    assertThat(
            codes(
                text.replace(
                    "\"cognitive-restructuring\": {\n      \"retired\": \"completed\",\n"
                        + "      \"reason\": \"covered face to face in the slim course\"\n    }",
                    "\"cognitive-restructuring\": \"behavioural-activation\""),
                UK,
                SLIM))
        .contains(IssueCode.AMBIGUOUS_MERGE);
    assertThat(codes(text.replace("\"activity\": null", "\"activity\": \"nonesuch\""), UK, SLIM))
        .contains(IssueCode.UNKNOWN_POLICY);
    assertThat(codes(text.replace("\"newPlanFrom\": 4", "\"newPlanFrom\": 9"), UK, SLIM))
        .contains(IssueCode.OUT_OF_RANGE);
    assertThat(codes(text, SLIM, UK)).contains(IssueCode.PIN_MISMATCH);
    assertThat(MigrationJson.validate(MAPPING, UK, SLIM).issues())
        .extracting(Issue::code)
        .containsOnly(IssueCode.WORK_DROPPED);
    assertThat(MigrationJson.validate("{\"from\": 1}".getBytes(StandardCharsets.UTF_8)).isValid())
        .isFalse();
    assertThatThrownBy(() -> MigrationJson.read("{", UK, SLIM)).hasMessageContaining("truncated");
  }

  private static List<IssueCode> codes(String json, PinnedProtocol from, PinnedProtocol to) {
    return MigrationJson.validate(json.getBytes(StandardCharsets.UTF_8), from, to).issues().stream()
        .map(Issue::code)
        .toList();
  }
}
