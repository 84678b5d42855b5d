package org.blendedtherapy.flink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.plan.Times;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.RiskFlag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The heart of the job: per client (the key), folds events into the library's state in canonical
 * order, keeps its snapshot in keyed state, holds one event-time timer for the client's next
 * reminder and emits each reminder once when its time comes.
 *
 * <p>Time: an event waits in keyed state until the watermark passes its {@code at}, then is folded
 * in order of {@code at}, then id, so events of a client may arrive in any order. A timer at an
 * instant T first folds the events at T, then emits every reminder with an instant in [the last
 * emitted, T] that the state does not suppress, then sets the one timer for the next reminder. In a
 * replay the watermark stays back until the input is consumed; live, it is the wall clock less a
 * delay (see {@link WallClockWatermarks}). An event that sorts before the last folded one arrived
 * too late to be folded in order and goes to the rejected output ({@code late}).
 */
final class ClientFunction
    extends KeyedBroadcastProcessFunction<String, InputRecord, ProtocolRecord, String> {
  private static final long serialVersionUID = 1L;

  static final MapStateDescriptor<String, String> PROTOCOLS =
      new MapStateDescriptor<>("protocols", Types.STRING, Types.STRING);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long FIRST_REMINDER =
      Instant.parse(SupportedRange.MIN_YEAR + "-01-01T00:00:00Z").toEpochMilli();

  private final boolean replay;
  private final long untilMillis;
  private final long delayMillis;
  private final long lateAfterMillis;
  private final int cacheSize;
  private final long retryMillis;
  private final int maxRetries;

  private transient ValueState<ClientRecord> clients;
  private transient MapState<Long, List<String>> pending;
  private transient Map<String, PinnedProtocol> protocols;
  private transient Map<String, Cached> cache;

  /** Events folded since the last snapshot before a new one is written. */
  static final int TAIL = 256;

  /**
   * A client's state in memory, valid while the client's record has the same version, with the
   * reminders it answered for a window {@code [.., windowEnd)} not yet emitted (the same state
   * always gives the same answer, and windows add up: {@code [a,b)} plus {@code [b,c)} is {@code
   * [a,c)}).
   */
  private static final class Cached {
    final long version;
    final ClientState state;
    final ArrayDeque<Reminder> upcoming = new ArrayDeque<>();
    @Nullable Instant windowEnd;
    boolean done;

    Cached(long version, ClientState state) {
      this.version = version;
      this.state = state;
    }
  }

  /** An event with the line it was read from. */
  private record Pending(Event event, String line) {}

  ClientFunction(JobSettings settings) {
    this.replay = settings.isReplay();
    this.untilMillis = settings.untilMillis();
    this.delayMillis = settings.watermarkDelay().toMillis();
    this.lateAfterMillis = settings.lateAfter().toMillis();
    this.cacheSize = settings.cachedClients();
    this.retryMillis = 1_000;
    this.maxRetries = 60;
  }

  @Override
  public void open(OpenContext context) {
    clients =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("client", TypeInformation.of(ClientRecord.class)));
    pending =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(Types.STRING)));
    protocols = new HashMap<>();
    int most = cacheSize;
    cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > most;
          }
        };
  }

  @Override
  public void processBroadcastElement(ProtocolRecord protocol, Context ctx, Collector<String> out)
      throws Exception {
    ctx.getBroadcastState(PROTOCOLS).put(protocol.key, protocol.json);
  }

  @Override
  public void processElement(InputRecord input, ReadOnlyContext ctx, Collector<String> out)
      throws Exception {
    switch (input.kind) {
      case INVALID -> ctx.output(BlendedJob.REJECTED, rejected(input, "invalid", input.json));
      case EVENT -> {
        List<String> at = pending.get(input.atMillis);
        List<String> more = at == null ? new ArrayList<>(1) : new ArrayList<>(at);
        more.add(input.json);
        pending.put(input.atMillis, more);
        ctx.timerService().registerEventTimeTimer(input.atMillis);
      }
      case ENROLMENT -> enrol(input, ctx);
    }
  }

  private void enrol(InputRecord input, ReadOnlyContext ctx) throws Exception {
    ClientRecord record = clients.value();
    if (record != null && record.enrolment.equals(input.json)) {
      return;
    }
    if (record != null && record.active) {
      ctx.output(
          BlendedJob.REJECTED,
          rejected(
              input,
              "enrolment-changed",
              "a different enrolment for a client already enrolled; moving a client is a"
                  + " migration"));
      return;
    }
    Enrolment enrolment = EnrolmentJson.read(input.json);
    ProtocolPin pin = enrolment.protocol();
    ClientRecord fresh = new ClientRecord();
    fresh.enrolment = input.json;
    fresh.protocolId = pin.id();
    fresh.protocolVersion = pin.version();
    fresh.protocolSha256 = pin.sha256();
    clients.update(fresh);
    // Whatever waited for the enrolment is folded when the watermark allows (at once in a live
    // run, at the end of the input in a replay).
    long watermark = ctx.timerService().currentWatermark();
    ctx.timerService()
        .registerEventTimeTimer(watermark == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : watermark + 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
    ClientRecord record = clients.value();
    String client = ctx.getCurrentKey();
    if (record == null) {
      if (replay) {
        rejectPending(ctx, client, "no-enrolment", "no enrolment for this client", Long.MAX_VALUE);
      }
      return;
    }
    if (record.unknownProtocol) {
      rejectPending(
          ctx, client, "unknown-protocol", "the pinned protocol is not loaded", Long.MAX_VALUE);
      return;
    }
    List<Pending> due;
    if (!record.active) {
      PinnedProtocol pinned = protocol(ctx, record);
      if (pinned == null) {
        record.retries++;
        if (replay || record.retries > maxRetries) {
          record.unknownProtocol = true;
          clients.update(record);
          rejectPending(
              ctx, client, "unknown-protocol", "the pinned protocol is not loaded", Long.MAX_VALUE);
        } else {
          clients.update(record);
          ctx.timerService().registerEventTimeTimer(retryAt(ctx.timerService()));
        }
        return;
      }
      Enrolment enrolment = EnrolmentJson.read(record.enrolment);
      ClientState empty = ClientState.of(pinned, enrolment, History.empty());
      record.active = true;
      record.remindedUpTo =
          replay
              ? FIRST_REMINDER
              : Math.max(FIRST_REMINDER, ctx.currentProcessingTime() - delayMillis);
      record.reminderTimer = Long.MAX_VALUE;
      due = takePending(timestamp);
      fold(ctx, client, record, empty, due);
    } else {
      due = takePendingAt(timestamp);
      if (!due.isEmpty()) {
        fold(ctx, client, record, current(ctx, client, record).state, due);
      } else if (timestamp < record.reminderTimer) {
        return;
      }
    }
    remind(ctx, client, record, current(ctx, client, record), timestamp, out);
    clients.update(record);
  }

  /** Folds events in canonical order, sending rejections and risk flags to their outputs. */
  private void fold(
      OnTimerContext ctx,
      String client,
      ClientRecord record,
      ClientState start,
      List<Pending> due) {
    due.sort(
        Comparator.comparing((Pending p) -> p.event().at()).thenComparing(p -> p.event().id()));
    ClientState state = start;
    List<String> folded = new ArrayList<>(due.size());
    for (Pending pending : due) {
      Event event = pending.event();
      Instant last =
          record.lastId.isEmpty()
              ? null
              : Instant.ofEpochSecond(record.lastAtSeconds, record.lastAtNanos);
      if (last != null
          && (event.at().isBefore(last)
              || (event.at().equals(last) && event.id().compareTo(record.lastId) < 0))) {
        ctx.output(
            BlendedJob.REJECTED,
            rejected(
                client,
                event.id(),
                "late",
                "arrived after the client's state had passed its instant (events are folded in"
                    + " order of at)"));
        continue;
      }
      try {
        state = state.apply(event);
      } catch (InvalidInputException | IllegalArgumentException e) {
        String reason =
            e instanceof InvalidInputException invalid
                ? InputRecord.describe(invalid.issues())
                : "sorts before the state's last event";
        ctx.output(BlendedJob.REJECTED, rejected(client, event.id(), "refused", reason));
        continue;
      }
      folded.add(pending.line());
      record.lastAtSeconds = event.at().getEpochSecond();
      record.lastAtNanos = event.at().getNano();
      record.lastId = event.id();
      if (event.type() == EventType.MEASURE_RECORDED) {
        risk(ctx, client, state, event);
      }
    }
    List<Rejection> rejected = state.rejected();
    for (int i = record.rejections; i < rejected.size(); i++) {
      Rejection r = rejected.get(i);
      ctx.output(BlendedJob.REJECTED, rejected(client, r.event(), r.code().json(), r.reason()));
    }
    record.rejections = rejected.size();
    if (record.tail.length + folded.size() >= TAIL) {
      record.snapshot = state.snapshot();
      record.tail = new String[0];
    } else if (!folded.isEmpty()) {
      String[] tail = Arrays.copyOf(record.tail, record.tail.length + folded.size());
      for (int i = 0; i < folded.size(); i++) {
        tail[record.tail.length + i] = folded.get(i);
      }
      record.tail = tail;
    }
    record.version++;
    cache.put(client, new Cached(record.version, state));
  }

  /** A PHQ-9 with item 9 above 0 raises a flag, whatever the rest of the history. */
  private static void risk(OnTimerContext ctx, String client, ClientState state, Event event) {
    // A restored state lists no reports of events before the snapshot, so the flag is read from
    // the library on the one event, as the full history would list it.
    ClientState one =
        ClientState.of(state.pinned(), state.enrolment(), History.of(List.of(event)), event.at());
    for (RiskFlag flag : one.risk()) {
      ObjectNode line = JSON.createObjectNode();
      line.put("client", client);
      line.put("event", flag.event());
      line.put("at", flag.at().toString());
      line.put("instrument", flag.instrument().json());
      line.put("item", flag.item());
      line.put("reason", flag.reason());
      ctx.output(BlendedJob.RISK, JSON.writeValueAsString(line));
    }
  }

  /**
   * Emits the reminders with an instant before the timer's end (its millisecond, or {@code
   * --until}) not emitted yet, then sets the one timer for the next. The reminders are the state's
   * own answer, asked a day at a time ({@code reminders(from, to)}) and kept with the state while
   * it does not change.
   */
  private void remind(
      OnTimerContext ctx,
      String client,
      ClientRecord record,
      Cached cached,
      long timestamp,
      Collector<String> out) {
    long upTo = Math.min(timestamp + 1, untilMillis);
    long now = ctx.currentProcessingTime();
    Instant from = Instant.ofEpochMilli(record.remindedUpTo);
    for (Reminder next = next(cached, from);
        next != null && next.instant().toEpochMilli() < upTo;
        next = next(cached, from)) {
      cached.upcoming.pollFirst();
      out.collect(
          line(client, next, !replay && now - next.instant().toEpochMilli() > lateAfterMillis));
    }
    record.remindedUpTo = Math.max(record.remindedUpTo, upTo);
    Reminder next = next(cached, Instant.ofEpochMilli(record.remindedUpTo));
    long timer = next == null ? Long.MAX_VALUE : InputRecord.ceilMillis(next.instant());
    if (timer >= untilMillis) {
      timer = Long.MAX_VALUE;
    }
    if (timer != record.reminderTimer) {
      TimerService timers = ctx.timerService();
      long old = record.reminderTimer;
      if (old != Long.MAX_VALUE && old > timestamp && !hasPending(old)) {
        timers.deleteEventTimeTimer(old);
      }
      if (timer != Long.MAX_VALUE) {
        timers.registerEventTimeTimer(timer);
      }
      record.reminderTimer = timer;
    }
  }

  /**
   * The first reminder at or after an instant that the cached state fires, without removing it: the
   * held window's next one, else the next day's window, else (a quiet day) the day from the next
   * reminder the library names; null when there is none.
   */
  private static @Nullable Reminder next(Cached cached, Instant from) {
    while (true) {
      while (!cached.upcoming.isEmpty() && cached.upcoming.peekFirst().instant().isBefore(from)) {
        cached.upcoming.pollFirst();
      }
      if (!cached.upcoming.isEmpty()) {
        return cached.upcoming.peekFirst();
      }
      if (cached.done) {
        return null;
      }
      Instant start =
          cached.windowEnd == null || cached.windowEnd.isBefore(from) ? from : cached.windowEnd;
      Instant end = start.plus(1, ChronoUnit.DAYS);
      List<Reminder> day = cached.state.reminders(start, end).reminders();
      if (day.isEmpty()) {
        List<Reminder> later = cached.state.nextReminders(end, 1);
        if (later.isEmpty()) {
          cached.done = true;
          return null;
        }
        start = end;
        end = later.get(0).instant().plus(1, ChronoUnit.DAYS);
        day = cached.state.reminders(start, end).reminders();
      }
      cached.upcoming.addAll(day);
      cached.windowEnd = end;
    }
  }

  /** One reminder as the library's reminders JSON writes it, with the client (and late). */
  private static String line(String client, Reminder reminder, boolean late) {
    ObjectNode line = JSON.createObjectNode();
    line.put("client", client);
    line.put("id", reminder.id());
    line.put("policy", reminder.policy());
    line.put("kind", reminder.kind().json());
    line.put("local", Times.format(reminder.local()));
    line.put("instant", reminder.instant().toString());
    line.put("zone", reminder.zone().getId());
    line.put("reason", reminder.reason());
    if (late) {
      line.put("late", true);
    }
    return JSON.writeValueAsString(line);
  }

  private boolean hasPending(long at) {
    try {
      return pending.contains(at);
    } catch (Exception e) {
      throw new IllegalStateException("keyed state unreadable", e);
    }
  }

  /** The client's state: from the cache while its version holds, else restored from state. */
  private Cached current(OnTimerContext ctx, String client, ClientRecord record) {
    Cached cached = cache.get(client);
    if (cached != null && cached.version == record.version) {
      return cached;
    }
    PinnedProtocol pinned = protocol(ctx, record);
    if (pinned == null) {
      throw new IllegalStateException("the broadcast state lost a protocol an active client pins");
    }
    Enrolment enrolment = EnrolmentJson.read(record.enrolment);
    ClientState state =
        record.snapshot.length == 0
            ? ClientState.of(pinned, enrolment, History.empty())
            : ClientState.restore(pinned, enrolment, record.snapshot);
    for (String line : record.tail) {
      state = state.apply(EventsJson.readLine(line));
    }
    Cached restored = new Cached(record.version, state);
    cache.put(client, restored);
    return restored;
  }

  private @Nullable PinnedProtocol protocol(ReadOnlyContext ctx, ClientRecord record) {
    String key =
        ProtocolRecord.key(
            new ProtocolPin(record.protocolId, record.protocolVersion, record.protocolSha256));
    PinnedProtocol known = protocols.get(key);
    if (known != null) {
      return known;
    }
    String json;
    try {
      ReadOnlyBroadcastState<String, String> state = ctx.getBroadcastState(PROTOCOLS);
      json = state.get(key);
    } catch (Exception e) {
      throw new IllegalStateException("broadcast state unreadable", e);
    }
    if (json == null) {
      return null;
    }
    PinnedProtocol pinned =
        ProtocolJson.pin(ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8)));
    protocols.put(key, pinned);
    return pinned;
  }

  private long retryAt(TimerService timers) {
    long watermark = timers.currentWatermark();
    return watermark == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : watermark + retryMillis;
  }

  /** The events waiting at one instant. */
  private List<Pending> takePendingAt(long at) throws Exception {
    List<String> lines = pending.get(at);
    if (lines == null) {
      return new ArrayList<>();
    }
    pending.remove(at);
    List<Pending> events = new ArrayList<>(lines.size());
    for (String line : lines) {
      events.add(new Pending(EventsJson.readLine(line), line));
    }
    return events;
  }

  /** Every event waiting at or before an instant (when a client becomes active). */
  private List<Pending> takePending(long upTo) throws Exception {
    List<Long> keys = new ArrayList<>();
    for (Long at : pending.keys()) {
      if (at <= upTo) {
        keys.add(at);
      }
    }
    List<Pending> events = new ArrayList<>();
    for (Long at : keys) {
      events.addAll(takePendingAt(at));
    }
    return events;
  }

  private void rejectPending(
      OnTimerContext ctx, String client, String code, String reason, long upTo) throws Exception {
    for (Pending p : takePending(upTo)) {
      ctx.output(BlendedJob.REJECTED, rejected(client, p.event().id(), code, reason));
    }
  }

  private static String rejected(InputRecord input, String code, String reason) {
    ObjectNode line = JSON.createObjectNode();
    line.put("client", input.client);
    line.put("source", input.source);
    if (input.line > 0) {
      line.put("line", input.line);
    }
    line.put("code", code);
    line.put("reason", reason);
    return JSON.writeValueAsString(line);
  }

  private static String rejected(String client, String event, String code, String reason) {
    ObjectNode line = JSON.createObjectNode();
    line.put("client", client);
    line.put("event", event);
    line.put("code", code);
    line.put("reason", reason);
    return JSON.writeValueAsString(line);
  }
}
