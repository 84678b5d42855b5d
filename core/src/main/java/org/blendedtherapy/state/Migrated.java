package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.ProtocolPin;

/**
 * A migration a client went through: the {@code protocol-migrated} event, its instant, the two
 * pins, the migration document's SHA-256, and what became of each retired module's work.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Migrated {
  /**
   * A retired old module and what became of the client's work on it.
   *
   * @param module the old module's id
   * @param status its status just before the migration: {@code locked}, {@code open}, {@code
   *     started} or {@code completed}
   * @param work whether its work counts as completed or is dropped
   * @param reason the migration's reason
   */
  @API(status = EXPERIMENTAL, since = "0.2")
  public record Retired(String module, String status, Migration.RetiredWork work, String reason) {}

  private final String event;
  private final Instant at;
  private final Migration migration;
  private final List<Retired> retired;

  Migrated(String event, Instant at, Migration migration, Map<String, String> statuses) {
    this.event = event;
    this.at = at;
    this.migration = migration;
    List<Retired> list = new ArrayList<>();
    statuses.forEach(
        (module, status) -> {
          Migration.Retired target = (Migration.Retired) migration.target(module);
          list.add(new Retired(module, status, target.work(), target.reason()));
        });
    this.retired = List.copyOf(list);
  }

  /**
   * Returns the id of the {@code protocol-migrated} event.
   *
   * @return the id
   */
  public String event() {
    return event;
  }

  /**
   * Returns the migration's instant: before it the old protocol holds, from it the new.
   *
   * @return the instant
   */
  public Instant at() {
    return at;
  }

  /**
   * Returns the pin the client moved from.
   *
   * @return the pin
   */
  public ProtocolPin from() {
    return migration.from();
  }

  /**
   * Returns the pin the client moved to.
   *
   * @return the pin
   */
  public ProtocolPin to() {
    return migration.to();
  }

  /**
   * Returns the migration document.
   *
   * @return the migration
   */
  public Migration migration() {
    return migration;
  }

  /**
   * Returns the retired old modules, by id, with what became of the client's work on each.
   *
   * @return them
   */
  public List<Retired> retired() {
    return retired;
  }

  @Override
  public String toString() {
    return "Migrated["
        + from().id()
        + " "
        + from().version()
        + " -> "
        + to().id()
        + " "
        + to().version()
        + " at "
        + at
        + "]";
  }
}
