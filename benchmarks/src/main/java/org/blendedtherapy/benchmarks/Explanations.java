package org.blendedtherapy.benchmarks;

/** The explanation of every row and anchor, written under the table in BENCHMARKS.md. */
final class Explanations {
  static final String TEXT =
      """
      ## What each row measures

      Inputs are made by code: the protocol is `samples/protocols/e-compared-uk.json` (copied onto
      the classpath at build time); "year-long plan" is the same protocol with 52 weekly sessions
      (`LongHistories.withSessions`); histories come from the testkit's `LongHistories` (sessions
      attended or missed at their planned instants, PHQ-9 and GAD-7 at face-to-face sessions, core
      modules started and completed in order, two mood ratings a day, reminder answers naming real
      reminder ids), enrolled on 2027-03-22 10:00 in Europe/London. Every call into blended goes
      through `benchmarks/src/main/java/org/blendedtherapy/benchmarks/Blended.java`.

      - **P1**: `ProtocolJson.validate(bytes)` (schema, reading, meaning checks) against the anchor
        Jackson `readTree` plus networknt json-schema-validator 3 validating the same bytes with the
        project's own bundled `protocol.schema.json`, loaded as core loads it.
      - **P2a–c**: a 300-event log (about eight weeks of a client). Anchor: one streaming Jackson
        `JsonParser` pass over every token of the same log bytes. P2a folds the parsed events
        (`ClientState.of`), P2b reads and validates the log with `EventsJson.validate` and folds
        it, P2c writes the full state JSON (`StateJson.write`: modules, sessions, measures,
        outcome, bridge, fidelity, adherence, progress).
      - **P3**: every reminder occurrence of one year of the year-long plan (two daily mood
        prompts, the daily activity prompt, appointment and homework reminders, quiet hours, daily
        cap, backoff, with a 300-event history folded once, as a host holds a client between
        queries), per occurrence, against lib-recur 0.17.1, ical4j
        4.3.0 and Quartz 2.5.2 `CronExpression` each expanding 10:00 and 19:00 daily in
        Europe/London over the same year, per occurrence; the java.time row is the floor
        (`ZonedDateTime.of` per day and time), with no goal.
      - **P4a**: the same query on 300, 3,000 and 30,000 events of the year-long plan (past the
        plan, the history goes on with ratings and reminder answers): the state, the state JSON,
        the reminders from the start to the last event, and `apply` one event at a time. All three
        sizes of a query run in one child JVM, so that they share the same compiled code (in
        separate JVMs the same size moved by 2× between runs with the compiler's decisions): the
        sizes in turn for 3 s, then ten rounds of one run each; a size's time is its fastest run,
        within a 40 s budget after the inputs are built.
      - **P4b**: a one-week reminder query at week 50 and at week 1 of the year-long plan, with the
        whole history before the week folded once, as a host holds it (minimum of up to ten runs in a child JVM, 40 s budget).
      - **P4c**: folding the 300 events one at a time with `state.apply(event)` against folding
        them at once (JMH); both start from the same list of events, so "at once" includes
        `History.of(events)` as "one at a time" includes building the history event by event.
      - **P5a**: 100,000 clients of the 12-week sample, in their first ten days, each with its own
        enrolment and history, held in memory; the reminders that fire in the next hour for each,
        in turn, on one thread: one sweep to warm up (as a host sweeps every hour), the second
        measured. When the 45 s budget ends first, the rate is of the clients done.
      - **P5b**: the retained heap one more client adds at the end of a 12-week plan (JOL
        `GraphLayout` of two clients minus one): what a host holds between queries, the state
        after every event `compact()`ed, with its enrolment, the fold in primitive arrays and the
        folded events' ids with 32-bit content fingerprints; what all clients share (the pinned
        protocol, pinned once per version, the zone's rules, per-protocol tables) is not counted.
      - **P6**: wall time of `./blended validate samples/protocols/e-compared-uk.json` as a whole
        process against `java -version`, seven runs each, min and median; "met" uses the medians.

      JMH rows warm up for eight one-second iterations before five measured ones: on this two-core
      machine the C2 compiler needs several seconds for the larger code paths (state JSON,
      protocol validation), and with two warm-up seconds those rows measured the compiler at work
      (P2c fell from about 200 µs in the third iteration to 80 µs in the eighth).

      A ratio is blended's time over the anchor's; below 1 blended is faster. Numbers move with
      the machine's load: compare rows of one run, not runs of different days.
      """;

  private Explanations() {}
}
