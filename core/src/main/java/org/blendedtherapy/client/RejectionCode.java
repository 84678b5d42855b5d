package org.blendedtherapy.client;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Why an event had no effect, as a stable code beside the words of {@link Rejection#reason()}: a
 * host branches on the code, never on the text.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public enum RejectionCode {
  /** The event names a module the protocol does not have. */
  UNKNOWN_MODULE("unknown-module"),
  /** The event names a session outside the plan. */
  UNKNOWN_SESSION("unknown-session"),
  /** The event names a reminder policy the protocol does not have. */
  UNKNOWN_POLICY("unknown-policy"),
  /** The module is locked. */
  MODULE_LOCKED("module-locked"),
  /** The module was skipped by the therapist. */
  MODULE_SKIPPED("module-skipped"),
  /** The module is already started. */
  ALREADY_STARTED("already-started"),
  /** The module is already completed. */
  ALREADY_COMPLETED("already-completed"),
  /** A repeat of a module that is not completed. */
  NOT_COMPLETED("not-completed"),
  /** The protocol's {@code tailoring} does not allow it. */
  TAILORING_FORBIDS("tailoring-forbids"),
  /** A module assigned to a session that is not online. */
  NOT_ONLINE_SESSION("not-online-session"),
  /** A module listed twice in a new order. */
  LISTED_TWICE("listed-twice"),
  /** The policy does not allow opting out. */
  OPT_OUT_NOT_ALLOWED("opt-out-not-allowed"),
  /** The session is already attended, missed or cancelled. */
  SESSION_RECORDED("session-recorded"),
  /** The move would put sessions out of order. */
  OUT_OF_ORDER("out-of-order"),
  /** Therapy is already paused. */
  ALREADY_PAUSED("already-paused"),
  /** Therapy is not paused. */
  NOT_PAUSED("not-paused"),
  /** The client was discharged before the event. */
  DISCHARGED("discharged"),
  /** A {@code protocol-migrated} event names a migration the state was not given. */
  UNKNOWN_MIGRATION("unknown-migration"),
  /**
   * The migration does not fit the client: it moves clients from another protocol, or a session it
   * would plan anew is already recorded.
   */
  MIGRATION_REFUSED("migration-refused");

  private final String json;

  RejectionCode(String json) {
    this.json = json;
  }

  /** Returns the name in JSON. */
  public String json() {
    return json;
  }
}
