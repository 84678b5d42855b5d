package org.blendedtherapy.timeline;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The arrays of nothing (every element null) that frozen folds share, one per element type and
 * length, so that a compact client does not hold its own: a frozen fold is never written into, and
 * a fold copied from it copies every array before writing.
 */
final class Frozen {
  private static final ConcurrentHashMap<Class<?>, ConcurrentHashMap<Integer, Object[]>> NULLS =
      new ConcurrentHashMap<>();

  private Frozen() {}

  /**
   * The shared array of nulls of the array's type and length when every element is null; a copy
   * otherwise.
   *
   * @param array the array
   * @return the shared array or the copy
   */
  @SuppressWarnings("unchecked")
  static <T> T[] orShared(T[] array) {
    for (T element : array) {
      if (element != null) {
        return array.clone();
      }
    }
    return (T[])
        NULLS
            .computeIfAbsent(array.getClass(), c -> new ConcurrentHashMap<>())
            .computeIfAbsent(array.length, n -> Arrays.copyOf(array, n));
  }
}
