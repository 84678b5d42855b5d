package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNamed;

/** A questionnaire the library knows: its item count and the range of each item. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Instrument implements JsonNamed {
  /** Patient Health Questionnaire, 9 items scored 0–3 (depression). */
  PHQ_9("PHQ-9", 9, 3),
  /** Generalised Anxiety Disorder scale, 7 items scored 0–3. */
  GAD_7("GAD-7", 7, 3),
  /** Work and Social Adjustment Scale, 5 items scored 0–8. */
  WSAS("WSAS", 5, 8);

  private final String json;
  private final int items;
  private final int itemMax;

  Instrument(String json, int items, int itemMax) {
    this.json = json;
    this.items = items;
    this.itemMax = itemMax;
  }

  @Override
  public String json() {
    return json;
  }

  /**
   * Returns the number of items.
   *
   * @return the item count
   */
  public int items() {
    return items;
  }

  /**
   * Returns the highest score of one item; the lowest is 0.
   *
   * @return the item maximum
   */
  public int itemMax() {
    return itemMax;
  }

  /**
   * Returns the highest total score; the lowest is 0.
   *
   * @return the total maximum
   */
  public int totalMax() {
    return items * itemMax;
  }

  /**
   * Finds an instrument by its name, such as {@code PHQ-9}.
   *
   * @param json the name
   * @return the instrument, or empty when unknown
   */
  public static Optional<Instrument> fromJson(String json) {
    return JsonNamed.find(Instrument.class, json);
  }

  /**
   * Returns the known names, comma-separated, for messages.
   *
   * @return {@code PHQ-9, GAD-7, WSAS}
   */
  public static String knownNames() {
    return Arrays.stream(values()).map(Instrument::json).collect(Collectors.joining(", "));
  }
}
