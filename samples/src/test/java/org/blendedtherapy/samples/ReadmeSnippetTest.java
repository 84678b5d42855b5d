package org.blendedtherapy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's dependency snippets are the ones the test hosts build with, so pasting one works:
 * the plain host's dependency is the core snippet, and every snippet names the build's version.
 */
class ReadmeSnippetTest {
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>\\s*(.*?)\\s*</dependency>", Pattern.DOTALL);
  private static final String VERSION = System.getProperty("blended.version");

  @Test
  void theCoreSnippet_isThePlainHostsDependency() throws IOException {
    String pom = read(Path.of("hosts/plain-werror/pom.xml"));
    List<String> hostDependencies = dependencies(pom.replace("@project.version@", VERSION));
    assertThat(hostDependencies).hasSize(1);
    assertThat(dependencies(read(Path.of("../README.md")))).contains(hostDependencies.get(0));
  }

  @Test
  void everyBlendedSnippet_namesTheBuildsVersion() throws IOException {
    List<String> blended =
        dependencies(read(Path.of("../README.md"))).stream()
            .filter(d -> d.contains("<groupId>org.blendedtherapy</groupId>"))
            .toList();
    assertThat(blended).hasSizeGreaterThanOrEqualTo(3);
    assertThat(blended)
        .allSatisfy(d -> assertThat(d).contains("<version>" + VERSION + "</version>"));
  }

  @Test
  void theBom_hasTheBuildsVersion() throws IOException {
    String bom = read(Path.of("../bom/pom.xml"));
    assertThat(bom)
        .contains("<artifactId>blended-bom</artifactId>\n  <version>" + VERSION + "</version>");
  }

  private static List<String> dependencies(String xml) {
    List<String> found = new ArrayList<>();
    Matcher m = DEPENDENCY.matcher(xml);
    while (m.find()) {
      found.add(m.group(1).replaceAll("\\s+", " "));
    }
    return found;
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
