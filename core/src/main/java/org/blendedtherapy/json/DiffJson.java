package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ProtocolDiff;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ProtocolDiff} as JSON: {@code {"old":{"id","version"},"new":{"id","version"},
 * "changes":[{"area","subject","change","text"}],"burden":{"old":{…},"new":{…},"change":{…}}}},
 * where {@code change} is {@code added}, {@code removed} or {@code changed}, the burden objects
 * have the keys of {@link BurdenJson} and the burden {@code change} is new minus old.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DiffJson {
  private DiffJson() {}

  /**
   * Writes the diff as indented JSON text with {@code \n} line ends.
   *
   * @param diff the diff
   * @return the JSON text
   */
  public static String write(ProtocolDiff diff) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("old", id(diff.before()));
    root.set("new", id(diff.after()));
    ArrayNode changes = root.putArray("changes");
    for (ProtocolDiff.Change change : diff.changes()) {
      changes
          .addObject()
          .put("area", change.area().json())
          .put("subject", change.subject())
          .put("change", change.kind().json())
          .put("text", change.text());
    }
    ObjectNode burden = root.putObject("burden");
    burden.set("old", BurdenJson.tree(diff.burdenBefore()));
    burden.set("new", BurdenJson.tree(diff.burdenAfter()));
    burden.set("change", BurdenJson.change(diff.burdenBefore(), diff.burdenAfter()));
    return BurdenJson.pretty(root);
  }

  private static ObjectNode id(Protocol protocol) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("id", protocol.id())
        .put("version", protocol.version());
  }
}
