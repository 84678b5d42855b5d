package org.blendedtherapy.host;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The host's database: a connection pool on an embedded SQLite file or on PostgreSQL, migrated with
 * Flyway (one set of migrations per database) when opened.
 */
final class Database implements AutoCloseable {
  /** The environment variable that holds the PostgreSQL user name. */
  static final String USER_VARIABLE = "BLENDED_DB_USER";

  /** The environment variable that holds the PostgreSQL password. */
  static final String PASSWORD_VARIABLE = "BLENDED_DB_PASSWORD";

  /** The SQLite file's name under the data directory. */
  static final String SQLITE_FILE = "blended.sqlite";

  /** The databases the host runs on. */
  enum Kind {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Kind(String folder) {
      this.folder = folder;
    }

    String folder() {
      return folder;
    }
  }

  private final Kind kind;
  private final HikariDataSource pool;

  private Database(Kind kind, HikariDataSource pool) {
    this.kind = kind;
    this.pool = pool;
  }

  /**
   * Opens the database and brings its schema up to date.
   *
   * @param url a {@code jdbc:postgresql:} URL, or empty for SQLite under {@code data}
   * @param data the directory of the SQLite file
   * @param env the environment, from which a PostgreSQL user and password are read
   * @throws IllegalArgumentException if the URL is not PostgreSQL or carries credentials
   */
  static Database open(Optional<String> url, Path data, Map<String, String> env) {
    Database database = url.isPresent() ? postgresql(url.get(), env) : sqlite(data);
    try {
      Flyway.configure()
          .dataSource(database.pool)
          .locations("classpath:db/migration/" + database.kind.folder())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  private static Database sqlite(Path data) {
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SQLiteConfig config = new SQLiteConfig();
    // WAL lets readers go on while one writer appends; FULL syncs the log at every commit, so an
    // acknowledged append survives a crash of the machine, not only of the process.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(60_000);
    // A write transaction takes the database's write lock when it begins: appends for one client
    // (and all others) run one after another instead of failing on a lock upgrade.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + data.resolve(SQLITE_FILE).toAbsolutePath());
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(source);
    hikari.setPoolName("blended-sqlite");
    hikari.setMaximumPoolSize(8);
    return new Database(Kind.SQLITE, new HikariDataSource(hikari));
  }

  private static Database postgresql(String url, Map<String, String> env) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "--database-url must start with jdbc:postgresql: (SQLite is the default without it)");
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.contains("password=") || lower.contains("user=") || url.contains("@")) {
      throw new IllegalArgumentException(
          "--database-url must not carry a user or password: set "
              + USER_VARIABLE
              + " and "
              + PASSWORD_VARIABLE
              + " instead");
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    Optional.ofNullable(env.get(USER_VARIABLE)).ifPresent(hikari::setUsername);
    Optional.ofNullable(env.get(PASSWORD_VARIABLE)).ifPresent(hikari::setPassword);
    hikari.setPoolName("blended-postgresql");
    hikari.setMaximumPoolSize(12);
    return new Database(Kind.POSTGRESQL, new HikariDataSource(hikari));
  }

  Kind kind() {
    return kind;
  }

  DataSource source() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
