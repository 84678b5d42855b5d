package org.blendedtherapy.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionFold;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.ModuleKind;
import org.blendedtherapy.protocol.Progress;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.protocol.Rule;
import org.blendedtherapy.protocol.SessionType;

/**
 * Folds a history, in canonical order, into a client's state. Mutable, one per query; the result is
 * copied into an immutable {@link ClientState}.
 */
final class Fold implements Progress {
  private final Protocol protocol;
  private final Enrolment enrolment;
  private final SessionFold sessions;
  private final Set<String> started = new HashSet<>();
  private final Set<String> completed = new HashSet<>();
  private final Set<String> released = new HashSet<>();
  private final Map<String, Instant> skipped = new HashMap<>();
  private final Map<String, String> opened = new LinkedHashMap<>();
  private final Map<String, Integer> latest = new HashMap<>();
  private final Map<String, Integer> baseline = new HashMap<>();
  private final List<Rejection> rejected = new ArrayList<>();
  private Instant now;

  Fold(Protocol protocol, Enrolment enrolment) {
    this.protocol = protocol;
    this.enrolment = enrolment;
    this.sessions = new SessionFold(protocol, enrolment);
    this.now = enrolment.start().atZone(enrolment.zone()).toInstant();
    for (Module module : protocol.modules()) {
      if (module.isOpenFromStart()) {
        opened.put(module.id(), "open from the start");
      }
    }
  }

  void apply(Event event) {
    now = event.at();
    Optional<String> refused =
        SessionFold.handles(event.type()) ? sessions.apply(event) : check(event);
    if (refused.isPresent()) {
      rejected.add(new Rejection(event.id(), refused.get()));
      return;
    }
    evaluate();
  }

  void finish(Instant at) {
    now = at;
    evaluate();
  }

