package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.Burden;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the burden of protocols side by side: {@code {"protocols":[{"id","version","weeks",
 * "clientMinutesPerWeek","therapistMinutesPerWeek","promptsPerDay":{"mean","max"},
 * "modulesToComplete", …}]}}. Each entry also carries {@code sessions}, {@code therapistContacts},
 * {@code clientMinutes}, {@code therapistMinutes}, {@code days}, {@code prompts}, {@code
 * daysOverCap}, {@code promptsOverCap} and {@code assumptions}; the second and later entries carry
 * {@code changeFromFirst}, the difference of each figure against the first protocol. Fractional
 * figures are rounded to one decimal.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BurdenJson {
  private BurdenJson() {}

  /**
   * Writes the burdens of protocols as indented JSON text with {@code \n} line ends.
   *
   * @param protocols the protocols, in column order
   * @param burdens their burdens, in the same order
   * @return the JSON text
   * @throws IllegalArgumentException if the lists differ in length
   */
  public static String write(List<Protocol> protocols, List<Burden> burdens) {
    if (protocols.size() != burdens.size()) {
      throw new IllegalArgumentException("one burden per protocol");
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode list = root.putArray("protocols");
    for (int i = 0; i < protocols.size(); i++) {
      ObjectNode entry =
          list.addObject()
              .put("id", protocols.get(i).id())
              .put("version", protocols.get(i).version());
      entry.setAll(tree(burdens.get(i)));
      if (i > 0) {
        entry.set("changeFromFirst", change(burdens.get(0), burdens.get(i)));
      }
    }
    return Pretty.write(root);
  }

  static String pretty(ObjectNode root) {
    return Pretty.write(root);
  }

  /** The figures of one burden. */
  static ObjectNode tree(Burden b) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    number(node, "weeks", b.weeks());
    number(node, "clientMinutesPerWeek", b.clientMinutesPerWeek());
    number(node, "therapistMinutesPerWeek", b.therapistMinutesPerWeek());
    ObjectNode prompts = node.putObject("promptsPerDay");
    number(prompts, "mean", b.promptsPerDayMean());
    prompts.put("max", b.promptsPerDayMax());
    node.put("modulesToComplete", b.modulesToComplete());
    node.put("daysOverCap", b.daysOverCap());
    node.put("promptsOverCap", b.promptsOverCap());
    node.put("sessions", b.sessions());
    node.put("therapistContacts", b.therapistContacts());
    number(node, "clientMinutes", b.clientMinutes());
    number(node, "therapistMinutes", b.therapistMinutes());
    node.put("days", b.days());
    node.put("prompts", b.prompts());
    ArrayNode assumptions = node.putArray("assumptions");
    b.assumptions().forEach(assumptions::add);
    return node;
  }

  /** The difference of each figure, {@code to - from}. */
  static ObjectNode change(Burden from, Burden to) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    number(node, "weeks", to.weeks() - from.weeks());
    number(node, "clientMinutesPerWeek", to.clientMinutesPerWeek() - from.clientMinutesPerWeek());
    number(
        node,
        "therapistMinutesPerWeek",
        to.therapistMinutesPerWeek() - from.therapistMinutesPerWeek());
    ObjectNode prompts = node.putObject("promptsPerDay");
    number(prompts, "mean", to.promptsPerDayMean() - from.promptsPerDayMean());
    prompts.put("max", to.promptsPerDayMax() - from.promptsPerDayMax());
    node.put("modulesToComplete", to.modulesToComplete() - from.modulesToComplete());
    node.put("daysOverCap", to.daysOverCap() - from.daysOverCap());
    node.put("sessions", to.sessions() - from.sessions());
    number(node, "clientMinutes", to.clientMinutes() - from.clientMinutes());
    number(node, "therapistMinutes", to.therapistMinutes() - from.therapistMinutes());
    return node;
  }

  /** Whole numbers as integers, others rounded to one decimal. */
  static void number(ObjectNode node, String key, double value) {
    double rounded = Math.round(value * 10) / 10.0;
    if (rounded == Math.rint(rounded)) {
      node.put(key, (long) rounded);
    } else {
      node.put(key, rounded);
    }
  }
}
