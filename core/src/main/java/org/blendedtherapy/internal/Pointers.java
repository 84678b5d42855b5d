package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Builds RFC 6901 JSON pointers. Not API. */
@API(status = INTERNAL, since = "0.1")
public final class Pointers {
  private Pointers() {}

  /**
   * Appends an object key to a pointer, escaping {@code ~} and {@code /}.
   *
   * @param parent the parent pointer
   * @param key the key
   * @return the child pointer
   */
  public static String key(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Appends an array index to a pointer.
   *
   * @param parent the parent pointer
   * @param index the index
   * @return the child pointer
   */
  public static String index(String parent, int index) {
    return parent + "/" + index;
  }
}
