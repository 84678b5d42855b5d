package org.blendedtherapy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/**
 * The stable code of an {@link Issue}: what kind of problem was found, in words a host can branch
 * on without reading the message. Its {@link #json()} name is the kebab-case code printed by {@code
 * blended validate} between brackets and written as {@code "code"} in JSON reports.
 *
 * <p>Every constant has a golden case: an input document and the exact text the CLI prints for it
 * (the corpus under {@code protocol-schemas/src/test/resources/golden}); a build test fails when a
 * constant has none.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public enum IssueCode {
  /**
   * Warning: every time of a reminder policy falls in the default quiet hours, so it never reaches
   * the client unless the client changes them.
   */
  ALWAYS_QUIET("always-quiet"),
  /** A migration that moves two or more old modules into one new module without saying how. */
  AMBIGUOUS_MERGE("ambiguous-merge"),
  /**
   * A client snapshot's bytes are not what {@code ClientState.snapshot()} wrote, or belong to
   * another protocol or enrolment.
   */
  BAD_SNAPSHOT("bad-snapshot"),
  /**
   * Warning: a {@code not} around a condition that only ever grows, so the rule can hold at first
   * and then only become false.
   */
  BECOMES_FALSE("becomes-false"),
  /** An event id already used by an event with other content. */
  CONFLICTING_ID("conflicting-id"),
  /** Modules whose unlocking rules wait on each other in a cycle. */
  CYCLE("cycle"),
  /** An id (module, session type, reminder policy, measure) used twice in a protocol. */
  DUPLICATE_ID("duplicate-id"),
  /** A JSON object with the same key twice. */
  DUPLICATE_KEY("duplicate-key"),
  /** An empty document or event line. */
  EMPTY("empty"),
  /** A time range whose start equals its end, such as quiet hours from 22:00 to 22:00. */
  EMPTY_RANGE("empty-range"),
  /** An object with too few or too many of the keys it allows. */
  KEY_COUNT("key-count"),
  /** A string holding half of a UTF-16 surrogate pair. */
  LONE_SURROGATE("lone-surrogate"),
  /** Warning: a session plan longer than a course of treatment usually runs. */
  LONG_PLAN("long-plan"),
  /** A range whose minimum is above its maximum. */
  MIN_ABOVE_MAX("min-above-max"),
  /** A key allowed in the document but not where it was found. */
  MISPLACED_KEY("misplaced-key"),
  /** A session type the plan's pattern uses without a duration. */
  MISSING_DURATION("missing-duration"),
  /** A required key is missing. */
  MISSING_KEY("missing-key"),
  /** Warning: a reminder policy that can never fire. */
  NEVER_FIRES("never-fires"),
  /** A module no history can open (an error for a core module, a warning otherwise). */
  NEVER_OPENS("never-opens"),
  /** A value outside the values the schema allows (an enumeration or a constant). */
  NOT_ALLOWED("not-allowed"),
  /** A module condition inside {@code not}, which would close an opened module again. */
  NOT_MODULE("not-module"),
  /** Input that is not UTF-8 text. */
  NOT_TEXT("not-text"),
  /** An object that must have exactly one of several keys, with none or more than one. */
  ONE_KEY("one-key"),
  /**
   * A module that cannot open before the plan ends (an error for a core module, a warning
   * otherwise).
   */
  OPENS_AFTER_PLAN("opens-after-plan"),
  /** A plan outside the bounds that the protocol's tailoring allows. */
  OUT_OF_BOUNDS("out-of-bounds"),
  /** A number outside its range. */
  OUT_OF_RANGE("out-of-range"),
  /** An enrolment pinned to another protocol id, version or SHA-256 than the protocol given. */
  PIN_MISMATCH("pin-mismatch"),
  /** A session plan beyond the supported length (five years). */
  PLAN_TOO_LONG("plan-too-long"),
  /** Warning: more prompts can fall on one day than a client should receive. */
  PROMPT_LOAD("prompt-load"),
  /** An array that must hold distinct items, with one repeated. */
  REPEATED_ITEM("repeated-item"),
  /** An unlocking rule nested deeper than the limit. */
  RULE_DEPTH("rule-depth"),
  /** An unlocking rule with more conditions than the limit. */
  RULE_SIZE("rule-size"),
  /** Input that is not well-formed JSON, or an event spread over more than one line. */
  SYNTAX("syntax"),
  /** JSON nested deeper than the limit. */
  TOO_DEEP("too-deep"),
  /** An array with fewer items than it needs, such as a PHQ-9 with eight answers. */
  TOO_FEW("too-few"),
  /** A document, event line or event log larger than its limit. */
  TOO_LARGE("too-large"),
  /** A string or number longer than its limit. */
  TOO_LONG("too-long"),
  /** An array with more items than it allows, such as a PHQ-9 with ten answers. */
  TOO_MANY("too-many"),
  /** An event log with more events than the limit. */
  TOO_MANY_EVENTS("too-many-events"),
  /** The last issue of a report cut at the limit of issues per document. */
  TOO_MANY_ISSUES("too-many-issues"),
  /** A document with more JSON tokens than the limit. */
  TOO_MANY_TOKENS("too-many-tokens"),
  /** A string shorter than it must be, such as an empty title. */
  TOO_SHORT("too-short"),
  /** JSON that ends before its last value is complete. */
  TRUNCATED("truncated"),
  /** An event key that belongs to other event types, not to this one. */
  UNEXPECTED_KEY("unexpected-key"),
  /** A measure instrument the library does not know. */
  UNKNOWN_INSTRUMENT("unknown-instrument"),
  /** A key the schema does not know. */
  UNKNOWN_KEY("unknown-key"),
  /** A reference to a module the protocol does not have. */
  UNKNOWN_MODULE("unknown-module"),
  /** A reference to a reminder policy the protocol does not have. */
  UNKNOWN_POLICY("unknown-policy"),
  /** A reference to a session type the plan never schedules. */
  UNKNOWN_SESSION_TYPE("unknown-session-type"),
  /** A time zone that is not an IANA zone id known to the Java runtime. */
  UNKNOWN_ZONE("unknown-zone"),
  /** Warning: a duration for a session type the plan's pattern never uses. */
  UNUSED_DURATION("unused-duration"),
  /** Warning: a migration drops the work clients did on a retired module. */
  WORK_DROPPED("work-dropped"),
  /** A string of the right type in the wrong form, such as a date that does not exist. */
  WRONG_FORM("wrong-form"),
  /** A value of the wrong JSON type. */
  WRONG_TYPE("wrong-type"),
  /** A session cadence that is not a positive period. */
  ZERO_CADENCE("zero-cadence");

  private final String json;

  IssueCode(String json) {
    this.json = json;
  }

  /** Returns the kebab-case code, such as {@code unknown-module}. */
  public String json() {
    return json;
  }

  /** Returns {@link #json()}, so that the code reads the same in text as in JSON. */
  @Override
  public String toString() {
    return json;
  }

  /**
   * Finds the constant with a kebab-case code.
   *
   * @param json the code, such as {@code unknown-module}
   * @return the constant, or empty when no constant has that code
   */
  public static Optional<IssueCode> fromJson(String json) {
    return JsonNames.find(IssueCode.values(), IssueCode::json, json);
  }
}
