package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.apiguardian.api.API;

/**
 * An append-only sequence whose prefixes are immutable lists: {@link #view()} returns the elements
 * so far, and later appends never change a view already handed out (elements below a view's size
 * are written once and never again; growing the backing array leaves old views on the old array).
 * This is what lets a client's timeline grow by one event without copying its past, while every
 * state already computed from it keeps its answers.
 *
 * <p>Appending is amortised O(1) and not thread-safe: one writer, under the owner's lock. Views are
 * immutable and thread-safe once published.
 *
 * @param <T> the element type
 */
@API(status = INTERNAL, since = "0.1")
public final class Chain<T> {
  private Object[] items;
  private int size;

  /** Creates an empty chain. */
  public Chain() {
    this.items = new Object[8];
  }

  private Chain(Object[] items, int size) {
    this.items = items;
    this.size = size;
  }

  /**
   * Appends an element.
   *
   * @param item the element
   */
  public void add(T item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size + (size >> 1) + 8);
    }
    items[size++] = item;
  }

  /** Forgets every element, for a chain no view has been taken of yet (views keep theirs). */
  public void clear() {
    items = new Object[8];
    size = 0;
  }

  /**
   * Returns the number of elements appended so far.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns an element.
   *
   * @param index the index, below {@link #size()}
   * @return the element
   */
  @SuppressWarnings("unchecked")
  public T get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return (T) items[index];
  }

  /**
   * Returns the last element.
   *
   * @return the last element
   * @throws IndexOutOfBoundsException when empty
   */
  public T last() {
    return get(size - 1);
  }

  /**
   * Returns the elements so far as an immutable list; later appends do not change it.
   *
   * @return the view
   */
  public List<T> view() {
    return size == 0 ? List.of() : new View<>(items, size);
  }

  /**
   * Returns a chain holding the first {@code n} elements of this one, sharing nothing writable with
   * it, in an array of exactly {@code n} (it grows on the next append).
   *
   * @param n how many elements to keep
   * @return the copy
   */
  public Chain<T> copy(int n) {
    return new Chain<>(Arrays.copyOf(items, n), n);
  }

  private static final class View<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] items;
    private final int size;

    View(Object[] items, int size) {
      this.items = items;
      this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return (T) items[index];
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public List<T> subList(int from, int to) {
      if (from == 0 && to == size) {
        return this;
      }
      if (from == 0 && to >= 0 && to <= size) {
        return to == 0 ? List.of() : new View<>(items, to);
      }
      return super.subList(from, to);
    }
  }
}
