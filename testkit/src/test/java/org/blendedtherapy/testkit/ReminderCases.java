package org.blendedtherapy.testkit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderLimits;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.Tailoring;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import org.blendedtherapy.state.ClientState;

/**
 * Cases for reminder properties: small generated protocols (at most {@value #MAX_SESSIONS}
 * sessions, at least one daily policy, policies of every schedule kind, often a small cap and a
 * short backoff), enrolments in DST-hostile zones whose daily times are often aimed at the zone's
 * gaps and overlaps within the plan, and histories with extra zone changes, opt-outs and opt-ins of
 * real policies, pauses, discharges, and reminder-ignored or -acknowledged events that name real
 * reminder ids (taken from {@code ClientState.reminders} over the history without them).
 */
final class ReminderCases {
  /** The most sessions a generated plan keeps, so that a whole plan stays cheap to compute. */
  static final int MAX_SESSIONS = 6;

  /** The most days a generated plan of several sessions spans, give or take a cadence. */
  static final int MAX_PLAN_DAYS = 63;

  private ReminderCases() {}

  private static int days(SessionPlan plan) {
    Period cadence = plan.cadence();
    return Math.max(1, cadence.getYears() * 365 + cadence.getMonths() * 31 + cadence.getDays());
  }

  /** All occurrences of a case, and the inputs of its queries. */
  record Query(Clients.Case c, History history, ClientState state) {
    static Query of(Clients.Case c) {
      History history = c.history();
      return new Query(c, history, ClientState.of(c.pinned(), c.enrolment(), history));
    }

    ReminderSchedule between(Instant from, Instant to) {
      return state.reminders(from, to);
    }

    ReminderSchedule all() {
      return between(Instant.MIN, Instant.MAX);
    }

    List<Reminder> next(Instant after, int count) {
      return state.nextReminders(after, count);
    }
  }

  /** Every occurrence, fired or suppressed, of a schedule. */
  static List<Reminder> occurrences(ReminderSchedule schedule) {
    List<Reminder> out = new ArrayList<>(schedule.reminders());
    schedule.suppressed().stream().map(Suppressed::reminder).forEach(out::add);
    return out;
  }

  /** The intended local date-time an id names. */
  static LocalDateTime intendedOf(String id) {
    String stamp = id.substring(id.lastIndexOf('.') + 1);
    return LocalDateTime.of(
        Integer.parseInt(stamp.substring(0, 4)),
        Integer.parseInt(stamp.substring(4, 6)),
        Integer.parseInt(stamp.substring(6, 8)),
        Integer.parseInt(stamp.substring(9, 11)),
        Integer.parseInt(stamp.substring(11, 13)));
  }

  // ---- protocols ----

  /**
   * Small valid protocols, built from the parts {@link ValidProtocols} draws (a plan of at most
   * {@value #MAX_SESSIONS} sessions, modules with rules over it at a sixth of the size, tailoring),
   * with {@link #policies} and {@link #limits}; cheaper than a whole {@link Protocols#valid()}.
   */
  static Gen<Protocol> protocols() {
    Gen<SessionPlan> plans =
        Gen.zip(
            ValidProtocols.sessionPlans(),
            Gen.choose(1, MAX_SESSIONS),
            (s, n) ->
                new SessionPlan(
                    s.pattern(),
                    s.cadence(),
                    Math.min(Math.min(n, s.sessions()), Math.max(1, MAX_PLAN_DAYS / days(s))),
                    s.durationMinutes(),
                    s.reschedulingMovesLater()));
    return plans.flatMap(
        plan -> {
          Gen<List<Module>> modules = ValidProtocols.modules(plan);
          Gen<List<Module>> fewModules = (random, size) -> modules.generate(random, size / 6);
          return Gen.zip(
              Gen.zip(fewModules, ValidProtocols.tailorings(plan), ModulesTailoring::new),
              Gen.zip(policies(plan), limits(), PoliciesLimits::new),
              (mt, pl) ->
                  new Protocol(
                      "reminder-case",
                      "1.0.0",
                      "Reminder case",
                      java.util.Optional.empty(),
                      mt.modules(),
                      plan,
                      List.of(),
                      pl.policies(),
                      pl.limits(),
                      mt.tailoring()));
        });
  }

  private record ModulesTailoring(List<Module> modules, Tailoring tailoring) {}

  private record PoliciesLimits(List<ReminderPolicy> policies, ReminderLimits limits) {}

