package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The therapist's briefing page as a browser shows it: headless Chromium renders the page served
 * for the at-risk sample client (the same page from SQLite and from PostgreSQL), on a desktop and
 * on a phone screen, and prints it.
 */
class BriefingChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String CLIENT = "sample-at-risk-0001";

  /** The page as served by a host on one database, to a therapist whose client it is. */
  private static String served(Backend backend, Path dir) throws Exception {
    try (TestHost host = TestHost.start(backend, dir)) {
      host.putProtocol();
      host.enrol(CLIENT);
      host.assign(CLIENT, "t1");
      host.post(
          "/clients/" + CLIENT + "/events",
          host.service,
          Files.readString(TestHost.AT_RISK_EVENTS));
      HttpResponse<String> page = host.get("/clients/" + CLIENT + "/briefing", host.therapist1);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("default-src 'none'");
      return page.body();
    }
  }

  @Test
  void briefing_showsTheRiskFlagFirst_thenTheBridge_thenTheReasons(@TempDir Path dir)
      throws Exception {
    String html = served(Backend.SQLITE, Files.createDirectory(dir.resolve("sqlite")));
    assertThat(served(Backend.POSTGRESQL, Files.createDirectory(dir.resolve("postgresql"))))
        .as("the same page from PostgreSQL")
        .isEqualTo(html);
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script");
    assertThat(html).doesNotContainPattern("(?:src|href)=");
    assertThat(html).contains("name=\"viewport\"").contains("@media print");

    // A real component: missing, the test fails (it never skips); .ci/run installs it.
    assertThat(Files.isExecutable(CHROMIUM))
        .as("/usr/bin/chromium (Debian package chromium; .ci/run installs it)")
        .isTrue();
    Path file = dir.resolve("briefing.html");
    Files.writeString(file, html, StandardCharsets.UTF_8);

    Path dom = dir.resolve("dom.html");
    chromium(dir, List.of("--dump-dom", file.toUri().toString()), dom);
    String text = Files.readString(dom, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ");
    int risk = text.indexOf("Risk flag raised");
    int reason = text.indexOf("thoughts of self-harm");
    int bridge = text.indexOf("Bridge summary since session 1");
    int modules = text.indexOf("locked: needs introduction completed");
    int measures = text.indexOf("mild");
    assertThat(risk).as("risk flag").isNotNegative();
    assertThat(reason).as("the flag's reason").isGreaterThan(risk);
    assertThat(bridge).as("bridge summary after the flag").isGreaterThan(reason);
    assertThat(modules).as("module reasons after the bridge").isGreaterThan(bridge);
    assertThat(measures).as("measure bands after the reasons").isGreaterThan(modules);

    for (int[] size : new int[][] {{1200, 900}, {390, 844}}) {
      Path png = dir.resolve("briefing-" + size[0] + ".png");
      chromium(
          dir,
          List.of(
              "--window-size=" + size[0] + "," + size[1],
              "--screenshot=" + png,
              "--hide-scrollbars",
              file.toUri().toString()),
          dir.resolve("screenshot.out"));
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isEqualTo(size[0]);
      // The risk box's border (#b00020) is in the first screen, near the top.
      BufferedImage top = image.getSubimage(0, 0, image.getWidth(), image.getHeight() / 2);
      assertThat(pixels(top, 0xb00020))
          .as("risk border pixels at width %d", size[0])
          .isGreaterThan(500);
    }

    Path pdf = dir.resolve("briefing.pdf");
    chromium(
        dir,
        List.of("--print-to-pdf=" + pdf, "--no-pdf-header-footer", file.toUri().toString()),
        dir.resolve("pdf.out"));
    byte[] printed = Files.readAllBytes(pdf);
    assertThat(new String(printed, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  /** Runs headless Chromium with the flags that work on a closed network, each its own profile. */
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
