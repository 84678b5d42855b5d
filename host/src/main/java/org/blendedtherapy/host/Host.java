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
