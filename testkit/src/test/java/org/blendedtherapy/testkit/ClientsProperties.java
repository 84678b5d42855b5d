package org.blendedtherapy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.junit.jupiter.api.Test;

/** The client generators: pinned enrolments, hostile starts, valid histories while shrinking. */
class ClientsProperties {
  static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

  @Test
  void enrolments_arePinnedToTheProtocol_andStartFrom2010to2035() {
    Property.forAll(Clients.cases())
        .tries(300)
        .verify(
            c -> {
              var pin = c.enrolment().protocol();
              assertThat(pin.id()).isEqualTo(c.protocol().id());
              assertThat(pin.version()).isEqualTo(c.protocol().version());
              assertThat(pin.sha256()).isEqualTo(ProtocolJson.sha256(c.protocol()));
              assertThat(c.enrolment().start().toLocalDate())
                  .isBetween(Times.FIRST_DATE, Times.LAST_DATE);
            });
  }

  /**
   * Along a path down the shrink tree of a history, every candidate again has unique ids, and the
   * first candidates remove events.
   */
  @Test
  void histories_haveUniqueIds_andKeepThemWhileShrinking() {
    Property.forAll(Clients.cases())
        .tries(100)
        .verify(
            c -> {
              Shrinkable<List<Event>> node =
                  Clients.histories(c.protocol(), c.enrolment())
                      .generate(new SplittableRandom(c.events().size()), 60);
              for (int depth = 0; depth < 3; depth++) {
                List<Shrinkable<List<Event>>> candidates = node.shrinks();
                // Removals come first; then a sample of the per-event candidates, which are many.
                for (int i = 0; i < candidates.size(); i += 1 + i / 50) {
                  assertUniqueIds(candidates.get(i).value());
                }
                if (candidates.isEmpty()) {
                  break;
                }
                assertThat(candidates.get(0).value().size()).isLessThan(node.value().size());
                node = candidates.get(candidates.size() / 2);
              }
            });
  }

  private static void assertUniqueIds(List<Event> events) {
    Set<String> ids = new HashSet<>();
    for (Event event : events) {
      assertThat(ids.add(event.id())).as("id %s unique", event.id()).isTrue();
    }
  }

  /**
   * Over a fixed sample, the histories hold every event type the state folds and every kind of
   * event the state must reject, and the enrolments start in gaps and overlaps of hostile zones.
   */
  @Test
  void generatedCases_coverEveryEventTypeRejectionAndTransition() {
    SplittableRandom random = new SplittableRandom(20_111_230L);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    Set<String> rejections = new TreeSet<>();
    Set<String> zones = new TreeSet<>();
    int gaps = 0;
    int overlaps = 0;
    int withNullItem = 0;
    for (int i = 0; i < 400; i++) {
      Clients.Case c = Clients.cases().sample(random, 40 + i % 60);
      c.events().forEach(e -> types.add(e.type()));
      ZoneId zone = c.enrolment().zone();
      zones.add(zone.getId());
      LocalDateTime start = c.enrolment().start();
      int offsets = zone.getRules().getValidOffsets(start).size();
      gaps += offsets == 0 ? 1 : 0;
      overlaps += offsets == 2 ? 1 : 0;
      withNullItem +=
          c.events().stream()
                  .anyMatch(
                      e ->
                          e instanceof Event.MeasureRecorded m
                              && m.items().stream().anyMatch(item -> item.isEmpty()))
              ? 1
              : 0;
      ClientState state = c.stateAt(FAR_FUTURE);
      for (Rejection rejection : state.rejected()) {
        rejections.add(kind(rejection.reason()));
      }
    }
    assertThat(types).containsAll(EnumSet.allOf(EventType.class));
    assertThat(rejections)
        .contains(
            "outside the plan",
            "no module",
            "tailoring.release",
            "tailoring.skip",
            "no reminder policy",
            "locked",
            "already",
            "discharged",
            "no migration");
    assertThat(zones).containsAll(Times.HOSTILE_ZONES.stream().map(ZoneId::getId).toList());
    assertThat(gaps).as("starts in a gap").isGreaterThan(10);
    assertThat(overlaps).as("starts in an overlap").isGreaterThan(10);
    assertThat(withNullItem).as("cases with an unanswered item").isGreaterThan(10);
  }

  /** The README's host example: a sample protocol, any client, any history. */
  @Test
  void readmeExample_attendedSessionsNeverExceedPlanned() throws java.io.IOException {
    Protocol protocol =
        ProtocolJson.read(
            java.nio.file.Files.readString(
                java.nio.file.Path.of("../samples/protocols/e-compared-uk.json")));
    Property.forAll(Clients.cases(Gen.constant(protocol)))
        .verify(
            c -> {
              ClientState s = c.stateAt(Instant.parse("2100-01-01T00:00:00Z"));
              assertThat(s.progress().sessionsAttended()).isLessThanOrEqualTo(12);
              assertThat(s.rejected()).extracting(Rejection::event).doesNotHaveDuplicates();
            });
  }

  private static String kind(String reason) {
    for (String kind :
        List.of(
            "outside the plan",
            "no module",
            "tailoring.release",
            "tailoring.skip",
            "no reminder policy",
            "locked",
            "already",
            "discharged",
            "no migration")) {
      if (reason.contains(kind)) {
        return kind;
      }
    }
    return reason;
  }
}