  /** A daily policy (times biased to 00:00-03:59) and zero to four policies of any kind. */
  static Gen<List<ReminderPolicy>> policies(SessionPlan plan) {
    Gen<ReminderPolicy> daily =
        Gen.zip(
            Gen.zip(
                Gen.elements(ReminderKind.values()),
                Gen.booleans(),
                (kind, optOut) -> new KindOpt(kind, optOut)),
            Gen.listOf(Times.times(), 1, 3),
            (ko, times) ->
                new ReminderPolicy(
                    "daily",
                    ko.kind(),
                    ko.optOut(),
                    java.util.Optional.empty(),
                    new Schedule.Daily(List.copyOf(new LinkedHashSet<>(times))),
                    List.of()));
    return Gen.zip(
        daily,
        ValidProtocols.reminders(plan),
        (d, rest) -> {
          List<ReminderPolicy> all = new ArrayList<>();
          all.add(d);
          all.addAll(rest);
          List<String> ids =
              ValidProtocols.Str.distinct(all.stream().map(ReminderPolicy::id).toList());
          List<ReminderPolicy> out = new ArrayList<>();
          for (int i = 0; i < all.size(); i++) {
            ReminderPolicy q = all.get(i);
            out.add(
                new ReminderPolicy(
                    ids.get(i), q.kind(), q.optOut(), q.title(), q.schedule(), q.sessionTypes()));
          }
          return List.copyOf(out);
        });
  }

  private record KindOpt(ReminderKind kind, boolean optOut) {}

  /** Limits of every shape; half of the time a cap of 1 to 4 and a backoff after 1 to 3. */
  static Gen<ReminderLimits> limits() {
    Gen<ReminderLimits> tight =
        Gen.zip(
            ValidProtocols.limits(),
            Gen.zip(Gen.choose(1, 4), Gen.choose(1, 3), (cap, back) -> new int[] {cap, back}),
            (l, cb) ->
                new ReminderLimits(l.quietHours(), OptionalInt.of(cb[0]), OptionalInt.of(cb[1])));
    return Gen.frequency(List.of(Gen.weighted(1, ValidProtocols.limits()), Gen.weighted(1, tight)));
  }

  // ---- enrolments ----

  /** An enrolment, with the daily policy's times often replaced by times in a gap or overlap. */
  static Gen<Enrolment> enrolments(Protocol protocol) {
    return Clients.enrolments(protocol)
        .flatMap(
            e -> {
              List<LocalTime> aimed = transitionTimes(protocol, e);
              if (aimed.isEmpty()) {
                return Gen.constant(e);
              }
              Gen<Enrolment> retimed =
                  Gen.listOf(Gen.elements(aimed), 1, 2)
                      .map(
                          times -> {
                            Map<String, List<LocalTime>> byPolicy = new LinkedHashMap<>();
                            byPolicy.put(
                                protocol.reminders().get(0).id(),
                                List.copyOf(new LinkedHashSet<>(times)));
                            Preferences p = e.preferences();
                            return new Enrolment(
                                e.client(),
                                e.protocol(),
                                e.start(),
                                e.zone(),
                                new Preferences(p.quietHours(), p.optedOut(), byPolicy));
                          });
              return Gen.frequency(
                  List.of(Gen.weighted(1, Gen.constant(e)), Gen.weighted(2, retimed)));
            });
  }

  /** Local times of the day that fall in a gap or an overlap of the zone within the plan. */
  static List<LocalTime> transitionTimes(Protocol protocol, Enrolment e) {
    SessionPlan plan = protocol.sessionPlan();
    Instant from = ZonedDateTime.of(e.start(), e.zone()).toInstant();
    Period length = plan.cadence().multipliedBy(plan.sessions());
    Instant to = ZonedDateTime.of(e.start().plus(length), e.zone()).toInstant();
    Set<LocalTime> out = new LinkedHashSet<>();
    for (ZoneOffsetTransition t : Times.transitions(e.zone())) {
      if (t.getInstant().isBefore(from) || !t.getInstant().isBefore(to)) {
        continue;
      }
      long minutes = Math.min(Math.abs(t.getDuration().toMinutes()), 24 * 60);
      LocalDateTime first = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
      out.add(first.toLocalTime());
      out.add(first.plusMinutes(minutes / 2).toLocalTime());
      out.add(first.plusMinutes(minutes - 1).toLocalTime());
    }
    return List.copyOf(out);
  }

  // ---- histories ----

