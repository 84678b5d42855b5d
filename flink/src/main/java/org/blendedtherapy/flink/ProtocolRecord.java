package org.blendedtherapy.flink;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.ProtocolPin;

/**
 * A validated protocol document as broadcast to every parallel instance of the job, under the key
 * its enrolments pin: {@code id@version#sha256}. A Flink POJO.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public class ProtocolRecord {
  /** The pin key, {@code id@version#sha256}. */
  public String key = "";

  /** The protocol document as read (valid: the launcher validated it with the library). */
  public String json = "";

  /** Creates an empty record (for Flink). */
  public ProtocolRecord() {}

  /**
   * Returns the record of a pinned protocol.
   *
   * @param pinned the protocol with its SHA-256
   * @param json the document it was read from
   * @return the record
   */
  public static ProtocolRecord of(PinnedProtocol pinned, String json) {
    ProtocolRecord record = new ProtocolRecord();
    record.key = key(pinned.pin());
    record.json = json;
    return record;
  }

  /**
   * Returns the key of a pin: {@code id@version#sha256}.
   *
   * @param pin the pin
   * @return the key
   */
  public static String key(ProtocolPin pin) {
    return pin.id() + "@" + pin.version() + "#" + pin.sha256();
  }
}
