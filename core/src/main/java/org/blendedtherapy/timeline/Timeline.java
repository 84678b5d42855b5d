package org.blendedtherapy.timeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Migrations;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;

/**
 * A client's history folded once, as it stands at an instant: every event up to the instant
 * accepted or rejected, a ledger per module with exact instants, the sessions, the zone timeline,
 * pauses, discharge, and the indexes reminders read (mood ratings, responses and opt-outs per
 * policy). State and reminders read it; nothing else folds events.
 *
 * <p>Costs: {@link #of} is linear in the events up to the instant. {@link #plus} of an event that
 * comes after every event so far extends the fold in place, O(modules), without refolding; any
 * other {@code plus}, and a question asked of a timeline that a later {@code plus} has since
 * extended, refolds from the history. The first question asked of a timeline freezes a view of it,
 * O(modules + sessions + policies); later questions read the view. A timeline restored from a
 * snapshot or {@link #compact() compacted} holds its fold frozen: its first {@code plus} copies the
 * fold (linear in what the fold holds, not in events), later ones extend the copy.
 *
 * <p>Not API. This class is immutable and thread-safe: the fold behind it is shared by the
 * timelines that extend one another and guarded by its own lock.
 */
@API(status = INTERNAL, since = "0.2")
public final class Timeline {
  /**
   * A session plan as known from an instant until the next change of the sessions' local times.
   *
   * @param from when it took effect
   * @param until when the next version took effect
   * @param locals the sessions' meant local times, in number order
   */
  @API(status = INTERNAL, since = "0.1")
  public record PlanVersion(Instant from, Instant until, List<LocalDateTime> locals) {}

  /**
   * A local intent resolved in the client's zone at the time.
   *
   * @param at the zoned date-time it fires at
   * @param late true when the client changed zone after the intent's time in the new zone had
   *     passed, so it fires on arrival
   */
  @API(status = INTERNAL, since = "0.1")
  public record Resolved(ZonedDateTime at, boolean late) {}

  /**
   * What a timeline restored from a snapshot, or compacted, knows of the events before it: the fold
   * after them (frozen, to fold again from it), how many, their ids with a fingerprint of their
   * content (for repeats and conflicts), and the last one's place in canonical order.
   */
  private record Base(Fold fold, int seq, Ids ids, Instant lastAt, String lastId) {}

  /**
   * A migration the client went through.
   *
   * @param event the protocol-migrated event's id
   * @param at its instant
   * @param migration the migration
   * @param to the protocol it moved the client to
   * @param retired each retired old module's status just before the migration ({@code locked},
   *     {@code open}, {@code started} or {@code completed}), by id
   */
  @API(status = INTERNAL, since = "0.2")
  public record Migrated(
      String event,
      Instant at,
      org.blendedtherapy.client.Migration migration,
      PinnedProtocol to,
      Map<String, String> retired) {}

  private static final int MAGIC = 0x424c4e44;
  private static final int VERSION = 2;
  // Version 1 wrote each fingerprint as the whole 64-bit hash; it is still read.
  private static final int VERSION_64_BIT_FINGERPRINTS = 1;

  private final Fold fold;
  private final int seq;
  private final Instant at;
  // The events handed over; for a restored timeline, only those after the snapshot.
  private final History history;
  private final Base base;
  private volatile Frame frame;
  private volatile Object derived;

  private Timeline(Fold fold, int seq, Instant at, History history) {
    this(fold, seq, at, history, null);
  }

  private Timeline(Fold fold, int seq, Instant at, History history, Base base) {
    this.fold = fold;
    this.seq = seq;
    this.at = at;
    this.history = history;
    this.base = base;
  }

  /** How many events of {@link #history} this timeline has folded. */
  private int folded() {
    return base == null ? seq : seq - base.seq();
  }

  /** A new fold of this timeline's events up to an instant: from scratch, or from the base. */
  private Fold refold(History events, Instant until) {
    Fold fresh =
        base == null
            ? new Fold(fold.originProtocol, fold.originEnrolment, fold.routes)
            : base.fold().openCopy();
    for (Event event : events.upTo(until)) {
      fresh = Fold.next(fresh, event);
    }
    return fresh;
  }

  private static Instant readInstant(java.io.DataInputStream in) throws java.io.IOException {
    return new Codec.In(in).instant();
  }

  /** The fold of this timeline as it stands, frozen. */
  private Fold frozenFold() {
    synchronized (fold) {
      if (fold.seq == seq) {
        return fold.frozen ? fold : fold.frozenCopy();
      }
    }
    return refold(history, at).frozenCopy();
  }

