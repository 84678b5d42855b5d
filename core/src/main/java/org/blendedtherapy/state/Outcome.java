package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.OutcomeDefinitions;

/**
 * The standard outcome flags (NHS Talking Therapies), computed on the first and the latest complete
 * measure pair with the protocol's {@link OutcomeDefinitions}. A pair is a complete depression and
 * a complete anxiety measure that belong to the same session (the latest of each there); when only
 * one pair exists, first and latest are the same pair. The flags are reported at any instant; they
 * are {@link #isFinal() final} once the client is discharged.
 *
 * <ul>
 *   <li>caseness: first depression total at or above its caseness cut-off, or first anxiety total
 *       at or above its own;
 *   <li>finished treatment: attended treatment sessions (contacts with a therapist: face-to-face,
 *       telephone, video) at least {@code finishedTreatmentSessions};
 *   <li>recovery: caseness, and both latest totals below their cut-offs;
 *   <li>reliable deterioration: depression up by at least its reliable change, or anxiety up by at
 *       least its own;
 *   <li>reliable improvement: depression down by at least its reliable change, or anxiety down by
 *       at least its own, and no reliable deterioration;
 *   <li>reliable recovery: recovery and reliable improvement.
 * </ul>
 *
 * <p>{@code toString()} shows the flags only, not the scores.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Outcome {
  private final boolean caseness;
  private final boolean finishedTreatment;
  private final boolean recovery;
  private final boolean reliableImprovement;
  private final boolean reliableDeterioration;
  private final boolean reliableRecovery;
  private final Basis basis;
  private final boolean isFinal;

  /** Creates an outcome. */
  Outcome(
      boolean caseness,
      boolean finishedTreatment,
      boolean recovery,
      boolean reliableImprovement,
      boolean reliableDeterioration,
      boolean reliableRecovery,
      Basis basis,
      boolean isFinal) {
    Objects.requireNonNull(basis, "basis");
    this.caseness = caseness;
    this.finishedTreatment = finishedTreatment;
    this.recovery = recovery;
    this.reliableImprovement = reliableImprovement;
    this.reliableDeterioration = reliableDeterioration;
    this.reliableRecovery = reliableRecovery;
    this.basis = basis;
    this.isFinal = isFinal;
  }

  /** Returns at caseness at the first pair. */
  public boolean caseness() {
    return caseness;
  }

  /** Returns enough treatment sessions attended. */
  public boolean finishedTreatment() {
    return finishedTreatment;
  }

  /** Returns recovered at the latest pair. */
  public boolean recovery() {
    return recovery;
  }

  /** Returns reliably improved. */
  public boolean reliableImprovement() {
    return reliableImprovement;
  }

  /** Returns reliably worse. */
  public boolean reliableDeterioration() {
    return reliableDeterioration;
  }

  /** Returns recovered and reliably improved. */
  public boolean reliableRecovery() {
    return reliableRecovery;
  }

  /** Returns the scores, thresholds and sessions the flags were decided from. */
  public Basis basis() {
    return basis;
  }

  /** Returns true once the client is discharged. */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * Decides the flags from their basis.
   *
   * @param basis the scores and thresholds
   * @param finishedTreatmentSessions sessions that count as finished treatment
   * @param isFinal whether the client is discharged
   * @return the outcome
   */
  public static Outcome of(Basis basis, int finishedTreatmentSessions, boolean isFinal) {
    Scores d = basis.depression();
    Scores a = basis.anxiety();
    boolean caseness = d.first() >= d.caseness() || a.first() >= a.caseness();
    boolean recovery = caseness && d.latest() < d.caseness() && a.latest() < a.caseness();
    boolean deterioration =
        d.latest() - d.first() >= d.reliableChange()
            || a.latest() - a.first() >= a.reliableChange();
    boolean improvement =
        !deterioration
            && (d.first() - d.latest() >= d.reliableChange()
                || a.first() - a.latest() >= a.reliableChange());
    return new Outcome(
        caseness,
        basis.treatmentSessionsAttended() >= finishedTreatmentSessions,
        recovery,
        improvement,
        deterioration,
        recovery && improvement,
        basis,
        isFinal);
  }

  /** Returns the flags, without scores. */
  @Override
  public String toString() {
    return "Outcome[caseness="
        + caseness
        + ", finishedTreatment="
        + finishedTreatment
        + ", recovery="
        + recovery
        + ", reliableImprovement="
        + reliableImprovement
        + ", reliableDeterioration="
        + reliableDeterioration
        + ", reliableRecovery="
        + reliableRecovery
        + ", final="
        + isFinal
        + "]";
  }

  /**
   * What the flags were decided from.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Basis {
    private final Scores depression;
    private final Scores anxiety;
    private final int firstSession;
    private final int latestSession;
    private final int treatmentSessionsAttended;

    /** Creates a basis. */
    public Basis(
        Scores depression,
        Scores anxiety,
        int firstSession,
        int latestSession,
        int treatmentSessionsAttended) {
      Objects.requireNonNull(depression, "depression");
      Objects.requireNonNull(anxiety, "anxiety");
      this.depression = depression;
      this.anxiety = anxiety;
      this.firstSession = firstSession;
      this.latestSession = latestSession;
      this.treatmentSessionsAttended = treatmentSessionsAttended;
    }

    /** Returns the depression scores. */
    public Scores depression() {
      return depression;
    }

    /** Returns the anxiety scores. */
    public Scores anxiety() {
      return anxiety;
    }

    /** Returns the session of the first pair, 0 when it belongs to no session. */
    public int firstSession() {
      return firstSession;
    }

    /** Returns the session of the latest pair, 0 when it belongs to no session. */
    public int latestSession() {
      return latestSession;
    }

    /** Returns attended contacts with a therapist. */
    public int treatmentSessionsAttended() {
      return treatmentSessionsAttended;
    }

    /** Returns the sessions only, without scores. */
    @Override
    public String toString() {
      return "Basis[firstSession=" + firstSession + ", latestSession=" + latestSession + "]";
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Basis other)) {
        return false;
      }
      return java.util.Objects.equals(depression, other.depression)
          && java.util.Objects.equals(anxiety, other.anxiety)
          && firstSession == other.firstSession
          && latestSession == other.latestSession
          && treatmentSessionsAttended == other.treatmentSessionsAttended;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(
          depression, anxiety, firstSession, latestSession, treatmentSessionsAttended);
    }
  }

  /**
   * The first and latest totals of one instrument, with the thresholds applied to them.
   *
   * <p>This class is immutable and thread-safe.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Scores {
    private final Instrument instrument;
    private final int first;
    private final int latest;
    private final String firstEvent;
    private final String latestEvent;
    private final int caseness;
    private final int reliableChange;

    /** Creates scores. */
    public Scores(
        Instrument instrument,
        int first,
        int latest,
        String firstEvent,
        String latestEvent,
        int caseness,
        int reliableChange) {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(firstEvent, "firstEvent");
      Objects.requireNonNull(latestEvent, "latestEvent");
      this.instrument = instrument;
      this.first = first;
      this.latest = latest;
      this.firstEvent = firstEvent;
      this.latestEvent = latestEvent;
      this.caseness = caseness;
      this.reliableChange = reliableChange;
    }

    /** Returns the instrument. */
    public Instrument instrument() {
      return instrument;
    }

    /** Returns the first total. */
    public int first() {
      return first;
    }

    /** Returns the latest total. */
    public int latest() {
      return latest;
    }

    /** Returns the id of the first measure. */
    public String firstEvent() {
      return firstEvent;
    }

    /** Returns the id of the latest measure. */
    public String latestEvent() {
      return latestEvent;
    }

    /** Returns the caseness cut-off. */
    public int caseness() {
      return caseness;
    }

    /** Returns the reliable-change index. */
    public int reliableChange() {
      return reliableChange;
    }

    /** Returns the instrument and events, without scores. */
    @Override
    public String toString() {
      return "Scores[instrument="
          + instrument.json()
          + ", "
          + firstEvent
          + ", "
          + latestEvent
          + "]";
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Scores other)) {
        return false;
      }
      return java.util.Objects.equals(instrument, other.instrument)
          && first == other.first
          && latest == other.latest
          && java.util.Objects.equals(firstEvent, other.firstEvent)
          && java.util.Objects.equals(latestEvent, other.latestEvent)
          && caseness == other.caseness
          && reliableChange == other.reliableChange;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(
          instrument, first, latest, firstEvent, latestEvent, caseness, reliableChange);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Outcome other)) {
      return false;
    }
    return caseness == other.caseness
        && finishedTreatment == other.finishedTreatment
        && recovery == other.recovery
        && reliableImprovement == other.reliableImprovement
        && reliableDeterioration == other.reliableDeterioration
        && reliableRecovery == other.reliableRecovery
        && java.util.Objects.equals(basis, other.basis)
        && isFinal == other.isFinal;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        caseness,
        finishedTreatment,
        recovery,
        reliableImprovement,
        reliableDeterioration,
        reliableRecovery,
        basis,
        isFinal);
  }
}
