package org.blendedtherapy.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code blended-host} command: {@code serve} runs the reference host, {@code token} prints a
 * new bearer token. Exit 0 ok, 1 when the database cannot be opened or the server cannot start, 2
 * on a usage error.
 */
@API(status = EXPERIMENTAL, since = "0.2")
@Command(
    name = "blended-host",
    mixinStandardHelpOptions = true,
    subcommands = {HostMain.Serve.class, HostMain.Token.class},
    description = "The reference host of the blended library: an HTTP API on SQLite or PostgreSQL.")
public final class HostMain implements Callable<Integer> {
  private HostMain() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code =
        run(
            args,
            System.getenv(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true));
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command line; {@code serve} blocks until the process ends. */
  static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new HostMain(), new Factory(env));
    line.setOut(out);
    line.setErr(err);
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("blended-host: " + e.getMessage());
          return 1;
        });
    return line.execute(args);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return 2;
  }

  /** Where the data lives: a SQLite directory, or a PostgreSQL URL. */
  static final class Where {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "The SQLite data directory (default: ./blended-data).")
    Path data = Path.of("blended-data");

    @Option(
        names = "--database-url",
        paramLabel = "URL",
        description =
            "jdbc:postgresql://HOST:PORT/DB instead of SQLite; the user and password come from"
                + " the environment variables BLENDED_DB_USER and BLENDED_DB_PASSWORD.")
    @Nullable String databaseUrl;

    Database open(Map<String, String> env) {
      return Database.open(Optional.ofNullable(databaseUrl), data, env);
    }
  }

  /** {@code serve}: runs the host until the process is stopped. */
  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the host.")
  static final class Serve implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--port",
        paramLabel = "PORT",
        description = "The port (default 8080; 0: any free one).")
    int port = 8080;

    @Option(
        names = "--bind",
        paramLabel = "ADDRESS",
        description = "The address to listen on (default 127.0.0.1, loopback only).")
    String bind = "127.0.0.1";

    @Option(names = "--threads", paramLabel = "N", description = "Request threads (default 16).")
    int threads = 16;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Serve(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      Database database = where.open(env);
      Host host;
      try {
        host = Host.start(database, bind, port, threads, Clock.systemUTC());
      } catch (Exception e) {
        database.close();
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(host::close, "blended-host-stop"));
      // The one line on standard output: scripts and the crash test read the address from it.
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "blended-host: listening on " + host.address() + " (" + database.kind().folder() + ")");
      out.flush();
      new CountDownLatch(1).await();
      return 0;
    }
  }

  /** {@code token}: stores a new token's hash and prints the token, and nothing else. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = "Prints a new bearer token on standard output; only its hash is stored.")
  static final class Token implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "service, therapist or notifier.")
    String role = "";

    @Option(
        names = "--therapist",
        paramLabel = "ID",
        description = "The therapist's id (required with --role therapist).")
    @Nullable String therapist;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        description = "How long the token is valid, such as P30D or PT8H (default: no expiry).")
    @Nullable Duration expiresIn;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Token(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      Role parsed;
      try {
        parsed = Role.fromJson(role);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--role must be service, therapist or notifier");
      }
      if ((parsed == Role.THERAPIST) != (therapist != null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--therapist ID is required with --role therapist, and only then");
      }
      if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--expires-in must be positive");
      }
      String token = Tokens.create();
      try (Database database = where.open(env)) {
        new Store(database)
            .addToken(
                Tokens.hash(token),
                parsed,
                Optional.ofNullable(therapist),
                Optional.ofNullable(expiresIn).map(d -> Clock.systemUTC().instant().plus(d)));
      }
      spec.commandLine().getOut().println(token);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Hands the environment to the subcommands. */
  private static final class Factory implements CommandLine.IFactory {
    private final Map<String, String> env;

    Factory(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == Serve.class) {
        return type.cast(new Serve(env));
      }
      if (type == Token.class) {
        return type.cast(new Token(env));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
