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
  // Joined from head, day and tail on first use; a racy write of the same immutable value is safe.
  private String id;
  private final String head;
  private final String tail;
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
    this(Objects.requireNonNull(id, "id"), "", policy, kind, local, instant, zone, reason);
    this.id = id;
  }

  /**
   * Creates a reminder meant at {@code local} (its intended local time, a year from 1000 to 9999)
   * whose id is {@code head}, the date of {@code local} as {@code uuuuMMdd}, and {@code tail},
   * joined when first asked.
   *
   * @param head the start of the id, shared by the policy's occurrences
   * @param tail the time part, shared by the occurrences at the same time of day
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

  public String id() {
    String joined = id;
    if (joined == null) {
      joined = head + Ids.stamp(local.toLocalDate()) + tail;
      id = joined;
    }
    return joined;
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
