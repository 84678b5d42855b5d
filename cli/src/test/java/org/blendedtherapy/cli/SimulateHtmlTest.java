package org.blendedtherapy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateHtmlTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static String html(Path dir, String protocol) throws IOException {
    Path file = dir.resolve("timeline.html");
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "simulate",
            "samples/protocols/" + protocol,
            "--start",
            "2027-03-22T10:00",
            "--format",
            "html",
            "--output",
            file.toString());
    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEmpty();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void legend_listsEveryColourOfThePromptStrip(@TempDir Path dir) throws IOException {
    String html = html(dir, "e-compared-uk.json");
    Matcher fills =
        Pattern.compile("class=\"prompt-day\"[^>]*fill=\"(#[0-9a-f]{6})\"").matcher(html);
    Set<String> used = new TreeSet<>();
    while (fills.find()) {
      used.add(fills.group(1));
    }
    assertThat(used).as("the sample has days of 3 or more prompts").contains("#bc4c00");
    for (String colour : used) {
      assertThat(html).as("a legend swatch for %s", colour).contains("background:" + colour + "\"");
    }
  }

  static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void html_isSelfContained_oneMarkPerSession_andAPromptBarPerDay(@TempDir Path dir)
      throws IOException {
    String html = html(dir, "e-compared-uk.json");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script");
    // the only URL is the SVG namespace: nothing is fetched
    assertThat(count(html, "(?:src|href)=")).isZero();
    assertThat(count(html, "class=\"session\" data-session=\"\\d+\" data-type=\"face-to-face\""))
        .isEqualTo(6);
    assertThat(count(html, "class=\"session\" data-session=\"\\d+\" data-type=\"online\""))
        .isEqualTo(6);
    assertThat(count(html, "class=\"module-opening\"")).isEqualTo(5);
    // 2027-03-21 (appointment reminder before session 1) to 2027-06-14 (end of the last window)
    assertThat(count(html, "class=\"prompt-day\"")).isEqualTo(86);
  }

  @Test
  void html_standardOutputWithoutOutputOption() {
    Cli.Result result =
        Cli.run(
            StateCommandTest.repository(),
            "simulate",
            "samples/protocols/low-intensity-slim.json",
            "--start",
            "2027-03-22T10:00",
            "--format",
            "html");
    assertThat(result.exit()).isZero();
    assertThat(count(result.out(), "class=\"session\"")).isEqualTo(6);
  }

  /**
   * Runs headless Chromium with the flags that work on a closed network, each run its own profile.
   */
  static void chromium(Path dir, List<String> args, Path stdout) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(dir.resolve("chromium.err").toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    assertThat(process.exitValue()).as("chromium exit").isZero();
  }

  @Test
  void chromium_drawsEverySessionMark(@TempDir Path dir) throws Exception {
    // A real component: missing, the test fails (it never skips); .ci/run installs it.
    assertThat(Files.isExecutable(CHROMIUM))
        .as("/usr/bin/chromium (Debian package chromium; .ci/run installs it)")
        .isTrue();
    String html = html(dir, "e-compared-uk.json");
    Path page = dir.resolve("timeline.html");
    assertThat(html).isNotEmpty();

    Path dom = dir.resolve("dom.html");
    chromium(dir, List.of("--dump-dom", page.toUri().toString()), dom);
    String parsed = Files.readString(dom, StandardCharsets.UTF_8);
    assertThat(count(parsed, "<rect class=\"session\"")).isEqualTo(12);
    assertThat(count(parsed, "<rect class=\"prompt-day\"")).isEqualTo(86);

    Path png = dir.resolve("timeline.png");
    chromium(
        dir,
        List.of("--window-size=1200,800", "--screenshot=" + png, page.toUri().toString()),
        dir.resolve("screenshot.out"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    // The session marks are the only blue (therapist contact, #1f5fbf) and green (online, #2e8b57)
    // shapes in the picture; the legend has one swatch of each, each session mark many pixels.
    int contact = pixels(image, 0x1f5fbf);
    int online = pixels(image, 0x2e8b57);
    int swatch = 12 * 12;
    assertThat(contact).as("therapist-contact pixels").isGreaterThan(swatch + 6 * 200);
    assertThat(online).as("online-session pixels").isGreaterThan(swatch + 6 * 200);
    assertThat(pixels(image, 0xbc4c00)).as("prompt strip pixels").isGreaterThan(1000);
  }

  /** Counts pixels within a small distance of a colour, to allow for anti-aliasing. */
  static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff);
        int dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff);
        int db = (p & 0xff) - (rgb & 0xff);
        if (Math.abs(dr) + Math.abs(dg) + Math.abs(db) <= 12) {
          n++;
        }
      }
    }
    return n;
  }
}
