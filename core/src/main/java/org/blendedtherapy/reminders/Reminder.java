package org.blendedtherapy.reminders;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.ReminderKind;

/**
 * One occurrence of a reminder policy.
 *
 * <p>The id is deterministic: built from the client, the policy and the intended local time (never
 * the instant), so it survives zone changes and is the same in every query.
 *
 * <p>This class is immutable and thread-safe. (A calendar occurrence keeps its id as the parts it
 * shares with the policy's other occurrences and joins them with its date on the first call of
 * {@link #id()}: most occurrences of a long query are counted or suppressed and never asked their
 * id.)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Reminder {
  // A whole id is head itself (tail null); otherwise head, the date of local and tail, joined on
  // first use into joined (a racy write of the same immutable string is safe).
  private final String head;
  private final String tail;
  private String joined;
  private final String policy;
  private final ReminderKind kind;
  private final LocalDateTime local;
  private final Instant instant;
  private final ZoneId zone;
  private final String reason;

  /** Creates a reminder. */
  Reminder(
      String id,
      String policy,
      ReminderKind kind,
      LocalDateTime local,
      Instant instant,
      ZoneId zone,
      String reason) {
    this(Objects.requireNonNull(id, "id"), null, policy, kind, local, instant, zone, reason);
  }

  /**
   * Creates a reminder meant at {@code local} (its intended local time, a year from 1000 to 9999)
   * whose id is {@code head}, the date of {@code local} as {@code uuuuMMdd}, and {@code tail},
   * joined when first asked.
   *
   * @param head the start of the id, shared by the policy's occurrences
   * @param tail the time part, shared by the occurrences at the same time of day; null when {@code
   *     head} is the whole id
   */
  Reminder(
      String head,
      String tail,
      String policy,
      ReminderKind kind,
      LocalDateTime local,
      Instant instant,
      ZoneId zone,
      String reason) {
    this.head = head;
    this.tail = tail;
    this.policy = policy;
    this.kind = kind;
    this.local = local;
    this.instant = instant;
    this.zone = zone;
    this.reason = reason;
  }

  /**
   * Returns the deterministic id, {@code CLIENTHASH.POLICY.uuuuMMddTHHmm} (with {@code .ANCHOR} for
   * a session or module reminder) as {@link Reminders#id} builds it: from the client, the policy
   * and the intended local time, never the instant, so it survives zone changes.
   *
   * @return the id
   */
  public String id() {
    if (tail == null) {
      return head;
    }
    String id = joined;
    if (id == null) {
      id = head + Ids.stamp(local.toLocalDate()) + tail;
      joined = id;
    }
    return id;
  }

  /** Compares two reminders' ids as {@code a.id().compareTo(b.id())} does, without joining them. */
  static int compareIds(Reminder a, Reminder b) {
    int n = Math.min(a.idLength(), b.idLength());
    for (int k = 0; k < n; k++) {
      char c = a.idChar(k);
      char d = b.idChar(k);
      if (c != d) {
        return c - d;
      }
    }
    return a.idLength() - b.idLength();
  }

  private int idLength() {
    return tail == null ? head.length() : head.length() + 8 + tail.length();
  }

  /** The character at an index of the id, read from its parts. */
  private char idChar(int k) {
    if (k < head.length()) {
      return head.charAt(k);
    }
    int i = k - head.length();
    if (i >= 8) {
      return tail.charAt(i - 8);
    }
    // uuuuMMdd of the local date (a year from 1000 to 9999).
    int value;
    int digit;
    if (i < 4) {
      value = local.getYear();
      digit = 3 - i;
    } else if (i < 6) {
      value = local.getMonthValue();
      digit = 5 - i;
    } else {
      value = local.getDayOfMonth();
      digit = 7 - i;
    }
    for (int d = 0; d < digit; d++) {
      value /= 10;
    }
    return (char) ('0' + value % 10);
  }

  /** Returns the policy id. */
  public String policy() {
    return policy;
  }

  /** Returns the policy's kind. */
  public ReminderKind kind() {
    return kind;
  }

  /** Returns the wall-clock time actually meant, in {@code zone}, after any DST gap shift. */
  public LocalDateTime local() {
    return local;
  }

  /** Returns when it fires, UTC. */
  public Instant instant() {
    return instant;
  }

  /** Returns the client's zone at that instant. */
  public ZoneId zone() {
    return zone;
  }

  /** Returns why it fires, such as {@code daily at 10:00} or {@code 1 day before session 3}. */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Reminder other)) {
      return false;
    }
    return id().equals(other.id())
        && java.util.Objects.equals(policy, other.policy)
        && java.util.Objects.equals(kind, other.kind)
        && java.util.Objects.equals(local, other.local)
        && java.util.Objects.equals(instant, other.instant)
        && java.util.Objects.equals(zone, other.zone)
        && java.util.Objects.equals(reason, other.reason);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id(), policy, kind, local, instant, zone, reason);
  }

  @Override
  public String toString() {
    return "Reminder[id="
        + id()
        + ", policy="
        + policy
        + ", kind="
        + kind
        + ", local="
        + local
        + ", instant="
        + instant
        + ", zone="
        + zone
        + ", reason="
        + reason
        + "]";
  }
}