  /**
   * Returns a timeline that answers every question and folds every later event exactly as this one
   * does, holding no event it has folded: the fold frozen in primitive arrays, and the folded
   * events' ids, exact and front-coded, each with a 32-bit fingerprint of its content (for repeats
   * and conflicts, see {@link #fingerprint}). Like a restored timeline, it refuses what reads the
   * folded events ({@link #events()}, {@link #rejection(int)}) and an event that sorts before the
   * last folded one. Linear in the events folded.
   *
   * @return the compact timeline
   */
  public Timeline compact() {
    int folded = folded();
    if (folded == 0 && fold.frozen && base != null && base.seq() == seq) {
      return this;
    }
    Fold frozen = frozenFold();
    java.util.TreeMap<String, Integer> ids =
        base == null ? new java.util.TreeMap<>() : base.ids().toMap();
    List<Event> events = history.events();
    for (Event event : events.subList(0, folded)) {
      ids.put(event.id(), fingerprint(event));
    }
    Instant lastAt = base == null ? null : base.lastAt();
    String lastId = base == null ? "" : base.lastId();
    if (folded > 0) {
      lastAt = events.get(folded - 1).at();
      lastId = events.get(folded - 1).id();
    }
    History rest =
        folded == events.size()
            ? History.empty()
            : History.of(events.subList(folded, events.size()));
    return new Timeline(
        frozen, frozen.seq, at, rest, new Base(frozen, frozen.seq, Ids.of(ids), lastAt, lastId));
  }

