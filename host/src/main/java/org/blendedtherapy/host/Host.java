package org.blendedtherapy.host;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A running host: the JDK's HTTP server on a database, stopped by {@link #close()}. */
final class Host implements AutoCloseable {
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService workers;
  private final Database database;

  private Host(HttpServer server, ExecutorService workers, Database database) {
    this.server = server;
    this.workers = workers;
    this.database = database;
  }

  /**
   * Starts serving; the host owns the database from then on and closes it with itself.
   *
   * @param port the port, or 0 for any free one
   */
  static Host start(Database database, String bind, int port, int threads, Clock clock)
      throws IOException {
    // The JDK's server writes a response's head and body separately; with Nagle's algorithm on,
    // the body waits for the client's delayed acknowledgement (some 40 ms) on every keep-alive
    // request. Read once, when the first server is made.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 256);
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    server.setExecutor(workers);
    server.createContext("/", new Api(new Store(database), clock));
    server.start();
    return new Host(server, workers, database);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String address() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }
}
