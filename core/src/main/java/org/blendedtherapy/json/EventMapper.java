package org.blendedtherapy.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.internal.Pointers;
import org.blendedtherapy.protocol.Instrument;
import tools.jackson.databind.JsonNode;

/**
 * Maps a schema-valid event tree onto the model. The schema has guaranteed types, forms and the
 * keys each type requires; here we reject keys the type does not carry ({@code unexpected-key}),
 * instants and dates that do not exist, unknown zones and instruments, and measures whose items or
 * total do not fit their instrument. Messages never quote values.
 */
final class EventMapper {
  private static final List<String> BASE = List.of("id", "type", "at");

  private EventMapper() {}

  /** The keys an event of a type carries besides id, type and at; the schema's allOf agrees. */
  static List<String> fields(EventType type) {
    return switch (type) {
      case SESSION_SCHEDULED -> List.of("session", "start");
      case SESSION_ATTENDED, SESSION_MISSED -> List.of("session");
      case SESSION_CANCELLED -> List.of("session", "by");
      case MODULE_STARTED, MODULE_COMPLETED, MODULE_RELEASED, MODULE_SKIPPED, MODULE_REPEATED ->
          List.of("module");
      case MODULES_REORDERED -> List.of("order");
      case MODULE_ASSIGNED -> List.of("module", "session");
      case MOOD_RATED -> List.of("value");
      case MEASURE_RECORDED -> List.of("instrument", "items", "total");
      case REMINDER_ACKNOWLEDGED, REMINDER_IGNORED -> List.of("reminder", "policy");
      case REMINDER_OPTED_OUT, REMINDER_OPTED_IN -> List.of("policy");
      case ZONE_CHANGED -> List.of("zone");
      case PROTOCOL_MIGRATED -> List.of("migration");
      case PAUSED, RESUMED, DISCHARGED -> List.of();
    };
  }

  static Optional<Event> map(JsonNode root, List<Issue> into) {
    List<Issue> issues = new ArrayList<>();
    EventType type = EventType.fromJson(root.get("type").asString()).orElseThrow();
    List<String> fields = fields(type);
    for (String key : root.propertyNames()) {
      if (!BASE.contains(key) && !fields.contains(key)) {
        List<String> expected = new ArrayList<>(BASE);
        expected.addAll(fields);
        issues.add(
            Issue.error(
                IssueCode.UNEXPECTED_KEY,
                Pointers.key("", key),
                "a "
                    + type.json()
                    + " event does not carry this key (expected only: "
                    + String.join(", ", expected)
                    + ")"));
      }
    }
    Optional<Instant> at = instant(root.get("at"), issues);
    Optional<LocalDateTime> start =
        root.has("start")
            ? EnrolmentMapper.localDateTime(root.get("start"), "/start", issues)
            : Optional.empty();
    Optional<ZoneId> zone =
        root.has("zone")
            ? EnrolmentMapper.zone(root.get("zone"), "/zone", issues)
            : Optional.empty();
    Optional<Instrument> instrument =
        type == EventType.MEASURE_RECORDED ? measure(root, issues) : Optional.empty();
    into.addAll(issues);
    if (!issues.isEmpty()) {
      return Optional.empty();
    }
    String id = root.get("id").asString();
    Instant instant = at.orElseThrow();
    Event event =
        switch (type) {
          case SESSION_SCHEDULED ->
              new Event.SessionScheduled(id, instant, session(root), start.orElseThrow());
          case SESSION_ATTENDED, SESSION_MISSED ->
              new Event.SessionEvent(id, type, instant, session(root));
          case SESSION_CANCELLED ->
              new Event.SessionCancelled(
                  id,
                  instant,
                  session(root),
                  "client".equals(root.get("by").asString())
                      ? Event.CancelledBy.CLIENT
                      : Event.CancelledBy.SERVICE);
          case MODULE_STARTED, MODULE_COMPLETED, MODULE_RELEASED, MODULE_SKIPPED, MODULE_REPEATED ->
              new Event.ModuleEvent(id, type, instant, root.get("module").asString());
          case MODULES_REORDERED -> {
            List<String> order = new ArrayList<>();
            root.get("order").forEach(m -> order.add(m.asString()));
            yield new Event.ModulesReordered(id, instant, order);
          }
          case MODULE_ASSIGNED ->
              new Event.ModuleAssigned(
                  id,
                  instant,
                  root.get("module").asString(),
                  root.has("session") ? OptionalInt.of(session(root)) : OptionalInt.empty());
          case MOOD_RATED -> new Event.MoodRated(id, instant, root.get("value").asInt());
          case MEASURE_RECORDED -> measureRecorded(id, instant, instrument.orElseThrow(), root);
          case REMINDER_ACKNOWLEDGED, REMINDER_IGNORED ->
              new Event.ReminderEvent(
                  id,
                  type,
                  instant,
                  root.get("reminder").asString(),
                  root.has("policy")
                      ? Optional.of(root.get("policy").asString())
                      : Optional.empty());
          case REMINDER_OPTED_OUT, REMINDER_OPTED_IN ->
              new Event.PolicyEvent(id, type, instant, root.get("policy").asString());
          case ZONE_CHANGED -> new Event.ZoneChanged(id, instant, zone.orElseThrow());
          case PROTOCOL_MIGRATED ->
              new Event.ProtocolMigrated(id, instant, root.get("migration").asString());
          case PAUSED, RESUMED, DISCHARGED -> new Event.Lifecycle(id, type, instant);
        };
    return Optional.of(event);
  }

