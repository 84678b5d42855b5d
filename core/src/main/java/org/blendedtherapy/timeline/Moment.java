package org.blendedtherapy.timeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.Progress;
import org.blendedtherapy.protocol.SessionPlan;
import org.blendedtherapy.protocol.SessionType;

/**
 * What a client had done at one moment of the fold: after the event at position {@code seq}, at
 * instant {@code now}. Rules are evaluated against it, and explanations of a rule's verdict read
 * it, so a module's reason shows the facts as they were when it opened.
 *
 * <p>Reads only facts made at or before {@code seq}; O(1) per question but for scores, O(log n).
 */
@API(status = INTERNAL, since = "0.2")
public final class Moment implements Progress {
  private final ModuleLedger[] ledgers;
  private final Shape shape;
  private final int[] attendedSeq;
  private final SessionPlan plan;
  private final Map<Instrument, List<int[]>> scores;
  private final int seq;
  private final Instant now;
  private final ZoneId zone;
  private final LocalDate startDate;

  Moment(
      ModuleLedger[] ledgers,
      Shape shape,
      int[] attendedSeq,
      SessionPlan plan,
      Map<Instrument, List<int[]>> scores,
      int seq,
      Instant now,
      ZoneId zone,
      LocalDate startDate) {
    this.ledgers = ledgers;
    this.shape = shape;
    this.attendedSeq = attendedSeq;
    this.plan = plan;
    this.scores = scores;
    this.seq = seq;
    this.now = now;
    this.zone = zone;
    this.startDate = startDate;
  }

  Moment at(Instant instant) {
    return new Moment(ledgers, shape, attendedSeq, plan, scores, seq, instant, zone, startDate);
  }

  /**
   * Returns the instant of this moment.
   *
   * @return the instant
   */
  public Instant now() {
    return now;
  }

  /**
   * Returns the client's start date.
   *
   * @return the local date of session 1 as first planned
   */
  public LocalDate startDate() {
    return startDate;
  }

  /**
   * Returns an instant's local date in the enrolment's zone.
   *
   * @param instant the instant
   * @return the date
   */
  public LocalDate localDate(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  private Optional<ModuleLedger.Fact> visible(ModuleLedger.Fact fact) {
    return fact != null && fact.seq() <= seq ? Optional.of(fact) : Optional.empty();
  }

  private ModuleLedger ledger(String module) {
    int i = shape.module(module);
    return i < 0 ? null : ledgers[i];
  }

  /** The first-time facts of a module a moment reports. */
  private enum Milestone {
    STARTED,
    COMPLETED,
    SKIPPED
  }

  private ModuleLedger.Fact fact(String module, Milestone which) {
    ModuleLedger ledger = ledger(module);
    if (ledger == null) {
      return null;
    }
    return switch (which) {
      case STARTED -> ledger.startedEver;
      case COMPLETED -> ledger.completedEver;
      case SKIPPED -> ledger.skipped;
    };
  }

  /**
   * Returns when a module was first started, as of this moment.
   *
   * @param module the module id
   * @return the local date, or empty
   */
  public Optional<LocalDate> startedOn(String module) {
    return visible(fact(module, Milestone.STARTED)).map(f -> localDate(f.at()));
  }

  /**
   * Returns when a module was first completed, as of this moment.
   *
   * @param module the module id
   * @return the local date, or empty
   */
  public Optional<LocalDate> completedOn(String module) {
    return visible(fact(module, Milestone.COMPLETED)).map(f -> localDate(f.at()));
  }

  /**
   * Returns when a module was skipped, as of this moment.
   *
   * @param module the module id
   * @return the local date, or empty
   */
  public Optional<LocalDate> skippedOn(String module) {
    return visible(fact(module, Milestone.SKIPPED)).map(f -> localDate(f.at()));
  }

  /**
   * Returns the first release or assignment of a module, as of this moment.
   *
   * @param module the module id
   * @return it, or empty
   */
  public Optional<ModuleLedger.Opening> release(String module) {
    ModuleLedger ledger = ledger(module);
    return ledger == null || ledger.released == null || ledger.released.fact().seq() > seq
        ? Optional.empty()
        : Optional.of(ledger.released);
  }

  private boolean isVisible(ModuleLedger.Fact fact) {
    return fact != null && fact.seq() <= seq;
  }

  @Override
  public boolean isCompleted(String module) {
    ModuleLedger ledger = ledger(module);
    return ledger != null && (isVisible(ledger.completedEver) || isVisible(ledger.skipped));
  }

  @Override
  public boolean isStarted(String module) {
    ModuleLedger ledger = ledger(module);
    return ledger != null && (isVisible(ledger.startedEver) || isVisible(ledger.skipped));
  }

  @Override
  public boolean isReleased(String module) {
    ModuleLedger ledger = ledger(module);
    return ledger != null && ledger.released != null && ledger.released.fact().seq() <= seq;
  }

  @Override
  public int attended(Optional<SessionType> type) {
    int count = 0;
    for (int i = 0; i < attendedSeq.length; i++) {
      int at = attendedSeq[i];
      if (at > 0 && at <= seq && (type.isEmpty() || plan.typeOf(i + 1) == type.get())) {
        count++;
      }
    }
    return count;
  }

  @Override
  public long daysSinceStart() {
    return ChronoUnit.DAYS.between(startDate, localDate(now));
  }

  @Override
  public OptionalInt latestScore(Instrument instrument) {
    List<int[]> facts = scores.get(instrument);
    if (facts == null) {
      return OptionalInt.empty();
    }
    // The last fact made at or before seq.
    int low = 0;
    int high = facts.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (facts.get(mid)[0] <= seq) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low == 0 ? OptionalInt.empty() : OptionalInt.of(facts.get(low - 1)[1]);
  }

  @Override
  public OptionalInt baselineScore(Instrument instrument) {
    List<int[]> facts = scores.get(instrument);
    return facts == null || facts.isEmpty() || facts.get(0)[0] > seq
        ? OptionalInt.empty()
        : OptionalInt.of(facts.get(0)[1]);
  }
}
