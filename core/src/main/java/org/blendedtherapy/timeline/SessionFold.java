package org.blendedtherapy.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.SessionPlan;

/**
 * Folds session events (moves, attendance, cancellations, pauses, discharge) into a client's
 * session plan, one event at a time in canonical order. Events the plan does not allow are refused
 * with a reason and change nothing.
 *
 * <p>Part of the timeline's one fold: mutable and not thread-safe.
 */
final class SessionFold {
  private final SessionPlan plan;
  private final ZoneId zone;
  private final LocalDateTime start;
  private final LocalDateTime[] planned;
  private final LocalDateTime[] local;
  // local[i] resolved in the zone, or null until asked: the zone rules are costly to ask.
  private ZonedDateTime[] zoned;
  private final SessionStatus[] status;
  private final String[] reason;
  private Optional<Instant> pausedAt = Optional.empty();
  private Optional<Instant> dischargedAt = Optional.empty();

  /**
   * Writes what this fold knows beyond the plan itself: moves, statuses, notes, pause, discharge.
   */
  void write(Codec.Out out) throws java.io.IOException {
    for (int i = 0; i < local.length; i++) {
      out.local(local[i]);
      out.out().writeByte(status[i].ordinal());
      out.string(reason[i]);
    }
    out.instant(pausedAt.orElse(null));
    out.instant(dischargedAt.orElse(null));
  }

  /** Reads what {@link #write} wrote into a fold just made from the same plan. */
  void read(Codec.In in) throws java.io.IOException {
    SessionStatus[] statuses = SessionStatus.values();
    for (int i = 0; i < local.length; i++) {
      local[i] = in.local();
      if (zoned != null) {
        zoned[i] = null;
      }
      status[i] = statuses[in.in().readUnsignedByte()];
      reason[i] = in.string();
    }
    pausedAt = Optional.ofNullable(in.instant());
    dischargedAt = Optional.ofNullable(in.instant());
  }

  /**
   * A copy of a fold that changes apart from it; {@code trim} leaves out what is only a cache.
   *
   * @param from the fold
   * @param trim whether to leave out the zone resolutions
   */
  SessionFold(SessionFold from, boolean trim) {
    this.plan = from.plan;
    this.zone = from.zone;
    this.start = from.start;
    this.planned = from.planned.clone();
    // A trimmed (frozen) fold is never written into, so when every session is at its planned time
    // it shares the planned array, and all-null reasons share one array across trimmed folds.
    this.local =
        trim && java.util.Arrays.equals(from.local, from.planned) ? planned : from.local.clone();
    this.zoned = trim || from.zoned == null ? null : from.zoned.clone();
    this.status = from.status.clone();
    this.reason = trim ? Frozen.orShared(from.reason) : from.reason.clone();
    this.pausedAt = from.pausedAt;
    this.dischargedAt = from.dischargedAt;
  }

