package org.blendedtherapy.timeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * An append-only column of instants in time order, each with an optional one-byte tag, held in
 * primitive arrays: seconds as {@code int} offsets from the first instant while they fit (else as
 * {@code long}), nanoseconds only once one is not zero. Like {@link
 * org.blendedtherapy.internal.Chain}, a {@link #view()} is an immutable prefix: elements below a
 * view's size are written once and never again, and growing moves the owner to new arrays.
 *
 * <p>The owner appends, not thread-safe; views are immutable and thread-safe once published. The
 * reminders engine reads views by index ({@link #size}, {@link #seconds}, {@link #nano}), without
 * making an {@link Instant} per element.
 */
@API(status = INTERNAL, since = "0.2")
public final class Instants {
  static final Instants EMPTY = new Instants(false, false);

  private final boolean owner;
  private final boolean tagged;
  private long base;
  private int[] small;
  private long[] wide;
  private int[] nanos;
  private byte[] tags;
  private int size;

  /** Creates an empty column its creator appends to. */
  Instants(boolean tagged) {
    this(true, tagged);
  }

  private Instants(boolean owner, boolean tagged) {
    this.owner = owner;
    this.tagged = tagged;
    this.small = new int[0];
  }

  private Instants(Instants from, int size, boolean owner, boolean trim) {
    this.owner = owner;
    this.tagged = from.tagged;
    this.base = from.base;
    this.size = size;
    if (trim) {
      this.small = from.small == null ? null : Arrays.copyOf(from.small, size);
      this.wide = from.wide == null ? null : Arrays.copyOf(from.wide, size);
      this.nanos = from.nanos == null ? null : Arrays.copyOf(from.nanos, size);
      this.tags = from.tags == null ? null : Arrays.copyOf(from.tags, size);
    } else {
      this.small = from.small;
      this.wide = from.wide;
      this.nanos = from.nanos;
      this.tags = from.tags;
    }
  }

  /** An immutable view of the elements so far. */
  Instants view() {
    return size == 0
        ? (tagged ? new Instants(false, true) : EMPTY)
        : new Instants(this, size, false, false);
  }

  /** An immutable copy of the elements so far, in arrays of exactly their size. */
  Instants trimmed() {
    return new Instants(this, size, false, true);
  }

  /** A column with the same elements that a new owner appends to. */
  Instants fork() {
    return new Instants(this, size, true, true);
  }

  /**
   * Returns the number of elements.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns an element's epoch second.
   *
   * @param i the index, below {@link #size}
   * @return the epoch second
   */
  public long seconds(int i) {
    return small != null ? base + small[i] : wide[i];
  }

  /**
   * Returns an element's nanosecond of its second.
   *
   * @param i the index, below {@link #size}
   * @return the nanosecond
   */
  public int nano(int i) {
    return nanos == null ? 0 : nanos[i];
  }

  byte tag(int i) {
    return tags[i];
  }

  Instant get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return Instant.ofEpochSecond(seconds(i), nano(i));
  }

  Instant last() {
    return get(size - 1);
  }

  /**
   * Compares element {@code i} with an instant.
   *
   * @param i the index, below {@link #size}
   * @param instant the instant
   * @return negative, zero or positive as the element is before, at or after the instant
   */
  public int compare(int i, Instant instant) {
    int c = Long.compare(seconds(i), instant.getEpochSecond());
    return c != 0 ? c : Integer.compare(nano(i), instant.getNano());
  }

  /**
   * Returns the index of the last element at or before an instant. O(log n).
   *
   * @param instant the instant
   * @return the index, or -1
   */
  public int lastAtOrBefore(Instant instant) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (compare(mid, instant) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low - 1;
  }

  void add(Instant at) {
    add(at, (byte) 0);
  }

  void add(Instant at, byte tag) {
    if (!owner) {
      throw new IllegalStateException("a view is not appended to");
    }
    long seconds = at.getEpochSecond();
    int nano = at.getNano();
    if (size == 0) {
      base = seconds;
    }
    int capacity = small != null ? small.length : wide.length;
    if (size == capacity) {
      int grown = size < 8 ? 16 : size * 2;
      if (small != null) {
        small = Arrays.copyOf(small, grown);
      } else {
        wide = Arrays.copyOf(wide, grown);
      }
      if (nanos != null) {
        nanos = Arrays.copyOf(nanos, grown);
      }
      if (tags != null) {
        tags = Arrays.copyOf(tags, grown);
      }
      capacity = grown;
    }
    long offset = seconds - base;
    if (small != null && offset != (int) offset) {
      long[] w = new long[capacity];
      for (int i = 0; i < size; i++) {
        w[i] = base + small[i];
      }
      wide = w;
      small = null;
    }
    if (small != null) {
      small[size] = (int) offset;
    } else {
      wide[size] = seconds;
    }
    if (nano != 0 && nanos == null) {
      nanos = new int[capacity];
    }
    if (nanos != null) {
      nanos[size] = nano;
    }
    if (tagged) {
      if (tags == null) {
        tags = new byte[capacity];
      }
      tags[size] = tag;
    }
    size++;
  }
}
