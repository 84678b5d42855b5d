package org.blendedtherapy.testkit;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.StringJoiner;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.protocol.Tailoring;

/**
 * Writes a {@link Clients.Case} compactly, one line per event. Test data only: unlike the domain's
 * own {@code toString()}, it shows the client reference, mood values and scores. Not API.
 */
final class CaseText {
  private CaseText() {}

  static String describe(Clients.Case c) {
    StringBuilder out = new StringBuilder();
    out.append(protocol(c.protocol())).append('\n');
    out.append(enrolment(c.enrolment())).append('\n');
    out.append("events (").append(c.events().size()).append("):");
    for (Event event : c.events()) {
      out.append("\n  ").append(event(event));
    }
    return out.toString();
  }

  static String protocol(Protocol p) {
    SessionPlan plan = p.sessionPlan();
    StringJoiner pattern = new StringJoiner(",", "[", "]");
    plan.pattern().stream().map(SessionType::json).forEach(pattern::add);
    Tailoring t = p.tailoring();
    StringJoiner skip = new StringJoiner(",", "[", "]");
    t.skip().stream().map(k -> k.json()).sorted().forEach(skip::add);
    StringJoiner modules = new StringJoiner("; ");
    for (Module m : p.modules()) {
      modules.add(
          m.id()
              + " ("
              + m.kind().json()
              + m.unlock().map(r -> ", unlock " + r).orElse(", open")
              + ")");
    }
    StringJoiner policies = new StringJoiner(", ", "[", "]");
    for (ReminderPolicy policy : p.reminders()) {
      policies.add(policy.id() + (policy.optOut() ? " optOut" : ""));
    }
    return "protocol "
        + p.id()
        + " "
        + p.version()
        + ": "
        + plan.sessions()
        + " sessions every "
        + plan.cadence()
        + " pattern "
        + pattern
        + (plan.reschedulingMovesLater() ? " movesLater" : "")
        + "; tailoring release="
        + t.release()
        + " skip="
        + skip
        + "\n  modules: "
        + modules
        + "\n  policies: "
        + policies;
  }

  static String enrolment(Enrolment e) {
    return "enrolment client="
        + e.client()
        + " start="
        + e.start()
        + " zone="
        + e.zone()
        + " pin="
        + e.protocol().sha256().substring(0, Math.min(12, e.protocol().sha256().length()))
        + "..."
        + (e.preferences().quietHours().isPresent()
            ? " quiet=" + e.preferences().quietHours().get()
            : "")
        + (e.preferences().optedOut().isEmpty()
            ? ""
            : " optedOut=" + e.preferences().optedOut().stream().sorted().toList());
  }

  static String event(Event event) {
    return event.type().json() + " " + event.id() + " " + event.at() + key(event);
  }

  private static String key(Event event) {
    return switch (event.type()) {
      case SESSION_SCHEDULED -> {
        Event.SessionScheduled moved = (Event.SessionScheduled) event;
        yield " session=" + moved.session() + " start=" + moved.start();
      }
      case SESSION_ATTENDED, SESSION_MISSED -> " session=" + event.aboutSession().getAsInt();
      case SESSION_CANCELLED -> {
        Event.SessionCancelled cancelled = (Event.SessionCancelled) event;
        yield " session="
            + cancelled.session()
            + " by="
            + cancelled.by().name().toLowerCase(Locale.ROOT);
      }
      case MODULE_STARTED, MODULE_COMPLETED, MODULE_RELEASED, MODULE_SKIPPED ->
          " module=" + event.aboutModule().orElseThrow();
      case MOOD_RATED -> " value=" + ((Event.MoodRated) event).value();
      case MEASURE_RECORDED -> {
        Event.MeasureRecorded m = (Event.MeasureRecorded) event;
        yield " "
            + m.instrument().json()
            + (m.total().isPresent()
                ? " total=" + m.total().getAsInt()
                : " items=" + items(m.items()));
      }
      case REMINDER_ACKNOWLEDGED, REMINDER_IGNORED ->
          " reminder=" + ((Event.ReminderEvent) event).reminder();
      case REMINDER_OPTED_OUT, REMINDER_OPTED_IN ->
          " policy=" + ((Event.PolicyEvent) event).policy();
      case ZONE_CHANGED -> " zone=" + ((Event.ZoneChanged) event).zone();
      case PROTOCOL_MIGRATED -> " migration=" + ((Event.ProtocolMigrated) event).migration();
      case PAUSED, RESUMED, DISCHARGED, MODULES_REORDERED, MODULE_REPEATED, MODULE_ASSIGNED -> "";
    };
  }

  private static String items(List<OptionalInt> items) {
    StringJoiner out = new StringJoiner(",", "[", "]");
    for (OptionalInt item : items) {
      out.add(item.isPresent() ? Integer.toString(item.getAsInt()) : "null");
    }
    return out.toString();
  }
}
