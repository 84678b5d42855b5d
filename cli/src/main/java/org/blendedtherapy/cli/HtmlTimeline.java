package org.blendedtherapy.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import org.blendedtherapy.reminders.Suppression;
import org.blendedtherapy.state.Burden;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.Simulation;

/**
 * Draws a simulation as one self-contained HTML page: an inline SVG with weeks across, therapist
 * contacts and online sessions, module openings, and a prompts-per-day strip against the daily cap;
 * then the burden figures. No scripts, no external resources, printable.
 *
 * <p>Marks carry classes and data attributes ({@code class="session"}, {@code data-session}, {@code
 * data-type}, {@code data-status}; {@code class="module-opening"}, {@code data-module}; {@code
 * class="prompt-day"}, {@code data-date}, {@code data-count}) so tools can read the picture back.
 */
final class HtmlTimeline {
  private static final int DAY = 10;
  private static final int LEFT = 160;
  private static final int RIGHT = 30;
  private static final int AXIS = 34;
  private static final int CONTACT_Y = 56;
  private static final int ONLINE_Y = 104;
  private static final int ROW_H = 30;
  private static final int MODULE_Y = 160;
  private static final int PROMPT_TOP = 236;
  private static final int PROMPT_H = 90;
  private static final int HEIGHT = PROMPT_TOP + PROMPT_H + 40;

  private HtmlTimeline() {}

  static String render(Simulation simulation, ReminderSchedule reminders, Burden burden) {
    ClientState state = simulation.state();
    Protocol protocol = state.protocol();
    Enrolment enrolment = state.enrolment();
    LocalDate start = enrolment.start().toLocalDate();
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (Reminder r : reminders.reminders()) {
      perDay.merge(r.local().toLocalDate(), 1, Integer::sum);
    }
    Map<LocalDate, Integer> capped = new TreeMap<>();
    for (Suppressed s : reminders.suppressed()) {
      if (s.by() == Suppression.CAP) {
        capped.merge(s.reminder().local().toLocalDate(), 1, Integer::sum);
      }
    }
    LocalDate first = start;
    LocalDate last = start;
    for (Session s : state.sessions()) {
      LocalDate end = s.windowEnd().atZone(enrolment.zone()).toLocalDate();
      last = end.isAfter(last) ? end : last;
    }
    for (LocalDate day : perDay.keySet()) {
      first = day.isBefore(first) ? day : first;
      last = day.isAfter(last) ? day : last;
    }
    int days = (int) ChronoUnit.DAYS.between(first, last) + 1;
    int width = LEFT + days * DAY + RIGHT;
    int cap = protocol.reminderLimits().maxPerDay().orElse(0);
    int scale =
        Math.max(Math.max(cap, 1), perDay.values().stream().mapToInt(i -> i).max().orElse(1));

    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Timeline of ")
        .append(escape(protocol.id()))
        .append("\">\n");
    svg.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" fill=\"#ffffff\"/>\n");
    label(svg, 8, CONTACT_Y + 20, "therapist contacts", "row-label");
    label(svg, 8, ONLINE_Y + 20, "online sessions", "row-label");
    label(svg, 8, MODULE_Y + 4, "modules opening", "row-label");
    label(svg, 8, PROMPT_TOP + 14, "prompts per day", "row-label");
    if (cap > 0) {
      label(svg, 8, PROMPT_TOP + 30, "(cap " + cap + ")", "row-label");
    }

