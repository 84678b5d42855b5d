package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.reminders.Suppressed;
import org.blendedtherapy.reminders.Suppression;

/**
 * What a protocol, or one client's plan, asks of the client and of the therapist: weeks in therapy,
 * client and therapist minutes, prompts per day and the modules to complete.
 *
 * <p>The figures are computed from the protocol's own numbers only:
 *
 * <ul>
 *   <li>a session lasts the midpoint of its type's {@code durationMinutes} {@code min..max} ({@link
 *       MinutesRange#midpoint()}, the rule of the simulation and the calendar too); a type without
 *       durations counts 0 minutes (listed in {@link #assumptions()});
 *   <li>a module takes its {@code estimatedMinutes}; a module without an estimate counts 0 minutes
 *       (listed in {@link #assumptions()});
 *   <li>therapist minutes are the minutes of therapist-contact sessions (face-to-face, telephone,
 *       video); the protocol gives no numbers for reviewing online work or measures, so these count
 *       0 and {@link #assumptions()} says so;
 *   <li>prompts are the reminders that fire, from {@link ClientState#reminders}, counted per local
 *       day of the client's zone from the first day with a prompt or the start date, whichever is
 *       earlier, to the last day of the plan; days over the cap are the days on which the daily cap
 *       suppressed at least one prompt;
 *   <li>weeks run from the start date to the end of the plan: the end of the last session's window,
 *       or the discharge when the client was discharged.
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Burden {
  private final double weeks;
  private final int sessions;
  private final int therapistContacts;
  private final double clientMinutes;
  private final double therapistMinutes;
  private final int days;
  private final int prompts;
  private final int promptsPerDayMax;
  private final int daysOverCap;
  private final int promptsOverCap;
  private final int modulesToComplete;
  private final List<String> assumptions;

  /** Creates a burden; the assumptions are copied. */
  Burden(
      double weeks,
      int sessions,
      int therapistContacts,
      double clientMinutes,
      double therapistMinutes,
      int days,
      int prompts,
      int promptsPerDayMax,
      int daysOverCap,
      int promptsOverCap,
      int modulesToComplete,
      List<String> assumptions) {
    assumptions = List.copyOf(assumptions);
    this.weeks = weeks;
    this.sessions = sessions;
    this.therapistContacts = therapistContacts;
    this.clientMinutes = clientMinutes;
    this.therapistMinutes = therapistMinutes;
    this.days = days;
    this.prompts = prompts;
    this.promptsPerDayMax = promptsPerDayMax;
    this.daysOverCap = daysOverCap;
    this.promptsOverCap = promptsOverCap;
    this.modulesToComplete = modulesToComplete;
    this.assumptions = assumptions;
  }

  /** Returns weeks in therapy, in days divided by 7. */
  public double weeks() {
    return weeks;
  }

  /**
   * Returns the sessions counted: every planned session for a protocol; the ones attended or still
   * planned for a client.
   */
  public int sessions() {
    return sessions;
  }

  /** Returns how many of them are contacts with a therapist. */
  public int therapistContacts() {
    return therapistContacts;
  }

  /** Returns the client's minutes over the whole plan: sessions and modules to complete. */
  public double clientMinutes() {
    return clientMinutes;
  }

  /** Returns the therapist's minutes over the whole plan. */
  public double therapistMinutes() {
    return therapistMinutes;
  }

  /** Returns the local days over which prompts are counted. */
  public int days() {
    return days;
  }

  /** Returns the prompts that fire over the plan. */
  public int prompts() {
    return prompts;
  }

  /** Returns the most prompts on one local day. */
  public int promptsPerDayMax() {
    return promptsPerDayMax;
  }

  /** Returns the local days on which the daily cap suppressed prompts. */
  public int daysOverCap() {
    return daysOverCap;
  }

  /** Returns the prompts the daily cap suppressed. */
  public int promptsOverCap() {
    return promptsOverCap;
  }

  /**
   * Returns the modules a client must complete: the core modules for a protocol, the client's path
   * for a client.
   */
  public int modulesToComplete() {
    return modulesToComplete;
  }

  /** Returns what the figures assume where the protocol gives no number, in words. */
  public List<String> assumptions() {
    return assumptions;
  }

  /**
   * The reference enrolment of a protocol's burden: session 1 on Monday 2027-01-04 at 10:00 UTC.
   * Burden counts local days and local times, so a fixed zone without transitions keeps the figures
   * independent of daylight saving time.
   */
  public static final LocalDateTime REFERENCE_START = LocalDateTime.of(2027, 1, 4, 10, 0);

  /** The rule behind every figure, first among the assumptions in text and JSON alike. */
  static final String HOW_COUNTED =
      "sessions last the midpoint of their durationMinutes; modules take their"
          + " estimatedMinutes; prompts are the reminders that fire with no opt-outs";

  static final String NO_REVIEW_MINUTES =
      "therapist minutes count therapist-contact sessions only: the protocol gives no minutes for"
          + " reviewing online work or measures";

  /**
   * The client's minutes per week.
   *
   * @return client minutes divided by weeks; 0 when the plan has no length
   */
  public double clientMinutesPerWeek() {
    return weeks <= 0 ? 0 : clientMinutes / weeks;
  }

  /**
   * The therapist's minutes per week, for one client.
   *
   * @return therapist minutes divided by weeks; 0 when the plan has no length
   */
  public double therapistMinutesPerWeek() {
    return weeks <= 0 ? 0 : therapistMinutes / weeks;
  }

  /**
   * The mean number of prompts per local day.
   *
   * @return prompts divided by days; 0 when there are no days
   */
  public double promptsPerDayMean() {
    return days == 0 ? 0 : (double) prompts / days;
  }

  /**
   * Computes the burden of a protocol for an adherent client ({@link Simulation#adherent}) enrolled
   * at {@link #REFERENCE_START} in UTC, without preferences or opt-outs.
   *
   * @param protocol the protocol, pinned
   * @return the burden
   */
  public static Burden of(PinnedProtocol protocol) {
    Enrolment enrolment =
        new Enrolment(
            "burden-reference", protocol.pin(), REFERENCE_START, ZoneOffset.UTC, Preferences.NONE);
    return of(protocol, enrolment);
  }

  /**
   * Computes the burden of a protocol for an adherent client with a given enrolment: every session
   * attended, every core module completed, no reminder opted out. The enrolment's preferences
   * (quiet hours, opted-out policies) are applied as the client set them.
   *
   * @param protocol the protocol, pinned
   * @param enrolment the enrolment, pinned to the protocol
   * @return the burden
   * @throws org.blendedtherapy.InvalidInputException if the enrolment is pinned to another protocol
   */
  public static Burden of(PinnedProtocol protocol, Enrolment enrolment) {
    ClientState planned =
        ClientState.of(
            protocol,
            enrolment,
            History.empty(),
            enrolment.start().atZone(enrolment.zone()).toInstant());
    Instant end = planned.sessions().get(planned.sessions().size() - 1).windowEnd();
    ClientState adherent = Simulation.adherent(protocol, enrolment, end).state();
    List<Module> modules =
        protocol.protocol().modules().stream().filter(m -> m.kind() == ModuleKind.CORE).toList();
    return compute(adherent, planned.sessions(), modules, end);
  }

  /**
   * Computes the burden of one client's plan as it stands at the state's instant: the sessions
   * attended or still planned (missed and cancelled ones take no time), the modules of the client's
   * path, and the reminders that fire given the client's history (opt-outs and preferences
   * included) from the start to the end of the plan.
   *
   * @param state the client's state
   * @return the burden
   */
  public static Burden of(ClientState state) {
    Instant end = state.sessions().get(state.sessions().size() - 1).windowEnd();
    Optional<Instant> discharged = state.timeline().dischargedAt();
    if (discharged.isPresent() && discharged.get().isBefore(end)) {
      end = discharged.get();
    }
    List<Session> counted =
        state.sessions().stream()
            .filter(
                s -> s.status() == SessionStatus.ATTENDED || s.status() == SessionStatus.PLANNED)
            .toList();
    Instant planEnd = end;
    counted = counted.stream().filter(s -> s.instant().isBefore(planEnd)).toList();
    List<Module> modules = new ArrayList<>();
    for (String id : state.path()) {
      state.protocol().module(id).ifPresent(modules::add);
    }
    return compute(state, counted, modules, end);
  }

  private static Burden compute(
      ClientState state, List<Session> sessions, List<Module> modules, Instant end) {
    Protocol protocol = state.protocol();
    Enrolment enrolment = state.enrolment();
    List<String> assumptions = new ArrayList<>();
    note(assumptions, HOW_COUNTED);
    double clientMinutes = 0;
    double therapistMinutes = 0;
    int contacts = 0;
    for (Session session : sessions) {
      MinutesRange range = protocol.sessionPlan().durationMinutes().get(session.type());
      double minutes = 0;
      if (range == null) {
        note(
            assumptions,
            session.type().json() + " sessions count 0 minutes: the protocol gives no duration");
      } else {
        minutes = range.midpoint().toSeconds() / 60.0;
      }
      clientMinutes += minutes;
      if (session.type().isTherapistContact()) {
        therapistMinutes += minutes;
        contacts++;
      }
    }
    for (Module module : modules) {
      if (module.estimatedMinutes().isPresent()) {
        clientMinutes += module.estimatedMinutes().getAsInt();
      } else {
        note(
            assumptions,
            "module " + module.id() + " counts 0 minutes: the protocol gives no estimatedMinutes");
      }
    }
    note(assumptions, NO_REVIEW_MINUTES);

    LocalDate first = enrolment.start().toLocalDate();
    LocalDate last = end.minusNanos(1).atZone(enrolment.zone()).toLocalDate();
    ReminderSchedule schedule = state.reminders(Instant.MIN, end);
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (Reminder reminder : schedule.reminders()) {
      LocalDate day = reminder.local().toLocalDate();
      perDay.merge(day, 1, Integer::sum);
      if (day.isBefore(first)) {
        first = day;
      }
    }
    Map<LocalDate, Integer> capped = new TreeMap<>();
    for (Suppressed suppressed : schedule.suppressed()) {
      if (suppressed.by() == Suppression.CAP) {
        capped.merge(suppressed.reminder().local().toLocalDate(), 1, Integer::sum);
      }
    }
    int days = last.isBefore(first) ? 0 : (int) ChronoUnit.DAYS.between(first, last) + 1;
    int max = perDay.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    double weeks =
        Math.max(
                0,
                ChronoUnit.MINUTES.between(
                    enrolment.start(), end.atZone(enrolment.zone()).toLocalDateTime()))
            / (7.0 * 24 * 60);
    return new Burden(
        weeks,
        sessions.size(),
        contacts,
        clientMinutes,
        therapistMinutes,
        days,
        schedule.reminders().size(),
        max,
        capped.size(),
        capped.values().stream().mapToInt(Integer::intValue).sum(),
        modules.size(),
        assumptions);
  }

  private static void note(List<String> assumptions, String assumption) {
    if (!assumptions.contains(assumption)) {
      assumptions.add(assumption);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Burden other)) {
      return false;
    }
    return Double.compare(weeks, other.weeks) == 0
        && sessions == other.sessions
        && therapistContacts == other.therapistContacts
        && Double.compare(clientMinutes, other.clientMinutes) == 0
        && Double.compare(therapistMinutes, other.therapistMinutes) == 0
        && days == other.days
        && prompts == other.prompts
        && promptsPerDayMax == other.promptsPerDayMax
        && daysOverCap == other.daysOverCap
        && promptsOverCap == other.promptsOverCap
        && modulesToComplete == other.modulesToComplete
        && java.util.Objects.equals(assumptions, other.assumptions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        weeks,
        sessions,
        therapistContacts,
        clientMinutes,
        therapistMinutes,
        days,
        prompts,
        promptsPerDayMax,
        daysOverCap,
        promptsOverCap,
        modulesToComplete,
        assumptions);
  }

  @Override
  public String toString() {
    return "Burden[weeks="
        + weeks
        + ", sessions="
        + sessions
        + ", therapistContacts="
        + therapistContacts
        + ", clientMinutes="
        + clientMinutes
        + ", therapistMinutes="
        + therapistMinutes
        + ", days="
        + days
        + ", prompts="
        + prompts
        + ", promptsPerDayMax="
        + promptsPerDayMax
        + ", daysOverCap="
        + daysOverCap
        + ", promptsOverCap="
        + promptsOverCap
        + ", modulesToComplete="
        + modulesToComplete
        + ", assumptions="
        + assumptions
        + "]";
  }
}
