package org.blendedtherapy.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.state.ClientState;

/**
 * The event store: protocols, enrolments, events, timeline snapshots and tokens, in plain JDBC.
 *
 * <p>Appends for one client are ordered by a lock on the client's row ({@code SELECT … FOR UPDATE}
 * on PostgreSQL; on SQLite every write transaction takes the database's write lock when it begins)
 * and, as a second guard, by a revision number that each write checks and raises. Every write is
 * one transaction that commits before the caller answers.
 */
final class Store {
  private final DataSource source;
  private final Database.Kind kind;
  private final Map<String, PinnedProtocol> protocols = new ConcurrentHashMap<>();
  private final Map<String, ParsedEnrolment> enrolments = new ConcurrentHashMap<>();

  /** An enrolment document and its reading, kept so that an append does not read it again. */
  private record ParsedEnrolment(byte[] document, Enrolment enrolment) {}

  private static final int MAX_ENROLMENTS = 100_000;

  Store(Database database) {
    this.source = database.source();
    this.kind = database.kind();
  }

  /** What became of a stored document. */
  enum Put {
    CREATED,
    UNCHANGED,
    REPLACED,
    CONFLICT,
    NOT_FOUND
  }

  /** A bearer token's grant, found by the token's hash. */
  record Grant(Role role, Optional<String> therapist, Optional<Instant> expires) {}

  /** A client's stored documents and every event, for the queries that fold the whole history. */
  record Client(PinnedProtocol protocol, Enrolment enrolment, History history) {}

  /** A client's latest snapshot, for the queries that read it instead of the history. */
  record Snapshot(String ref, PinnedProtocol protocol, Enrolment enrolment, byte[] bytes) {}

  /** How one event of an append request ended. */
  enum LineResult {
    STORED,
    DUPLICATE,
    CONFLICT
  }

  /** The outcome of an append: one result per event, or no client. */
  record Append(boolean found, List<LineResult> lines) {
    boolean hasConflict() {
      return lines.contains(LineResult.CONFLICT);
    }
  }

  // ---- protocols