  /**
   * A history from {@link Clients#histories} with extra zone changes, opt-outs and opt-ins, pauses
   * and discharges, then reminder-ignored and -acknowledged events naming real occurrences.
   */
  static Gen<List<Event>> histories(Protocol protocol, Enrolment enrolment) {
    Gen<Instant> at = Clients.instants(protocol, enrolment);
    List<String> optable =
        protocol.reminders().stream().filter(ReminderPolicy::optOut).map(p -> p.id()).toList();
    List<Gen.Weighted<Extra>> kinds = new ArrayList<>();
    kinds.add(Gen.weighted(4, Gen.zip(at, Times.zones(), (t, z) -> new Extra(t, z, null, null))));
    if (!optable.isEmpty()) {
      kinds.add(
          Gen.weighted(
              4,
              Gen.zip(
                  Gen.zip(
                      at,
                      Gen.elements(EventType.REMINDER_OPTED_OUT, EventType.REMINDER_OPTED_IN),
                      (t, type) -> new Extra(t, null, type, null)),
                  Gen.elements(optable),
                  (x, policy) -> new Extra(x.at(), null, x.type(), policy))));
    }
    kinds.add(
        Gen.weighted(
            2,
            Gen.zip(
                at,
                Gen.elements(EventType.PAUSED, EventType.RESUMED),
                (t, type) -> new Extra(t, null, type, null))));
    kinds.add(Gen.weighted(1, at.map(t -> new Extra(t, null, EventType.DISCHARGED, null))));
    Gen<List<Extra>> extras = Gen.listOf(Gen.frequency(kinds), 0, 4);
    Gen<List<Event>> drawn = Clients.histories(protocol, enrolment);
    return Gen.zip(
            (Gen<List<Event>>) (random, size) -> drawn.generate(random, size / 2),
            extras,
            (base, more) -> {
              List<Event> out = new ArrayList<>(base);
              for (int i = 0; i < more.size(); i++) {
                out.add(more.get(i).event("x" + i));
              }
              return List.copyOf(out);
            })
        .flatMap(events -> withReminderEvents(protocol, enrolment, events));
  }

  private record Extra(Instant at, ZoneId zone, EventType type, String policy) {
    Event event(String id) {
      if (zone != null) {
        return new Event.ZoneChanged(id, at, zone);
      }
      if (policy != null) {
        return new Event.PolicyEvent(id, type, at, policy);
      }
      return new Event.Lifecycle(id, type, at);
    }
  }

  /** A response to an occurrence; {@code named}: the event names the policy (0.2 on). */
  private record Response(Reminder reminder, int minutes, boolean ignored, boolean named) {}

  private static Gen<List<Event>> withReminderEvents(
      Protocol protocol, Enrolment enrolment, List<Event> events) {
    List<Reminder> occurrences =
        occurrences(
            ClientState.of(ProtocolJson.pin(protocol), enrolment, History.of(events))
                .reminders(Instant.MIN, Instant.MAX));
    if (occurrences.isEmpty()) {
      return Gen.constant(events);
    }
    Gen<Response> response =
        Gen.zip(
            Gen.zip(
                Gen.elements(occurrences),
                Gen.choose(0, 240),
                (r, m) -> new Response(r, m, false, false)),
            Gen.frequency(
                List.of(Gen.weighted(3, Gen.constant(true)), Gen.weighted(1, Gen.constant(false)))),
            (r, ignored) -> new Response(r.reminder(), r.minutes(), ignored, false));
    Gen<Response> named =
        Gen.zip(
            response,
            Gen.elements(true, false),
            (r, n) -> new Response(r.reminder(), r.minutes(), r.ignored(), n));
    return Gen.listOf(named, 0, 6)
        .map(
            responses -> {
              List<Event> out = new ArrayList<>(events);
              for (int i = 0; i < responses.size(); i++) {
                Response r = responses.get(i);
                out.add(
                    new Event.ReminderEvent(
                        "r" + i,
                        r.ignored() ? EventType.REMINDER_IGNORED : EventType.REMINDER_ACKNOWLEDGED,
                        r.reminder().instant().plusSeconds(60L * r.minutes()),
                        r.reminder().id(),
                        r.named() ? Optional.of(r.reminder().policy()) : Optional.empty()));
              }
              return List.copyOf(out);
            });
  }

  // ---- cases ----

  static Gen<Clients.Case> cases() {
    return protocols()
        .flatMap(
            p ->
                enrolments(p)
                    .flatMap(e -> histories(p, e).map(events -> new Clients.Case(p, e, events))));
  }

  /** Cases whose history holds at least one zone change. */
  static Gen<Clients.Case> casesWithZoneChange() {
    return cases()
        .flatMap(
            c -> {
              if (c.events().stream().anyMatch(e -> e instanceof Event.ZoneChanged)) {
                return Gen.constant(c);
              }
              return Gen.zip(
                  Clients.instants(c.protocol(), c.enrolment()),
                  Times.zones(),
                  (t, z) -> {
                    List<Event> events = new ArrayList<>(c.events());
                    events.add(new Event.ZoneChanged("z0", t, z));
                    return new Clients.Case(c.protocol(), c.enrolment(), events);
                  });
            });
  }
}
