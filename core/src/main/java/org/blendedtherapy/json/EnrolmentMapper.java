package org.blendedtherapy.json;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.QuietHours;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps a schema-valid enrolment tree onto the model, reporting what the schema cannot say: dates
 * that do not exist, zones the JVM does not know, empty quiet hours. Messages never quote values.
 */
final class EnrolmentMapper {
  /** Strict: the schema's pattern admits 2027-02-30, the calendar does not. */

  /** Copied once: {@link ZoneId#getAvailableZoneIds()} builds a new set on every call. */
  private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

  private EnrolmentMapper() {}

  static Optional<Enrolment> map(JsonNode root, List<Issue> into) {
    List<Issue> issues = new ArrayList<>();
    Optional<LocalDateTime> start = localDateTime(root.get("start"), "/start", issues);
    Optional<ZoneId> zone = zone(root.get("zone"), "/zone", issues);
    Optional<QuietHours> quiet = Optional.empty();
    JsonNode preferences = root.path("preferences");
    JsonNode quietNode = preferences.get("quietHours");
    if (quietNode != null) {
      QuietHours hours =
          new QuietHours(
              LocalTime.parse(quietNode.get("from").asString()),
              LocalTime.parse(quietNode.get("to").asString()));
      if (hours.from().equals(hours.to())) {
        issues.add(
            Issue.error(
                IssueCode.EMPTY_RANGE,
                "/preferences/quietHours",
                "quiet hours are empty (from equals to); expected two different times"));
      }
      quiet = Optional.of(hours);
    }
    into.addAll(issues);
    if (!issues.isEmpty()) {
      return Optional.empty();
    }
    Set<String> optedOut = new LinkedHashSet<>();
    preferences.path("optedOut").forEach(p -> optedOut.add(p.asString()));
    Map<String, List<LocalTime>> times = new LinkedHashMap<>();
    JsonNode reminderTimes = preferences.path("reminderTimes");
    for (String policy : reminderTimes.propertyNames()) {
      List<LocalTime> list = new ArrayList<>();
      reminderTimes.get(policy).forEach(t -> list.add(LocalTime.parse(t.asString())));
      times.put(policy, List.copyOf(list));
    }
    Preferences prefs =
        preferences.isMissingNode() ? Preferences.NONE : new Preferences(quiet, optedOut, times);
    JsonNode pin = root.get("protocol");
    return Optional.of(
        new Enrolment(
            root.get("client").asString(),
            new ProtocolPin(
                pin.get("id").asString(),
                pin.get("version").asString(),
                pin.get("sha256").asString()),
            start.orElseThrow(),
            zone.orElseThrow(),
            prefs));
  }

  /** The zone with this id when the Java runtime knows it, else null. */
  static @Nullable ZoneId knownZone(String id) {
    return ZONES.contains(id) ? ZoneId.of(id) : null;
  }

  static Optional<LocalDateTime> localDateTime(JsonNode node, String pointer, List<Issue> issues) {
    try {
      LocalDateTime parsed = LocalDateTime.parse(node.asString(), Times.LOCAL);
      if (!SupportedRange.contains(parsed)) {
        issues.add(outOfRange(pointer, "a local date-time"));
        return Optional.empty();
      }
      return Optional.of(parsed);
    } catch (DateTimeParseException e) {
      issues.add(
          Issue.error(
              IssueCode.WRONG_FORM,
              pointer,
              "expected a local date-time uuuu-MM-ddTHH:mm on a real calendar date, found a"
                  + " date that does not exist"));
      return Optional.empty();
    }
  }

  /** A date outside the supported years; never quotes the value. */
  static Issue outOfRange(String pointer, String what) {
    return Issue.error(
        IssueCode.OUT_OF_RANGE,
        pointer,
        "expected "
            + what
            + " in the supported "
            + SupportedRange.TEXT
            + ", found one outside them");
  }

  static Optional<ZoneId> zone(JsonNode node, String pointer, List<Issue> issues) {
    ZoneId known = knownZone(node.asString());
    if (known != null) {
      return Optional.of(known);
    }
    issues.add(
        Issue.error(
            IssueCode.UNKNOWN_ZONE,
            pointer,
            "unknown time zone; expected an IANA zone id known to the Java runtime, such as"
                + " Europe/London"));
    return Optional.empty();
  }
}
