package org.blendedtherapy.testkit;

import java.util.ArrayList;
import java.util.List;

/** Shrink trees shared by the generators. Not API. */
final class Shrinking {
  private Shrinking() {}

  /** A pair of values, for zipping two trees. */
  record Pair<A, B>(A first, B second) {}

  /**
   * Returns the tree of {@code value} shrinking towards {@code origin}: the origin itself, then the
   * value minus half the distance, a quarter, ..., and finally the value one step closer.
   */
  static Shrinkable<Long> towards(long origin, long value) {
    return Shrinkable.unfold(
        value,
        v -> {
          List<Long> out = new ArrayList<>();
          if (v == origin) {
            return out;
          }
          out.add(origin);
          // v - origin may overflow for extreme ranges; halve each side before subtracting.
          long distance = v / 2 - origin / 2 + (v % 2 - origin % 2) / 2;
          for (long d = distance; d != 0; d /= 2) {
            long candidate = v - d;
            if (candidate != origin && !out.contains(candidate)) {
              out.add(candidate);
            }
          }
          long step = v > origin ? v - 1 : v + 1;
          if (!out.contains(step)) {
            out.add(step);
          }
          return out;
        });
  }

  static <A, B> Shrinkable<Pair<A, B>> pair(Shrinkable<A> a, Shrinkable<B> b) {
    return Shrinkable.of(
        new Pair<>(a.value(), b.value()),
        () -> {
          List<Shrinkable<Pair<A, B>>> out = new ArrayList<>();
          for (Shrinkable<A> smaller : a.shrinks()) {
            out.add(pair(smaller, b));
          }
          for (Shrinkable<B> smaller : b.shrinks()) {
            out.add(pair(a, smaller));
          }
          return out;
        });
  }
}
