package org.blendedtherapy.benchmarks;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import net.fortuna.ical4j.model.Recur;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.quartz.CronExpression;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a host would otherwise write with the libraries it would otherwise pick. Each anchor is
 * built once (schema compiled, rule parsed) and then does the same work as the blended side.
 */
final class Anchors {
  static final JsonMapper MAPPER = JsonMapper.builder().build();
  static final String RRULE = "FREQ=DAILY;BYHOUR=10,19;BYMINUTE=0;BYSECOND=0";
  static final TimeZone LONDON = TimeZone.getTimeZone("Europe/London");

  private Anchors() {}

  /** networknt over the project's own bundled protocol schema, loaded as core loads it. */
  static Schema protocolSchema() {
    String id = "https://blendedtherapy.org/schema/protocol/1";
    String text;
    try (InputStream in =
        Anchors.class.getResourceAsStream("/org/blendedtherapy/schema/protocol.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("bundled schema missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemas(Map.of(id, text))
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    schema.initializeValidators();
    return schema;
  }

  /** P1 anchor: Jackson readTree, then networknt validation with the same schema. */
  static List<Error> readTreeAndValidate(Schema schema, byte[] json) {
    JsonNode tree = MAPPER.readTree(json);
    return schema.validate(tree);
  }

  /** P2 anchor: one streaming pass over every token of the log; returns a checksum. */
  static long streamingParse(byte[] log) {
    long sum = 0;
    try (JsonParser parser = MAPPER.createParser(log)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case VALUE_STRING:
          case PROPERTY_NAME:
            sum += parser.getString().length();
            break;
          case VALUE_NUMBER_INT:
            sum += parser.getIntValue();
            break;
          default:
            sum++;
        }
      }
    }
    return sum;
  }

  static RecurrenceRule libRecurRule() {
    try {
      return new RecurrenceRule(RRULE);
    } catch (InvalidRecurrenceRuleException e) {
      throw new IllegalStateException(e);
    }
  }

  /** P3 anchor: lib-recur expanding the daily times over the year; returns the occurrences. */
  static int libRecur(RecurrenceRule rule, Instant from, Instant to) {
    RecurrenceRuleIterator it = rule.iterator(from.toEpochMilli(), LONDON);
    long end = to.toEpochMilli();
    int count = 0;
    while (it.hasNext() && it.peekMillis() < end) {
      it.nextMillis();
      count++;
    }
    return count;
  }

  static Recur<ZonedDateTime> ical4jRule() {
    return new Recur<>(RRULE);
  }

  /** P3 anchor: ical4j expanding the same rule over the year. */
  static int ical4j(Recur<ZonedDateTime> recur, ZonedDateTime from, ZonedDateTime to) {
    return recur.getDates(from, from, to).size();
  }

  static CronExpression quartzRule() {
    try {
      CronExpression cron = new CronExpression("0 0 10,19 * * ?");
      cron.setTimeZone(LONDON);
      return cron;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** P3 anchor: Quartz stepping a cron expression through the year. */
  static int quartz(CronExpression cron, Instant from, Instant to) {
    Date next = cron.getNextValidTimeAfter(Date.from(from.minusMillis(1)));
    Date end = Date.from(to);
    int count = 0;
    while (next != null && next.before(end)) {
      count++;
      next = cron.getNextValidTimeAfter(next);
    }
    return count;
  }

  /** P3 floor: a bare java.time loop over the days and times. */
  static int javaTime(List<LocalTime> times, Instant from, Instant to) {
    int count = 0;
    var date = from.atZone(Inputs.LONDON).toLocalDate();
    while (true) {
      for (LocalTime time : times) {
        Instant at = ZonedDateTime.of(date.atTime(time), Inputs.LONDON).toInstant();
        if (!at.isBefore(to)) {
          return count;
        }
        if (!at.isBefore(from)) {
          count++;
        }
      }
      date = date.plusDays(1);
    }
  }
}