    // Weeks counted from the start date, as in the text timeline.
    long weeks = Math.floorDiv(ChronoUnit.DAYS.between(start, last), 7) + 1;
    for (long w = 0; w <= weeks; w++) {
      int x = x(first, start.plusWeeks(w));
      if (x > LEFT + days * DAY) {
        break;
      }
      svg.append("<line class=\"week\" x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(AXIS - 14)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(PROMPT_TOP + PROMPT_H)
          .append("\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n");
      if (start.plusWeeks(w).isBefore(last)) {
        label(svg, x + 3, AXIS - 2, "week " + (w + 1), "week-label");
      }
    }

    for (Session s : state.sessions()) {
      boolean contact = s.type().isTherapistContact();
      int x = x(first, s.local().toLocalDate());
      int y = contact ? CONTACT_Y : ONLINE_Y;
      String fill = contact ? "#1f5fbf" : "#2e8b57";
      String status = s.status().json();
      String shape =
          switch (s.status()) {
            case ATTENDED -> "fill=\"" + fill + "\" stroke=\"" + fill + "\"";
            case PLANNED -> "fill=\"" + fill + "\" fill-opacity=\"0.45\" stroke=\"" + fill + "\"";
            case MISSED -> "fill=\"#ffffff\" stroke=\"" + fill + "\" stroke-dasharray=\"3 2\"";
            case CANCELLED -> "fill=\"#bbbbbb\" stroke=\"#777777\"";
          };
      svg.append("<rect class=\"session\" data-session=\"")
          .append(s.number())
          .append("\" data-type=\"")
          .append(s.type().json())
          .append("\" data-status=\"")
          .append(status)
          .append("\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(Math.max(DAY * 2 - 4, 8))
          .append("\" height=\"")
          .append(ROW_H)
          .append("\" rx=\"3\" ")
          .append(shape)
          .append("><title>session ")
          .append(s.number())
          .append(' ')
          .append(escape(s.type().json()))
          .append(' ')
          .append(Times.format(s.local()))
          .append(' ')
          .append(status)
          .append("</title></rect>\n");
      label(svg, x + 2, y + ROW_H + 11, String.valueOf(s.number()), "session-number");
    }

    int level = 0;
    for (Simulation.Entry entry : simulation.entries()) {
      if (entry.kind() != Simulation.Kind.OPENED) {
        continue;
      }
      String module = entry.module().orElseThrow();
      int x = x(first, entry.local().toLocalDate()) + DAY / 2;
      int y = MODULE_Y;
      svg.append("<path class=\"module-opening\" data-module=\"")
          .append(escape(module))
          .append("\" d=\"M")
          .append(x)
          .append(' ')
          .append(y - 7)
          .append(" l7 7 l-7 7 l-7 -7 z\" fill=\"#8250df\"><title>opened ")
          .append(escape(module))
          .append(' ')
          .append(Times.format(entry.local()))
          .append("</title></path>\n");
      label(svg, x + 9, y + 18 + 14 * (level % 3), module, "module-label");
      level++;
    }

    int baseline = PROMPT_TOP + PROMPT_H;
    for (int d = 0; d < days; d++) {
      LocalDate day = first.plusDays(d);
      int count = perDay.getOrDefault(day, 0);
      int h = count * PROMPT_H / scale;
      String fill = cap > 0 && count >= cap ? "#cf222e" : count >= 3 ? "#bc4c00" : "#d4a72c";
      svg.append("<rect class=\"prompt-day\" data-date=\"")
          .append(day)
          .append("\" data-count=\"")
          .append(count)
          .append("\" x=\"")
          .append(LEFT + d * DAY + 1)
          .append("\" y=\"")
          .append(baseline - h)
          .append("\" width=\"")
          .append(DAY - 2)
          .append("\" height=\"")
          .append(h)
          .append("\" fill=\"")
          .append(fill)
          .append("\"><title>")
          .append(day)
          .append(": ")
          .append(count)
          .append(count == 1 ? " prompt" : " prompts")
          .append("</title></rect>\n");
      if (capped.containsKey(day)) {
        int x = LEFT + d * DAY + DAY / 2;
        svg.append("<path class=\"prompt-capped\" data-date=\"")
            .append(day)
            .append("\" data-suppressed=\"")
            .append(capped.get(day))
            .append("\" d=\"M")
            .append(x)
            .append(' ')
            .append(baseline + 4)
            .append(" l4 7 l-8 0 z\" fill=\"#cf222e\"><title>")
            .append(day)
            .append(": ")
            .append(capped.get(day))
            .append(" more suppressed by the cap</title></path>\n");
      }
    }
    if (cap > 0) {
      int y = baseline - cap * PROMPT_H / scale;
      svg.append("<line class=\"cap\" x1=\"")
          .append(LEFT)
          .append("\" y1=\"")
          .append(y)
          .append("\" x2=\"")
          .append(LEFT + days * DAY)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>\n");
    }
    svg.append("<line x1=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(baseline)
        .append("\" x2=\"")
        .append(LEFT + days * DAY)
        .append("\" y2=\"")
        .append(baseline)
        .append("\" stroke=\"#57606a\"/>\n");
    svg.append("</svg>\n");

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(protocol.id() + " " + protocol.version()))
        .append(" timeline</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;")
        .append("margin:24px;color:#1f2328;background:#fff}\n")
        .append("h1{font-size:20px;margin:0 0 4px}p{margin:4px 0}\n")
        .append(".figure{overflow-x:auto;margin:16px 0}svg{max-width:none;font-size:11px}\n")
        .append("svg text{font-family:inherit;fill:#1f2328}svg .row-label{font-weight:600}\n")
        .append(
            "svg .module-label{fill:#5a32a3}svg .week-label,svg .session-number{fill:#57606a}\n")
        .append("table{border-collapse:collapse;margin-top:8px}")
        .append("td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left}\n")
        .append(".legend span{display:inline-block;margin-right:16px}\n")
        .append(".swatch{display:inline-block;width:12px;height:12px;margin-right:4px;")
        .append("vertical-align:-1px}\n")
        .append(
            "@media print{body{margin:8mm}.figure{overflow:visible}svg{width:100%;height:auto}}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(protocol.title()))
        .append("</h1>\n<p>")
        .append(escape(protocol.id()))
        .append(' ')
        .append(escape(protocol.version()))
        .append(", start ")
        .append(Times.format(enrolment.start()))
        .append(' ')
        .append(escape(enrolment.zone().getId()))
        .append("</p>\n<p class=\"legend\">")
        .append(swatch("#1f5fbf", "therapist contact"))
        .append(swatch("#2e8b57", "online session"))
        .append(" (solid: attended, pale: planned, dashed: missed, grey: cancelled) ")
        .append(swatch("#8250df", "module opens"))
        .append(swatch("#d4a72c", "prompts on a day"))
        .append(swatch("#bc4c00", "3 or more prompts on a day"))
        .append(swatch("#cf222e", "at or over the daily cap"))
        .append("</p>\n<div class=\"figure\">\n")
        .append(svg)
        .append("</div>\n<h2>Burden</h2>\n<table>\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"weeks in therapy", BurdenCommand.number(burden.weeks())});
    rows.add(
        new String[] {
          "sessions (with a therapist)", burden.sessions() + " (" + burden.therapistContacts() + ")"
        });
    rows.add(
        new String[] {
          "client minutes per week", BurdenCommand.number(burden.clientMinutesPerWeek())
        });
    rows.add(
        new String[] {
          "therapist minutes per week", BurdenCommand.number(burden.therapistMinutesPerWeek())
        });
    rows.add(
        new String[] {
          "prompts per day (mean, max)",
          BurdenCommand.number(burden.promptsPerDayMean()) + ", " + burden.promptsPerDayMax()
        });
    rows.add(
        new String[] {
          "days over the cap (prompts suppressed)",
          burden.daysOverCap() + " (" + burden.promptsOverCap() + ")"
        });
    rows.add(new String[] {"modules to complete", String.valueOf(burden.modulesToComplete())});
    for (String[] row : rows) {
      html.append("<tr><th>")
          .append(escape(row[0]))
          .append("</th><td>")
          .append(escape(row[1]))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    for (String assumption : burden.assumptions()) {
      html.append("<p><small>").append(escape(assumption)).append("</small></p>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static int x(LocalDate first, LocalDate day) {
    return LEFT + (int) ChronoUnit.DAYS.between(first, day) * DAY;
  }

  private static String swatch(String color, String text) {
    return "<span><i class=\"swatch\" style=\"background:"
        + color
        + "\"></i>"
        + escape(text)
        + "</span>";
  }

  private static void label(StringBuilder svg, int x, int y, String text, String cls) {
    svg.append("<text class=\"")
        .append(cls)
        .append("\" x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\">")
        .append(escape(text))
        .append("</text>\n");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
