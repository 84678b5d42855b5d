package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.blendedtherapy.internal.JsonNames;
import org.jspecify.annotations.Nullable;

/**
 * A questionnaire the library knows: its item count, the range of each item, its severity bands and
 * its codes in SNOMED CT and LOINC (for hosts mapping onto the NHS Talking Therapies data set or
 * FHIR {@code QuestionnaireResponse}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Instrument {
  /** Patient Health Questionnaire, 9 items scored 0–3 (depression). */
  PHQ_9(
      "PHQ-9",
      9,
      3,
      new int[] {5, 10, 15, 20},
      new String[] {"minimal", "mild", "moderate", "moderately-severe", "severe"},
      "720433000",
      "44249-1",
      "44261-6"),
  /** Generalised Anxiety Disorder scale, 7 items scored 0–3. */
  GAD_7(
      "GAD-7",
      7,
      3,
      new int[] {5, 10, 15},
      new String[] {"minimal", "mild", "moderate", "severe"},
      "445455005",
      "69737-5",
      "70274-6"),
  /** Work and Social Adjustment Scale, 5 items scored 0–8; it has no severity bands. */
  WSAS("WSAS", 5, 8, new int[] {}, new String[] {}, null, null, null);

  private final String json;
  private final int items;
  private final int itemMax;
  // bandFrom[i] is the lowest total of bands[i + 1]; bands[0] starts at 0.
  private final int[] bandFrom;
  private final String[] bands;
  private final @Nullable String snomed;
  private final @Nullable String loinc;
  private final @Nullable String loincTotal;

  Instrument(
      String json,
      int items,
      int itemMax,
      int[] bandFrom,
      String[] bands,
      @Nullable String snomed,
      @Nullable String loinc,
      @Nullable String loincTotal) {
    this.json = json;
    this.items = items;
    this.itemMax = itemMax;
    this.bandFrom = bandFrom;
    this.bands = bands;
    this.snomed = snomed;
    this.loinc = loinc;
    this.loincTotal = loincTotal;
  }

  /**
   * Returns the severity band of a total: PHQ-9 0–4 {@code minimal}, 5–9 {@code mild}, 10–14 {@code
   * moderate}, 15–19 {@code moderately-severe}, 20–27 {@code severe} (Kroenke 2001); GAD-7 0–4
   * {@code minimal}, 5–9 {@code mild}, 10–14 {@code moderate}, 15–21 {@code severe} (Spitzer 2006);
   * WSAS has no bands.
   *
   * @param total the total
   * @return the band, or empty for an instrument without bands
   * @throws IllegalArgumentException if the total is outside 0 to {@link #totalMax()}
   */
  public Optional<String> band(int total) {
    if (total < 0 || total > totalMax()) {
      throw new IllegalArgumentException("a " + json + " total is 0 to " + totalMax());
    }
    if (bands.length == 0) {
      return Optional.empty();
    }
    int band = 0;
    while (band < bandFrom.length && total >= bandFrom[band]) {
      band++;
    }
    return Optional.of(bands[band]);
  }

  /**
   * Returns the SNOMED CT concept of the score: PHQ-9 {@code 720433000}, GAD-7 {@code 445455005}.
   *
   * @return the concept id, or empty when the library knows none (WSAS)
   */
  public Optional<String> snomedCt() {
    return Optional.ofNullable(snomed);
  }

  /**
   * Returns the LOINC code of the questionnaire panel: PHQ-9 {@code 44249-1}, GAD-7 {@code
   * 69737-5}.
   *
   * @return the code, or empty when the library knows none (WSAS)
   */
  public Optional<String> loinc() {
    return Optional.ofNullable(loinc);
  }

  /**
   * Returns the LOINC code of the total score: PHQ-9 {@code 44261-6}, GAD-7 {@code 70274-6}.
   *
   * @return the code, or empty when the library knows none (WSAS)
   */
  public Optional<String> loincTotal() {
    return Optional.ofNullable(loincTotal);
  }

  /** Returns the name in JSON. */
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
    return JsonNames.find(Instrument.values(), Instrument::json, json);
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
