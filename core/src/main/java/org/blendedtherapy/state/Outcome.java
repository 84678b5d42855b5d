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
 *
 * @param caseness at caseness at the first pair
 * @param finishedTreatment enough treatment sessions attended
 * @param recovery recovered at the latest pair
 * @param reliableImprovement reliably improved
 * @param reliableDeterioration reliably worse
 * @param reliableRecovery recovered and reliably improved
 * @param basis the scores, thresholds and sessions the flags were decided from
 * @param isFinal true once the client is discharged
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Outcome(
    boolean caseness,
    boolean finishedTreatment,
    boolean recovery,
    boolean reliableImprovement,
    boolean reliableDeterioration,
    boolean reliableRecovery,
    Basis basis,
    boolean isFinal) {

  /** Creates an outcome. */
  public Outcome {
    Objects.requireNonNull(basis, "basis");
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
   *
   * @param depression the depression scores
   * @param anxiety the anxiety scores
   * @param firstSession the session of the first pair, 0 when it belongs to no session
   * @param latestSession the session of the latest pair, 0 when it belongs to no session
   * @param treatmentSessionsAttended attended contacts with a therapist
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Basis(
      Scores depression,
      Scores anxiety,
      int firstSession,
      int latestSession,
      int treatmentSessionsAttended) {
    /** Creates a basis. */
    public Basis {
      Objects.requireNonNull(depression, "depression");
      Objects.requireNonNull(anxiety, "anxiety");
    }

    /** Returns the sessions only, without scores. */
    @Override
    public String toString() {
      return "Basis[firstSession=" + firstSession + ", latestSession=" + latestSession + "]";
    }
  }

  /**
   * The first and latest totals of one instrument, with the thresholds applied to them.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param instrument the instrument
   * @param first the first total
   * @param latest the latest total
   * @param firstEvent the id of the first measure
   * @param latestEvent the id of the latest measure
   * @param caseness the caseness cut-off
   * @param reliableChange the reliable-change index
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Scores(
      Instrument instrument,
      int first,
      int latest,
      String firstEvent,
      String latestEvent,
      int caseness,
      int reliableChange) {
    /** Creates scores. */
    public Scores {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(firstEvent, "firstEvent");
      Objects.requireNonNull(latestEvent, "latestEvent");
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
  }
}
