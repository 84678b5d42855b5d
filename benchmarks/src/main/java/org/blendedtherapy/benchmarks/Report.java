package org.blendedtherapy.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Reads JMH's JSON result, runs the guarded rows in child JVMs under a time budget, and prints one
 * markdown table: id, workload, blended, anchor, ratio, goal, met. Every row gets a value or an
 * honest "did not finish within N s".
 */
public final class Report {
  private static final int P4A_BUDGET_S = 40;
  private static final int P4A_SETUP_BUDGET_S = 60;
  private static final int P4B_BUDGET_S = 40;
  private static final int P5A_SETUP_BUDGET_S = 120;
  private static final int P5A_BUDGET_S = 45;
  private static final int P5A_CLIENTS = 100_000;
  private static final int[] P4A_SIZES = {300, 3_000, 30_000};

  private final Map<String, Double> micros = new HashMap<>();
  private final List<String> rows = new ArrayList<>();
  private final Path root;

  private Report(Path root) {
    this.root = root;
  }

  /**
   * Prints the table and writes it into {@code BENCHMARKS.md}.
   *
   * @param args the JMH JSON result, the repository root, and the command that made the table
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path json = Path.of(args[0]);
    Path root = Path.of(args[1]);
    String command = args.length > 2 ? args[2] : "benchmarks/run";
    String loadBefore = loadAverage();
    Report report = new Report(root);
    report.readJmh(json);
    report.build();
    String header =
        String.format(
            Locale.ROOT,
            "nproc %d, JDK %s (%s), load average %s before the guarded rows, %s after; %s%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            System.getProperty("java.vm.name"),
            loadBefore,
            loadAverage(),
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    StringBuilder table = new StringBuilder();
    table.append("| id | workload | blended | anchor | ratio | goal | met |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    report.rows.forEach(r -> table.append(r).append('\n'));
    System.out.println(header);
    System.out.println(table);
    String md =
        "# Benchmarks\n\n"
            + "Made by `"
            + command
            + "` (JMH 1.37, one fork, 8×1 s warm-up, 5×1 s measurement; guarded rows in child"
            + " JVMs under a time budget).\n\n"
            + header
            + "\n"
            + table
            + "\n"
            + Explanations.TEXT;
    Files.writeString(root.resolve("BENCHMARKS.md"), md, StandardCharsets.UTF_8);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void readJmh(Path json) {
    if (!Files.exists(json)) {
      return;
    }
    for (JsonNode result : Anchors.MAPPER.readTree(json.toFile())) {
      String name = result.path("benchmark").asString();
      String method = name.substring(name.lastIndexOf('.') + 1);
      JsonNode metric = result.path("primaryMetric");
      double score = metric.path("score").asDouble();
      String unit = metric.path("scoreUnit").asString();
      micros.put(method, toMicros(score, unit));
    }
  }

  private static double toMicros(double score, String unit) {
    switch (unit) {
      case "ns/op":
        return score / 1000;
      case "ms/op":
        return score * 1000;
      case "s/op":
        return score * 1_000_000;
      default:
        return score;
    }
  }

  private void build() {
    pair(
        "P1",
        "load e-compared-uk, three validation layers",
        "p1Blended",
        1,
        "p1Anchor",
        1,
        "readTree + networknt",
        1.5,
        true);
    pair(
        "P2a",
        "state from 300 parsed events",
        "p2aState",
        1,
        "p2Anchor",
        1,
        "streaming parse",
        0.25,
        true);
    pair(
        "P2b",
        "read + fold the 300-line log",
        "p2bReadAndFold",
        1,
        "p2Anchor",
        1,
        "streaming parse",
        2,
        true);
    pair(
        "P2c",
        "full state JSON, 300 events",
        "p2cStateJson",
        1,
        "p2Anchor",
        1,
        "streaming parse",
        3,
        true);
    int occurrences = occurrences();
    int daily = Anchors.javaTime(Inputs.DAILY, Inputs.START_INSTANT, Inputs.YEAR_END);
    String p3 =
        "a year of reminders, 300-event history, per occurrence ("
            + occurrences
            + " vs "
            + daily
            + ")";
    pair("P3", p3, "p3Blended", occurrences, "p3LibRecur", daily, "lib-recur", 1.0, true);
    pair("P3", p3, "p3Blended", occurrences, "p3Ical4j", daily, "ical4j", 0.25, true);
    pair("P3", p3, "p3Blended", occurrences, "p3Quartz", daily, "Quartz", 1.0 / 15, true);
    pair(
        "P3",
        p3,
        "p3Blended",
        occurrences,
        "p3JavaTime",
        daily,
        "java.time loop (floor)",
        Double.NaN,
        true);
    for (String query : List.of("state", "stateJson", "reminders", "apply")) {
      p4a(query);
    }
    p4b();
    pair(
        "P4c",
        "300 events one at a time with apply vs all at once",
        "p4cOneAtATime",
        1,
        "p4cAllAtOnce",
        1,
        "all at once",
        1.5,
        true);
    p5a();
    p5b();
    p6();
  }

  private int occurrences() {
    try {
      return Blended.reminders(
          Inputs.client(Inputs.YEAR, 300),
          Inputs.START_INSTANT.minusSeconds(2 * 86400L),
          Inputs.YEAR_END);
    } catch (RuntimeException e) {
      return 1;
    }
  }

  private void pair(
      String id,
      String workload,
      String blended,
      int blendedPer,
      String anchor,
      int anchorPer,
      String anchorName,
      double goal,
      boolean atMost) {
    Double b = micros.get(blended);
    Double a = micros.get(anchor);
    String goalText = Double.isNaN(goal) ? "—" : goal(goal);
    if (b == null || a == null) {
      rows.add(
          row(
              id,
              workload,
              b == null ? "not measured" : time(b / blendedPer),
              anchorName + " " + (a == null ? "not measured" : time(a / anchorPer)),
              "—",
              goalText,
              "no"));
      return;
    }
    double ratio = (b / blendedPer) / (a / anchorPer);
    rows.add(
        row(
            id,
            workload,
            time(b / blendedPer),
            anchorName + " " + time(a / anchorPer),
            ratio(ratio),
            goalText,
            Double.isNaN(goal) ? "—" : met(atMost ? ratio <= goal : ratio >= goal)));
  }

  private static String goal(double goal) {
    if (goal < 1) {
      return String.format(Locale.ROOT, "≤ %.2f× (≥ %.0f× faster)", goal, 1 / goal);
    }
    return String.format(Locale.ROOT, "≤ %.1f×", goal);
  }

  private void p4a(String query) {
    String[] args = new String[P4A_SIZES.length + 2];
    args[0] = "p4a";
    args[1] = query;
    for (int k = 0; k < P4A_SIZES.length; k++) {
      args[k + 2] = "" + P4A_SIZES[k];
    }
    Child child = Child.run(root, P4A_SETUP_BUDGET_S, P4A_BUDGET_S, args);
    List<String> times = new ArrayList<>();
    List<String> ratios = new ArrayList<>();
    double previous = Double.NaN;
    boolean ok = true;
    boolean complete = true;
    for (int size : P4A_SIZES) {
      double t = child.minRunMicros("" + size);
      if (Double.isNaN(t)) {
        times.add(
            String.format(
                Locale.ROOT, "%,d: did not finish within the %d s budget", size, P4A_BUDGET_S));
        ok = false;
        complete = false;
      } else {
        times.add(String.format(Locale.ROOT, "%,d: %s", size, time(t)));
        if (!Double.isNaN(previous)) {
          double r = t / previous;
          ratios.add(ratio(r));
          ok &= r <= 10.5;
        }
      }
      previous = t;
    }
    rows.add(
        row(
            "P4a",
            "10× events (year-long plan): " + query,
            String.join("; ", times),
            "itself, 10× fewer events",
            ratios.isEmpty() ? "—" : String.join(", ", ratios),
            "each step ≤ 10.5×",
            complete ? met(ok) : "no"));
  }

  private void p4b() {
    Child week1 = Child.run(root, P4B_BUDGET_S, P4B_BUDGET_S, "p4b", "1");
    Child week50 = Child.run(root, P4B_BUDGET_S, P4B_BUDGET_S, "p4b", "50");
    double t1 = week1.minRunMicros();
    double t50 = week50.minRunMicros();
    String workload =
        "one-week reminder query, week 50 ("
            + week50.value("events")
            + " events so far) vs week 1 ("
            + week1.value("events")
            + ")";
    if (Double.isNaN(t1) || Double.isNaN(t50)) {
      rows.add(
          row(
              "P4b",
              workload,
              Double.isNaN(t50) ? "did not finish within " + P4B_BUDGET_S + " s" : time(t50),
              "week 1 " + (Double.isNaN(t1) ? "did not finish" : time(t1)),
              "—",
              "≤ 1.2×",
              "no"));
      return;
    }
    double r = t50 / t1;
    rows.add(
        row("P4b", workload, time(t50), "week 1 " + time(t1), ratio(r), "≤ 1.2×", met(r <= 1.2)));
  }

  private void p5a() {
    Child child = Child.run(root, P5A_SETUP_BUDGET_S, P5A_BUDGET_S, "p5a", "" + P5A_CLIENTS);
    String workload =
        "reminders due in the next hour, "
            + String.format(Locale.ROOT, "%,d", P5A_CLIENTS)
            + " clients in memory, one thread";
    String[] progress = child.last("progress");
    if (progress == null) {
      rows.add(
          row(
              "P5a",
              workload,
              child.ready
                  ? "no 500 clients within " + P5A_BUDGET_S + " s"
                  : "inputs not built within " + P5A_SETUP_BUDGET_S + " s",
              "—",
              "—",
              "≥ 100,000 clients/s",
              "no"));
      return;
    }
    long done = Long.parseLong(progress[1]);
    double seconds = Long.parseLong(progress[2]) / 1e9;
    double rate = done / seconds;
    String note =
        done < P5A_CLIENTS
            ? String.format(
                Locale.ROOT,
                " (%,d of %,d clients within the %d s budget)",
                done,
                P5A_CLIENTS,
                P5A_BUDGET_S)
            : "";
    rows.add(
        row(
            "P5a",
            workload,
            String.format(Locale.ROOT, "%,.0f clients/s%s", rate, note),
            "goal",
            String.format(Locale.ROOT, "%.3f× goal", rate / 100_000),
            "≥ 100,000 clients/s",
            met(done == P5A_CLIENTS && rate >= 100_000)));
  }

  private void p5b() {
    Child child = Child.run(root, 120, 120, "p5b");
    String[] line = child.last("bytes");
    if (line == null) {
      rows.add(
          row(
              "P5b",
              "retained heap per 12-week client",
              "failed: " + child.error(),
              "—",
              "—",
              "≤ 8 KB",
              "no"));
      return;
    }
    long bytes = Long.parseLong(line[1]);
    rows.add(
        row(
            "P5b",
            "retained heap per 12-week client ("
                + line[3]
                + " events, ids included; protocol shared)",
            String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0),
            "8 KB",
            ratio(bytes / 8192.0),
            "≤ 8 KB",
            met(bytes <= 8192)));
  }

  private void p6() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String sample = root.resolve("samples/protocols/e-compared-uk.json").toString();
    List<Double> jv = new ArrayList<>();
    List<Double> bv = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      jv.add(wall(List.of(java, "-version")));
      bv.add(wall(List.of(root.resolve("blended").toString(), "validate", sample)));
    }
    jv.sort(null);
    bv.sort(null);
    if (bv.contains(Double.NaN)) {
      rows.add(
          row(
              "P6",
              "`blended validate` e-compared-uk, whole process",
              "failed",
              "—",
              "—",
              "≤ 2×",
              "no"));
      return;
    }
    double jm = jv.get(jv.size() / 2);
    double bm = bv.get(bv.size() / 2);
    rows.add(
        row(
            "P6",
            "`blended validate` e-compared-uk, whole process (7 runs)",
            "min " + time(bv.get(0)) + ", median " + time(bm),
            "`java -version` min " + time(jv.get(0)) + ", median " + time(jm),
            ratio(bv.get(0) / jv.get(0)) + " min, " + ratio(bm / jm) + " median",
            "≤ 2×",
            met(bm / jm <= 2)));
  }

  private static double wall(List<String> command) {
    try {
      long begin = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Double.NaN;
      }
      double micros = (System.nanoTime() - begin) / 1000.0;
      return process.exitValue() == 0 ? micros : Double.NaN;
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  private static String met(boolean met) {
    return met ? "yes" : "no";
  }

  private static String ratio(double r) {
    return r >= 100
        ? String.format(Locale.ROOT, "%,.0f×", r)
        : String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r);
  }

  static String time(double micros) {
    if (micros < 1) {
      return String.format(Locale.ROOT, "%.0f ns", micros * 1000);
    } else if (micros < 1000) {
      return String.format(Locale.ROOT, "%.1f µs", micros);
    } else if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1000);
    }
    return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
  }

  /** A guarded case in a child JVM, killed when its budget is spent. */
  private static final class Child {
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private boolean ready;

