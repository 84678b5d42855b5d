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
  /** A retired old module and what became of the client's work on it. */
  @API(status = EXPERIMENTAL, since = "0.2")
  public static final class Retired {
    private final String module;
    private final String status;
    private final Migration.RetiredWork work;
    private final String reason;

    Retired(String module, String status, Migration.RetiredWork work, String reason) {
      this.module = module;
      this.status = status;
      this.work = work;
      this.reason = reason;
    }

    /**
     * Returns the old module's id.
     *
     * @return the id
     */
    public String module() {
      return module;
    }

    /**
     * Returns its status just before the migration: {@code locked}, {@code open}, {@code started}
     * or {@code completed}.
     *
     * @return the status
     */
    public String status() {
      return status;
    }

    /**
     * Returns whether its work counts as completed or is dropped.
     *
     * @return the work
     */
    public Migration.RetiredWork work() {
      return work;
    }

    /**
     * Returns the migration's reason.
     *
     * @return the reason
     */
    public String reason() {
      return reason;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Retired r
          && r.module.equals(module)
          && r.status.equals(status)
          && r.work == work
          && r.reason.equals(reason);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(module, status, work, reason);
    }

    @Override
    public String toString() {
      return module + " (" + status + "): " + work.json() + ", " + reason;
    }
  }

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
