package org.blendedtherapy.host;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.blendedtherapy.Issue;
import org.blendedtherapy.SupportedRange;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.RemindersJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.reminders.ReminderSchedule;
import org.blendedtherapy.state.ClientState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP API: routes, access control and the JSON of errors. Every error is a JSON body {@code
 * {"status","code","message","issues":[…]}} where issues carry the library's codes and pointers.
 * Nothing a request carries (client references, event contents) is logged: a failure is logged with
 * the route's pattern and the exception's types only.
 */
final class Api implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String JSON = "application/json; charset=utf-8";
  private static final int MAX_ID_LENGTH = 200;

  private static final int GRANT_SECONDS = 30;

  /** The longest window of {@code /due}: every client is asked about it. */
  static final Duration MAX_DUE_WINDOW = Duration.ofDays(31);

  /** The longest window of one client's reminders: a whole plan and then some. */
  static final Duration MAX_CLIENT_WINDOW = Duration.ofDays(3 * 366);

  private static final int MAX_GRANTS = 10_000;

  private final Store store;
  private final Clock clock;
  private final Map<String, Cached> grants = new ConcurrentHashMap<>();

  /** A grant read from the store, and until when it is used without reading it again. */
  private record Cached(Store.Grant grant, Instant until) {}

  Api(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A refusal that ends the request with an error body. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient List<Issue> issues;
    private final transient Optional<ArrayNode> lines;

    Refusal(int status, String code, String message) {
      this(status, code, message, List.of(), Optional.empty());
    }

    Refusal(
        int status, String code, String message, List<Issue> issues, Optional<ArrayNode> lines) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.issues = List.copyOf(issues);
      this.lines = lines;
    }
  }

  /** Who is asking: a role and, for a therapist, whose caseload. */
  record Caller(Role role, Optional<String> therapist) {}

  @Override
  public void handle(HttpExchange exchange) {
    String route = "?";
    try {
      List<String> path = segments(exchange.getRequestURI().getRawPath());
      route = pattern(path);
      try {
        dispatch(exchange, path);
      } catch (Refusal refusal) {
        refuse(exchange, refusal);
      } catch (Body.TooLarge tooLarge) {
        // The rest of the body is not read: the connection closes after the answer.
        exchange.getResponseHeaders().set("Connection", "close");
        refuse(exchange, new Refusal(413, "too-large", tooLarge.getMessage()));
      }
    } catch (IOException e) {
      // The caller went away before the answer was written: nothing to answer, nothing to fix.
      LOG.warn(
          "{} {}: the connection closed early ({})",
          exchange.getRequestMethod(),
          route,
          e.getClass().getName());
    } catch (Exception | Error e) {
      LOG.error("{} {} failed: {}", exchange.getRequestMethod(), route, Failures.describe(e));
      try {
        refuse(exchange, new Refusal(500, "internal", "the host failed; see its log"));
      } catch (IOException | RuntimeException ignored) {
        // The answer has begun or the connection is gone: nothing more can be said.
      }
    } finally {
      exchange.close();
    }
  }

  private void dispatch(HttpExchange x, List<String> path) throws Exception {
    String method = x.getRequestMethod();
    int n = path.size();
    if (n == 1 && path.get(0).equals("health")) {
      requireMethod(method, "GET");
      health(x);
      return;
    }
    if (n == 1 && path.get(0).equals("openapi.json")) {
      requireMethod(method, "GET");
      try (InputStream in = Api.class.getResourceAsStream("/openapi.json")) {
        send(x, 200, JSON, in.readAllBytes());
      }
      return;
    }
    Caller caller = authenticate(x);
    if (n == 3 && path.get(0).equals("protocols")) {
      requireMethod(method, "PUT");
      requireRole(caller, Role.SERVICE);
      putProtocol(x, path.get(1), path.get(2));
    } else if (n == 2 && path.get(0).equals("clients")) {
      requireMethod(method, "PUT");
      requireRole(caller, Role.SERVICE);
      putClient(x, path.get(1));
    } else if (n == 3 && path.get(0).equals("clients")) {
      String ref = path.get(1);
      switch (path.get(2)) {
        case "therapist":
          requireMethod(method, "PUT");
          requireRole(caller, Role.SERVICE);
          putTherapist(x, ref);
          break;
        case "events":
          requireMethod(method, "POST");
          requireClient(caller, ref);
          append(x, ref);
          break;
        case "state":
          requireMethod(method, "GET");
          requireClient(caller, ref);
          state(x, ref);
          break;
        case "reminders":
          requireMethod(method, "GET");
          requireClient(caller, ref);
          reminders(x, ref);
          break;
        case "briefing":
          requireMethod(method, "GET");
          requireClient(caller, ref);
          briefing(x, ref);
          break;
        default:
          throw notFound();
      }
    } else if (n == 1 && path.get(0).equals("due")) {
      requireMethod(method, "GET");
      requireRole(caller, Role.SERVICE, Role.NOTIFIER);
      due(x);
    } else {
      throw notFound();
    }
  }

  // ---- access

  private Caller authenticate(HttpExchange x) throws Exception {
    String header = x.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("a bearer token is required");
    }
    String token = header.substring(7).trim();
    Optional<Store.Grant> grant = grant(Tokens.hash(token));
    if (grant.isEmpty()) {
      throw unauthorized("the token is not known");
    }
    if (grant.get().expires().map(e -> !clock.instant().isBefore(e)).orElse(false)) {
      throw unauthorized("the token has expired");
    }
    return new Caller(grant.get().role(), grant.get().therapist());
  }

  /**
   * A token's grant, kept for {@link #GRANT_SECONDS} once read: a grant never changes, and a new
   * token is read at its first use.
   */
  private Optional<Store.Grant> grant(String hash) throws Exception {
    Instant now = clock.instant();
    Cached cached = grants.get(hash);
    if (cached != null && now.isBefore(cached.until())) {
      return Optional.of(cached.grant());
    }
    Optional<Store.Grant> grant = store.grant(hash);
    if (grant.isPresent()) {
      if (grants.size() >= MAX_GRANTS) {
        grants.clear();
      }
      grants.put(hash, new Cached(grant.get(), now.plusSeconds(GRANT_SECONDS)));
    }
    return grant;
  }

  private static Refusal unauthorized(String message) {
    return new Refusal(401, "unauthorized", message);
  }

  private static void requireRole(Caller caller, Role... roles) throws Refusal {
    for (Role role : roles) {
      if (caller.role() == role) {
        return;
      }
    }
    throw new Refusal(403, "forbidden", "the " + caller.role().json() + " role may not do this");
  }

  /** A therapist sees only their caseload; anyone else's client is not found, as a missing one. */
  private void requireClient(Caller caller, String ref) throws Exception {
    requireRole(caller, Role.SERVICE, Role.THERAPIST);
    Optional<String> therapist =
        caller.role() == Role.THERAPIST ? caller.therapist() : Optional.empty();
    if (caller.role() == Role.THERAPIST && therapist.isEmpty()) {
      throw notFound();
    }
    // The service sees every client; a missing one is found missing by the endpoint itself.
    if (caller.role() == Role.THERAPIST && !store.isVisible(ref, therapist)) {
      throw notFound();
    }
  }

  private static Refusal notFound() {
    return new Refusal(404, "not-found", "no such resource");
  }

  private static void requireMethod(String method, String allowed) throws Refusal {
    if (!method.equals(allowed)) {
      throw new Refusal(405, "method-not-allowed", "this resource answers " + allowed + " only");
    }
  }

  // ---- endpoints

  private void health(HttpExchange x) throws IOException {
    if (store.isReachable()) {
      send(x, 200, JSON, "{\"status\":\"up\"}\n");
    } else {
      send(
          x,
          503,
          JSON,
          error(503, "database-unreachable", "the database is not reachable", List.of()));
    }
  }

  private void putProtocol(HttpExchange x, String id, String version) throws Exception {
    byte[] document = Body.document(x);
    Validation<org.blendedtherapy.protocol.Protocol> validation = ProtocolJson.validate(document);
    if (!validation.isValid()) {
      throw invalid("the protocol is invalid", validation.issues());
    }
    PinnedProtocol pinned = ProtocolJson.pin(validation.value().orElseThrow());
    if (!pinned.protocol().id().equals(id) || !pinned.protocol().version().equals(version)) {
      throw new Refusal(
          400, "path-mismatch", "the document's id and version differ from the path's");
    }
    Store.Put put = store.putProtocol(pinned, document);
    if (put == Store.Put.CONFLICT) {
      throw new Refusal(
          409, "protocol-conflict", "this id and version are stored with other content");
    }
    ObjectNode body = NODES.objectNode();
    body.put("id", id).put("version", version).put("sha256", pinned.sha256());
    body.put("result", put == Store.Put.CREATED ? "created" : "unchanged");
    send(x, put == Store.Put.CREATED ? 201 : 200, JSON, body);
  }

  private void putClient(HttpExchange x, String ref) throws Exception {
    requireId("client reference", ref);
    byte[] document = Body.document(x);
    Validation<Enrolment> validation = EnrolmentJson.validate(document);
    if (!validation.isValid()) {
      throw invalid("the enrolment is invalid", validation.issues());
    }
    Enrolment enrolment = validation.value().orElseThrow();
    if (!enrolment.client().equals(ref)) {
      throw new Refusal(400, "path-mismatch", "the enrolment's client differs from the path's");
    }
    Optional<PinnedProtocol> pinned =
        store.protocol(enrolment.protocol().id(), enrolment.protocol().version());
    if (pinned.isEmpty()) {
      throw new Refusal(
          409, "unknown-protocol", "the enrolment's pin names no stored protocol id and version");
    }
    Optional<Issue> mismatch = pinned.get().check(enrolment);
    if (mismatch.isPresent()) {
      throw new Refusal(
          409,
          "pin-mismatch",
          "the enrolment's pin matches no stored protocol",
          List.of(mismatch.get()),
          Optional.empty());
    }
    Store.Put put = store.putClient(ref, pinned.get(), enrolment, document);
    ObjectNode body = NODES.objectNode();
    body.put("result", put.name().toLowerCase(java.util.Locale.ROOT));
    send(x, put == Store.Put.CREATED ? 201 : 200, JSON, body);
  }

  private void putTherapist(HttpExchange x, String ref) throws Exception {
    byte[] document = Body.document(x);
    JsonNode body;
    try {
      body = MAPPER.readTree(document);
    } catch (JacksonException e) {
      throw new Refusal(400, "syntax", "the body is not JSON; expected {\"therapist\": ID}");
    }
    JsonNode therapist = body == null ? null : body.get("therapist");
    if (body == null
        || !body.isObject()
        || body.size() != 1
        || therapist == null
        || !(therapist.isString() || therapist.isNull())) {
      throw new Refusal(
          400,
          "bad-body",
          "expected {\"therapist\": ID} (a string, or null to take the client off)");
    }
    Optional<String> id = therapist.isNull() ? Optional.empty() : Optional.of(therapist.asString());
    if (id.isPresent()) {
      requireId("therapist", id.get());
    }
    if (!store.setTherapist(ref, id)) {
      throw notFound();
    }
    ObjectNode answer = NODES.objectNode();
    if (id.isPresent()) {
      answer.put("therapist", id.get());
    } else {
      answer.putNull("therapist");
    }
    send(x, 200, JSON, answer);
  }

  private void append(HttpExchange x, String ref) throws Exception {
    List<Body.Line> lines = Body.lines(x);
    if (lines.isEmpty()) {
      throw new Refusal(400, "empty", "no event; expected one JSON object per line");
    }
    List<Event> events = new ArrayList<>(lines.size());
    List<Issue> issues = new ArrayList<>();
    ArrayNode bad = NODES.arrayNode();
    for (Body.Line line : lines) {
      Validation<Event> validation = EventsJson.validateEvent(line.bytes());
      if (validation.isValid()) {
        events.add(validation.value().orElseThrow());
      } else {
        for (Issue issue : validation.issues()) {
          issues.add(issue);
          bad.add(issueNode(issue).put("line", line.number()));
        }
      }
    }
    if (!issues.isEmpty()) {
      throw new Refusal(
          400,
          "invalid-input",
          "an event is invalid; nothing was stored",
          issues,
          Optional.of(bad));
    }
    Store.Append append = store.append(ref, events);
    if (!append.found()) {
      throw notFound();
    }
    ArrayNode report = NODES.arrayNode();
    int stored = 0;
    int duplicates = 0;
    for (int i = 0; i < events.size(); i++) {
      Store.LineResult result = append.lines().get(i);
      stored += result == Store.LineResult.STORED ? 1 : 0;
      duplicates += result == Store.LineResult.DUPLICATE ? 1 : 0;
      report.add(
          NODES
              .objectNode()
              .put("line", lines.get(i).number())
              .put("id", events.get(i).id())
              .put("result", result.name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (append.hasConflict()) {
      throw new Refusal(
          409,
          "event-conflict",
          "an event id is stored with other content; nothing was stored",
          List.of(),
          Optional.of(report));
    }
    ObjectNode body = NODES.objectNode();
    body.put("stored", stored).put("duplicates", duplicates).set("lines", report);
    send(x, 200, JSON, body);
  }

  private void state(HttpExchange x, String ref) throws Exception {
    Map<String, String> query = Query.parse(x.getRequestURI().getRawQuery());
    Instant at = instant(query, "at").orElseGet(clock::instant);
    Store.Client client = store.client(ref).orElseThrow(Api::notFound);
    ClientState state = ClientState.of(client.protocol(), client.enrolment(), client.history(), at);
    send(x, 200, JSON, StateJson.write(state) + "\n");
  }

  private void reminders(HttpExchange x, String ref) throws Exception {
    Map<String, String> query = Query.parse(x.getRequestURI().getRawQuery());
    Instant[] window = window(query, MAX_CLIENT_WINDOW);
    Store.Client client = store.client(ref).orElseThrow(Api::notFound);
    ReminderSchedule schedule =
        ClientState.of(client.protocol(), client.enrolment(), client.history())
            .reminders(window[0], window[1]);
    send(x, 200, JSON, RemindersJson.write(schedule) + "\n");
  }

  private void briefing(HttpExchange x, String ref) throws Exception {
    Map<String, String> query = Query.parse(x.getRequestURI().getRawQuery());
    Instant at = instant(query, "at").orElseGet(clock::instant);
    Store.Client client = store.client(ref).orElseThrow(Api::notFound);
    ClientState state = ClientState.of(client.protocol(), client.enrolment(), client.history(), at);
    Headers headers = x.getResponseHeaders();
    // Nothing is fetched from anywhere: no script at all, styles inline.
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'");
    headers.set("Referrer-Policy", "no-referrer");
    send(x, 200, "text/html; charset=utf-8", Briefing.html(ref, state));
  }

  private void due(HttpExchange x) throws Exception {
    Map<String, String> query = Query.parse(x.getRequestURI().getRawQuery());
    Instant[] window = window(query, MAX_DUE_WINDOW);
    Headers headers = x.getResponseHeaders();
    headers.set("Content-Type", "application/x-ndjson; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    x.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(x.getResponseBody(), 16 * 1024)) {
      store.snapshots(
          snapshot -> {
            ReminderSchedule schedule =
                ClientState.restore(snapshot.protocol(), snapshot.enrolment(), snapshot.bytes())
                    .reminders(window[0], window[1]);
            if (!schedule.reminders().isEmpty()) {
              JsonNode written = MAPPER.readTree(RemindersJson.write(schedule));
              ObjectNode line = NODES.objectNode();
              line.put("client", snapshot.ref());
              line.set("reminders", written.get("reminders"));
              out.write(MAPPER.writeValueAsBytes(line));
              out.write('\n');
            }
          });
    }
  }

  // ---- query values

  private static Optional<Instant> instant(Map<String, String> query, String name) throws Refusal {
    String value = query.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      Instant instant = Instant.parse(value);
      if (!SupportedRange.contains(instant)) {
        throw new Refusal(
            400, "out-of-range", name + " is outside the supported " + SupportedRange.TEXT);
      }
      return Optional.of(instant);
    } catch (DateTimeParseException e) {
      throw new Refusal(
          400, "bad-query", name + " is not a UTC instant such as 2027-01-04T10:50:00Z");
    }
  }

  private static Instant[] window(Map<String, String> query, Duration max) throws Refusal {
    Optional<Instant> from = instant(query, "from");
    Optional<Instant> to = instant(query, "to");
    if (from.isEmpty() || to.isEmpty()) {
      throw new Refusal(400, "bad-query", "from and to are required UTC instants");
    }
    if (from.get().isAfter(to.get())) {
      throw new Refusal(400, "bad-query", "from is after to");
    }
    if (Duration.between(from.get(), to.get()).compareTo(max) > 0) {
      throw new Refusal(
          400,
          "window-too-long",
          "the window is at most " + max.toDays() + " days: its cost grows with its length");
    }
    return new Instant[] {from.get(), to.get()};
  }

  private static void requireId(String what, String id) throws Refusal {
    if (id.isEmpty()
        || id.length() > MAX_ID_LENGTH
        || id.chars().anyMatch(Character::isISOControl)) {
      throw new Refusal(
          400,
          "bad-id",
          "a " + what + " is 1 to " + MAX_ID_LENGTH + " characters without control characters");
    }
  }

  private static Refusal invalid(String message, List<Issue> issues) {
    return new Refusal(400, "invalid-input", message, issues, Optional.empty());
  }

  // ---- paths

  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/", -1)) {
      if (!raw.isEmpty()) {
        segments.add(Query.decode(raw, false));
      }
    }
    return segments;
  }

  /** The route's pattern, for the log: never a client reference or any other value. */
  static String pattern(List<String> path) {
    if (path.size() >= 2 && path.get(0).equals("clients")) {
      return "/clients/{ref}" + (path.size() > 2 ? "/" + safe(path.get(2)) : "");
    }
    if (path.size() == 3 && path.get(0).equals("protocols")) {
      return "/protocols/{id}/{version}";
    }
    return path.size() == 1 ? "/" + safe(path.get(0)) : "/…";
  }

  private static String safe(String segment) {
    return List.of(
                "health",
                "openapi.json",
                "due",
                "therapist",
                "events",
                "state",
                "reminders",
                "briefing")
            .contains(segment)
        ? segment
        : "…";
  }

  // ---- answers

  private static void refuse(HttpExchange x, Refusal refusal) throws IOException {
    if (refusal.status == 401) {
      x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"blended\"");
    }
    ObjectNode body = errorNode(refusal.status, refusal.code, refusal.getMessage(), refusal.issues);
    refusal.lines.ifPresent(lines -> body.set("lines", lines));
    send(x, refusal.status, JSON, body);
  }

  static String error(int status, String code, String message, List<Issue> issues) {
    return MAPPER.writeValueAsString(errorNode(status, code, message, issues)) + "\n";
  }

  private static ObjectNode errorNode(int status, String code, String message, List<Issue> issues) {
    ObjectNode body = NODES.objectNode();
    body.put("status", status).put("code", code).put("message", message);
    ArrayNode list = body.putArray("issues");
    issues.forEach(issue -> list.add(issueNode(issue)));
    return body;
  }

  private static ObjectNode issueNode(Issue issue) {
    return NODES
        .objectNode()
        .put("severity", issue.severity().label())
        .put("code", issue.code().json())
        .put("pointer", issue.pointer())
        .put("message", issue.message());
  }

  private static void send(HttpExchange x, int status, String type, ObjectNode body)
      throws IOException {
    send(x, status, type, MAPPER.writeValueAsString(body) + "\n");
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    send(x, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int status, String type, byte[] body)
      throws IOException {
    Headers headers = x.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