  private static int session(JsonNode root) {
    return root.get("session").asInt();
  }

  private static Optional<Instant> instant(JsonNode node, List<Issue> issues) {
    try {
      Instant parsed = Instant.parse(node.asString());
      if (!SupportedRange.contains(parsed)) {
        issues.add(EnrolmentMapper.outOfRange("/at", "a UTC instant"));
        return Optional.empty();
      }
      return Optional.of(parsed);
    } catch (DateTimeParseException e) {
      issues.add(
          Issue.error(
              IssueCode.WRONG_FORM,
              "/at",
              "expected a UTC instant such as 2027-01-04T10:50:00Z on a real calendar date,"
                  + " found a date that does not exist"));
      return Optional.empty();
    }
  }

  /** Checks instrument, items and total against each other; the schema checked their types. */
  private static Optional<Instrument> measure(JsonNode root, List<Issue> issues) {
    JsonNode items = root.get("items");
    JsonNode total = root.get("total");
    if ((items == null) == (total == null)) {
      issues.add(
          Issue.error(
              IssueCode.ONE_KEY,
              "",
              "expected exactly one of: items, total; found " + (items == null ? "none" : "both")));
    }
    Optional<Instrument> instrument = Instrument.fromJson(root.get("instrument").asString());
    if (instrument.isEmpty()) {
      issues.add(
          Issue.error(
              IssueCode.UNKNOWN_INSTRUMENT,
              "/instrument",
              "unknown instrument; expected one of " + Instrument.knownNames()));
      return instrument;
    }
    Instrument known = instrument.get();
    if (items != null) {
      if (items.size() != known.items()) {
        issues.add(
            Issue.error(
                items.size() < known.items() ? IssueCode.TOO_FEW : IssueCode.TOO_MANY,
                "/items",
                "expected "
                    + known.items()
                    + " items for "
                    + known.json()
                    + ", found "
                    + items.size()));
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (!item.isNull() && item.asInt() > known.itemMax()) {
          issues.add(
              Issue.error(
                  IssueCode.OUT_OF_RANGE,
                  Pointers.index("/items", i),
                  "expected an integer 0 to " + known.itemMax() + " or null"));
        }
      }
    }
    if (total != null && total.asInt() > known.totalMax()) {
      issues.add(
          Issue.error(
              IssueCode.OUT_OF_RANGE,
              "/total",
              "expected an integer 0 to " + known.totalMax() + " for " + known.json()));
    }
    return instrument;
  }

  private static Event measureRecorded(
      String id, Instant at, Instrument instrument, JsonNode root) {
    List<OptionalInt> items = new ArrayList<>();
    root.path("items")
        .forEach(i -> items.add(i.isNull() ? OptionalInt.empty() : OptionalInt.of(i.asInt())));
    OptionalInt total =
        root.has("total") ? OptionalInt.of(root.get("total").asInt()) : OptionalInt.empty();
    return new Event.MeasureRecorded(id, at, instrument, items, total);
  }
}
