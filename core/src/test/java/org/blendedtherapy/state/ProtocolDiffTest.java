package org.blendedtherapy.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.junit.jupiter.api.Test;

class ProtocolDiffTest {
  private static ProtocolDiff diff(Protocol a, Protocol b) {
    return ProtocolDiff.of(ProtocolJson.pin(a), ProtocolJson.pin(b));
  }

  @Test
  void sameProtocol_hasNoChanges_andEqualBurden() {
    ProtocolDiff same = diff(ClientStateTest.UK, ClientStateTest.UK);
    assertThat(same.changes()).isEmpty();
    assertThat(same.burdenAfter()).isEqualTo(same.burdenBefore());
  }

  @Test
  void ukToSlim_listsRemovedModules_changedRules_andReminderChanges() {
    ProtocolDiff d = diff(ClientStateTest.UK, ClientStateTest.SLIM);
    assertThat(d.changes(ProtocolDiff.Area.MODULES))
        .extracting(ProtocolDiff.Change::subject, ProtocolDiff.Change::kind)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "cognitive-restructuring", ProtocolDiff.Kind.REMOVED),
            org.assertj.core.groups.Tuple.tuple("problem-solving", ProtocolDiff.Kind.REMOVED),
            org.assertj.core.groups.Tuple.tuple("relapse-prevention", ProtocolDiff.Kind.CHANGED));
    assertThat(d.changes(ProtocolDiff.Area.MODULES))
        .extracting(ProtocolDiff.Change::text)
        .contains(
            "relapse-prevention: estimated minutes 30 min -> 20 min; opens when"
                + " cognitive-restructuring completed -> when one of (behavioural-activation"
                + " completed; 5 attended sessions)");
    assertThat(d.changes(ProtocolDiff.Area.REMINDERS))
        .extracting(ProtocolDiff.Change::subject)
        .containsExactly("mood-rating", "activity", "homework");
    assertThat(d.changes(ProtocolDiff.Area.MEASURES)).isEmpty();
    assertThat(d.changes(ProtocolDiff.Area.TAILORING)).hasSize(4);
  }
}
