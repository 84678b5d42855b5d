package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A generated value together with a lazily computed tree of smaller candidates, each itself a
 * {@code Shrinkable}; the first candidates are the most aggressive ones.
 *
 * <p>Because every candidate is derived from the same generator steps as the value, {@link
 * #map(Function)}, {@link #filter(Predicate)} and {@link Gen#flatMap(Function)} keep every
 * candidate a value the generator could have produced (integrated shrinking, as in Hedgehog). The
 * tree is computed on demand and never stored.
 *
 * <p>This class is immutable and thread-safe, provided the functions it was built with are pure.
 *
 * @param <T> the type of value
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Shrinkable<T> {
  private final T value;
  private final Supplier<List<Shrinkable<T>>> shrinks;

  private Shrinkable(T value, Supplier<List<Shrinkable<T>>> shrinks) {
    this.value = value;
    this.shrinks = shrinks;
  }

  /**
   * Returns a value that does not shrink.
   *
   * @param value the value
   * @param <T> the type of value
   * @return a leaf of the shrink tree
   */
  public static <T> Shrinkable<T> of(T value) {
    return new Shrinkable<>(value, List::of);
  }

  /**
   * Returns a value with the given candidates, computed when first asked for.
   *
   * @param value the value
   * @param shrinks computes the candidates, most aggressive first
   * @param <T> the type of value
   * @return the shrink tree
   */
  public static <T> Shrinkable<T> of(T value, Supplier<List<Shrinkable<T>>> shrinks) {
    Objects.requireNonNull(shrinks, "shrinks");
    return new Shrinkable<>(value, shrinks);
  }

  /**
   * Returns a value whose candidates are computed by applying {@code shrinker} again to every
   * candidate, until it returns no more.
   *
   * @param value the value
   * @param shrinker returns the direct candidates of a value, most aggressive first; it must
   *     eventually return an empty list along every path
   * @param <T> the type of value
   * @return the shrink tree
   */
  public static <T> Shrinkable<T> unfold(T value, Function<T, List<T>> shrinker) {
    return new Shrinkable<>(
        value,
        () -> {
          List<Shrinkable<T>> out = new ArrayList<>();
          for (T smaller : shrinker.apply(value)) {
            out.add(unfold(smaller, shrinker));
          }
          return out;
        });
  }

  /**
   * Returns the value.
   *
   * @return the value
   */
  public T value() {
    return value;
  }

  /**
   * Computes the direct candidates, most aggressive first.
   *
   * @return the candidates; empty when the value is minimal
   */
  public List<Shrinkable<T>> shrinks() {
    return shrinks.get();
  }

  /**
   * Applies a function to the value and to every candidate.
   *
   * @param f a pure function
   * @param <R> the type of the result
   * @return the mapped tree
   */
  public <R> Shrinkable<R> map(Function<? super T, ? extends R> f) {
    return new Shrinkable<>(
        f.apply(value),
        () -> {
          List<Shrinkable<R>> out = new ArrayList<>();
          for (Shrinkable<T> s : shrinks()) {
            out.add(s.map(f));
          }
          return out;
        });
  }

  /**
   * Binds every node of this tree to the tree {@code f} returns for it: the candidates are first
   * those of this tree (bound again), then those of the tree returned for this value.
   *
   * @param f returns the tree for one value; it must be deterministic
   * @param <R> the type of the result
   * @return the bound tree
   */
  public <R> Shrinkable<R> flatMap(Function<? super T, Shrinkable<R>> f) {
    Shrinkable<R> inner = f.apply(value);
    return new Shrinkable<>(
        inner.value(),
        () -> {
          List<Shrinkable<R>> out = new ArrayList<>();
          for (Shrinkable<T> s : shrinks()) {
            out.add(s.flatMap(f));
          }
          out.addAll(inner.shrinks());
          return out;
        });
  }

  /**
   * Keeps only the candidates, at every depth, whose value satisfies the predicate. The value
   * itself is kept as it is.
   *
   * @param predicate a pure predicate
   * @return the pruned tree
   */
  public Shrinkable<T> filter(Predicate<? super T> predicate) {
    return new Shrinkable<>(
        value,
        () -> {
          List<Shrinkable<T>> out = new ArrayList<>();
          for (Shrinkable<T> s : shrinks()) {
            if (predicate.test(s.value())) {
              out.add(s.filter(predicate));
            }
          }
          return out;
        });
  }

  /**
   * Combines trees into one tree of lists: a candidate shrinks exactly one element.
   *
   * @param elements the element trees
   * @param <T> the type of element
   * @return the tree of the list of values
   */
  public static <T> Shrinkable<List<T>> zip(List<Shrinkable<T>> elements) {
    return list(elements, elements.size());
  }

  /**
   * Combines trees into one tree of lists whose candidates first remove runs of elements (never
   * below {@code minSize}), then shrink one element.
   *
   * @param elements the element trees
   * @param minSize the fewest elements a candidate may have
   * @param <T> the type of element
   * @return the tree of the list of values
   */
  public static <T> Shrinkable<List<T>> list(List<Shrinkable<T>> elements, int minSize) {
    List<Shrinkable<T>> fixed = List.copyOf(elements);
    List<T> values = new ArrayList<>(fixed.size());
    for (Shrinkable<T> e : fixed) {
      values.add(e.value());
    }
    return new Shrinkable<>(
        java.util.Collections.unmodifiableList(values),
        () -> {
          List<Shrinkable<List<T>>> out = new ArrayList<>();
          int n = fixed.size();
          for (int chunk = n - minSize; chunk > 0; chunk /= 2) {
            for (int start = 0; start + chunk <= n; start += chunk) {
              List<Shrinkable<T>> rest = new ArrayList<>(fixed.subList(0, start));
              rest.addAll(fixed.subList(start + chunk, n));
              out.add(list(rest, minSize));
            }
          }
          for (int i = 0; i < n; i++) {
            for (Shrinkable<T> smaller : fixed.get(i).shrinks()) {
              List<Shrinkable<T>> copy = new ArrayList<>(fixed);
              copy.set(i, smaller);
              out.add(list(copy, minSize));
            }
          }
          return out;
        });
  }

  /** Returns the value's string form, for debugging. */
  @Override
  public String toString() {
    return "Shrinkable[" + value + "]";
  }
}
