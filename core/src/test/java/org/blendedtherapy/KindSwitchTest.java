package org.blendedtherapy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No {@code default} label in a switch over a kind (issue #13): a switch over a kind is a switch
 * expression listing every constant, so that a new rule, schedule, event or reminder kind does not
 * compile until every switch places it.
 *
 * <p>The check is textual, over the main sources of core, cli and testkit, with comments and string
 * and character literals blanked out first. A switch counts as one over a kind when its subject
 *
 * <ul>
 *   <li>ends in a call of {@code kind()}, {@code type()}, {@code by()} or {@code status()};
 *   <li>ends in {@code Kind.fromJson(…).orElseThrow()} or {@code Type.fromJson(…).orElseThrow()}
 *       (or {@code .get()}); or
 *   <li>is a plain name declared in the same file (field, parameter or local) with a type whose
 *       simple name ends in {@code Kind}, {@code Type}, {@code Status} or {@code By}, such as
 *       {@code EventType type}, {@code Rule.Kind kind} or {@code OpenedBy by}.
 * </ul>
 *
 * <p>Limits: a kind reached any other way (a method with another name, a field access such as
 * {@code plan.at()}, a name declared in another file, a kind enum named otherwise, a switch over
 * the JSON name of a kind as a string) is not recognised; a name declared twice in one file with
 * different types counts as a kind if either type is one. The check looks only at the labels of the
 * switch itself, not of switches nested in its cases.
 */
class KindSwitchTest {
  private static final List<Path> ROOTS =
      List.of(
          Path.of("src/main/java"),
          Path.of("../cli/src/main/java"),
          Path.of("../testkit/src/main/java"));

  private static final Pattern KIND_CALL =
      Pattern.compile(
          "(?:\\b(?:kind|type|by|status)\\(\\)"
              + "|(?:Kind|Type)\\.fromJson\\(.*\\)\\.(?:orElseThrow|get)\\(\\))$");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern KIND_DECLARATION =
      Pattern.compile(
          "\\b(?:[A-Z][A-Za-z0-9_]*\\.)*(?=[A-Z])[A-Za-z0-9_]*(?:Kind|Type|Status|By)"
              + "\\s+([a-z_$][A-Za-z0-9_$]*)\\s*[=;,)]");
  private static final Pattern SWITCH = Pattern.compile("\\bswitch\\s*\\(");
  private static final Pattern DEFAULT_LABEL = Pattern.compile("\\bdefault\\s*(?::|->)");

  @Test
  void noSwitchOverAKind_hasADefaultLabel() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : ROOTS) {
      assertThat(root).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          for (String where : defaultsOverKinds(Files.readString(file))) {
            found.add(file + ":" + where);
          }
        }
      }
    }
    assertThat(found)
        .as(
            "switches over a kind with a default label; list every constant in a switch"
                + " expression instead")
        .isEmpty();
  }

  @Test
  void theCheck_findsAPlantedDefault() {
    String source =
        String.join(
            "\n",
            "class Planted {",
            "  int a(Event event) {",
            "    switch (event.type()) {",
            "      case MOOD_RATED: return 1;",
            "      default: return 0;",
            "    }",
            "  }",
            "  int b(Rule.Kind kind) {",
            "    return switch (kind) { case NOT -> 1; default -> 0; };",
            "  }",
            "  int c(Schedule schedule) {",
            "    return switch (schedule.kind()) { case DAILY -> 1; case WEEKLY -> 2; };",
            "  }",
            "  int d(char c) {",
            "    return switch (c) { case 'a' -> 1; default -> 0; };",
            "  }",
            "  int e(Event event) {",
            "    // switch (event.type()) { default: }",
            "    return switch (event.type()) {",
            "      case MOOD_RATED -> switch (c) { case 'x' -> 1; default -> 2; };",
            "      case PAUSED -> \"default: \".length();",
            "    };",
            "  }",
            "}");
    assertThat(defaultsOverKinds(source))
        .containsExactly("line 3: switch (event.type())", "line 9: switch (kind)");
  }

  /** The switches over a kind with a default label, as {@code line N: switch (subject)}. */
  static List<String> defaultsOverKinds(String source) {
    String code = blankCommentsAndLiterals(source);
    Set<String> kindNames = new HashSet<>();
    Matcher declaration = KIND_DECLARATION.matcher(code);
    while (declaration.find()) {
      kindNames.add(declaration.group(1));
    }
    List<String> found = new ArrayList<>();
    Matcher sw = SWITCH.matcher(code);
    while (sw.find()) {
      int open = sw.end() - 1;
      int close = matching(code, open, '(', ')');
      String subject = code.substring(open + 1, close).strip().replaceAll("\\s+", " ");
      boolean kind =
          KIND_CALL.matcher(subject).find()
              || NAME.matcher(subject).matches() && kindNames.contains(subject);
      if (!kind) {
        continue;
      }
      int body = code.indexOf('{', close);
      int end = matching(code, body, '{', '}');
      if (hasTopLevelDefault(code.substring(body + 1, end))) {
        int line = (int) code.substring(0, sw.start()).chars().filter(c -> c == '\n').count() + 1;
        found.add("line " + line + ": switch (" + subject + ")");
      }
    }
    return found;
  }

  /** Whether a switch body has a default label of its own, outside nested braces. */
  private static boolean hasTopLevelDefault(String body) {
    StringBuilder top = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        top.append(c);
        continue;
      }
      top.append(' ');
    }
    // A nested switch expression without braces is impossible: its body is always in braces.
    return DEFAULT_LABEL.matcher(top).find();
  }

  private static int matching(String code, int open, char opening, char closing) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == opening) {
        depth++;
      } else if (c == closing && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced " + opening + " at " + open);
  }

  /**
   * Replaces comments and the contents of string, text-block and character literals with spaces,
   * keeping line breaks, so that braces and words inside them are not read as code.
   */
  static String blankCommentsAndLiterals(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(source, i, end, out);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        while (end > 0 && source.charAt(end - 1) == '\\') {
          end = source.indexOf("\"\"\"", end + 1);
        }
        end = end < 0 ? n : end + 3;
        out.append("\"\"\"");
        blank(source, i + 3, end - 3, out);
        out.append("\"\"\"");
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        out.append(c);
        blank(source, i + 1, Math.min(j, n), out);
        if (j < n) {
          out.append(c);
        }
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blank(String source, int from, int to, StringBuilder out) {
    for (int k = from; k < to; k++) {
      out.append(source.charAt(k) == '\n' ? '\n' : ' ');
    }
  }
}
