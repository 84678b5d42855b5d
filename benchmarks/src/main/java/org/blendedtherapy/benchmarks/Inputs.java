package org.blendedtherapy.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.Preferences;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.testkit.LongHistories;

/** The inputs every benchmark shares, made by code from the sample protocol and the testkit. */
final class Inputs {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final LocalDateTime START = LocalDateTime.of(2027, 3, 22, 10, 0);
  static final Instant START_INSTANT = START.atZone(LONDON).toInstant();
  static final Instant YEAR_END = START.plusDays(365).atZone(LONDON).toInstant();
  static final List<LocalTime> DAILY = List.of(LocalTime.of(10, 0), LocalTime.of(19, 0));
  static final LocalDate FIRST_DAY = START.toLocalDate();
  static final long SEED = 20271;

  /** The sample protocol's bytes, copied onto the classpath at build time. */
  static final byte[] SAMPLE = resource("samples/e-compared-uk.json");

  /** The sample: 12 weekly sessions. */
  static final Protocol UK = Blended.protocol(SAMPLE);

  /** The sample with a year-long plan: 52 weekly sessions. */
  static final Protocol YEAR = LongHistories.withSessions(UK, 52);

  private Inputs() {}

  static Enrolment enrolment(Protocol protocol, String client, LocalDateTime start) {
    return enrolment(protocol, Blended.sha256(protocol), client, start);
  }

  static Enrolment enrolment(Protocol protocol, String sha256, String client, LocalDateTime start) {
    return new Enrolment(
        client,
        new ProtocolPin(protocol.id(), protocol.version(), sha256),
        start,
        LONDON,
        Preferences.NONE);
  }

  static Enrolment enrolment(Protocol protocol) {
    return enrolment(protocol, "client-bench", START);
  }

  static List<Event> events(Protocol protocol, Enrolment enrolment, int size) {
    return LongHistories.of(protocol, enrolment, size, SEED);
  }

  static Blended.Client client(Protocol protocol, int size) {
    Enrolment enrolment = enrolment(protocol);
    return Blended.Client.of(protocol, enrolment, events(protocol, enrolment, size));
  }

  static byte[] log(List<Event> events) {
    return LongHistories.toJsonLines(events).getBytes(StandardCharsets.UTF_8);
  }

  /** An hour after the last event: every event counts. */
  static Instant after(List<Event> events) {
    return events.isEmpty()
        ? START_INSTANT
        : events.get(events.size() - 1).at().plus(1, ChronoUnit.HOURS);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Inputs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
