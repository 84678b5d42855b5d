package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The one lookup of an enum constant by its JSON name, shared by every enum that has one. Not API:
 * the enums themselves are, with their own {@code json()} and {@code fromJson}, and none has a
 * supertype from this package.
 */
@API(status = INTERNAL, since = "0.2")
public final class JsonNames {
  private JsonNames() {}

  /**
   * Finds the constant with a JSON name.
   *
   * @param constants the enum's constants
   * @param name the JSON name of a constant
   * @param json the JSON name looked for
   * @param <E> the enum type
   * @return the constant, or empty when no constant has that name
   */
  public static <E extends Enum<E>> Optional<E> find(
      E[] constants, Function<E, String> name, String json) {
    for (E constant : constants) {
      if (name.apply(constant).equals(json)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
