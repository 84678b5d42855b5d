package org.blendedtherapy.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.Reminders;
import org.blendedtherapy.state.ClientState;

/**
 * Writes a client's sessions as an RFC 5545 calendar: one {@code VEVENT} per session, in UTC.
 *
 * <p>Times are UTC ({@code 20270104T100000Z}): the library has already resolved each session's
 * local intent in the client's zone (gap and overlap rules included), and a UTC instant carries
 * exactly that answer to every calendar, which then shows it in the reader's own zone, with no
 * {@code VTIMEZONE} whose rules could disagree with the JDK's. UIDs are stable: the session number,
 * the protocol id and a hash of the client reference with the start ({@link Reminders#id}, never
 * the reference itself). {@code DTSTAMP} is the enrolment start in UTC, so the same input gives the
 * same bytes. An event lasts the midpoint of its type's {@code durationMinutes} ({@link
 * MinutesRange#midpoint()}, the rule of the simulation and the burden figures too); a cancelled
 * session has {@code STATUS:CANCELLED}. Lines end in CRLF and are folded at 75 octets without
 * splitting a UTF-8 sequence; text is escaped.
 */
final class IcsCalendar {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private IcsCalendar() {}

  static String write(ClientState state) {
    Protocol protocol = state.protocol();
    Enrolment enrolment = state.enrolment();
    Instant stamp = enrolment.start().atZone(enrolment.zone()).toInstant();
    StringBuilder ics = new StringBuilder();
    line(ics, "BEGIN:VCALENDAR");
    line(ics, "VERSION:2.0");
    line(ics, "PRODID:-//blendedtherapy.org//blended " + protocol.id() + "//EN");
    line(ics, "CALSCALE:GREGORIAN");
    line(ics, "X-WR-CALNAME:" + text(protocol.title()));
    int total = state.sessions().size();
    for (Session session : state.sessions()) {
      String uid =
          Reminders.id(enrolment.client(), "session-" + session.number(), enrolment.start())
              + "."
              + protocol.id()
              + "@blendedtherapy.org";
      line(ics, "BEGIN:VEVENT");
      line(ics, "UID:" + uid);
      line(ics, "DTSTAMP:" + UTC.format(stamp));
      line(ics, "DTSTART:" + UTC.format(session.instant()));
      MinutesRange minutes = protocol.sessionPlan().durationMinutes().get(session.type());
      if (minutes != null) {
        line(ics, "DTEND:" + UTC.format(session.instant().plus(minutes.midpoint())));
      }
      line(
          ics,
          "SUMMARY:"
              + text(
                  "Session "
                      + session.number()
                      + " of "
                      + total
                      + ": "
                      + session.type().json()
                      + (session.type().isTherapistContact() ? " with your therapist" : "")));
      line(
          ics,
          "DESCRIPTION:"
              + text(
                  protocol.title()
                      + " ("
                      + protocol.id()
                      + " "
                      + protocol.version()
                      + ")\nPlanned for "
                      + session.local()
                      + " "
                      + enrolment.zone().getId()
                      + "; status "
                      + session.status().json()
                      + session.reason().map(r -> " (" + r + ")").orElse("")));
      line(ics, "CATEGORIES:" + text(session.type().json()));
      line(
          ics,
          "STATUS:" + (session.status() == SessionStatus.CANCELLED ? "CANCELLED" : "CONFIRMED"));
      line(ics, "TRANSP:OPAQUE");
      line(ics, "END:VEVENT");
    }
    line(ics, "END:VCALENDAR");
    return ics.toString();
  }

  /** Escapes TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        case '\r' -> {}
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Appends a content line folded at 75 octets (RFC 5545 3.1): each continuation starts with one
   * space, which counts toward its 75, and no UTF-8 sequence is split.
   */
  static void line(StringBuilder out, String line) {
    int octets = 0;
    int i = 0;
    while (i < line.length()) {
      int cp = line.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + n > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += n;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
