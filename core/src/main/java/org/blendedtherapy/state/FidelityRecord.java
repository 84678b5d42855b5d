package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.SessionType;

/**
 * The fidelity record of one attended session, derived from the history with no extra input: what
 * was planned, what happened, which module was in focus, the measures taken, and the deviations
 * from the protocol since the previous attended session, each with who made it.
 *
 * <p>The module in focus is the module the client had started and not completed when the session
 * was attended (the latest started, if several), or else the latest completed one. Deviations are
 * the accepted events after the previous attended session's attendance, up to and including this
 * one's: moves (by {@code service}: sessions are the service's appointments), cancellations (by
 * {@code client} or {@code service}), missed sessions (by {@code client}), pauses and resumes (by
 * {@code service}), releases, skips, repeats, assignments and reorders (by {@code therapist}),
 * migrations to another protocol version (by {@code service}); and a measure due at this session
 * that is overdue (by {@code therapist} at a contact, {@code client} at an online session).
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FidelityRecord {
  private final int session;
  private final SessionType type;
  private final LocalDateTime planned;
  private final LocalDateTime scheduled;
  private final Instant attended;
  private final Optional<MinutesRange> plannedMinutes;
  private final List<Instrument> measuresDue;
  private final Optional<String> moduleInFocus;
  private final List<MeasureResult> measures;
  private final List<Deviation> deviations;

  /** Creates a record; lists are copied. */
  FidelityRecord(
      int session,
      SessionType type,
      LocalDateTime planned,
      LocalDateTime scheduled,
      Instant attended,
      Optional<MinutesRange> plannedMinutes,
      List<Instrument> measuresDue,
      Optional<String> moduleInFocus,
      List<MeasureResult> measures,
      List<Deviation> deviations) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(scheduled, "scheduled");
    Objects.requireNonNull(attended, "attended");
    Objects.requireNonNull(plannedMinutes, "plannedMinutes");
    measuresDue = List.copyOf(measuresDue);
    Objects.requireNonNull(moduleInFocus, "moduleInFocus");
    measures = List.copyOf(measures);
    deviations = List.copyOf(deviations);
    this.session = session;
    this.type = type;
    this.planned = planned;
    this.scheduled = scheduled;
    this.attended = attended;
    this.plannedMinutes = plannedMinutes;
    this.measuresDue = measuresDue;
    this.moduleInFocus = moduleInFocus;
    this.measures = measures;
    this.deviations = deviations;
  }

  /** Returns the session number. */
  public int session() {
    return session;
  }

  /** Returns its type. */
  public SessionType type() {
    return type;
  }

  /** Returns the local date-time first planned. */
  public LocalDateTime planned() {
    return planned;
  }

  /** Returns the local date-time it was scheduled at in the end. */
  public LocalDateTime scheduled() {
    return scheduled;
  }

  /** Returns when its attendance was recorded. */
  public Instant attended() {
    return attended;
  }

  /** Returns the protocol's duration for its type, when stated. */
  public Optional<MinutesRange> plannedMinutes() {
    return plannedMinutes;
  }

  /** Returns the instruments due at it. */
  public List<Instrument> measuresDue() {
    return measuresDue;
  }

  /** Returns the module in focus, or empty. */
  public Optional<String> moduleInFocus() {
    return moduleInFocus;
  }

  /** Returns the measures that belong to it. */
  public List<MeasureResult> measures() {
    return measures;
  }

  /** Returns the deviations, in canonical order. */
  public List<Deviation> deviations() {
    return deviations;
  }

  /**
   * A departure from the protocol and who made it.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Deviation {
    private final String code;
    private final String by;
    private final Optional<String> event;
    private final String text;

    /** Creates a deviation. */
    Deviation(String code, String by, Optional<String> event, String text) {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(text, "text");
      this.code = code;
      this.by = by;
      this.event = event;
      this.text = text;
    }

    /**
     * Returns {@code moved}, {@code cancelled}, {@code missed}, {@code paused}, {@code resumed},
     * {@code released}, {@code skipped}, {@code repeated}, {@code assigned}, {@code reordered},
     * {@code migrated} or {@code measure-not-recorded}.
     */
    public String code() {
      return code;
    }

    /** Returns {@code client}, {@code service} or {@code therapist}. */
    public String by() {
      return by;
    }

    /** Returns the event's id, or empty when the deviation is something that did not happen. */
    public Optional<String> event() {
      return event;
    }

    /** Returns one line for people. */
    public String text() {
      return text;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Deviation other)) {
        return false;
      }
      return java.util.Objects.equals(code, other.code)
          && java.util.Objects.equals(by, other.by)
          && java.util.Objects.equals(event, other.event)
          && java.util.Objects.equals(text, other.text);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(code, by, event, text);
    }

    @Override
    public String toString() {
      return "Deviation[code=" + code + ", by=" + by + ", event=" + event + ", text=" + text + "]";
    }
  }

  /**
   * Returns the record as lines a therapist can read, each ending in {@code \n}; local date-times
   * in the given zone.
   *
   * @param zone the enrolment's zone
   * @return the text
   */
  public String text(ZoneId zone) {
    StringBuilder out = new StringBuilder();
    out.append("Session ").append(session).append(' ').append(type.json()).append('\n');
    out.append("  planned: ").append(Times.format(planned));
    plannedMinutes.ifPresent(
        m -> out.append(", ").append(m.min()).append('-').append(m.max()).append(" min"));
    out.append("; measures due: ")
        .append(Bridge.list(measuresDue.stream().map(Instrument::json).toList()))
        .append('\n');
    out.append("  happened: attended, recorded ").append(Bridge.local(attended, zone));
    if (!scheduled.equals(planned)) {
      out.append(" (scheduled ").append(Times.format(scheduled)).append(')');
    }
    out.append('\n');
    out.append("  module in focus: ").append(moduleInFocus.orElse("none")).append('\n');
    out.append("  measures: ")
        .append(
            measures.isEmpty()
                ? "none"
                : measures.stream().map(Reports::describe).collect(Collectors.joining("; ")))
        .append('\n');
    out.append("  deviations:");
    if (deviations.isEmpty()) {
      out.append(" none\n");
    } else {
      out.append('\n');
      for (Deviation d : deviations) {
        out.append("    ")
            .append(d.code())
            .append(" by ")
            .append(d.by())
            .append(d.event().map(e -> " (" + e + ")").orElse(""))
            .append(": ")
            .append(d.text())
            .append('\n');
      }
    }
    return out.toString();
  }

  /** Returns the session and counts, without scores. */
  @Override
  public String toString() {
    return "FidelityRecord[session="
        + session
        + ", measures="
        + measures.size()
        + ", deviations="
        + deviations.size()
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FidelityRecord other)) {
      return false;
    }
    return session == other.session
        && java.util.Objects.equals(type, other.type)
        && java.util.Objects.equals(planned, other.planned)
        && java.util.Objects.equals(scheduled, other.scheduled)
        && java.util.Objects.equals(attended, other.attended)
        && java.util.Objects.equals(plannedMinutes, other.plannedMinutes)
        && java.util.Objects.equals(measuresDue, other.measuresDue)
        && java.util.Objects.equals(moduleInFocus, other.moduleInFocus)
        && java.util.Objects.equals(measures, other.measures)
        && java.util.Objects.equals(deviations, other.deviations);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        session,
        type,
        planned,
        scheduled,
        attended,
        plannedMinutes,
        measuresDue,
        moduleInFocus,
        measures,
        deviations);
  }
}
