package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/** An enum constant with a JSON name; lets every such enum share one lookup. Not API. */
@API(status = INTERNAL, since = "0.1")
public interface JsonNamed {
  /**
   * Returns the JSON name of the constant.
   *
   * @return the JSON name
   */
  String json();

  /**
   * Finds the constant of an enum with a JSON name.
   *
   * @param type the enum class
   * @param json the JSON name
   * @param <E> the enum type
   * @return the constant, or empty when no constant has that name
   */
  static <E extends Enum<E> & JsonNamed> Optional<E> find(Class<E> type, String json) {
    for (E constant : type.getEnumConstants()) {
      if (constant.json().equals(json)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
