package org.blendedtherapy.json;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps a host without an SLF4J provider free of SLF4J's "No SLF4J providers were found" warning,
 * which the validator's loggers would otherwise print on standard error at first use.
 *
 * <p>The library itself never logs; the bundled validator creates loggers when its classes load.
 * Before that happens, and only when SLF4J would bind to its no-operation fallback anyway (no
 * provider on the class path, no {@code slf4j.provider} and no {@code slf4j.internal.verbosity} set
 * by the host), SLF4J is bound at once with its internal reports at {@code ERROR}; the property is
 * set for that moment only and cleared again. With a provider, or once the host has used SLF4J,
 * nothing changes: the host's logging stays the host's.
 */
final class QuietSlf4j {
  private static final String VERBOSITY = "slf4j.internal.verbosity";
  private static boolean done;

  private QuietSlf4j() {}

  /** Binds SLF4J quietly when it has no provider; does nothing after the first call. */
  static synchronized void beforeFirstLogger() {
    if (done) {
      return;
    }
    done = true;
    if (System.getProperty(VERBOSITY) != null
        || System.getProperty("slf4j.provider") != null
        || hasProvider()) {
      return;
    }
    System.setProperty(VERBOSITY, "ERROR");
    try {
      LoggerFactory.getILoggerFactory();
    } finally {
      System.clearProperty(VERBOSITY);
    }
  }

  private static boolean hasProvider() {
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, loader).iterator().hasNext()
          // A binding for SLF4J 1.7 earns the host a warning of its own: leave it to SLF4J.
          || loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null;
    } catch (ServiceConfigurationError e) {
      return true;
    }
  }
}
