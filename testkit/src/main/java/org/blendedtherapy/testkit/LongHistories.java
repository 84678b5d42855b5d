package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderKind;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Schedule;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;
import org.blendedtherapy.reminders.Reminders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generators of long, realistic event histories of one client, of any given number of events: the
 * inputs of benchmarks and of growth tests, where {@link Clients#histories} (a few dozen plausible
 * but often rejected events) is too short.
 *
 * <p>A history is built day by day from the day of session 1, in the enrolment's zone:
 *
 * <ul>
 *   <li>each planned session is attended (nine in ten) or missed, recorded at its planned instant;
 *       an attended face-to-face session is followed by a PHQ-9 and a GAD-7 ({@code
 *       measure-recorded}, item answers) two and three minutes later;
 *   <li>the core modules are started and completed in protocol order, spread evenly over the plan:
 *       started at 18:15 and completed two days later at 20:05;
 *   <li>every day, two mood ratings ({@code mood-rated}, 1 to 10) a few minutes after the first two
 *       times of the protocol's first daily mood-rating policy (10:00 and 19:00 when it has none);
 *   <li>every day, for every occurrence of every daily policy, a {@code reminder-acknowledged}
 *       (about six in ten), a {@code reminder-ignored} (about three in ten) or nothing; the {@code
 *       reminder} field is the real id {@link Reminders#id(String, String, LocalDateTime)} of that
 *       occurrence.
 * </ul>
 *
 * <p>When the size asks for more events than the plan holds, days go on past the end of the plan
 * with ratings and reminder answers only (months, then years of follow-up); use a protocol with a
 * longer plan for more sessions. Every event is valid per the event schema, its id ({@code e-} and
 * a zero-padded number) is unique, and events come in canonical order. For one seed, a history of
 * {@code n} events is the first {@code n} events of any longer one.
 *
 * <p>Nothing here reads the clock, the default zone or the default locale. The methods are pure and
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class LongHistories {
  private static final List<LocalTime> DEFAULT_MOOD_TIMES =
      List.of(LocalTime.of(10, 0), LocalTime.of(19, 0));
  private static final LocalTime MODULE_STARTED = LocalTime.of(18, 15);
  private static final LocalTime MODULE_COMPLETED = LocalTime.of(20, 5);

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private LongHistories() {}

  /**
   * Returns a history of exactly {@code size} events of a client enrolled on a protocol.
   *
   * @param protocol the protocol
   * @param enrolment the client's enrolment on it
   * @param size the number of events, from 0
   * @param random the source of randomness; consumed
   * @return the events in canonical order, with unique ids
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static List<Event> of(
      Protocol protocol, Enrolment enrolment, int size, RandomGenerator random) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(enrolment, "enrolment");
    Objects.requireNonNull(random, "random");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    return new Builder(protocol, enrolment, size, random).build();
  }

  /**
   * Returns a history of exactly {@code size} events, drawn from a seed: the same seed always gives
   * the same history.
   *
   * @param protocol the protocol
   * @param enrolment the client's enrolment on it
   * @param size the number of events, from 0
   * @param seed the seed
   * @return the events in canonical order, with unique ids
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static List<Event> of(Protocol protocol, Enrolment enrolment, int size, long seed) {
    return of(protocol, enrolment, size, new SplittableRandom(seed));
  }

  /**
   * Returns a generator of long histories for properties: from none to {@code maxEvents} events,
   * growing with the size (all {@code maxEvents} at the runner's largest size, 100). Shrinking
   * keeps a shorter prefix of the same history.
   *
   * @param protocol the protocol
   * @param enrolment the client's enrolment on it
   * @param maxEvents the most events at the largest size
   * @return the generator
   * @throws IllegalArgumentException if {@code maxEvents} is negative
   */
  public static Gen<List<Event>> histories(Protocol protocol, Enrolment enrolment, int maxEvents) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(enrolment, "enrolment");
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must not be negative: " + maxEvents);
    }
    Gen<Long> seeds = Gen.chooseLong(Long.MIN_VALUE, Long.MAX_VALUE);
    return Gen.sized(
        size -> {
          int most = (int) Math.min(maxEvents, (long) maxEvents * size / 100);
          return Gen.zip(seeds, Gen.choose(0, most), (seed, n) -> of(protocol, enrolment, n, seed));
        });
  }

  /**
   * Returns a variant of a protocol whose plan holds another number of sessions (for instance 52
   * weekly sessions, a year-long plan, for histories of thousands of events), with {@code
   * tailoring.sessions} widened to allow it. The variant is written as canonical JSON, edited and
   * read back through all three validation layers.
   *
   * @param protocol the protocol
   * @param sessions the number of sessions, from 1
   * @return the variant
   * @throws org.blendedtherapy.InvalidInputException if the variant is not a valid protocol
   */
  public static Protocol withSessions(Protocol protocol, int sessions) {
    ObjectNode root = (ObjectNode) MAPPER.readTree(ProtocolJson.canonical(protocol));
    ((ObjectNode) root.get("sessionPlan")).put("sessions", sessions);
    JsonNode bounds = root.path("tailoring").path("sessions");
    if (bounds instanceof ObjectNode range) {
      range.put("min", Math.min(sessions, range.path("min").asInt(sessions)));
      range.put("max", Math.max(sessions, range.path("max").asInt(sessions)));
    }
    return ProtocolJson.validate(MAPPER.writeValueAsString(root)).orElseThrow("protocol");
  }

  /**
   * Writes events as an event log: one JSON object a line, in the given order, each line ended by
   * {@code \n}, in the form the event schema defines ({@code at} as an ISO-8601 UTC instant, a
   * session's {@code start} to the minute, unanswered items as {@code null}).
   *
   * @param events the events
   * @return the log, UTF-8 when encoded
   */
  public static String toJsonLines(List<? extends Event> events) {
    StringBuilder out = new StringBuilder(events.size() * 96);
    for (Event event : events) {
      out.append(EventsJson.writeLine(event)).append('\n');
    }
    return out.toString();
  }

  /** One history being built, day by day, until it holds the asked number of events. */
  private static final class Builder {
    private final Enrolment enrolment;
    private final SessionPlan plan;
    private final ZoneId zone;
    private final int size;
    private final RandomGenerator random;
    private final List<LocalTime> moodTimes;
    private final List<DailyPolicy> daily;
    private final List<String> coreModules;
    private final List<LocalDateTime> planned = new ArrayList<>();
    private final long planDays;
    private final List<Event> out = new ArrayList<>();

    Builder(Protocol protocol, Enrolment enrolment, int size, RandomGenerator random) {
      this.enrolment = enrolment;
      this.plan = protocol.sessionPlan();
      this.zone = enrolment.zone();
      this.size = size;
      this.random = random;
      this.daily = dailyPolicies(protocol);
      this.moodTimes = moodTimes(protocol);
      this.coreModules =
          protocol.modules().stream()
              .filter(m -> m.kind() == ModuleKind.CORE)
              .map(Module::id)
              .toList();
      for (int i = 0; i < plan.sessions(); i++) {
        planned.add(enrolment.start().plus(plan.cadence().multipliedBy(i)));
      }
      LocalDate end =
          enrolment.start().plus(plan.cadence().multipliedBy(plan.sessions())).toLocalDate();
      this.planDays = Math.max(1, end.toEpochDay() - enrolment.start().toLocalDate().toEpochDay());
    }

    List<Event> build() {
      LocalDate first = enrolment.start().toLocalDate();
      for (long day = 0; out.size() < size; day++) {
        day(first.plusDays(day), day);
      }
      return List.copyOf(out);
    }

    private void day(LocalDate date, long day) {
      List<Draft> drafts = new ArrayList<>();
      for (int i = 0; i < planned.size(); i++) {
        if (planned.get(i).toLocalDate().equals(date)) {
          session(drafts, i + 1, planned.get(i));
        }
      }
      for (int k = 0; k < coreModules.size(); k++) {
        long startDay = 1 + k * planDays / coreModules.size();
        String module = coreModules.get(k);
        if (day == startDay) {
          drafts.add(
              new Draft(
                  at(date.atTime(MODULE_STARTED)),
                  (id, at) -> new Event.ModuleEvent(id, EventType.MODULE_STARTED, at, module)));
        } else if (day == startDay + 2) {
          drafts.add(
              new Draft(
                  at(date.atTime(MODULE_COMPLETED)),
                  (id, at) -> new Event.ModuleEvent(id, EventType.MODULE_COMPLETED, at, module)));
        }
      }
      for (LocalTime time : moodTimes) {
        int value = random.nextInt(1, 11);
        drafts.add(
            new Draft(
                at(date.atTime(time)).plusSeconds(60L * random.nextInt(2, 45)),
                (id, at) -> new Event.MoodRated(id, at, value)));
      }
      for (DailyPolicy policy : daily) {
        for (LocalTime time : policy.times()) {
          LocalDateTime intended = date.atTime(time);
          String reminder = Reminders.id(enrolment.client(), policy.id(), intended);
          // One day in four as a log written before 0.2: the policy only in the reminder id.
          Optional<String> named =
              date.getDayOfMonth() % 4 == 0 ? Optional.empty() : Optional.of(policy.id());
          double draw = random.nextDouble();
          if (draw < 0.6) {
            drafts.add(
                new Draft(
                    at(intended).plusSeconds(60L * random.nextInt(1, 30)),
                    (id, at) ->
                        new Event.ReminderEvent(
                            id, EventType.REMINDER_ACKNOWLEDGED, at, reminder, named)));
          } else if (draw < 0.9) {
            drafts.add(
                new Draft(
                    at(intended).plusSeconds(60L * 60),
                    (id, at) ->
                        new Event.ReminderEvent(
                            id, EventType.REMINDER_IGNORED, at, reminder, named)));
          }
        }
      }
      drafts.sort(Comparator.comparing(Draft::at));
      for (Draft draft : drafts) {
        if (out.size() == size) {
          return;
        }
        out.add(draft.event().make(String.format(Locale.ROOT, "e-%07d", out.size()), draft.at()));
      }
    }

    private void session(List<Draft> drafts, int number, LocalDateTime local) {
      Instant at = at(local);
      if (random.nextInt(10) == 0) {
        drafts.add(
            new Draft(
                at, (id, t) -> new Event.SessionEvent(id, EventType.SESSION_MISSED, t, number)));
        return;
      }
      drafts.add(
          new Draft(
              at, (id, t) -> new Event.SessionEvent(id, EventType.SESSION_ATTENDED, t, number)));
      if (plan.typeOf(number) == SessionType.FACE_TO_FACE) {
        drafts.add(measure(at.plusSeconds(120), Instrument.PHQ_9));
        drafts.add(measure(at.plusSeconds(180), Instrument.GAD_7));
      }
    }

    private Draft measure(Instant at, Instrument instrument) {
      List<OptionalInt> items = new ArrayList<>(instrument.items());
      for (int i = 0; i < instrument.items(); i++) {
        items.add(OptionalInt.of(random.nextInt(0, instrument.itemMax() + 1)));
      }
      return new Draft(
          at, (id, t) -> new Event.MeasureRecorded(id, t, instrument, items, OptionalInt.empty()));
    }

    /** Resolves local intent as the library does: a gap moves forward, an overlap is earlier. */
    private Instant at(LocalDateTime local) {
      return ZonedDateTime.of(local, zone).toInstant();
    }
  }

  private record DailyPolicy(String id, List<LocalTime> times) {}

  private static List<DailyPolicy> dailyPolicies(Protocol protocol) {
    List<DailyPolicy> out = new ArrayList<>();
    for (ReminderPolicy policy : protocol.reminders()) {
      if (policy.schedule().kind() == Schedule.Kind.DAILY) {
        out.add(new DailyPolicy(policy.id(), policy.schedule().timesOfDay()));
      }
    }
    return List.copyOf(out);
  }

  private static List<LocalTime> moodTimes(Protocol protocol) {
    for (ReminderPolicy policy : protocol.reminders()) {
      if (policy.kind() == ReminderKind.MOOD_RATING
          && policy.schedule().kind() == Schedule.Kind.DAILY) {
        List<LocalTime> at = policy.schedule().timesOfDay();
        return at.size() >= 2 ? at.subList(0, 2) : DEFAULT_MOOD_TIMES;
      }
    }
    return DEFAULT_MOOD_TIMES;
  }

  @FunctionalInterface
  private interface Maker {
    Event make(String id, Instant at);
  }

  private record Draft(Instant at, Maker event) {}
}
