package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Checks that a property holds for generated values, and on failure throws a plain {@link
 * AssertionError} naming the seed, the shrunk (minimal) counterexample, the original one and how to
 * replay, so that any test framework reports it.
 *
 * <p>Tries: {@value #DEFAULT_TRIES} unless the system property {@code blended.tries} or {@link
 * #tries(int)} says otherwise. Seed: random unless the system property {@code blended.seed} or
 * {@link #seed(long)} fixes it; the same seed, generator and number of tries always give the same
 * values, so a printed seed replays its failure. Try {@code i} (from 0) is generated at size {@code
 * i % (maxSize + 1)}, so small values come first.
 *
 * <p>A try fails when the predicate returns false or throws anything but a {@link
 * VirtualMachineError}. Shrinking then walks the counterexample's {@link Shrinkable} tree greedily,
 * taking the first candidate that still fails, for at most {@value #MAX_SHRINK_RUNS} runs of the
 * property. Counterexamples are shown as JSON where they are domain values: a {@link
 * org.blendedtherapy.protocol.Protocol} as its canonical form, a {@link Mutant} as its document.
 *
 * <p>This class is immutable and thread-safe; {@link #check(Predicate)} runs on the caller's
 * thread.
 *
 * @param <T> the type of generated value
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Property<T> {
  /** Tries per property when neither {@code blended.tries} nor {@link #tries(int)} is given. */
  public static final int DEFAULT_TRIES = 1_000;

  /** The largest size when {@link #maxSize(int)} is not given. */
  public static final int DEFAULT_MAX_SIZE = 100;

  /** The most property runs spent shrinking one counterexample. */
  public static final int MAX_SHRINK_RUNS = 10_000;

  /** The system property that sets the number of tries. */
  public static final String TRIES_PROPERTY = "blended.tries";

  /** The system property that fixes the seed, to replay a failure. */
  public static final String SEED_PROPERTY = "blended.seed";

  private final Gen<T> gen;
  private final Optional<Integer> tries;
  private final Optional<Long> seed;
  private final int maxSize;
  private final Function<? super T, String> describer;

  private Property(
      Gen<T> gen,
      Optional<Integer> tries,
      Optional<Long> seed,
      int maxSize,
      Function<? super T, String> describer) {
    this.gen = gen;
    this.tries = tries;
    this.seed = seed;
    this.maxSize = maxSize;
    this.describer = describer;
  }

  /**
   * Starts a property over the values of a generator.
   *
   * @param gen the generator
   * @param <T> the type of value
   * @return the property, with default tries, seed and size
   */
  public static <T> Property<T> forAll(Gen<T> gen) {
    Objects.requireNonNull(gen, "gen");
    return new Property<>(
        gen, Optional.empty(), Optional.empty(), DEFAULT_MAX_SIZE, Describe::value);
  }

  /**
   * Returns this property with a number of tries, which overrides {@code blended.tries}.
   *
   * @param count the number of tries, at least 1
   * @return the new property
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public Property<T> tries(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("tries must be at least 1, found " + count);
    }
    return new Property<>(gen, Optional.of(count), seed, maxSize, describer);
  }

  /**
   * Returns this property with a fixed seed, which overrides {@code blended.seed}: use the seed a
   * failure printed to replay it.
   *
   * @param value the seed
   * @return the new property
   */
  public Property<T> seed(long value) {
    return new Property<>(gen, tries, Optional.of(value), maxSize, describer);
  }

  /**
   * Returns this property with a largest size.
   *
   * @param value the largest size, at least 0
   * @return the new property
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Property<T> maxSize(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("maxSize must not be negative, found " + value);
    }
    return new Property<>(gen, tries, seed, value, describer);
  }

  /**
   * Returns this property showing counterexamples with a function of its own.
   *
   * @param f turns a value into text for the failure message
   * @return the new property
   */
  public Property<T> describedBy(Function<? super T, String> f) {
    Objects.requireNonNull(f, "f");
    return new Property<>(gen, tries, seed, maxSize, f);
  }

  /**
   * Checks that the predicate holds for every try.
   *
   * @param predicate returns false (or throws) for a counterexample
   * @throws AssertionError if a try fails, with the seed and the shrunk counterexample
   */
  public void check(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    run(predicate);
  }

  /**
   * Checks that the action completes normally for every try, for assertions that throw (AssertJ,
   * JUnit {@code assertEquals}).
   *
   * @param action throws for a counterexample
   * @throws AssertionError if a try fails, with the seed and the shrunk counterexample
   */
  public void verify(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    run(
        value -> {
          action.accept(value);
          return true;
        });
  }

  private void run(Predicate<? super T> predicate) {
    int count = tries.orElseGet(Property::triesFromSystem);
    long master = seed.orElseGet(Property::seedFromSystem);
    SplittableRandom root = new SplittableRandom(master);
    for (int i = 0; i < count; i++) {
      SplittableRandom random = root.split();
      int size = i % (maxSize + 1);
      Shrinkable<T> original = gen.generate(random, size);
      Optional<Throwable> failure = attempt(predicate, original.value());
      if (failure.isPresent()) {
        Shrunk<T> shrunk = shrink(predicate, original, failure.get());
        throw failure(master, i, count, size, original, failure.get(), shrunk);
      }
    }
  }

  private record Shrunk<T>(Shrinkable<T> value, Throwable failure, int steps, int runs) {}

  private Shrunk<T> shrink(Predicate<? super T> predicate, Shrinkable<T> start, Throwable why) {
    Shrinkable<T> current = start;
    Throwable failure = why;
    int steps = 0;
    int runs = 0;
    boolean progressed = true;
    while (progressed && runs < MAX_SHRINK_RUNS) {
      progressed = false;
      for (Shrinkable<T> candidate : current.shrinks()) {
        if (++runs > MAX_SHRINK_RUNS) {
          break;
        }
        Optional<Throwable> result = attempt(predicate, candidate.value());
        if (result.isPresent()) {
          current = candidate;
          failure = result.get();
          steps++;
          progressed = true;
          break;
        }
      }
    }
    return new Shrunk<>(current, failure, steps, Math.min(runs, MAX_SHRINK_RUNS));
  }

  private static <T> Optional<Throwable> attempt(Predicate<? super T> predicate, T value) {
    try {
      return predicate.test(value)
          ? Optional.empty()
          : Optional.of(new AssertionError("property returned false"));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // NOPMD: any other failure is a counterexample, reported in full
      return Optional.of(e);
    }
  }

  private AssertionError failure(
      long master,
      int tryIndex,
      int count,
      int size,
      Shrinkable<T> original,
      Throwable originalFailure,
      Shrunk<T> shrunk) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder();
    text.append("Property failed at try ")
        .append(tryIndex + 1)
        .append(" of ")
        .append(count)
        .append(" (size ")
        .append(size)
        .append("), seed ")
        .append(master)
        .append(nl);
    text.append("Shrunk counterexample (")
        .append(shrunk.steps())
        .append(" shrink steps, ")
        .append(shrunk.runs())
        .append(" runs):")
        .append(nl);
    text.append(indent(describe(shrunk.value().value()))).append(nl);
    text.append("Failure: ").append(indent(String.valueOf(shrunk.failure())).trim()).append(nl);
    text.append("Original counterexample:").append(nl);
    text.append(indent(describe(original.value()))).append(nl);
    text.append("Original failure: ").append(firstLine(originalFailure)).append(nl);
    text.append("Replay: run with -D")
        .append(SEED_PROPERTY)
        .append('=')
        .append(master)
        .append(" (and -D")
        .append(TRIES_PROPERTY)
        .append('=')
        .append(count)
        .append(" or more), or call .seed(")
        .append(master)
        .append("L) on the property");
    return new AssertionError(text.toString(), shrunk.failure());
  }

  private String describe(T value) {
    try {
      return describer.apply(value);
    } catch (RuntimeException e) {
      return String.valueOf(value) + " (description failed: " + e + ")";
    }
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private static String firstLine(Throwable failure) {
    String text = failure.toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + " ...";
  }

  private static int triesFromSystem() {
    String text = System.getProperty(TRIES_PROPERTY);
    if (text == null || text.isBlank()) {
      return DEFAULT_TRIES;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 1) {
        throw new IllegalArgumentException(
            TRIES_PROPERTY + " must be at least 1, found " + text.trim());
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          TRIES_PROPERTY + " must be a whole number, found \"" + text + "\"", e);
    }
  }

  private static long seedFromSystem() {
    String text = System.getProperty(SEED_PROPERTY);
    if (text == null || text.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SEED_PROPERTY + " must be a whole number, found \"" + text + "\"", e);
    }
  }
}
