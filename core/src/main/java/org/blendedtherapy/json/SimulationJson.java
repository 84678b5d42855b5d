package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.state.Simulation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link Simulation} as JSON: {@code timeline} (each entry's {@code instant}, {@code
 * local} and {@code what}) and {@code state}, the state JSON at the end of the timeline.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SimulationJson {
  private SimulationJson() {}

  /**
   * Writes the simulation as indented JSON text with {@code \n} line ends.
   *
   * @param simulation the simulation
   * @return the JSON text
   */
  public static String write(Simulation simulation) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode timeline = root.putArray("timeline");
    for (Simulation.Entry entry : simulation.entries()) {
      ObjectNode node =
          timeline
              .addObject()
              .put("instant", entry.instant().toString())
              .put("local", Times.format(entry.local()))
              .put("kind", entry.kind().name().toLowerCase(Locale.ROOT));
      entry.module().ifPresent(module -> node.put("module", module));
      entry.session().ifPresent(session -> node.put("session", session));
      entry.event().ifPresent(event -> node.put("event", event.json()));
      node.put("what", entry.what());
    }
    root.set("state", StateJson.tree(simulation.state()));
    return Pretty.write(root);
  }
}