  private Optional<String> check(Event event) {
    switch (event.type()) {
      case MODULE_STARTED:
      case MODULE_COMPLETED:
      case MODULE_RELEASED:
      case MODULE_SKIPPED:
        return module((Event.ModuleEvent) event);
      case MEASURE_RECORDED:
        Event.MeasureRecorded measure = (Event.MeasureRecorded) event;
        measure
            .score()
            .ifPresent(
                score -> {
                  baseline.putIfAbsent(measure.instrument(), score);
                  latest.put(measure.instrument(), score);
                });
        return Optional.empty();
      case REMINDER_OPTED_OUT:
      case REMINDER_OPTED_IN:
        String id = ((Event.PolicyEvent) event).policy();
        Optional<ReminderPolicy> policy =
            protocol.reminders().stream().filter(p -> p.id().equals(id)).findFirst();
        if (policy.isEmpty()) {
          return Optional.of("no reminder policy \"" + id + "\" in the protocol");
        }
        if (!policy.get().optOut()) {
          return Optional.of("policy \"" + id + "\" does not allow opting out (optOut is false)");
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private Optional<String> module(Event.ModuleEvent event) {
    String id = event.module();
    Optional<Module> found = protocol.module(id);
    if (found.isEmpty()) {
      return Optional.of("no module \"" + id + "\" in the protocol");
    }
    Module module = found.get();
    if (skipped.containsKey(id)) {
      return Optional.of("module \"" + id + "\" was skipped");
    }
    switch (event.type()) {
      case MODULE_STARTED:
        if (!opened.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is locked");
        }
        if (started.contains(id)) {
          return Optional.of("module \"" + id + "\" is already started");
        }
        started.add(id);
        return Optional.empty();
      case MODULE_COMPLETED:
        if (!opened.containsKey(id)) {
          return Optional.of("module \"" + id + "\" is locked");
        }
        if (completed.contains(id)) {
          return Optional.of("module \"" + id + "\" is already completed");
        }
        started.add(id);
        completed.add(id);
        return Optional.empty();
      case MODULE_RELEASED:
        boolean hasLeaf = module.unlock().map(Fold::hasReleaseLeaf).orElse(false);
        if (!protocol.tailoring().release() && !hasLeaf) {
          return Optional.of(
              "tailoring.release is false and the rule of \""
                  + id
                  + "\" has no therapistRelease condition");
        }
        released.add(id);
        if (protocol.tailoring().release()) {
          opened.putIfAbsent(id, "released by the therapist");
        }
        return Optional.empty();
      case MODULE_SKIPPED:
      default:
        if (!protocol.tailoring().maySkip(module.kind())) {
          return Optional.of(
              "tailoring.skip does not include "
                  + module.kind().json()
                  + " modules, so \""
                  + id
                  + "\" cannot be skipped");
        }
        if (completed.contains(id)) {
          return Optional.of("module \"" + id + "\" is already completed");
        }
        skipped.put(id, event.at());
        return Optional.empty();
    }
  }

  private static boolean hasReleaseLeaf(Rule rule) {
    return rule.kind() == Rule.Kind.THERAPIST_RELEASE
        || rule.children().stream().anyMatch(Fold::hasReleaseLeaf);
  }

  /** Opens every module whose rule holds now; an opened module never closes again. */
  private void evaluate() {
    for (Module module : protocol.modules()) {
      if (!opened.containsKey(module.id())
          && module.unlock().orElseThrow().isSatisfiedFor(module.id(), this)) {
        opened.put(module.id(), "opened on " + localDate(now));
      }
    }
  }

  private LocalDate localDate(Instant instant) {
    return instant.atZone(enrolment.zone()).toLocalDate();
  }

  ClientState result(String sha256, Instant at, History history) {
    List<ModuleState> modules = new ArrayList<>();
    int core = 0;
    int coreDone = 0;
    for (Module module : protocol.modules()) {
      modules.add(state(module));
      if (module.kind() == ModuleKind.CORE && !skipped.containsKey(module.id())) {
        core++;
        if (completed.contains(module.id())) {
          coreDone++;
        }
      }
    }
    List<Session> sessionList = sessions.sessions();
    Optional<Session> next =
        sessions.isPaused()
            ? Optional.empty()
            : sessionList.stream()
                .filter(s -> s.status() == SessionStatus.PLANNED)
                .filter(s -> !s.instant().isBefore(at))
                .findFirst();
    return new ClientState(
        at,
        enrolment,
        protocol,
        sha256,
        history,
        modules,
        sessionList,
        next,
        rejected,
        new ProgressSummary(
            sessions.attended(Optional.empty()),
            protocol.sessionPlan().sessions(),
            coreDone,
            core));
  }

  private ModuleState state(Module module) {
    String id = module.id();
    if (skipped.containsKey(id)) {
      return new ModuleState(
          id, ModuleStatus.SKIPPED, "skipped by the therapist on " + localDate(skipped.get(id)));
    }
    if (completed.contains(id)) {
      return new ModuleState(id, ModuleStatus.COMPLETED, "completed");
    }
    if (started.contains(id)) {
      return new ModuleState(id, ModuleStatus.IN_PROGRESS, "started");
    }
    if (opened.containsKey(id)) {
      return new ModuleState(id, ModuleStatus.AVAILABLE, opened.get(id));
    }
    return new ModuleState(
        id,
        ModuleStatus.LOCKED,
        "locked: needs " + Explain.unmet(module.unlock().orElseThrow(), id, this));
  }

  @Override
  public boolean isCompleted(String module) {
    return completed.contains(module) || skipped.containsKey(module);
  }

  @Override
  public boolean isStarted(String module) {
    return started.contains(module) || skipped.containsKey(module);
  }

  @Override
  public boolean isReleased(String module) {
    return released.contains(module);
  }

  @Override
  public int attended(Optional<SessionType> type) {
    return sessions.attended(type);
  }

  @Override
  public long daysSinceStart() {
    return ChronoUnit.DAYS.between(enrolment.start().toLocalDate(), localDate(now));
  }

  @Override
  public OptionalInt latestScore(String instrument) {
    Integer score = latest.get(instrument);
    return score == null ? OptionalInt.empty() : OptionalInt.of(score);
  }

  @Override
  public OptionalInt baselineScore(String instrument) {
    Integer score = baseline.get(instrument);
    return score == null ? OptionalInt.empty() : OptionalInt.of(score);
  }

  boolean wasStarted(String module) {
    return started.contains(module);
  }
}
