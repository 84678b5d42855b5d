package org.blendedtherapy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.blendedtherapy.plan.Times;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The state writer's escaping, numbers and dates are exactly Jackson's and java.time's: 1,000
 * random cases each, seeded, against the same values printed through a Jackson tree.
 */
class PrettyWriterTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int TRIES = 1_000;

  /** Characters where escaping decides: controls, quotes, backslashes, any UTF-16 unit. */
  private static String string(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(0, 13);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(10);
      char c =
          pick < 3
              ? (char) random.nextInt(0, 0x21)
              : pick < 5
                  ? "\"\\/\u007f".charAt(random.nextInt(4))
                  : pick < 8
                      ? (char) random.nextInt(0x21, 0x7f)
                      : (char) random.nextInt(0x80, 0x10000);
      s.append(c);
    }
    return s.toString();
  }

  @Test
  void strings_areEscapedAsJacksonEscapesThem() {
    SplittableRandom random = new SplittableRandom(1L);
    for (int run = 0; run < TRIES; run++) {
      Pretty.Writer out = new Pretty.Writer(16).beginArray();
      ArrayNode tree = NODES.arrayNode();
      int n = random.nextInt(0, 5);
      for (int i = 0; i < n; i++) {
        String value = string(random);
        out.beginObject().name(value).value(value).end();
        tree.addObject().put(value, value);
      }
      assertThat(out.end().text()).isEqualTo(Pretty.write(tree));
    }
  }

  @Test
  void numbers_printAsJacksonPrintsThem() {
    SplittableRandom random = new SplittableRandom(2L);
    double[] special = {0.0, -0.0, 1.0, 1e7, 1e-3, 1e21, Double.NaN, Double.POSITIVE_INFINITY};
    for (int run = 0; run < TRIES; run++) {
      int pick = random.nextInt(3);
      double d =
          pick == 0
              ? Double.longBitsToDouble(random.nextLong())
              : pick == 1
                  ? (double) random.nextInt(0, 1001) / random.nextInt(1, 1001)
                  : special[random.nextInt(special.length)];
      int i = random.nextInt();
      String written =
          new Pretty.Writer(16).beginArray().value(d).value(i).value(true).nullValue().end().text();
      ArrayNode tree = NODES.arrayNode().add(d).add(i).add(true).addNull();
      assertThat(written).as("%s %s", d, i).isEqualTo(Pretty.write(tree));
    }
  }

  @Test
  void datesAndTimes_printAsJavaTimePrintsThem() {
    SplittableRandom random = new SplittableRandom(3L);
    long min = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    long max = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);
    for (int run = 0; run < TRIES; run++) {
      int pick = random.nextInt(3);
      long seconds =
          pick == 0
              ? random.nextLong(min, max)
              : pick == 1
                  ? random.nextLong(
                      -62_167_219_200L - 86_400L * 800, 253_402_300_800L + 86_400L * 800)
                  : random.nextLong(-4_000_000_000L, 4_000_000_000L);
      int nanoPick = random.nextInt(4);
      int nanos =
          nanoPick == 0
              ? 0
              : nanoPick == 1
                  ? random.nextInt(0, 1000) * 1_000_000
                  : nanoPick == 2
                      ? random.nextInt(0, 1_000_000) * 1000
                      : random.nextInt(0, 1_000_000_000);
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      LocalDate date = local.toLocalDate();
      String written =
          new Pretty.Writer(16).beginArray().value(instant).value(local).value(date).end().text();
      ArrayNode tree =
          NODES.arrayNode().add(instant.toString()).add(Times.format(local)).add(date.toString());
      assertThat(written).as("%s", instant).isEqualTo(Pretty.write(tree));
    }
  }
}
