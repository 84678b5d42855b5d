package org.blendedtherapy.host;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the Debian {@code postgresql} package, started once per test
 * JVM on a free loopback port and deleted when the JVM ends. PostgreSQL refuses to run as root, so
 * under root the cluster belongs to the {@code postgres} user, as Debian's own tools run it. A
 * cluster that cannot start fails the test that asked for it: these tests never skip.
 */
final class PostgresCluster {
  static final String USER = "postgres";
  private static PostgresCluster running;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final Path bin;
  private final int port;
  private final boolean asRoot;

  private PostgresCluster(Path dir, Path bin, int port, boolean asRoot) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** The cluster of this JVM, started on first use. */
  static synchronized PostgresCluster get() {
    if (running == null) {
      try {
        running = start();
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(
            "PostgreSQL could not start (Debian package postgresql; .ci/run installs it): " + e, e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "postgres-stop"));
    }
    return running;
  }

  /** A new, empty database in the cluster: its JDBC URL, without credentials. */
  String newDatabase() {
    String name = "blended_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new AssertionError("could not create a test database: " + e.getMessage(), e);
    }
    return url(name);
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The environment a host on this cluster reads its credentials from. */
  static Map<String, String> env() {
    return Map.of(Database.USER_VARIABLE, USER, Database.PASSWORD_VARIABLE, "unused-trust-auth");
  }

  private static PostgresCluster start() throws IOException, InterruptedException {
    Path bin = binaries();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("blended-pg");
    if (asRoot) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal owner = users.lookupPrincipalByName(USER);
      GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(owner);
      view.setGroup(group);
    }
    Path data = dir.resolve("data");
    PostgresCluster cluster = new PostgresCluster(dir, bin, freePort(), asRoot);
    cluster.run(
        120,
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        USER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    cluster.run(
        120,
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + cluster.port
            + " -k "
            + dir
            + " -c listen_addresses=127.0.0.1 -c max_connections=200",
        "start");
    return cluster;
  }

  private void stop() {
    try {
      run(
          60,
          bin.resolve("pg_ctl").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
    } catch (IOException | InterruptedException | AssertionError e) {
      // The JVM is ending: the directory is removed below all the same.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left in the temporary directory.
    }
  }

  /** The newest installed PostgreSQL's programs: /usr/lib/postgresql/N/bin, else the PATH. */
  static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        List<Path> bins =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .sorted(Comparator.comparing(PostgresCluster::major).reversed())
                .toList();
        if (!bins.isEmpty()) {
          return bins.get(0);
        }
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
        return Path.of(entry);
      }
    }
    throw new IOException("no initdb under /usr/lib/postgresql/*/bin or on the PATH");
  }

  private static int major(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void run(int seconds, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (asRoot) {
      line.addAll(List.of("runuser", "-u", USER, "--"));
    }
    line.addAll(List.of(command));
    Path output = Files.createTempFile("blended-pg", ".out");
    try {
      Process process =
          new ProcessBuilder(line)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command[0] + " did not finish in " + seconds + " s");
      }
      if (process.exitValue() != 0) {
        String log =
            dir.resolve("postgres.log").toFile().exists()
                ? Files.readString(dir.resolve("postgres.log"), StandardCharsets.UTF_8)
                : "";
        throw new IOException(
            String.join(" ", line)
                + " exited with "
                + process.exitValue()
                + ": "
                + Files.readString(output, StandardCharsets.UTF_8)
                + log);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
