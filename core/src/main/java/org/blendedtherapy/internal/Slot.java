package org.blendedtherapy.internal;

import org.jspecify.annotations.Nullable;

/**
 * One registered factory or query of {@link Results} or {@link Queries}: set once, by its owner's
 * static initializer, and read by everyone else after initializing the owner if it has not run yet.
 *
 * @param <T> the type of what is registered
 */
final class Slot<T> {
  private final String what;
  private final String owner;
  private volatile @Nullable T value;

  /**
   * Creates an empty slot.
   *
   * @param what what it holds, for messages ("the session factory")
   * @param owner the binary name of the class whose static initializer registers it
   */
  Slot(String what, String owner) {
    this.what = what;
    this.owner = owner;
  }

  /**
   * Registers the value.
   *
   * @param registered the value
   * @throws IllegalStateException if one is registered already
   */
  synchronized void register(T registered) {
    if (value != null) {
      throw new IllegalStateException(what + " is registered already");
    }
    value = registered;
  }

  /**
   * Returns the value, initializing its owner first if it has not registered it yet.
   *
   * @return the value
   * @throws IllegalStateException if the owner's initializer does not register it
   */
  T get() {
    T registered = value;
    if (registered == null) {
      try {
        Class.forName(owner, true, Slot.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      registered = value;
      if (registered == null) {
        throw new IllegalStateException(what + " is not registered by " + owner);
      }
    }
    return registered;
  }
}
