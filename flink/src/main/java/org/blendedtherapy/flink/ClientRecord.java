package org.blendedtherapy.flink;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What the job keeps per client in Flink keyed state: the enrolment (which names the pinned
 * protocol id, version and SHA-256), the library's timeline snapshot ({@code
 * ClientState.snapshot()}), the last event folded, and how far reminders have been emitted. A Flink
 * POJO; with RocksDB it is serialized on every update, so it holds no derived data.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public class ClientRecord {
  /** The enrolment document as received. */
  public String enrolment = "";

  /** The pinned protocol id. */
  public String protocolId = "";

  /** The pinned protocol version. */
  public String protocolVersion = "";

  /** The pinned protocol's SHA-256. */
  public String protocolSha256 = "";

  /**
   * The timeline snapshot, empty until the client has folded {@link #tail} full once: the state is
   * this snapshot (or the enrolment's empty state) with the events of {@link #tail} applied.
   */
  public byte[] snapshot = new byte[0];

  /**
   * The event lines folded since {@link #snapshot}, in folding order. A snapshot costs the library
   * time in proportion to the events folded (about a millisecond for 100 events here), so a new one
   * is written once the tail holds {@code ClientFunction.TAIL} events, not after every event.
   */
  public String[] tail = new String[0];

  /** Incremented with every fold: the key of the in-memory cache of restored states. */
  public long version;

  /** Whether the client is active: its protocol was found and its state started. */
  public boolean active;

  /** Whether the client was given up on: its protocol is unknown. */
  public boolean unknownProtocol;

  /** How often activation was retried while the protocol was not (yet) broadcast. */
  public int retries;

  /** The last folded event's {@code at}: epoch seconds. */
  public long lastAtSeconds = Long.MIN_VALUE;

  /** The last folded event's {@code at}: nanoseconds of the second. */
  public int lastAtNanos;

  /** The last folded event's id, empty before the first. */
  public String lastId = "";

  /** How many rejections the library listed after the last fold (new ones go to the output). */
  public int rejections;

  /** Reminders with an instant before this (epoch milliseconds) have been decided and emitted. */
  public long remindedUpTo = Long.MIN_VALUE;

  /** The instant (epoch milliseconds) of the timer set for the next reminder, or MAX_VALUE. */
  public long reminderTimer = Long.MAX_VALUE;

  /** Creates an empty record (for Flink). */
  public ClientRecord() {}
}
