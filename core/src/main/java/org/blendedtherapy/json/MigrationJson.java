package org.blendedtherapy.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.InvalidInputException;
import org.blendedtherapy.Issue;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Migration;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.ProtocolPin;
import org.blendedtherapy.internal.JsonNames;
import org.blendedtherapy.internal.Pointers;
import org.blendedtherapy.internal.Results;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads, validates and writes migration documents ({@code migration.schema.json}).
 *
 * <p>Validation runs in three layers, each collecting every issue before the next runs: syntax
 * under the limits of protocols; the bundled JSON Schema; then meaning against the two protocols:
 * the pins must be theirs ({@code pin-mismatch}), every module named must exist on its side ({@code
 * unknown-module}), every old module without a counterpart of the same id must be named, two old
 * modules moved into one new module must say how they merge ({@code ambiguous-merge}), policies
 * must exist ({@code unknown-policy}), {@code newPlanFrom} must lie within the new plan or just
 * after it ({@code out-of-range}), and a retirement that drops work is a warning ({@code
 * work-dropped}). A module a client had opened never closes: the fold carries every opened module
 * into its target, so no mapping can re-lock one.
 *
 * <p>The methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class MigrationJson {
  private MigrationJson() {}

  /**
   * Validates a migration document on its own (syntax and schema) and, when valid, returns it.
   *
   * @param bytes the document, UTF-8
   * @return every issue found, and the migration when there is no error
   */
  public static Validation<Migration> validate(byte[] bytes) {
    JsonInput.Parsed parsed = new JsonInput(true).parse(bytes);
    List<Issue> issues = new ArrayList<>(parsed.issues());
    if (parsed.tree().isEmpty() || !issues.isEmpty()) {
      return Results.validation(issues, Optional.empty());
    }
    JsonNode tree = parsed.tree().get();
    issues.addAll(SchemaCheck.Migration.INSTANCE.check(tree));
    if (!issues.isEmpty()) {
      return Results.validation(issues, Optional.empty());
    }
    return Results.validation(issues, Optional.of(map(tree)));
  }

  /**
   * Validates a migration document against the two protocols it names.
   *
   * @param bytes the document, UTF-8
   * @param from the protocol clients move from
   * @param to the protocol they move to
   * @return every issue found, and the migration when there is no error
   */
  public static Validation<Migration> validate(
      byte[] bytes, PinnedProtocol from, PinnedProtocol to) {
    Validation<Migration> alone = validate(bytes);
    if (alone.value().isEmpty()) {
      return alone;
    }
    List<Issue> issues = new ArrayList<>(alone.issues());
    issues.addAll(check(alone.value().get(), from, to));
    boolean error = issues.stream().anyMatch(Issue::isError);
    return Results.validation(issues, error ? Optional.empty() : alone.value());
  }

  /**
   * Reads a migration document against the two protocols it names.
   *
   * @param bytes the document, UTF-8
   * @param from the protocol clients move from
   * @param to the protocol they move to
   * @return the migration
   * @throws InvalidInputException with every issue when the document is not valid
   */
  public static Migration read(byte[] bytes, PinnedProtocol from, PinnedProtocol to) {
    return validate(bytes, from, to).orElseThrow("migration");
  }

  /** The meaning layer: the migration against its two protocols. */
  static List<Issue> check(Migration migration, PinnedProtocol from, PinnedProtocol to) {
    List<Issue> issues = new ArrayList<>();
    pin(migration.from(), from, "/from", issues);
    pin(migration.to(), to, "/to", issues);
    Protocol a = from.protocol();
    Protocol b = to.protocol();
    Map<String, List<String>> into = new HashMap<>();
    Map<String, Migration.Merge> merges = new HashMap<>();
    migration
        .modules()
        .forEach(
            (old, target) -> {
              String pointer = Pointers.key("/modules", old);
              if (a.module(old).isEmpty()) {
                issues.add(
                    Issue.error(
                        IssueCode.UNKNOWN_MODULE,
                        pointer,
                        "no module \"" + old + "\" in " + a.id() + " " + a.version()));
              }
              if (target instanceof Migration.Moved moved && b.module(moved.into()).isEmpty()) {
                issues.add(
                    Issue.error(
                        IssueCode.UNKNOWN_MODULE,
                        pointer,
                        "no module \"" + moved.into() + "\" in " + b.id() + " " + b.version()));
              }
              if (target instanceof Migration.Retired retired
                  && retired.work() == Migration.RetiredWork.DROPPED) {
                issues.add(
                    Issue.warning(
                        IssueCode.WORK_DROPPED,
                        pointer,
                        "clients' work on \"" + old + "\" is dropped: " + retired.reason()));
              }
            });
    for (Module module : a.modules()) {
      Migration.Target target = migration.target(module.id());
      if (target instanceof Migration.Moved moved) {
        if (!migration.modules().containsKey(module.id()) && b.module(moved.into()).isEmpty()) {
          issues.add(
              Issue.error(
                  IssueCode.UNKNOWN_MODULE,
                  "/modules",
                  "module \""
                      + module.id()
                      + "\" has no module with the same id in "
                      + b.id()
                      + " "
                      + b.version()
                      + ": move it into one or retire it"));
        }
        into.computeIfAbsent(moved.into(), k -> new ArrayList<>()).add(module.id());
        merges.merge(moved.into(), moved.merge(), (x, y) -> x == Migration.Merge.NONE ? x : y);
      }
    }
    into.forEach(
        (target, sources) -> {
          if (sources.size() > 1 && merges.get(target) == Migration.Merge.NONE) {
            issues.add(
                Issue.error(
                    IssueCode.AMBIGUOUS_MERGE,
                    "/modules",
                    "modules "
                        + String.join(", ", sources.stream().map(s -> "\"" + s + "\"").toList())
                        + " all move into \""
                        + target
                        + "\"; give each {\"into\": \""
                        + target
                        + "\", \"merge\": \"any\"} or \"all\" to say how they combine"));
          }
        });
    migration
        .policies()
        .forEach(
            (old, target) -> {
              String pointer = Pointers.key("/policies", old);
              if (!hasPolicy(a, old)) {
                issues.add(
                    Issue.error(
                        IssueCode.UNKNOWN_POLICY,
                        pointer,
                        "no reminder policy \"" + old + "\" in " + a.id() + " " + a.version()));
              }
              if (target.isPresent() && !hasPolicy(b, target.get())) {
                issues.add(
                    Issue.error(
                        IssueCode.UNKNOWN_POLICY,
                        pointer,
                        "no reminder policy \""
                            + target.get()
                            + "\" in "
                            + b.id()
                            + " "
                            + b.version()));
              }
            });
    int sessions = b.sessionPlan().sessions();
    if (migration.newPlanFrom() > sessions + 1) {
      issues.add(
          Issue.error(
              IssueCode.OUT_OF_RANGE,
              "/sessions/newPlanFrom",
              "expected at most "
                  + (sessions + 1)
                  + " (the new plan has "
                  + sessions
                  + " sessions), found "
                  + migration.newPlanFrom()));
    }
    return issues;
  }

  private static boolean hasPolicy(Protocol protocol, String id) {
    for (ReminderPolicy policy : protocol.reminders()) {
      if (policy.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static void pin(
      ProtocolPin named, PinnedProtocol given, String pointer, List<Issue> issues) {
    if (!named.equals(given.pin())) {
      issues.add(
          Issue.error(
              IssueCode.PIN_MISMATCH,
              pointer,
              "the migration names protocol "
                  + named.id()
                  + " "
                  + named.version()
                  + " sha256="
                  + named.sha256()
                  + " but was given "
                  + given.protocol().id()
                  + " "
                  + given.protocol().version()
                  + " sha256="
                  + given.sha256()));
    }
  }

  private static Migration map(JsonNode tree) {
    Map<String, Migration.Target> modules = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : tree.get("modules").properties()) {
      JsonNode v = e.getValue();
      Migration.Target target;
      if (v.isString()) {
        target = new Migration.Moved(v.asString(), Migration.Merge.NONE);
      } else if (v.has("into")) {
        String merge = v.has("merge") ? v.get("merge").asString() : "none";
        target =
            new Migration.Moved(
                v.get("into").asString(),
                JsonNames.find(Migration.Merge.values(), Migration.Merge::json, merge)
                    .orElseThrow());
      } else {
        target =
            new Migration.Retired(
                JsonNames.find(
                        Migration.RetiredWork.values(),
                        Migration.RetiredWork::json,
                        v.get("retired").asString())
                    .orElseThrow(),
                v.get("reason").asString());
      }
      modules.put(e.getKey(), target);
    }
    Map<String, Optional<String>> policies = new LinkedHashMap<>();
    if (tree.has("policies")) {
      for (Map.Entry<String, JsonNode> e : tree.get("policies").properties()) {
        policies.put(
            e.getKey(),
            e.getValue().isNull() ? Optional.empty() : Optional.of(e.getValue().asString()));
      }
    }
    return new Migration(
        pinOf(tree.get("from")),
        pinOf(tree.get("to")),
        modules,
        tree.get("sessions").get("newPlanFrom").asInt(),
        policies,
        Canonical.sha256(Canonical.write(tree)));
  }

  private static ProtocolPin pinOf(JsonNode node) {
    return new ProtocolPin(
        node.get("id").asString(), node.get("version").asString(), node.get("sha256").asString());
  }

  /**
   * Writes a proposed migration as a document a person can finish and read back: its decisions as
   * the {@code description}.
   *
   * @param proposal the proposal
   * @return the JSON text, two-space indented, ending in a newline
   */
  public static String write(Migration.Proposal proposal) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    if (!proposal.decisions().isEmpty()) {
      root.put("description", "To decide: " + String.join("; ", proposal.decisions()) + ".");
    }
    root.set("from", pinNode(proposal.from()));
    root.set("to", pinNode(proposal.to()));
    ObjectNode modules = root.putObject("modules");
    proposal
        .modules()
        .forEach(
            (old, target) -> {
              if (target instanceof Migration.Moved moved) {
                if (moved.merge() == Migration.Merge.NONE) {
                  modules.put(old, moved.into());
                } else {
                  modules
                      .putObject(old)
                      .put("into", moved.into())
                      .put("merge", moved.merge().json());
                }
              } else if (target instanceof Migration.Retired retired) {
                modules
                    .putObject(old)
                    .put("retired", retired.work().json())
                    .put("reason", retired.reason());
              }
            });
    root.putObject("sessions").put("newPlanFrom", proposal.newPlanFrom());
    ObjectNode policies = root.putObject("policies");
    proposal
        .policies()
        .forEach(
            (old, target) -> {
              if (target.isPresent()) {
                policies.put(old, target.get());
              } else {
                policies.putNull(old);
              }
            });
    return Pretty.write(root);
  }

  private static ObjectNode pinNode(ProtocolPin pin) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", pin.id());
    node.put("version", pin.version());
    node.put("sha256", pin.sha256());
    return node;
  }

  /**
   * Reads a migration document held as a string against the two protocols it names.
   *
   * @param json the document
   * @param from the protocol clients move from
   * @param to the protocol they move to
   * @return the migration
   * @throws InvalidInputException with every issue when the document is not valid
   */
  public static Migration read(String json, PinnedProtocol from, PinnedProtocol to) {
    return read(json.getBytes(StandardCharsets.UTF_8), from, to);
  }
}
