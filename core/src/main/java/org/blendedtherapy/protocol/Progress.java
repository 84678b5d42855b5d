package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * What a client has done so far, as unlocking rules see it. The state engine implements it for each
 * moment it evaluates rules at; tests may implement it directly.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Progress {
  /**
   * Tells whether a module is completed or skipped.
   *
   * @param module the module id
   * @return true when completed or skipped
   */
  boolean isCompleted(String module);

  /**
   * Tells whether a module is started, completed or skipped.
   *
   * @param module the module id
   * @return true when started, completed or skipped
   */
  boolean isStarted(String module);

  /**
   * Tells whether the therapist released a module.
   *
   * @param module the module id
   * @return true after an accepted {@code module-released} event
   */
  boolean isReleased(String module);

  /**
   * Counts attended sessions of a type, or of every type.
   *
   * @param type the type, or empty for every type
   * @return how many were attended
   */
  int attended(Optional<SessionType> type);

  /**
   * Returns the local calendar days since the client's start date.
   *
   * @return the days, 0 on the start date
   */
  long daysSinceStart();

  /**
   * Returns the latest complete total of an instrument.
   *
   * @param instrument the instrument
   * @return the total, or empty when none was recorded
   */
  OptionalInt latestScore(Instrument instrument);

  /**
   * Returns the first complete total of an instrument, the baseline.
   *
   * @param instrument the instrument
   * @return the total, or empty when none was recorded
   */
  OptionalInt baselineScore(Instrument instrument);
}
