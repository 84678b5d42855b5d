package org.blendedtherapy.host;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.RiskFlag;

/**
 * The therapist's page before the next face-to-face session: the risk flag first when raised, then
 * the next session, the bridge summary (what the client did online since the last session with the
 * therapist), the modules with their reasons and the measures with their bands. One self-contained
 * HTML document: no script, no fetched resource, styles inline, a single column that reads on a
 * phone and prints on paper.
 */
final class Briefing {
  private Briefing() {}

  static String html(String ref, ClientState state) {
    ZoneId zone = state.enrolment().zone();
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Briefing: ")
        .append(escape(ref))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<header><h1>Briefing</h1><p class=\"meta\">Client <strong>")
        .append(escape(ref))
        .append("</strong> · ")
        .append(escape(state.protocol().title()))
        .append(" (")
        .append(escape(state.protocol().id()))
        .append(' ')
        .append(escape(state.protocol().version()))
        .append(")<br>As of ")
        .append(local(state.at(), zone))
        .append(' ')
        .append(escape(zone.getId()))
        .append("</p></header>\n");

    List<RiskFlag> risk = state.risk();
    if (!risk.isEmpty()) {
      h.append("<section class=\"risk\" id=\"risk\"><h2>Risk flag raised</h2><ul>\n");
      for (RiskFlag flag : risk) {
        h.append("<li><strong>")
            .append(escape(flag.instrument().json()))
            .append(" item ")
            .append(flag.item())
            .append("</strong> on ")
            .append(local(flag.at(), zone))
            .append(": ")
            .append(escape(flag.reason()))
            .append("</li>\n");
      }
      h.append("</ul></section>\n");
    }

    h.append("<section id=\"next-session\"><h2>Next session</h2><p>");
    if (state.nextSession().isPresent()) {
      Session s = state.nextSession().get();
      h.append("Session ")
          .append(s.number())
          .append(", ")
          .append(escape(s.type().json()))
          .append(", ")
          .append(escape(Times.format(s.local())))
          .append(s.reason().map(r -> " (" + escape(r) + ")").orElse(""));
    } else {
      h.append("No session planned.");
    }
    state.sessions().stream()
        .filter(s -> s.type() != SessionType.ONLINE && s.status() == SessionStatus.PLANNED)
        .filter(s -> s.instant().isAfter(state.at()))
        .findFirst()
        .ifPresent(
            s ->
                h.append("<br>Next with the therapist: session ")
                    .append(s.number())
                    .append(", ")
                    .append(escape(Times.format(s.local()))));
    h.append("</p></section>\n");

    h.append("<section id=\"bridge\"><h2>Since the last session</h2><pre>")
        .append(escape(state.bridge().text(zone).strip()))
        .append("</pre></section>\n");

    h.append("<section id=\"modules\"><h2>Modules</h2><table><thead><tr>")
        .append("<th>Module</th><th>Status</th><th>Reason</th></tr></thead><tbody>\n");
    for (ModuleState module : state.modules()) {
      String title =
          state.protocol().modules().stream()
              .filter(m -> m.id().equals(module.id()))
              .map(m -> m.title())
              .findFirst()
              .orElse(module.id());
      h.append("<tr class=\"")
          .append(escape(module.status().json()))
          .append("\"><td>")
          .append(escape(title))
          .append("</td><td>")
          .append(escape(module.status().json()))
          .append("</td><td>")
          .append(escape(module.reason()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");

    h.append("<section id=\"measures\"><h2>Measures</h2>");
    List<MeasureResult> measures = state.measures();
    if (measures.isEmpty()) {
      h.append("<p>None recorded.</p>");
    } else {
      h.append("<table><thead><tr><th>When</th><th>Measure</th><th>Session</th>")
          .append("<th>Total</th><th>Band</th></tr></thead><tbody>\n");
      for (MeasureResult m : measures) {
        h.append("<tr><td>")
            .append(local(m.at(), zone))
            .append("</td><td>")
            .append(escape(m.instrument().json()))
            .append("</td><td>")
            .append(m.session().isPresent() ? String.valueOf(m.session().getAsInt()) : "")
            .append("</td><td>")
            .append(m.total().isPresent() ? String.valueOf(m.total().getAsInt()) : "incomplete")
            .append("</td><td>")
            .append(escape(m.band().orElse("")))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table>");
    }
    h.append("</section>\n");

    var progress = state.progress();
    h.append("<section id=\"progress\"><h2>Progress</h2><p>Sessions attended ")
        .append(progress.sessionsAttended())
        .append(" of ")
        .append(progress.sessionsPlanned())
        .append("; core modules completed ")
        .append(progress.coreModulesCompleted())
        .append(" of ")
        .append(progress.coreModules())
        .append(".</p></section>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String local(Instant instant, ZoneId zone) {
    return escape(Times.format(instant.atZone(zone).toLocalDateTime()));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String STYLE =
      """
      :root { color-scheme: light; }
      body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
             color: #1b1b1b; background: #fff; }
      main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
      h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
      h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ccc; }
      .meta { color: #444; margin: 0; }
      .risk { border: 3px solid #b00020; background: #fdecee; padding: .25rem 1rem .75rem;
              margin-top: 1rem; }
      .risk h2 { color: #b00020; border: 0; }
      pre { white-space: pre-wrap; word-wrap: break-word; font: inherit; margin: 0; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; vertical-align: top; padding: .3rem .4rem;
               border-bottom: 1px solid #e2e2e2; }
      tr.locked td { color: #666; }
      @media (max-width: 32rem) {
        table, thead, tbody, tr, th, td { display: block; }
        thead { display: none; }
        tr { border-bottom: 1px solid #ccc; padding: .3rem 0; }
        td { border: 0; padding: .1rem 0; }
        td:first-child { font-weight: 600; }
      }
      @media print {
        body { font-size: 11pt; }
        main { max-width: none; padding: 0; }
        .risk { break-inside: avoid; }
        tr { break-inside: avoid; }
      }
      """;
}