  /**
   * The first session a migration would plan anew that is already recorded or outside the new plan,
   * or 0 when the migration fits.
   *
   * @param newPlanFrom the first session the new plan sets
   * @param sessions the new plan's number of sessions
   * @return the session number, or 0
   */
  int blocksMigration(int newPlanFrom, int sessions) {
    for (int i = 0; i < status.length; i++) {
      if (status[i] != SessionStatus.PLANNED && (i + 1 >= newPlanFrom || i >= sessions)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Takes over what another fold of the same plan knows (the fold of a migrated client). */
  void copyFrom(SessionFold other) {
    System.arraycopy(other.planned, 0, planned, 0, planned.length);
    System.arraycopy(other.local, 0, local, 0, local.length);
    System.arraycopy(other.status, 0, status, 0, status.length);
    System.arraycopy(other.reason, 0, reason, 0, reason.length);
    if (zoned != null) {
      java.util.Arrays.fill(zoned, null);
    }
    pausedAt = other.pausedAt;
    dischargedAt = other.dischargedAt;
  }

  /**
   * Starts the fold of a migrated client: sessions before {@code newPlanFrom} keep their dates,
   * statuses and notes; from it on, the new plan's cadence applies, counted from where the old plan
   * had that session (or one cadence after the old plan's last).
   *
   * @param protocol the new protocol
   * @param enrolment the enrolment, pinned to it
   * @param old the old fold, which {@link #blocksMigration} found to fit
   * @param newPlanFrom the first session the new plan sets
   */
  SessionFold(Protocol protocol, Enrolment enrolment, SessionFold old, int newPlanFrom) {
    this(protocol, enrolment);
    int kept = Math.min(newPlanFrom - 1, Math.min(old.local.length, local.length));
    for (int i = 0; i < kept; i++) {
      planned[i] = old.planned[i];
      local[i] = old.local[i];
      status[i] = old.status[i];
      reason[i] = old.reason[i];
    }
    int first = newPlanFrom - 1;
    if (first < local.length) {
      LocalDateTime anchor =
          first < old.local.length
              ? old.local[first]
              : old.local[old.local.length - 1].plus(plan.cadence());
      for (int i = first; i < local.length; i++) {
        planned[i] = anchor.plus(plan.cadence().multipliedBy(i - first));
        local[i] = planned[i];
        reason[i] =
            i < old.local.length && old.local[i].equals(local[i])
                ? old.reason[i]
                : "planned by the new protocol's cadence from session " + newPlanFrom;
      }
    }
    java.util.Arrays.fill(zoned, null);
    pausedAt = old.pausedAt;
    dischargedAt = old.dischargedAt;
  }

  /**
   * Starts a fold with every session planned at {@code start + (n-1) × cadence}.
   *
   * @param protocol the protocol
   * @param enrolment the enrolment
   */
  SessionFold(Protocol protocol, Enrolment enrolment) {
    this.plan = protocol.sessionPlan();
    this.zone = enrolment.zone();
    this.start = enrolment.start();
    int count = plan.sessions();
    planned = new LocalDateTime[count];
    local = new LocalDateTime[count];
    zoned = new ZonedDateTime[count];
    status = new SessionStatus[count];
    reason = new String[count];
    for (int i = 0; i < count; i++) {
      planned[i] = enrolment.start().plus(plan.cadence().multipliedBy(i));
      local[i] = planned[i];
    }
    Arrays.fill(status, SessionStatus.PLANNED);
  }

  /**
   * Applies one event.
   *
   * @param event the event; events about no session are accepted and ignored
   * @return the reason the plan refuses the event, or empty when accepted
   */
  Optional<Refusal> apply(Event event) {
    return switch (event.type()) {
      case SESSION_SCHEDULED -> schedule((Event.SessionScheduled) event);
      case SESSION_ATTENDED, SESSION_MISSED, SESSION_CANCELLED -> record(event);
      case PAUSED -> pause(event.at());
      case RESUMED -> resume(event.at());
      case DISCHARGED -> discharge(event.at());
      case MODULE_STARTED,
          MODULE_COMPLETED,
          MODULE_RELEASED,
          MODULE_SKIPPED,
          MODULES_REORDERED,
          MODULE_REPEATED,
          MODULE_ASSIGNED,
          MOOD_RATED,
          MEASURE_RECORDED,
          REMINDER_ACKNOWLEDGED,
          REMINDER_IGNORED,
          REMINDER_OPTED_OUT,
          REMINDER_OPTED_IN,
          ZONE_CHANGED,
          PROTOCOL_MIGRATED ->
          Optional.empty();
    };
  }

  private Optional<Refusal> checkSession(int number) {
    if (number < 1 || number > plan.sessions()) {
      return Fold.refuse(
          RejectionCode.UNKNOWN_SESSION,
          "session " + number + " is outside the plan (sessions 1 to " + plan.sessions() + ")");
    }
    if (dischargedAt.isPresent()) {
      return Fold.refuse(RejectionCode.DISCHARGED, "the client was discharged before this event");
    }
    if (status[number - 1] != SessionStatus.PLANNED) {
      return Fold.refuse(
          RejectionCode.SESSION_RECORDED,
          "session " + number + " is already " + status[number - 1].json());
    }
    return Optional.empty();
  }

  private Optional<Refusal> schedule(Event.SessionScheduled event) {
    int number = event.session();
    Optional<Refusal> refused = checkSession(number);
    if (refused.isPresent()) {
      return refused;
    }
    int i = number - 1;
    LocalDateTime to = event.start();
    // Compared as instants: two local times in or around a gap can resolve to the same instant.
    Instant toInstant = Times.instant(to, zone);
    if (i > 0 && !toInstant.isAfter(instantOf(i - 1))) {
      return Fold.refuse(
          RejectionCode.OUT_OF_ORDER,
          "session " + number + " would no longer come after session " + (number - 1));
    }
    if (!plan.reschedulingMovesLater()
        && i + 1 < local.length
        && !toInstant.isBefore(instantOf(i + 1))) {
      return Fold.refuse(
          RejectionCode.OUT_OF_ORDER,
          "session " + number + " would no longer come before session " + (number + 1));
    }
    long minutes = ChronoUnit.MINUTES.between(local[i], to);
    reason[i] = "moved from " + Times.format(local[i]);
    local[i] = to;
    if (zoned != null) {
      zoned[i] = null;
    }
    if (plan.reschedulingMovesLater()) {
      // Every later slot moves, whatever its status, so that sessions stay in order.
      for (int j = i + 1; j < local.length; j++) {
        local[j] = local[j].plus(Duration.ofMinutes(minutes));
        if (zoned != null) {
          zoned[j] = null;
        }
        reason[j] = "moved with session " + number;
      }
    }
    return Optional.empty();
  }

  private Optional<Refusal> record(Event event) {
    int number = event.aboutSession().orElseThrow();
    Optional<Refusal> refused = checkSession(number);
    if (refused.isPresent()) {
      return refused;
    }
    int i = number - 1;
    status[i] =
        switch (event.type()) {
          case SESSION_ATTENDED -> SessionStatus.ATTENDED;
          case SESSION_MISSED -> SessionStatus.MISSED;
          case SESSION_CANCELLED -> {
            reason[i] =
                "cancelled by "
                    + ((Event.SessionCancelled) event)
                        .by()
                        .name()
                        .toLowerCase(java.util.Locale.ROOT);
            yield SessionStatus.CANCELLED;
          }
          case SESSION_SCHEDULED,
              MODULE_STARTED,
              MODULE_COMPLETED,
              MODULE_RELEASED,
              MODULE_SKIPPED,
              MODULES_REORDERED,
              MODULE_REPEATED,
              MODULE_ASSIGNED,
              MOOD_RATED,
              MEASURE_RECORDED,
              REMINDER_ACKNOWLEDGED,
              REMINDER_IGNORED,
              REMINDER_OPTED_OUT,
              REMINDER_OPTED_IN,
              PAUSED,
              RESUMED,
              DISCHARGED,
              ZONE_CHANGED,
              PROTOCOL_MIGRATED ->
              throw new IllegalArgumentException("not an attendance event: " + event.type());
        };
    return Optional.empty();
  }

  private Optional<Refusal> pause(Instant at) {
    if (dischargedAt.isPresent()) {
      return Fold.refuse(RejectionCode.DISCHARGED, "the client was discharged before this event");
    }
    if (pausedAt.isPresent()) {
      return Fold.refuse(RejectionCode.ALREADY_PAUSED, "therapy is already paused");
    }
    pausedAt = Optional.of(at);
    return Optional.empty();
  }

  private Optional<Refusal> resume(Instant at) {
    if (pausedAt.isEmpty()) {
      return Fold.refuse(RejectionCode.NOT_PAUSED, "therapy is not paused");
    }
    Instant from = pausedAt.get();
    long days =
        ChronoUnit.DAYS.between(from.atZone(zone).toLocalDate(), at.atZone(zone).toLocalDate());
    // Every slot after the pause moves, whatever its status (a session cancelled in advance keeps
    // its place in the order), so that sessions stay in order.
    for (int i = 0; i < local.length; i++) {
      if (instantOf(i).isAfter(from)) {
        local[i] = local[i].plusDays(days);
        if (zoned != null) {
          zoned[i] = null;
        }
        reason[i] = "moved " + days + (days == 1 ? " day" : " days") + " by a pause";
      }
    }
    pausedAt = Optional.empty();
    return Optional.empty();
  }

  private Optional<Refusal> discharge(Instant at) {
    if (dischargedAt.isPresent()) {
      return Fold.refuse(RejectionCode.DISCHARGED, "the client is already discharged");
    }
    dischargedAt = Optional.of(at);
    for (int i = 0; i < local.length; i++) {
      if (status[i] == SessionStatus.PLANNED && !instantOf(i).isBefore(at)) {
        status[i] = SessionStatus.CANCELLED;
        reason[i] = "discharged";
      }
    }
    return Optional.empty();
  }

  /**
   * One cadence after the last session: {@code start + sessions × cadence} while it is where it was
   * planned (month arithmetic makes this differ from adding one cadence to it), or one cadence
   * after where it was moved.
   */
  private LocalDateTime afterLast(int last) {
    return local[last].equals(planned[last])
        ? start.plus(plan.cadence().multipliedBy(last + 1))
        : local[last].plus(plan.cadence());
  }

  private ZonedDateTime zoned(int i) {
    if (zoned == null) {
      zoned = new ZonedDateTime[local.length];
    }
    ZonedDateTime z = zoned[i];
    if (z == null) {
      z = Times.resolve(local[i], zone);
      zoned[i] = z;
    }
    return z;
  }

  private Instant instantOf(int i) {
    return zoned(i).toInstant();
  }

  /**
   * Returns when the client was discharged.
   *
   * @return the discharge instant, or empty
   */
  Optional<Instant> dischargedAt() {
    return dischargedAt;
  }

  /**
   * Returns the sessions as they stand, with their windows.
   *
   * @return the sessions in number order
   */
  List<Session> sessions() {
    List<Session> sessions = new ArrayList<>(local.length);
    Instant[] instants = new Instant[local.length];
    for (int i = 0; i < local.length; i++) {
      instants[i] = instantOf(i);
    }
    for (int i = 0; i < local.length; i++) {
      Instant windowEnd =
          i + 1 < local.length ? instants[i + 1] : Times.instant(afterLast(i), zone);
      LocalDateTime now = zoned(i).toLocalDateTime();
      sessions.add(
          Results.session(
              i + 1,
              plan.typeOf(i + 1),
              local[i].equals(planned[i]) ? now : Times.resolve(planned[i], zone).toLocalDateTime(),
              now,
              instants[i],
              windowEnd,
              status[i],
              Optional.ofNullable(reason[i])));
    }
    return sessions;
  }

  /** The local date-time each session is meant at now, after any gap shift, in number order. */
  LocalDateTime[] resolvedLocals() {
    LocalDateTime[] out = new LocalDateTime[local.length];
    for (int i = 0; i < local.length; i++) {
      out[i] = zoned(i).toLocalDateTime();
    }
    return out;
  }

  /**
   * Tells whether an event type is one this fold handles.
   *
   * @param type the type
   * @return true for session, pause, resume and discharge events
   */
  static boolean handles(EventType type) {
    return switch (type) {
      case SESSION_SCHEDULED,
          SESSION_ATTENDED,
          SESSION_MISSED,
          SESSION_CANCELLED,
          PAUSED,
          RESUMED,
          DISCHARGED ->
          true;
      case MODULE_STARTED,
          MODULE_COMPLETED,
          MODULE_RELEASED,
          MODULE_SKIPPED,
          MODULES_REORDERED,
          MODULE_REPEATED,
          MODULE_ASSIGNED,
          MOOD_RATED,
          MEASURE_RECORDED,
          REMINDER_ACKNOWLEDGED,
          REMINDER_IGNORED,
          REMINDER_OPTED_OUT,
          REMINDER_OPTED_IN,
          ZONE_CHANGED,
          PROTOCOL_MIGRATED ->
          false;
    };
  }
}