  Put putProtocol(PinnedProtocol pinned, byte[] document) throws SQLException {
    String id = pinned.protocol().id();
    String version = pinned.protocol().version();
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      try {
        Put put;
        Optional<String> stored = storedSha(c, id, version);
        if (stored.isEmpty()) {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO protocols (id, version, sha256, document) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (id, version) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, version);
            insert.setString(3, pinned.sha256());
            insert.setBytes(4, document);
            insert.executeUpdate();
          }
          stored = storedSha(c, id, version);
          put = stored.orElseThrow().equals(pinned.sha256()) ? Put.CREATED : Put.CONFLICT;
        } else {
          put = stored.get().equals(pinned.sha256()) ? Put.UNCHANGED : Put.CONFLICT;
        }
        c.commit();
        return put;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static Optional<String> storedSha(Connection c, String id, String version)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT sha256 FROM protocols WHERE id = ? AND version = ?")) {
      select.setString(1, id);
      select.setString(2, version);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** A stored protocol, pinned; kept in memory once read, as a stored protocol never changes. */
  Optional<PinnedProtocol> protocol(String id, String version) throws SQLException {
    String key = id + '\u0000' + version;
    PinnedProtocol cached = protocols.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (Connection c = source.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT document FROM protocols WHERE id = ? AND version = ?")) {
      select.setString(1, id);
      select.setString(2, version);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        PinnedProtocol pinned = ProtocolJson.pin(ProtocolJson.read(rows.getBytes(1)));
        protocols.put(key, pinned);
        return Optional.of(pinned);
      }
    }
  }

  // ---- clients

  /**
   * Stores an enrolment: a new client starts with the snapshot of no events; a changed enrolment of
   * a known client is folded again over its stored events.
   */
  Put putClient(String ref, PinnedProtocol pinned, Enrolment enrolment, byte[] document)
      throws SQLException {
    while (true) {
      try (Connection c = source.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<Row> row = lock(c, ref);
          Put put;
          if (row.isEmpty()) {
            byte[] snapshot = ClientState.of(pinned, enrolment, History.empty()).snapshot();
            try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO clients (ref, enrolment, protocol_id, protocol_version, revision,"
                        + " event_count, snapshot) VALUES (?, ?, ?, ?, 1, 0, ?)"
                        + " ON CONFLICT (ref) DO NOTHING")) {
              insert.setString(1, ref);
              insert.setBytes(2, document);
              insert.setString(3, pinned.protocol().id());
              insert.setString(4, pinned.protocol().version());
              insert.setBytes(5, snapshot);
              if (insert.executeUpdate() == 0) {
                // Another request enrolled the client first: take its row's lock and compare.
                c.rollback();
                continue;
              }
            }
            put = Put.CREATED;
          } else if (EnrolmentJson.read(row.get().enrolment).equals(enrolment)) {
            put = Put.UNCHANGED;
          } else {
            History history = History.of(events(c, ref));
            ClientState state = ClientState.of(pinned, enrolment, history);
            try (PreparedStatement update =
                c.prepareStatement(
                    "UPDATE clients SET enrolment = ?, protocol_id = ?, protocol_version = ?,"
                        + " revision = revision + 1, snapshot = ? WHERE ref = ? AND revision = ?")) {
              update.setBytes(1, document);
              update.setString(2, pinned.protocol().id());
              update.setString(3, pinned.protocol().version());
              update.setBytes(4, state.snapshot());
              update.setString(5, ref);
              update.setLong(6, row.get().revision);
              requireOne(update.executeUpdate());
            }
            put = Put.REPLACED;
          }
          c.commit();
          return put;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }
  }

  /** Puts a client on a therapist's caseload, or takes it off any caseload. */
  boolean setTherapist(String ref, Optional<String> therapist) throws SQLException {
    try (Connection c = source.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE clients SET therapist = ?, revision = revision + 1 WHERE ref = ?")) {
      update.setString(1, therapist.orElse(null));
      update.setString(2, ref);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Tells whether a client exists and, when a therapist asks, is on their caseload.
   *
   * @param therapist the therapist asking, or empty for the service
   */
  boolean isVisible(String ref, Optional<String> therapist) throws SQLException {
    try (Connection c = source.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT therapist FROM clients WHERE ref = ?")) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return false;
        }
        String assigned = rows.getString(1);
        return therapist.isEmpty() || therapist.get().equals(assigned);
      }
    }
  }

  /** A client's documents and whole history. */
  Optional<Client> client(String ref) throws SQLException {
    try (Connection c = source.getConnection()) {
      // One read transaction: the enrolment and the events are of the same moment.
      c.setAutoCommit(kind == Database.Kind.SQLITE);
      try {
        Optional<Row> row = row(c, ref, false);
        if (row.isEmpty()) {
          return Optional.empty();
        }
        Row r = row.get();
        PinnedProtocol pinned = protocol(r.protocolId, r.protocolVersion).orElseThrow();
        Client client = new Client(pinned, enrolment(ref, r.enrolment), History.of(events(c, ref)));
        return Optional.of(client);
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      }
    }
  }

  /**
   * Appends events in one transaction: an id already stored with the same content is a duplicate,
   * with other content a conflict that stores nothing; otherwise the new events are stored and the
   * client's snapshot is carried forward (or folded again when an event sorts before the last).
   */
  Append append(String ref, List<Event> events) throws SQLException {
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<Row> locked = lock(c, ref);
        if (locked.isEmpty()) {
          c.rollback();
          return new Append(false, List.of());
        }
        Row row = locked.get();
        Map<String, String> stored = storedLines(c, ref, events);
        Map<String, String> batch = new HashMap<>();
        List<LineResult> results = new ArrayList<>(events.size());
        List<Event> fresh = new ArrayList<>();
        List<String> freshLines = new ArrayList<>();
        for (Event event : events) {
          String line = EventsJson.writeLine(event);
          String known = stored.getOrDefault(event.id(), batch.get(event.id()));
          if (known == null) {
            batch.put(event.id(), line);
            fresh.add(event);
            freshLines.add(line);
            results.add(LineResult.STORED);
          } else {
            results.add(known.equals(line) ? LineResult.DUPLICATE : LineResult.CONFLICT);
          }
        }
        Append append = new Append(true, List.copyOf(results));
        if (append.hasConflict() || fresh.isEmpty()) {
          c.rollback();
          return append;
        }
        insertEvents(c, ref, row.eventCount, fresh, freshLines);
        PinnedProtocol pinned = protocol(row.protocolId, row.protocolVersion).orElseThrow();
        Enrolment enrolment = enrolment(ref, row.enrolment);
        ClientState state = carryForward(c, ref, row, pinned, enrolment, fresh);
        String[] last = lastKey(row, fresh);
        try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE clients SET revision = revision + 1, event_count = ?, last_at = ?,"
                    + " last_id = ?, snapshot = ? WHERE ref = ? AND revision = ?")) {
          update.setLong(1, row.eventCount + fresh.size());
          update.setString(2, last[0]);
          update.setString(3, last[1]);
          update.setBytes(4, state.snapshot());
          update.setString(5, ref);
          update.setLong(6, row.revision);
          requireOne(update.executeUpdate());
        }
        c.commit();
        return append;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private ClientState carryForward(
      Connection c,
      String ref,
      Row row,
      PinnedProtocol pinned,
      Enrolment enrolment,
      List<Event> fresh)
      throws SQLException {
    List<Event> sorted = new ArrayList<>(fresh);
    sorted.sort(Event.CANONICAL_ORDER);
    if (row.lastAt == null || sortsAfter(sorted.get(0), row)) {
      try {
        ClientState state = ClientState.restore(pinned, enrolment, row.snapshot);
        for (Event event : sorted) {
          state = state.apply(event);
        }
        return state;
      } catch (IllegalArgumentException e) {
        // The library refuses an event before the snapshot's last one: fold everything below.
      }
    }
    return ClientState.of(pinned, enrolment, History.of(events(c, ref)));
  }

  private static boolean sortsAfter(Event event, Row row) {
    int byTime = Instant.parse(row.lastAt).compareTo(event.at());
    return byTime < 0 || byTime == 0 && row.lastId.compareTo(event.id()) < 0;
  }

  /** The canonical key, instant then id, of the last event after an append. */
  private static String[] lastKey(Row row, List<Event> fresh) {
    Event last = fresh.stream().max(Event.CANONICAL_ORDER).orElseThrow();
    if (row.lastAt != null && !sortsAfter(last, row)) {
      return new String[] {row.lastAt, row.lastId};
    }
    return new String[] {last.at().toString(), last.id()};
  }

  private void insertEvents(
      Connection c, String ref, long count, List<Event> events, List<String> lines)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO events (client_ref, id, seq, line) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < events.size(); i++) {
        insert.setString(1, ref);
        insert.setString(2, events.get(i).id());
        insert.setLong(3, count + i + 1);
        insert.setString(4, lines.get(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Map<String, String> storedLines(Connection c, String ref, List<Event> events)
      throws SQLException {
    Map<String, String> lines = new HashMap<>();
    try (PreparedStatement select =
        c.prepareStatement("SELECT line FROM events WHERE client_ref = ? AND id = ?")) {
      for (Event event : events) {
        select.setString(1, ref);
        select.setString(2, event.id());
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next()) {
            lines.put(event.id(), rows.getString(1));
          }
        }
      }
    }
    return lines;
  }

  private static List<Event> events(Connection c, String ref) throws SQLException {
    List<Event> events = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement("SELECT line FROM events WHERE client_ref = ? ORDER BY seq")) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(EventsJson.readLine(rows.getString(1)));
        }
      }
    }
    return events;
  }

  /** The ids and lines of a client's stored events, in the order they were stored. */
  Optional<Map<String, String>> storedEvents(String ref) throws SQLException {
    try (Connection c = source.getConnection()) {
      if (row(c, ref, false).isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> lines = new LinkedHashMap<>();
      try (PreparedStatement select =
          c.prepareStatement("SELECT id, line FROM events WHERE client_ref = ? ORDER BY seq")) {
        select.setString(1, ref);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            lines.put(rows.getString(1), rows.getString(2));
          }
        }
      }
      return Optional.of(lines);
    }
  }

  /** A consumer of snapshots that may fail with the database's or the caller's I/O errors. */
  interface SnapshotSink {
    void accept(Snapshot snapshot) throws Exception;
  }

  /**
   * Hands every client's latest snapshot to a sink, in order of reference, streaming from the
   * database (no history is read).
   */
  void snapshots(SnapshotSink sink) throws Exception {
    try (Connection c = source.getConnection()) {
      // PostgreSQL streams a result with a fetch size only inside a transaction.
      c.setAutoCommit(kind == Database.Kind.SQLITE);
      try (PreparedStatement select =
          c.prepareStatement(
              "SELECT ref, enrolment, protocol_id, protocol_version, snapshot FROM clients"
                  + " ORDER BY ref")) {
        select.setFetchSize(100);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            PinnedProtocol pinned = protocol(rows.getString(3), rows.getString(4)).orElseThrow();
            sink.accept(
                new Snapshot(
                    rows.getString(1),
                    pinned,
                    enrolment(rows.getString(1), rows.getBytes(2)),
                    rows.getBytes(5)));
          }
        }
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      }
    }
  }

  /** Reads an enrolment document, or reuses the reading of the same bytes. */
  private Enrolment enrolment(String ref, byte[] document) {
    ParsedEnrolment parsed = enrolments.get(ref);
    if (parsed != null && Arrays.equals(parsed.document(), document)) {
      return parsed.enrolment();
    }
    Enrolment enrolment = EnrolmentJson.read(document);
    if (enrolments.size() >= MAX_ENROLMENTS) {
      enrolments.clear();
    }
    enrolments.put(ref, new ParsedEnrolment(document, enrolment));
    return enrolment;
  }

  // ---- tokens

  void addToken(String hash, Role role, Optional<String> therapist, Optional<Instant> expires)
      throws SQLException {
    try (Connection c = source.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO tokens (hash, role, therapist, expires_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, hash);
      insert.setString(2, role.json());
      insert.setString(3, therapist.orElse(null));
      insert.setString(4, expires.map(Instant::toString).orElse(null));
      insert.setString(5, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  Optional<Grant> grant(String hash) throws SQLException {
    try (Connection c = source.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT role, therapist, expires_at FROM tokens WHERE hash = ?")) {
      select.setString(1, hash);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Grant(
                Role.fromJson(rows.getString(1)),
                Optional.ofNullable(rows.getString(2)),
                Optional.ofNullable(rows.getString(3)).map(Instant::parse)));
      }
    }
  }

  /** Answers a trivial query: the database is reachable. */
  boolean isReachable() {
    try (Connection c = source.getConnection();
        PreparedStatement select = c.prepareStatement("SELECT 1");
        ResultSet rows = select.executeQuery()) {
      return rows.next();
    } catch (SQLException e) {
      return false;
    }
  }

  // ---- rows

  /** A client's row. */
  private record Row(
      byte[] enrolment,
      String protocolId,
      String protocolVersion,
      long revision,
      long eventCount,
      String lastAt,
      String lastId,
      byte[] snapshot) {}

  private Optional<Row> lock(Connection c, String ref) throws SQLException {
    return row(c, ref, kind == Database.Kind.POSTGRESQL);
  }

  private static Optional<Row> row(Connection c, String ref, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT enrolment, protocol_id, protocol_version, revision, event_count, last_at,"
                + " last_id, snapshot FROM clients WHERE ref = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Row(
                rows.getBytes(1),
                rows.getString(2),
                rows.getString(3),
                rows.getLong(4),
                rows.getLong(5),
                rows.getString(6),
                rows.getString(7),
                rows.getBytes(8)));
      }
    }
  }

  private static void requireOne(int updated) throws SQLException {
    if (updated != 1) {
      throw new SQLException("the client's revision changed under its lock");
    }
  }
}
