package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;

/** Whether a module is part of every client's path ({@code core}) or added for some. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ModuleKind {
  /** Part of every client's path. */
  CORE("core"),
  /** Added for some clients, usually by therapist release. */
  OPTIONAL("optional");

  private final String json;

  ModuleKind(String json) {
    this.json = json;
  }

  /**
   * Returns the JSON name, {@code core} or {@code optional}.
   *
   * @return the JSON name
   */
  public String json() {
    return json;
  }

  /**
   * Finds the kind with a JSON name.
   *
   * @param json the JSON name
   * @return the kind, or empty when the name is unknown
   */
  public static Optional<ModuleKind> fromJson(String json) {
    return JsonNames.find(ModuleKind.values(), ModuleKind::json, json);
  }
}