    static Child run(Path root, int setupBudgetS, int budgetS, String... args) {
      Child child = new Child();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx4g",
                  "-Djdk.attach.allowAttachSelf=true",
                  "-Djol.magicFieldOffset=true",
                  "--add-opens=java.base/java.lang=ALL-UNNAMED",
                  "--add-opens=java.base/java.util=ALL-UNNAMED",
                  "--add-opens=java.base/java.time=ALL-UNNAMED",
                  "--add-opens=java.base/java.time.zone=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Guarded.class.getName()));
      command.addAll(List.of(args));
      System.err.println("guarded: " + String.join(" ", args));
      try {
        Process process = new ProcessBuilder(command).directory(root.toFile()).start();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      queue.add(line);
                    }
                  } catch (IOException e) {
                    // The child was killed; what it printed before counts.
                  }
                  queue.add("\u0000eof");
                });
        reader.setDaemon(true);
        reader.start();
        Thread errs =
            new Thread(
                () -> {
                  try {
                    child.errors.append(
                        new String(
                            process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    // Nothing more to report.
                  }
                });
        errs.setDaemon(true);
        errs.start();
        boolean hasSetup = args[0].equals("p5a") || args[0].equals("p4a");
        long deadline =
            System.nanoTime() + TimeUnit.SECONDS.toNanos(hasSetup ? setupBudgetS : budgetS);
        while (true) {
          long left = deadline - System.nanoTime();
          String line = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
          if (line == null || line.equals("\u0000eof")) {
            break;
          }
          child.lines.add(line);
          if (line.startsWith("ready")) {
            child.ready = true;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(budgetS);
          }
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        errs.join(1000);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return child;
    }

    double minRunMicros() {
      double min = Double.NaN;
      for (String line : lines) {
        if (line.startsWith("run ")) {
          double micros = Long.parseLong(line.split(" ")[1]) / 1000.0;
          min = Double.isNaN(min) ? micros : Math.min(min, micros);
        }
      }
      return min;
    }

    /** The fastest of the runs of one size ({@code run SIZE NANOS}), in µs, or NaN. */
    double minRunMicros(String size) {
      double min = Double.NaN;
      for (String line : lines) {
        String[] parts = line.split(" ");
        if (parts[0].equals("run") && parts.length >= 3 && parts[1].equals(size)) {
          double micros = Long.parseLong(parts[2]) / 1000.0;
          min = Double.isNaN(min) ? micros : Math.min(min, micros);
        }
      }
      return min;
    }

    String[] last(String prefix) {
      String[] found = null;
      for (String line : lines) {
        if (line.startsWith(prefix + " ")) {
          found = line.split(" ");
        }
      }
      return found;
    }

    String value(String prefix) {
      String[] line = last(prefix);
      return line == null ? "?" : line[1];
    }

    String error() {
      String text = errors.toString().trim();
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline);
    }
  }
}