  /**
   * Writes this timeline as a snapshot: versioned bytes from which {@link #restore} folds on
   * exactly as this timeline would. It holds the protocol pin, the instant, the id and a 32-bit
   * content fingerprint of every event folded, and the fold's own state: module ledgers, sessions
   * and their notes, plan versions, zones, pauses, discharge, scores, mood-rating and response
   * instants, opt-outs and the rejections (event id, code and the library's own words). It holds no
   * event's content, no client reference and no text the host or client wrote.
   *
   * @param sha256 the protocol's canonical SHA-256, written as the pin
   * @return the snapshot
   */
  public byte[] snapshot(String sha256) {
    if (!fold.migrated.isEmpty()) {
      throw new IllegalStateException(
          "a migrated client's state has no snapshot yet; fold its history with the migrations");
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
      Codec.Out codec = new Codec.Out(out);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(fold.protocol.id());
      out.writeUTF(fold.protocol.version());
      out.writeUTF(sha256);
      codec.instant(at);
      List<Event> folded = history.events().subList(0, folded());
      int prior = base == null ? 0 : base.ids().size();
      out.writeInt(prior + folded.size());
      if (base != null) {
        for (Map.Entry<String, Integer> e : base.ids().toMap().entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue());
        }
      }
      for (Event event : folded) {
        out.writeUTF(event.id());
        out.writeInt(fingerprint(event));
      }
      Instant lastAt = base == null ? null : base.lastAt();
      String lastId = base == null ? "" : base.lastId();
      if (!folded.isEmpty()) {
        lastAt = folded.get(folded.size() - 1).at();
        lastId = folded.get(folded.size() - 1).id();
      }
      codec.instant(lastAt);
      out.writeUTF(lastId);
      synchronized (fold) {
        if (fold.seq == seq) {
          fold.write(codec);
        } else {
          refold(history, at).write(codec);
        }
      }
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Restores a timeline from a snapshot; folding continues from it exactly as from the timeline it
   * was taken of. A restored timeline holds no event before the snapshot: what reads those events
   * ({@link #events()}, {@link #rejection(int)}) refuses, and an event that sorts before the
   * snapshot's last event cannot be folded into it.
   *
   * @param protocol the protocol
   * @param sha256 its canonical SHA-256, which the snapshot must name
   * @param enrolment the enrolment
   * @param snapshot the bytes {@link #snapshot} wrote
   * @return the timeline, at the snapshot's instant
   * @throws IllegalArgumentException if the bytes are not a snapshot of this version, or name
   *     another protocol id, version or SHA-256, or do not fit the protocol
   */
  public static Timeline restore(
      Protocol protocol, String sha256, Enrolment enrolment, byte[] snapshot) {
    try {
      java.io.DataInputStream in =
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot));
      int version = in.readInt() == MAGIC ? in.readInt() : -1;
      if (version != VERSION && version != VERSION_64_BIT_FINGERPRINTS) {
        throw new IllegalArgumentException(
            "not a timeline snapshot of version " + VERSION_64_BIT_FINGERPRINTS + " or " + VERSION);
      }
      if (!in.readUTF().equals(protocol.id())
          || !in.readUTF().equals(protocol.version())
          || !in.readUTF().equals(sha256)) {
        throw new IllegalArgumentException("the snapshot was taken on another protocol version");
      }
      Instant at = readInstant(in);
      java.util.TreeMap<String, Integer> ids = new java.util.TreeMap<>();
      for (int n = in.readInt(), i = 0; i < n; i++) {
        String id = in.readUTF();
        ids.put(id, version == VERSION ? in.readInt() : fold(in.readLong()));
      }
      Instant lastAt = readInstant(in);
      String lastId = in.readUTF();
      Fold read = new Fold(protocol, enrolment);
      read.read(new Codec.In(in));
      if (in.read() != -1) {
        throw new IllegalArgumentException("the snapshot has bytes after its end");
      }
      Fold fold = read.frozenCopy();
      return new Timeline(
          fold,
          fold.seq,
          at,
          History.empty(),
          new Base(fold, fold.seq, Ids.of(ids), lastAt, lastId));
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("not a readable timeline snapshot", e);
    }
  }

  /**
   * A 32-bit fingerprint of an event's content: the 64-bit FNV-1a hash of its type and every
   * component (enums by name, the rest by their ISO or list form, an empty {@code Optional} left
   * out so that an event without an optional key keeps the fingerprint it had before that key
   * existed), its two halves XORed; the same on every JVM. A compact or restored timeline keeps it
   * per folded id, to tell a repeat of an event from another event under the same id: another
   * content is taken for a repeat (and ignored, as the first content stays) with probability
   * 2<sup>-32</sup>, and reported as {@code conflicting-id} otherwise. The state is the same either
   * way; only that report can be missed.
   */
  static int fingerprint(Event event) {
    StringBuilder text = new StringBuilder(event.getClass().getSimpleName());
    for (java.lang.reflect.RecordComponent component : event.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(event);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (value instanceof Optional<?> optional && optional.isEmpty()) {
        // An absent optional key (0.2's reminder policy) leaves the fingerprint as before it.
        continue;
      }
      text.append('\u0000').append(value instanceof Enum<?> e ? e.name() : String.valueOf(value));
    }
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return fold(hash);
  }

  /** A 64-bit hash folded into 32 bits, as version 1 snapshots are read. */
  private static int fold(long hash) {
    return (int) (hash ^ (hash >>> 32));
  }

  /** For a restored timeline: whether an event repeats one before the snapshot, or conflicts. */
  private boolean isPriorRepeat(Event event) {
    if (base == null) {
      return false;
    }
    int known = base.ids().find(event.id());
    if (known < 0) {
      if (base.lastAt() != null
          && (event.at().isBefore(base.lastAt())
              || event.at().equals(base.lastAt()) && event.id().compareTo(base.lastId()) < 0)) {
        throw new IllegalArgumentException(
            "event " + event.id() + " sorts before the snapshot's last event; fold the history");
      }
      return false;
    }
    if (base.ids().fingerprint(known) == fingerprint(event)) {
      return true;
    }
    throw new org.blendedtherapy.InvalidInputException(
        "event history",
        List.of(
            org.blendedtherapy.Issue.error(
                IssueCode.CONFLICTING_ID,
                "",
                "event id \""
                    + event.id()
                    + "\" appears twice with different content; expected one content per id")));
  }

  /**
   * Folds a client's history up to and including an instant.
   *
   * @param protocol the protocol
   * @param enrolment the enrolment
   * @param history the events
   * @param at the instant
   * @return the timeline
   */
  public static Timeline of(Protocol protocol, Enrolment enrolment, History history, Instant at) {
    return of(protocol, enrolment, history, at, Migrations.none());
  }

  /**
   * Folds a client's history up to and including an instant, following the migrations it records.
   *
   * @param protocol the protocol the client was enrolled on
   * @param enrolment the enrolment
   * @param history the events
   * @param at the instant
   * @param migrations the migrations a {@code protocol-migrated} event may name
   * @return the timeline
   */
  public static Timeline of(
      Protocol protocol, Enrolment enrolment, History history, Instant at, Migrations migrations) {
    Fold fold = new Fold(protocol, enrolment, migrations);
    List<Event> events = history.upTo(at);
    for (Event event : events) {
      fold = Fold.next(fold, event);
    }
    return new Timeline(fold, events.size(), at, history);
  }

  /**
   * Returns the timeline with one more event, at the later of this instant and the event's.
   *
   * @param event the event
   * @return the new timeline
   */
  public Timeline plus(Event event) {
    Instant when = event.at().isAfter(at) ? event.at() : at;
    if (isPriorRepeat(event)) {
      return at(when);
    }
    History next = history.plus(event);
    if (next == history) {
      return at(when);
    }
    if (history.isAppend(event) && !(event instanceof Event.ProtocolMigrated)) {
      // The common case: the event comes last and no event lies between this instant and it.
      if (folded() == history.size()) {
        synchronized (fold) {
          if (fold.seq == seq && !fold.frozen) {
            fold.apply(event);
            return new Timeline(fold, seq + 1, when, next, base);
          }
        }
      }
      Timeline extended = extend(next, when);
      if (extended != null) {
        return extended;
      }
    }
    if (base == null) {
      return of(fold.originProtocol, fold.originEnrolment, next, when, fold.routes);
    }
    Fold fresh = refold(next, when);
    return new Timeline(fresh, fresh.seq, when, next, base);
  }

  /**
   * Returns the timeline of the same history at another instant.
   *
   * @param instant the instant
   * @return the timeline
   */
  public Timeline at(Instant instant) {
    if (instant.equals(at)) {
      return this;
    }
    if (instant.isAfter(at)) {
      Timeline extended = extend(history, instant);
      if (extended != null) {
        return extended;
      }
    }
    if (base == null) {
      return of(fold.originProtocol, fold.originEnrolment, history, instant, fold.routes);
    }
    if (base.lastAt() != null && instant.isBefore(base.lastAt())) {
      throw new IllegalArgumentException(
          "a timeline restored from a snapshot cannot stand before the snapshot's last event");
    }
    Fold fresh = refold(history, instant);
    return new Timeline(fresh, fresh.seq, instant, history, base);
  }

  /** Folds the events after this timeline's up to an instant into the shared fold, if ours. */
  private Timeline extend(History next, Instant when) {
    List<Event> events = next.upTo(when);
    synchronized (fold) {
      if (fold.seq != seq || fold.frozen && events.size() > folded()) {
        return null;
      }
      for (int i = folded(); i < events.size(); i++) {
        if (events.get(i) instanceof Event.ProtocolMigrated) {
          // A migration moves to a new fold: refold instead of extending a shared one.
          return null;
        }
      }
      for (int i = folded(); i < events.size(); i++) {
        fold.apply(events.get(i));
      }
      return new Timeline(fold, fold.seq, when, next, base);
    }
  }

  private Frame frame() {
    Frame f = frame;
    if (f == null) {
      synchronized (fold) {
        if (fold.seq == seq) {
          f = new Frame(fold, at);
        }
      }
      if (f == null) {
        f = new Frame(refold(history, at), at);
      }
      frame = f;
    }
    return f;
  }

  /**
   * Returns what a package above computed once from this timeline (the reminder planner), computing
   * it on first use. One value per timeline; a second kind replaces the first.
   *
   * @param <T> its type
   * @param kind its class
   * @param make how to compute it
   * @return the value
   */
  public <T> T derived(Class<T> kind, java.util.function.Function<Timeline, T> make) {
    Object d = derived;
    if (kind.isInstance(d)) {
      return kind.cast(d);
    }
    T made = make.apply(this);
    derived = made;
    return made;
  }

  /**
   * Returns the migrations the client went through up to this timeline's instant, oldest first.
   *
   * @return them
   */
  public List<Migrated> migrations() {
    // A fold object never gains a migration after it is made (a migration starts a new fold, and
    // extending refuses one), so the shared fold's list is this timeline's whatever its position.
    return fold.migrated;
  }

  /**
   * Returns the timeline just before a migration it went through: the events before the migration
   * event in canonical order, folded at the migration's instant. What reminders before the
   * migration are asked of, so that a migration changes none of them.
   *
   * @param migrated one of {@link #migrations()}
   * @return the timeline before it
   * @throws IllegalStateException for a timeline restored from a snapshot or compacted, which no
   *     longer holds those events
   */
  public Timeline before(Migrated migrated) {
    if (base != null) {
      throw new IllegalStateException(
          "a restored or compact timeline no longer holds the events before a migration");
    }
    List<Event> earlier = new ArrayList<>();
    for (Event event : history.upTo(migrated.at())) {
      if (event.id().equals(migrated.event())) {
        break;
      }
      earlier.add(event);
    }
    return of(
        fold.originProtocol, fold.originEnrolment, History.of(earlier), migrated.at(), fold.routes);
  }

  /**
   * Returns the protocol.
   *
   * @return the protocol
   */
  public Protocol protocol() {
    return fold.protocol;
  }

  /**
   * Returns the enrolment.
   *
   * @return the enrolment
   */
  public Enrolment enrolment() {
    return fold.enrolment;
  }

  /**
   * Returns every event handed over, including any after the instant.
   *
   * @return the history
   */
  public History history() {
    return history;
  }

  /**
   * Returns the instant this timeline stands at.
   *
   * @return the instant
   */
  public Instant at() {
    return at;
  }

  /**
   * Returns the events folded: those up to the instant, in canonical order.
   *
   * @return the events
   */
  public List<Event> events() {
    if (base != null) {
      throw new IllegalStateException(
          "a timeline restored from a snapshot holds no events before it; reports need the"
              + " history");
    }
    return history.events().subList(0, seq);
  }

  /**
   * Returns why an event had no effect.
   *
   * @param index the event's position in {@link #events()}
   * @return the rejection, or empty when the event was accepted
   */
  public Optional<Rejection> rejection(int index) {
    if (base != null) {
      throw new IllegalStateException("a timeline restored from a snapshot holds no verdicts");
    }
    Frame f = frame();
    if (index < 0 || index >= f.seq) {
      throw new IndexOutOfBoundsException(index);
    }
    int found = java.util.Arrays.binarySearch(f.rejectedAt, 0, f.rejectedCount, index);
    return found < 0 ? Optional.empty() : Optional.of(f.rejected.get(found));
  }

  /**
   * Returns the events that had no effect, in canonical order.
   *
   * @return the rejections
   */
  public List<Rejection> rejected() {
    return frame().rejected;
  }

  /**
   * Returns the module ledgers in protocol order, as they stand at the instant.
   *
   * @return the ledgers
   */
  public List<ModuleLedger> modules() {
    return frame().moduleList;
  }

  /**
   * Returns a module's ledger.
   *
   * @param id the module id
   * @return the ledger, or empty when the protocol has no such module
   */
  public Optional<ModuleLedger> module(String id) {
    int i = fold.shape.module(id);
    return i < 0 ? Optional.empty() : Optional.of(frame().ledgers[i]);
  }

  /**
   * Returns the client's progress at the instant, as rules see it.
   *
   * @return the moment
   */
  public Moment moment() {
    return frame().base.at(at);
  }

  /**
   * Returns the client's progress when a fact was made, as rules saw it then.
   *
   * @param fact the fact
   * @return the moment
   */
  public Moment momentOf(ModuleLedger.Fact fact) {
    Frame f = frame();
    return new Moment(
        f.ledgers,
        fold.shape,
        f.attendedSeq,
        fold.protocol.sessionPlan(),
        f.scores,
        fact.seq(),
        fact.at(),
        fold.enrolment.zone(),
        fold.startDate());
  }

  /**
   * Returns the suggested order of modules: the protocol's, unless a reorder changed it.
   *
   * @return the module ids
   */
  public List<String> order() {
    return frame().order;
  }

  /**
   * Returns the sessions as they stand, with their windows.
   *
   * @return the sessions in number order
   */
  public List<Session> sessions() {
    return frame().sessions;
  }

  /**
   * Tells whether therapy is paused at the instant.
   *
   * @return true between an accepted pause and its resume
   */
  public boolean isPaused() {
    return frame().pausedAt != null;
  }

  /**
   * Returns when the client was discharged.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> dischargedAt() {
    return frame().dischargedAt;
  }

  /**
   * Returns when a session was attended.
   *
   * @param session the session number
   * @return the instant of the accepted attendance, or empty
   */
  public Optional<Instant> attendedAt(int session) {
    return Optional.ofNullable(frame().attendedAt[session - 1]);
  }

  /**
   * Returns when a session was cancelled by a {@code session-cancelled} event.
   *
   * @param session the session number
   * @return the instant, or empty
   */
  public Optional<Instant> cancelledAt(int session) {
    return Optional.ofNullable(frame().cancelledAt[session - 1]);
  }

  /**
   * Returns the instant of session 1 as first planned: where reminders begin.
   *
   * @return the instant
   */
  public Instant start() {
    return frame().start;
  }

  /**
   * Returns where reminders end: the end of the last session's window, or the discharge if later.
   *
   * @return the instant
   */
  public Instant end() {
    return frame().end;
  }

  /**
   * Returns the versions of the session plan, in time order; the last one lasts until {@link
   * Instant#MAX}.
   *
   * @return the versions
   */
  public List<PlanVersion> planVersions() {
    return frame().planVersions();
  }

  /**
   * Returns the zone the client is in at an instant. O(log zone changes).
   *
   * @param instant the instant
   * @return the zone
   */
  public ZoneId zoneAt(Instant instant) {
    List<Fold.ZoneFrom> zones = frame().zones;
    int low = 0;
    int high = zones.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (!instant.isBefore(zones.get(mid).at())) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return zones.get(Math.max(0, low - 1)).zone();
  }

  /**
   * Tells whether the client changed zone between two instants (inclusive).
   *
   * @param from the first instant
   * @param to the last instant
   * @return true when a zone change lies in {@code [from, to]}
   */
  public boolean changesZone(Instant from, Instant to) {
    for (Fold.ZoneFrom zone : frame().zones) {
      if (!zone.at().isBefore(from) && !zone.at().isAfter(to)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Resolves a local intent in the client's zone: in the enrolment zone, then re-resolved at each
   * zone change whose instant it does not precede; an intent whose time in the new zone had passed
   * when the client arrived fires once, late, on arrival (G6: every intent fires exactly once).
   *
   * @param intent the local date-time meant
   * @return where it fires
   */
  public Resolved resolve(LocalDateTime intent) {
    List<Fold.ZoneFrom> zones = frame().zones;
    ZonedDateTime when = Times.resolve(intent, zones.get(0).zone());
    boolean late = false;
    for (int i = 1; i < zones.size(); i++) {
      Fold.ZoneFrom change = zones.get(i);
      if (when.toInstant().isBefore(change.at())) {
        break;
      }
      ZonedDateTime moved = Times.resolve(intent, change.zone());
      if (moved.toInstant().isBefore(change.at())) {
        when = change.at().atZone(change.zone());
        late = true;
      } else {
        when = moved;
        late = false;
      }
    }
    return new Resolved(when, late);
  }

  /**
   * Tells whether therapy was paused at an instant. O(log pauses).
   *
   * @param instant the instant
   * @return true inside a pause
   */
  public boolean isPausedAt(Instant instant) {
    Frame f = frame();
    if (f.pausedAt != null && !instant.isBefore(f.pausedAt)) {
      return true;
    }
    List<Fold.Pause> pauses = f.pauses;
    int low = 0;
    int high = pauses.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (!instant.isBefore(pauses.get(mid).from())) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low > 0 && instant.isBefore(pauses.get(low - 1).until());
  }

  /**
   * Tells whether the client had turned a policy off at an instant: the enrolment's preference,
   * then every accepted opt-out and opt-in up to the instant. O(log opt events).
   *
   * @param policy the policy
   * @param instant the instant
   * @return true when opted out
   */
  public boolean isOptedOut(ReminderPolicy policy, Instant instant) {
    if (!policy.optOut()) {
      return false;
    }
    int index = fold.shape.policy(policy.id());
    Instants opts = index < 0 ? null : frame().opts[index];
    int last = opts == null ? -1 : opts.lastAtOrBefore(instant);
    return last < 0
        ? fold.enrolment.preferences().optedOut().contains(policy.id())
        : opts.tag(last) != 0;
  }

  /**
   * Returns how many prompts of a policy in a row the client had ignored at an instant. O(log
   * responses).
   *
   * @param policy the policy id
   * @param instant the instant
   * @return the run of ignored prompts, 0 after an acknowledgement
   */
  public int ignoredRun(String policy, Instant instant) {
    int index = fold.shape.policy(policy);
    if (index >= 0) {
      return ignoredRun(index, instant);
    }
    Frame f = frame();
    Instants responses = f.otherResponses == null ? null : f.otherResponses.get(policy);
    int last = responses == null ? -1 : responses.lastAtOrBefore(instant);
    return last < 0 ? 0 : Fold.ignoredRun(responses, last);
  }

  /**
   * Returns how many prompts of the protocol's policy at an index in {@link Protocol#reminders()}
   * in a row the client had ignored at an instant, as {@link #ignoredRun(String, Instant)} does
   * without looking the id up. O(log responses).
   *
   * @param policy the index of the policy in the protocol's reminders
   * @param instant the instant
   * @return the run of ignored prompts, 0 after an acknowledgement
   */
  public int ignoredRun(int policy, Instant instant) {
    Instants responses = frame().responses[policy];
    int last = responses == null ? -1 : responses.lastAtOrBefore(instant);
    return last < 0 ? 0 : Fold.ignoredRun(responses, last);
  }

  /**
   * Returns the first mood rating on a local day. O(log n).
   *
   * @param day the local day
   * @param zone the zone the day is in
   * @return the instant of the first accepted rating on that day, or empty
   */
  public Optional<Instant> firstMoodRatingOn(LocalDate day, ZoneId zone) {
    return firstMoodRatingBetween(
        day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /**
   * Returns the first mood rating in {@code [from, to)}. O(log n).
   *
   * @param from the first instant
   * @param to the end, exclusive
   * @return the instant of the first accepted rating then, or empty
   */
  public Optional<Instant> firstMoodRatingBetween(Instant from, Instant to) {
    Instants moods = frame().moods;
    int first = moods.lastAtOrBefore(from.minusNanos(1)) + 1;
    return first < moods.size() && moods.compare(first, to) < 0
        ? Optional.of(moods.get(first))
        : Optional.empty();
  }

  /**
   * Returns the instants of the accepted mood ratings, in time order: for a caller that walks days
   * in order instead of asking {@link #firstMoodRatingBetween} day by day.
   *
   * @return the instants, read-only
   */
  public List<Instant> moodRatings() {
    return listOf(frame().moods);
  }

  /**
   * Returns the instants of the accepted mood ratings up to the timeline's instant as a column read
   * by index, in time order: {@link #moodRatings()} without an {@link Instant} per read.
   *
   * @return the column, read-only
   */
  public Instants moodColumn() {
    Instants moods = frame().moods;
    return moods == null ? Instants.EMPTY : moods;
  }

  /**
   * Returns the instants of the accepted responses to a policy's reminders, in time order: where
   * {@link #ignoredRun} can change.
   *
   * @param policy the policy id
   * @return the instants, read-only
   */
  public List<Instant> responseInstants(String policy) {
    Frame f = frame();
    int index = fold.shape.policy(policy);
    return listOf(
        index >= 0
            ? f.responses[index]
            : f.otherResponses == null ? null : f.otherResponses.get(policy));
  }

  /**
   * Returns the instants of the accepted opt-outs and opt-ins of a policy, in time order: where
   * {@link #isOptedOut} can change.
   *
   * @param policy the policy id
   * @return the instants, read-only
   */
  public List<Instant> optInstants(String policy) {
    int index = fold.shape.policy(policy);
    return listOf(index < 0 ? null : frame().opts[index]);
  }

  /**
   * Returns the instants of the accepted responses to the protocol's policy at an index in {@link
   * Protocol#reminders()}, as {@link #responseInstants(String)} does, as a column read by index.
   *
   * @param policy the index of the policy
   * @return the column, read-only
   */
  public Instants responseColumn(int policy) {
    Instants responses = frame().responses[policy];
    return responses == null ? Instants.EMPTY : responses;
  }

  /**
   * Returns the instants of the accepted opt-outs and opt-ins of the protocol's policy at an index
   * in {@link Protocol#reminders()}, as {@link #optInstants(String)} does, as a column read by
   * index.
   *
   * @param policy the index of the policy
   * @return the column, read-only
   */
  public Instants optColumn(int policy) {
    Instants opts = frame().opts[policy];
    return opts == null ? Instants.EMPTY : opts;
  }

  private static List<Instant> listOf(Instants instants) {
    if (instants == null) {
      return List.of();
    }
    return new java.util.AbstractList<>() {
      @Override
      public Instant get(int index) {
        return instants.get(index);
      }

      @Override
      public int size() {
        return instants.size();
      }
    };
  }

  /**
   * Returns the instant a module reminder counts from: when the module opened, or the start if it
   * opened before; with no further event, including openings by {@code daysSinceStart} still to
   * come.
   *
   * @param module the module id
   * @return the instant, or empty when the module never opens without a further event
   */
  public Optional<Instant> reminderAnchor(String module) {
    int index = fold.shape.module(module);
    ModuleLedger ledger = index < 0 ? null : frame().projected()[index];
    if (ledger == null || ledger.opened == null) {
      return Optional.empty();
    }
    Instant opened = ledger.opened.fact().at();
    Instant start = start();
    return Optional.of(opened.isBefore(start) ? start : opened);
  }

  @Override
  public String toString() {
    return "Timeline[at=" + at + ", events=" + seq + "]";
  }

  /** A frozen view of a fold at one instant: copies of what changes, views of what only grows. */
  private static final class Frame {
    final Fold fold;
    final int seq;
    final Instant lastNow;
    final ModuleLedger[] ledgers;
    final List<ModuleLedger> moduleList;
    final List<String> order;
    final List<Session> sessions;
    final Instant pausedAt;
    final Optional<Instant> dischargedAt;
    final int[] attendedSeq;
    final Instant[] attendedAt;
    final Instant[] cancelledAt;
    final int[] rejectedAt;
    final int rejectedCount;
    final List<Rejection> rejected;
    final Map<Instrument, List<int[]>> scores;
    final List<Fold.ZoneFrom> zones;
    final List<Fold.PlanVersion> versions;
    final List<Fold.Pause> pauses;
    final Instants moods;
    final Instants[] responses;
    final Map<String, Instants> otherResponses;
    final Instants[] opts;
    final Moment base;
    final Instant start;
    final Instant end;
    private volatile ModuleLedger[] projected;
    private volatile List<PlanVersion> planVersions;

    Frame(Fold fold, Instant at) {
      this.fold = fold;
      this.seq = fold.seq;
      this.lastNow = fold.now;
      this.ledgers = fold.copyLedgers();
      this.order = List.copyOf(fold.order);
      this.sessions = fold.sessions.sessions();
      this.pausedAt = fold.pausedAt;
      this.dischargedAt = fold.sessions.dischargedAt();
      this.attendedSeq = fold.attendedSeq.clone();
      this.attendedAt = fold.attendedAt.clone();
      this.cancelledAt = fold.cancelledAt.clone();
      this.rejectedAt = fold.rejectedAt;
      this.rejectedCount = fold.rejectedCount;
      this.rejected = fold.rejected.view();
      this.scores = Map.copyOf(fold.scoreViews);
      this.zones = fold.zones.view();
      this.versions = fold.versions.view();
      this.pauses = fold.pauses.view();
      this.moods = fold.moods.view();
      this.responses = views(fold.responses);
      this.opts = views(fold.opts);
      if (fold.otherResponses == null) {
        this.otherResponses = null;
      } else {
        Map<String, Instants> other = new HashMap<>();
        fold.otherResponses.forEach((k, v) -> other.put(k, v.view()));
        this.otherResponses = other;
      }
      this.base =
          new Moment(
              ledgers,
              fold.shape,
              attendedSeq,
              fold.protocol.sessionPlan(),
              scores,
              seq,
              lastNow,
              fold.enrolment.zone(),
              fold.startDate());
      project(ledgers, at);
      this.moduleList = List.of(ledgers);
      this.start = fold.startInstant();
      Instant last = sessions.get(sessions.size() - 1).windowEnd();
      this.end =
          dischargedAt.isPresent() && dischargedAt.get().isAfter(last) ? dischargedAt.get() : last;
    }

    private static Instants[] views(Instants[] columns) {
      Instants[] out = new Instants[columns.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = columns[i] == null ? null : columns[i].view();
      }
      return out;
    }

    /**
     * Opens, in the given ledgers, the locked modules whose rules come to hold with no further
     * event: evaluated at every threshold day after the last evaluation up to {@code until}'s day,
     * then at {@code until}.
     */
    void project(ModuleLedger[] into, Instant until) {
      Module[] modules = fold.shape.modules;
      boolean anyLocked = false;
      for (ModuleLedger ledger : into) {
        anyLocked |= ledger.opened == null;
      }
      if (!anyLocked || !until.isAfter(lastNow)) {
        return;
      }
      LocalDate start = fold.startDate();
      ZoneId zone = fold.enrolment.zone();
      long from = ChronoUnit.DAYS.between(start, lastNow.atZone(zone).toLocalDate());
      long to = ChronoUnit.DAYS.between(start, until.atZone(zone).toLocalDate());
      List<Instant> moments = new ArrayList<>();
      if (to > from) {
        for (long day : fold.shape.thresholds) {
          if (day > from && day <= to) {
            moments.add(start.plusDays(day).atStartOfDay(zone).toInstant());
          }
        }
      }
      moments.add(until);
      for (Instant when : moments) {
        Moment moment =
            new Moment(
                into,
                fold.shape,
                attendedSeq,
                fold.protocol.sessionPlan(),
                scores,
                seq,
                when,
                fold.enrolment.zone(),
                fold.startDate());
        for (int i = 0; i < modules.length; i++) {
          ModuleLedger ledger = into[i];
          if (ledger.opened == null
              && modules[i].unlock().orElseThrow().isSatisfiedFor(modules[i].id(), moment)) {
            ledger.opened =
                new ModuleLedger.Opening(
                    ModuleLedger.OpenedBy.RULE,
                    new ModuleLedger.Fact(seq, when),
                    OptionalInt.empty());
          }
        }
      }
    }

    /** The ledgers as they would stand at the end of the plan with no further event. */
    ModuleLedger[] projected() {
      ModuleLedger[] p = projected;
      if (p == null) {
        p = new ModuleLedger[ledgers.length];
        for (int i = 0; i < p.length; i++) {
          p[i] = ledgers[i].copy();
        }
        Instant until = end.plus(1, ChronoUnit.DAYS);
        if (until.isAfter(lastNow)) {
          project(p, until);
        }
        projected = p;
      }
      return p;
    }

    List<PlanVersion> planVersions() {
      List<PlanVersion> p = planVersions;
      if (p == null) {
        List<PlanVersion> out = new ArrayList<>(versions.size());
        for (int i = 0; i < versions.size(); i++) {
          Fold.PlanVersion v = versions.get(i);
          Instant until = i + 1 < versions.size() ? versions.get(i + 1).from() : Instant.MAX;
          out.add(new PlanVersion(v.from(), until, List.of(v.locals())));
        }
        p = List.copyOf(out);
        planVersions = p;
      }
      return p;
    }
  }
}
