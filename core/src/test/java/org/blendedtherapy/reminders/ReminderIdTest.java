package org.blendedtherapy.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import org.blendedtherapy.protocol.ReminderKind;
import org.junit.jupiter.api.Test;

/**
 * Reminder ids joined lazily from their parts: the same text as the whole id, and compared without
 * joining exactly as the joined strings compare.
 */
class ReminderIdTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final String[] POLICIES = {"a", "ab", "a-b", "mood", "mood-evening", "b", "z9"};

  private static Reminder lazy(String client, String policy, LocalDateTime local) {
    Ids ids = new Ids(client);
    return new Reminder(
        ids.prefix(policy),
        Ids.suffix(local.toLocalTime()),
        policy,
        ReminderKind.MOOD_RATING,
        local,
        Instant.EPOCH,
        LONDON,
        "r");
  }

  private static Reminder eager(String client, String policy, LocalDateTime local, String anchor) {
    return new Reminder(
        new Ids(client).id(policy, local, anchor),
        policy,
        ReminderKind.MOOD_RATING,
        local,
        Instant.EPOCH,
        LONDON,
        "r");
  }

  private static Reminder any(Random random) {
    String client = random.nextBoolean() ? "client-a" : "client-" + random.nextInt(3);
    String policy = POLICIES[random.nextInt(POLICIES.length)];
    LocalDateTime local =
        LocalDateTime.of(
            1000 + random.nextInt(9000),
            1 + random.nextInt(12),
            1 + random.nextInt(28),
            random.nextInt(24),
            random.nextInt(60));
    if (random.nextInt(4) == 0) {
      local = LocalDateTime.of(2027, 3, 28, 10, random.nextBoolean() ? 0 : 30);
    }
    return switch (random.nextInt(3)) {
      case 0 -> lazy(client, policy, local);
      case 1 -> eager(client, policy, local, "");
      default -> eager(client, policy, local, random.nextBoolean() ? "s3" : "module-a");
    };
  }

  @Test
  void aLazyId_isTheWholeIdOfTheSameOccurrence() {
    Random random = new Random(20261202L);
    for (int i = 0; i < 2_000; i++) {
      LocalDateTime local =
          LocalDateTime.of(
              1000 + random.nextInt(9000), 1 + random.nextInt(12), 1 + random.nextInt(28), 7, 5);
      String policy = POLICIES[random.nextInt(POLICIES.length)];
      assertThat(lazy("client-x", policy, local).id())
          .isEqualTo(eager("client-x", policy, local, "").id());
    }
  }

  @Test
  void idsCompareWithoutJoining_asTheJoinedStringsCompare() {
    Random random = new Random(7L);
    for (int i = 0; i < 20_000; i++) {
      Reminder a = any(random);
      Reminder b = random.nextInt(10) == 0 ? a : any(random);
      int expected = Integer.signum(a.id().compareTo(b.id()));
      // Fresh copies, so that no id has been joined before the comparison.
      Reminder x = copy(a);
      Reminder y = copy(b);
      assertThat(Integer.signum(Reminder.compareIds(x, y)))
          .as("%s vs %s", a.id(), b.id())
          .isEqualTo(expected);
    }
  }

  private static Reminder copy(Reminder r) {
    String suffix = Ids.suffix(r.local().toLocalTime());
    String client = r.id().substring(0, r.id().indexOf('.'));
    // The lazy form only for ids that have no anchor (as the engine makes them).
    boolean plain =
        r.id().endsWith(suffix) && r.id().length() == client.length() + r.policy().length() + 15;
    return plain
        ? new Reminder(
            client + "." + r.policy() + ".",
            suffix,
            r.policy(),
            r.kind(),
            r.local(),
            r.instant(),
            r.zone(),
            r.reason())
        : new Reminder(r.id(), r.policy(), r.kind(), r.local(), r.instant(), r.zone(), r.reason());
  }
}
