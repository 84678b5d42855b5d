package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.protocol.MeasurePlan;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderLimits;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.protocol.Tailoring;

/**
 * What changed from one protocol to another, in words a researcher reads: modules added, removed
 * and changed (title, kind, estimated minutes, unlock rule, suggested order), session plan,
 * measures, reminder policies, reminder limits and tailoring, with the burden of both protocols.
 *
 * <p>Modules, measures and reminder policies are matched by id (measures by instrument). Changes
 * are listed by area in the order above, and within an area in the order of the old document, then
 * the additions in the order of the new one. Descriptions are not compared word by word; a changed
 * description is one change.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProtocolDiff {
  private final Protocol before;
  private final Protocol after;
  private final List<Change> changes;
  private final Burden burdenBefore;
  private final Burden burdenAfter;

  /** Creates a diff; the changes are copied. */
  ProtocolDiff(
      Protocol before,
      Protocol after,
      List<Change> changes,
      Burden burdenBefore,
      Burden burdenAfter) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    changes = List.copyOf(changes);
    Objects.requireNonNull(burdenBefore, "burdenBefore");
    Objects.requireNonNull(burdenAfter, "burdenAfter");
    this.before = before;
    this.after = after;
    this.changes = changes;
    this.burdenBefore = burdenBefore;
    this.burdenAfter = burdenAfter;
  }

  /** Returns the old protocol. */
  public Protocol before() {
    return before;
  }

  /** Returns the new protocol. */
  public Protocol after() {
    return after;
  }

  /** Returns every change, by area. */
  public List<Change> changes() {
    return changes;
  }

  /** Returns the burden of the old protocol ({@link Burden#of(PinnedProtocol)}). */
  public Burden burdenBefore() {
    return burdenBefore;
  }

  /** Returns the burden of the new protocol. */
  public Burden burdenAfter() {
    return burdenAfter;
  }

  /** What part of a protocol a change is in. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Area {
    /** Id, version, title, description. */
    PROTOCOL("protocol"),
    /** The modules. */
    MODULES("modules"),
    /** The session plan. */
    SESSION_PLAN("sessionPlan"),
    /** The questionnaires. */
    MEASURES("measures"),
    /** The reminder policies. */
    REMINDERS("reminders"),
    /** Quiet hours, daily cap, backoff. */
    REMINDER_LIMITS("reminderLimits"),
    /** What a therapist may change. */
    TAILORING("tailoring");

    private final String json;

    Area(String json) {
      this.json = json;
    }

    /** Returns the name in JSON. */
    public String json() {
      return json;
    }
  }

  /** Whether something was added, removed or changed. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** Only in the new protocol. */
    ADDED("added"),
    /** Only in the old protocol. */
    REMOVED("removed"),
    /** In both, different. */
    CHANGED("changed");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** Returns the name in JSON. */
    public String json() {
      return json;
    }
  }

  /** One change. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Change {
    private final Area area;
    private final String subject;
    private final Kind kind;
    private final String text;

    /** Creates a change. */
    Change(Area area, String subject, Kind kind, String text) {
      Objects.requireNonNull(area, "area");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      this.area = area;
      this.subject = subject;
      this.kind = kind;
      this.text = text;
    }

    /** Returns the part of the protocol. */
    public Area area() {
      return area;
    }

    /**
     * Returns what changed: a module, policy or instrument id, or a setting's key such as {@code
     * sessions} or {@code maxPerDay}.
     */
    public String subject() {
      return subject;
    }

    /** Returns added, removed or changed. */
    public Kind kind() {
      return kind;
    }

    /** Returns the change in words, such as {@code estimated minutes 30 -> 20}. */
    public String text() {
      return text;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Change other)) {
        return false;
      }
      return java.util.Objects.equals(area, other.area)
          && java.util.Objects.equals(subject, other.subject)
          && java.util.Objects.equals(kind, other.kind)
          && java.util.Objects.equals(text, other.text);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(area, subject, kind, text);
    }

    @Override
    public String toString() {
      return "Change[area="
          + area
          + ", subject="
          + subject
          + ", kind="
          + kind
          + ", text="
          + text
          + "]";
    }
  }

  /**
   * Compares two protocols.
   *
   * @param pinnedBefore the old protocol, pinned
   * @param pinnedAfter the new protocol, pinned
   * @return the changes and both burdens
   */
  public static ProtocolDiff of(PinnedProtocol pinnedBefore, PinnedProtocol pinnedAfter) {
    Protocol before = pinnedBefore.protocol();
    Protocol after = pinnedAfter.protocol();
    List<Change> changes = new ArrayList<>();
    protocol(before, after, changes);
    modules(before, after, changes);
    sessionPlan(before.sessionPlan(), after.sessionPlan(), changes);
    measures(before, after, changes);
    reminders(before, after, changes);
    limits(before.reminderLimits(), after.reminderLimits(), changes);
    tailoring(before.tailoring(), after.tailoring(), changes);
    return new ProtocolDiff(
        before, after, changes, Burden.of(pinnedBefore), Burden.of(pinnedAfter));
  }

  /**
   * The changes in one area.
   *
   * @param area the area
   * @return its changes, in order
   */
  public List<Change> changes(Area area) {
    return changes.stream().filter(c -> c.area() == area).toList();
  }

  private static void protocol(Protocol a, Protocol b, List<Change> out) {
    changed(out, Area.PROTOCOL, "id", "id", a.id(), b.id());
    changed(out, Area.PROTOCOL, "version", "version", a.version(), b.version());
    changed(out, Area.PROTOCOL, "title", "title", quote(a.title()), quote(b.title()));
    if (!a.description().equals(b.description())) {
      out.add(new Change(Area.PROTOCOL, "description", Kind.CHANGED, "description"));
    }
  }

  private static void modules(Protocol a, Protocol b, List<Change> out) {
    Map<String, Module> old = byId(a.modules(), Module::id);
    Map<String, Module> now = byId(b.modules(), Module::id);
    for (Module m : a.modules()) {
      Module n = now.get(m.id());
      if (n == null) {
        out.add(new Change(Area.MODULES, m.id(), Kind.REMOVED, "removed " + module(m)));
        continue;
      }
      List<String> parts = new ArrayList<>();
      part(parts, "title", quote(m.title()), quote(n.title()));
      part(parts, "kind", m.kind().json(), n.kind().json());
      part(
          parts, "estimated minutes", minutes(m.estimatedMinutes()), minutes(n.estimatedMinutes()));
      part(parts, "opens", opens(m), opens(n));
      if (!m.description().equals(n.description())) {
        parts.add("description");
      }
      if (!parts.isEmpty()) {
        out.add(
            new Change(
                Area.MODULES, m.id(), Kind.CHANGED, m.id() + ": " + String.join("; ", parts)));
      }
    }
    for (Module n : b.modules()) {
      if (!old.containsKey(n.id())) {
        out.add(new Change(Area.MODULES, n.id(), Kind.ADDED, "added " + module(n)));
      }
    }
    List<String> oldOrder = a.modules().stream().map(Module::id).filter(now::containsKey).toList();
    List<String> newOrder = b.modules().stream().map(Module::id).filter(old::containsKey).toList();
    if (!oldOrder.equals(newOrder)) {
      out.add(
          new Change(
              Area.MODULES,
              "order",
              Kind.CHANGED,
              "suggested order of the modules in both: "
                  + String.join(", ", oldOrder)
                  + " -> "
                  + String.join(", ", newOrder)));
    }
  }

  private static String module(Module m) {
    return m.kind().json()
        + " module "
        + m.id()
        + " "
        + quote(m.title())
        + " ("
        + minutes(m.estimatedMinutes())
        + "; opens "
        + opens(m)
        + ")";
  }

  private static String opens(Module m) {
    return m.unlock()
        .map(
            r ->
                r.kind() == Rule.Kind.THERAPIST_RELEASE
                    ? "on release by the therapist"
                    : "when " + Explain.describe(r))
        .orElse("from the start");
  }

  private static String minutes(OptionalInt minutes) {
    return minutes.isPresent() ? minutes.getAsInt() + " min" : "no estimate";
  }

  private static void sessionPlan(SessionPlan a, SessionPlan b, List<Change> out) {
    changed(out, Area.SESSION_PLAN, "sessions", "planned sessions", sessions(a), sessions(b));
    changed(
        out,
        Area.SESSION_PLAN,
        "pattern",
        "pattern",
        a.pattern().stream().map(SessionType::json).collect(Collectors.joining(", ")),
        b.pattern().stream().map(SessionType::json).collect(Collectors.joining(", ")));
    changed(
        out,
        Area.SESSION_PLAN,
        "cadence",
        "cadence",
        a.cadence().toString(),
        b.cadence().toString());
    Set<SessionType> types = EnumSet.noneOf(SessionType.class);
    types.addAll(a.durationMinutes().keySet());
    types.addAll(b.durationMinutes().keySet());
    for (SessionType type : types) {
      changed(
          out,
          Area.SESSION_PLAN,
          "durationMinutes/" + type.json(),
          type.json() + " session length",
          range(a.durationMinutes().get(type)),
          range(b.durationMinutes().get(type)));
    }
    changed(
        out,
        Area.SESSION_PLAN,
        "reschedulingMovesLater",
        "moving one session moves every later one",
        yesNo(a.reschedulingMovesLater()),
        yesNo(b.reschedulingMovesLater()));
  }

  private static String sessions(SessionPlan plan) {
    List<String> counts = new ArrayList<>();
    plan.countsByType().forEach((type, n) -> counts.add(n + " " + type.json()));
    return plan.sessions() + " (" + String.join(", ", counts) + ")";
  }

  private static String range(MinutesRange range) {
    if (range == null) {
      return "not given";
    }
    return range.min() == range.max()
        ? range.min() + " min"
        : range.min() + "-" + range.max() + " min";
  }

  private static void measures(Protocol a, Protocol b, List<Change> out) {
    Map<String, MeasurePlan> old = byId(a.measures(), m -> m.instrument().json());
    Map<String, MeasurePlan> now = byId(b.measures(), m -> m.instrument().json());
    for (MeasurePlan m : a.measures()) {
      String instrument = m.instrument().json();
      MeasurePlan n = now.get(instrument);
      if (n == null) {
        out.add(
            new Change(
                Area.MEASURES,
                instrument,
                Kind.REMOVED,
                "removed " + instrument + " (" + m.at().json() + ")"));
      } else {
        changed(out, Area.MEASURES, instrument, instrument, m.at().json(), n.at().json());
      }
    }
    for (MeasurePlan n : b.measures()) {
      String instrument = n.instrument().json();
      if (!old.containsKey(instrument)) {
        out.add(
            new Change(
                Area.MEASURES,
                instrument,
                Kind.ADDED,
                "added " + instrument + " (" + n.at().json() + ")"));
      }
    }
  }

  private static void reminders(Protocol a, Protocol b, List<Change> out) {
    Map<String, ReminderPolicy> old = byId(a.reminders(), ReminderPolicy::id);
    Map<String, ReminderPolicy> now = byId(b.reminders(), ReminderPolicy::id);
    for (ReminderPolicy p : a.reminders()) {
      ReminderPolicy n = now.get(p.id());
      if (n == null) {
        out.add(new Change(Area.REMINDERS, p.id(), Kind.REMOVED, "removed " + policy(p)));
        continue;
      }
      List<String> parts = new ArrayList<>();
      part(parts, "kind", p.kind().json(), n.kind().json());
      part(parts, "fires", schedule(p), schedule(n));
      part(parts, "client may opt out", yesNo(p.optOut()), yesNo(n.optOut()));
      part(
          parts,
          "title",
          p.title().map(ProtocolDiff::quote).orElse("none"),
          n.title().map(ProtocolDiff::quote).orElse("none"));
      if (!parts.isEmpty()) {
        out.add(
            new Change(
                Area.REMINDERS, p.id(), Kind.CHANGED, p.id() + ": " + String.join("; ", parts)));
      }
    }
    for (ReminderPolicy n : b.reminders()) {
      if (!old.containsKey(n.id())) {
        out.add(new Change(Area.REMINDERS, n.id(), Kind.ADDED, "added " + policy(n)));
      }
    }
  }

  private static String policy(ReminderPolicy p) {
    return p.kind().json()
        + " reminder "
        + p.id()
        + " ("
        + schedule(p)
        + "; "
        + (p.optOut() ? "client may opt out" : "client may not opt out")
        + ")";
  }

  /**
   * A schedule in words, such as {@code daily at 10:00, 19:00} or {@code 1 day before face-to-face
   * sessions}.
   */
  static String schedule(ReminderPolicy policy) {
    Schedule schedule = policy.schedule();
    return switch (schedule.kind()) {
      case DAILY -> "daily at " + times(schedule.timesOfDay());
      case WEEKLY -> {
        Schedule.Weekly weekly = (Schedule.Weekly) schedule;
        yield "every "
            + weekly.days().stream()
                .sorted()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT))
                .collect(Collectors.joining(", "))
            + " at "
            + times(weekly.at());
      }
      case EVERY_DAYS -> {
        Schedule.EveryDays every = (Schedule.EveryDays) schedule;
        yield "every " + every.days() + " days at " + times(every.at());
      }
      case BEFORE ->
          schedule.offsets().stream().map(Object::toString).collect(Collectors.joining(", "))
              + " before "
              + sessionTypes(policy);
      case AFTER ->
          schedule.offsets().stream().map(Object::toString).collect(Collectors.joining(", "))
              + " after "
              + (policy.kind() == ReminderKind.MODULE ? "a module opens" : sessionTypes(policy));
    };
  }

  private static String sessionTypes(ReminderPolicy policy) {
    return policy.sessionTypes().isEmpty()
        ? "every session"
        : policy.sessionTypes().stream().map(SessionType::json).collect(Collectors.joining(", "))
            + " sessions";
  }

  private static String times(List<LocalTime> times) {
    return times.stream().map(LocalTime::toString).collect(Collectors.joining(", "));
  }

  private static void limits(ReminderLimits a, ReminderLimits b, List<Change> out) {
    changed(
        out,
        Area.REMINDER_LIMITS,
        "quietHours",
        "quiet hours",
        a.quietHours().map(q -> q.from() + "-" + q.to()).orElse("none"),
        b.quietHours().map(q -> q.from() + "-" + q.to()).orElse("none"));
    changed(
        out,
        Area.REMINDER_LIMITS,
        "maxPerDay",
        "at most per day",
        count(a.maxPerDay(), "no cap"),
        count(b.maxPerDay(), "no cap"));
    changed(
        out,
        Area.REMINDER_LIMITS,
        "backoff",
        "back off after ignored prompts",
        count(a.backoffAfterIgnored(), "never"),
        count(b.backoffAfterIgnored(), "never"));
  }

  private static String count(OptionalInt value, String none) {
    return value.isPresent() ? String.valueOf(value.getAsInt()) : none;
  }

  private static void tailoring(Tailoring a, Tailoring b, List<Change> out) {
    changed(
        out,
        Area.TAILORING,
        "release",
        "therapist may release any module early",
        yesNo(a.release()),
        yesNo(b.release()));
    changed(out, Area.TAILORING, "skip", "therapist may skip", kinds(a.skip()), kinds(b.skip()));
    changed(
        out,
        Area.TAILORING,
        "reorder",
        "therapist may reorder modules",
        yesNo(a.reorder()),
        yesNo(b.reorder()));
    changed(
        out,
        Area.TAILORING,
        "repeat",
        "therapist may ask for a module again",
        yesNo(a.repeat()),
        yesNo(b.repeat()));
    changed(
        out,
        Area.TAILORING,
        "assign",
        "therapist may assign modules to sessions",
        yesNo(a.assign()),
        yesNo(b.assign()));
    changed(
        out,
        Area.TAILORING,
        "sessions",
        "sessions a therapist may plan",
        bounds(a.sessions()),
        bounds(b.sessions()));
  }

  private static String kinds(Set<ModuleKind> kinds) {
    if (kinds.isEmpty()) {
      return "no modules";
    }
    return EnumSet.copyOf(kinds).stream().map(ModuleKind::json).collect(Collectors.joining(" and "))
        + " modules";
  }

  private static String bounds(Optional<Tailoring.SessionBounds> bounds) {
    return bounds
        .map(s -> s.min() == s.max() ? "exactly " + s.min() : s.min() + " to " + s.max())
        .orElse("as planned");
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  private static void part(List<String> parts, String what, String a, String b) {
    if (!a.equals(b)) {
      parts.add(what + " " + a + " -> " + b);
    }
  }

  private static void changed(
      List<Change> out, Area area, String subject, String what, String a, String b) {
    if (!a.equals(b)) {
      out.add(new Change(area, subject, Kind.CHANGED, what + " " + a + " -> " + b));
    }
  }

  private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      map.putIfAbsent(id.apply(item), item);
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ProtocolDiff other)) {
      return false;
    }
    return java.util.Objects.equals(before, other.before)
        && java.util.Objects.equals(after, other.after)
        && java.util.Objects.equals(changes, other.changes)
        && java.util.Objects.equals(burdenBefore, other.burdenBefore)
        && java.util.Objects.equals(burdenAfter, other.burdenAfter);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(before, after, changes, burdenBefore, burdenAfter);
  }

  @Override
  public String toString() {
    return "ProtocolDiff[before="
        + before
        + ", after="
        + after
        + ", changes="
        + changes
        + ", burdenBefore="
        + burdenBefore
        + ", burdenAfter="
        + burdenAfter
        + "]";
  }
}
