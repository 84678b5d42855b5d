package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class SimulateIcsTest {
  static String ics(String protocol, String... more) {
    String[] base = {
      "simulate", "samples/protocols/" + protocol, "--start", "2027-03-22T10:00", "--format", "ics"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    Cli.Result result = Cli.run(StateCommandTest.repository(), args);
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    return result.out();
  }

  static String value(Component c, String name) {
    return c.getProperty(name).orElseThrow().getValue();
  }

  @Test
  void ical4jParsesAndValidates_oneEventPerSession_inUtc() throws Exception {
    String ics = ics("e-compared-uk.json");
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertThat(events).hasSize(12);
    assertThat(events).extracting(e -> value(e, "UID")).doesNotHaveDuplicates();
    // session 1 on Monday 22 March 2027, 10:00 GMT; session 2 a week later, 10:00 BST
    assertThat(value(events.get(0), "DTSTART")).isEqualTo("20270322T100000Z");
    // an event lasts the midpoint of 30 to 60 minutes, as in simulate and burden
    assertThat(value(events.get(0), "DTEND")).isEqualTo("20270322T104500Z");
    assertThat(value(events.get(1), "DTSTART")).isEqualTo("20270329T090000Z");
    assertThat(value(events.get(0), "SUMMARY"))
        .isEqualTo("Session 1 of 12: face-to-face with your therapist");
    // unescaped by the parser: the comma in the title came through as text
    assertThat(value(events.get(0), "DESCRIPTION"))
        .startsWith("Blended CBT for depression, E-COMPARED UK arm (e-compared-uk 1.0.0)\n");
    assertThat(events).extracting(e -> value(e, "DTSTAMP")).containsOnly("20270322T100000Z");
  }

  @Test
  void output_isReproducible_crlfOnly_andFoldedAt75Octets() {
    String ics = ics("e-compared-uk.json");
    assertThat(ics("e-compared-uk.json")).isEqualTo(ics);
    assertThat(ics).endsWith("END:VCALENDAR\r\n");
    assertThat(ics.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    assertThat(ics).contains("\r\n ");
  }

  @Test
  void uids_dependOnTheStart_notOnTheRun() {
    String first = ics("low-intensity-slim.json");
    String later =
        Cli.run(
                StateCommandTest.repository(),
                "simulate",
                "samples/protocols/low-intensity-slim.json",
                "--start",
                "2027-03-29T10:00",
                "--format",
                "ics")
            .out();
    assertThat(first).contains("session-3.20270322T1000.low-intensity-slim@");
    assertThat(later).contains("session-3.20270329T1000.low-intensity-slim@");
  }

  @Test
  void folding_neverSplitsAUtf8Sequence() {
    StringBuilder out = new StringBuilder();
    IcsCalendar.line(out, "SUMMARY:" + "é".repeat(60));
    for (String line : out.toString().split("\r\n")) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      assertThat(bytes.length).isLessThanOrEqualTo(75);
      assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(line);
    }
    assertThat(out.toString().replace("\r\n ", "")).isEqualTo("SUMMARY:" + "é".repeat(60) + "\r\n");
    assertThat(IcsCalendar.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
  }
}
