package org.blendedtherapy.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.openjdk.jol.info.GraphLayout;

/**
 * The rows that today's code may not finish in reasonable time (P4a, P4b, P5a) and the ones JMH
 * does not measure (P5b), each run by {@link Report} in a child JVM it kills when the row's time
 * budget is spent. The child prints one line per finished run ({@code run NANOS}), so that the
 * report keeps every run that finished within the budget.
 */
public final class Guarded {
  private static final int RUNS = 10;
  private static final long P4A_WARM_NANOS = 3_000_000_000L;
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private Guarded() {}

  /**
   * Runs one guarded case.
   *
   * @param args {@code p4a QUERY SIZE...}, {@code p4b WEEK}, {@code p5a CLIENTS} or {@code p5b}
   */
  public static void main(String[] args) {
    switch (args[0]) {
      case "p4a":
        p4a(
            args[1],
            java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray());
        break;
      case "p4b":
        p4b(Integer.parseInt(args[1]));
        break;
      case "p5a":
        p5a(Integer.parseInt(args[1]));
        break;
      case "p5b":
        p5b();
        break;
      default:
        throw new IllegalArgumentException("unknown case " + args[0]);
    }
  }

  /**
   * Every size of one query in this JVM: the same compiled code for all of them, so that their
   * ratio shows growth and not how one JVM's compiler happened to decide. First every size in turn
   * for a fixed time (ascending, each at least once), then {@link #RUNS} rounds of one run of each
   * size, printed as {@code run SIZE NANOS}.
   */
  private static void p4a(String query, int[] sizes) {
    List<Supplier<Object>> runs = new ArrayList<>();
    for (int size : sizes) {
      runs.add(p4aQuery(query, size));
    }
    OUT.println("ready");
    long warmUntil = System.nanoTime() + P4A_WARM_NANOS;
    long warmRuns = 0;
    do {
      for (Supplier<Object> run : runs) {
        run.get();
        warmRuns++;
      }
    } while (System.nanoTime() < warmUntil);
    OUT.println("warm " + warmRuns);
    for (int round = 0; round < RUNS; round++) {
      for (int k = 0; k < sizes.length; k++) {
        long begin = System.nanoTime();
        Object result = runs.get(k).get();
        long nanos = System.nanoTime() - begin;
        OUT.println("run " + sizes[k] + " " + nanos + " " + (result == null ? 0 : 1));
      }
    }
  }

  private static Supplier<Object> p4aQuery(String query, int size) {
    Blended.Client client = Inputs.client(Inputs.YEAR, size);
    List<Event> events = client.history().events();
    Instant at = Inputs.after(events);
    Instant from = Inputs.START_INSTANT.minus(2, ChronoUnit.DAYS);
    Supplier<Object> run;
    switch (query) {
      case "state":
        run = () -> Blended.state(client, at);
        break;
      case "stateJson":
        run = () -> Blended.stateJson(client, at);
        break;
      case "reminders":
        run = () -> Blended.reminders(client, from, at);
        break;
      case "apply":
        run = () -> Blended.applyOneByOne(client, events, Inputs.START_INSTANT);
        break;
      default:
        throw new IllegalArgumentException("unknown query " + query);
    }
    return run;
  }

  /** A one-week query at the start of week {@code week}, with the whole history before it. */
  private static void p4b(int week) {
    Enrolment enrolment = Inputs.enrolment(Inputs.YEAR);
    Instant from = Inputs.START.plusWeeks(week - 1L).atZone(Inputs.LONDON).toInstant();
    Instant to = Inputs.START.plusWeeks(week).atZone(Inputs.LONDON).toInstant();
    List<Event> before = new ArrayList<>();
    for (Event event : Inputs.events(Inputs.YEAR, enrolment, 3000)) {
      if (event.at().isBefore(from)) {
        before.add(event);
      }
    }
    Blended.Client client = Blended.Client.of(Inputs.YEAR, enrolment, before);
    OUT.println("events " + before.size());
    ClientState held = Blended.hold(client);
    repeat(() -> Blended.reminders(held, from, to));
  }

  /**
   * {@code n} clients in their first ten days of the 12-week sample plan, each with its own
   * enrolment and every event so far; then the reminders due in the next hour for each, in turn, on
   * one thread.
   */
  private static void p5a(int n) {
    Instant now = LocalDateTime.of(2027, 6, 1, 9, 30).atZone(Inputs.LONDON).toInstant();
    List<ClientState> clients = new ArrayList<>(n);
    Protocol protocol = Inputs.UK;
    PinnedProtocol pinned = ProtocolJson.pin(protocol);
    String sha256 = pinned.sha256();
    long events = 0;
    for (int i = 0; i < n; i++) {
      LocalDateTime start = LocalDateTime.of(2027, 6, 1, 10, 0).minusMinutes(i * 137L % 14_400);
      Enrolment enrolment = Inputs.enrolment(protocol, sha256, "client-" + i, start);
      List<Event> history = new ArrayList<>();
      for (Event event : Inputs.events(protocol, enrolment, 60)) {
        if (event.at().isBefore(now)) {
          history.add(event);
        }
      }
      events += history.size();
      clients.add(Blended.hold(Blended.Client.of(pinned, enrolment, history)));
    }
    OUT.println("ready " + n + " clients, " + events + " events");
    // One sweep first, as a host sweeps every hour: it warms the JIT and each client's reminder
    // planner (built once per held state); the second sweep is measured.
    long warm = 0;
    for (int i = 0; i < n; i++) {
      warm += Blended.dueInNextHour(clients.get(i), now);
    }
    OUT.println("warm " + warm);
    long begin = System.nanoTime();
    long due = 0;
    for (int i = 0; i < n; i++) {
      due += Blended.dueInNextHour(clients.get(i), now);
      if ((i + 1) % 500 == 0 || i + 1 == n) {
        OUT.println("progress " + (i + 1) + " " + (System.nanoTime() - begin) + " " + due);
      }
    }
  }

  /**
   * The retained heap of one more client at the end of the 12-week sample plan: what holding it
   * adds to holding another client of the same protocol, so that what every client shares (the
   * protocol, the zone's rules, the library's per-protocol tables, enum constants) is not counted.
   */
  private static void p5b() {
    // One pin per protocol version, shared by its clients, as a host holds it.
    PinnedProtocol pinned = Blended.pin(Inputs.UK);
    Instant end = Inputs.START.plusWeeks(12).atZone(Inputs.LONDON).toInstant();
    List<Event> history = new ArrayList<>();
    Object held = held(pinned, "client-bench", end, history);
    Object other = held(pinned, "client-other", end, new ArrayList<>());
    long total =
        GraphLayout.parseInstance(held, other, pinned)
            .subtract(GraphLayout.parseInstance(other, pinned))
            .totalSize();
    OUT.println(String.format(Locale.ROOT, "bytes %d events %d", total, history.size()));
  }

  private static Object held(
      PinnedProtocol pinned, String client, Instant end, List<Event> history) {
    Enrolment enrolment = Inputs.enrolment(pinned.protocol(), client, Inputs.START);
    for (Event event : Inputs.events(pinned.protocol(), enrolment, 1000)) {
      if (event.at().isBefore(end)) {
        history.add(event);
      }
    }
    return Blended.held(new Blended.Client(pinned, enrolment, History.of(history)), end);
  }

  private static void repeat(Supplier<Object> run) {
    for (int i = 0; i < RUNS; i++) {
      long begin = System.nanoTime();
      Object result = run.get();
      long nanos = System.nanoTime() - begin;
      OUT.println("run " + nanos + " " + (result == null ? 0 : 1));
    }
  }
}
