package org.blendedtherapy.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
  @Test
  void token_printsTheTokenAndNothingElse_andStoresOnlyItsHash(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path data = dir.resolve("data");
    int code =
        HostMain.run(
            new String[] {
              "token", "--data", data.toString(), "--role", "therapist", "--therapist", "t9"
            },
            Map.of(),
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    String token = out.toString().strip();
    assertThat(out.toString()).isEqualTo(token + System.lineSeparator());
    assertThat(token).matches("bh_[A-Za-z0-9_-]{43}");
    byte[] file = Files.readAllBytes(data.resolve(Database.SQLITE_FILE));
    assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(token);
    try (Database database = Database.open(Optional.empty(), data, Map.of())) {
      Store.Grant grant = new Store(database).grant(Tokens.hash(token)).orElseThrow();
      assertThat(grant.role()).isEqualTo(Role.THERAPIST);
      assertThat(grant.therapist()).contains("t9");
    }
  }

  @Test
  void token_refusesATherapistRoleWithoutItsId_andAnUnknownRole(@TempDir Path dir) {
    for (String[] args :
        new String[][] {
          {"token", "--data", dir.toString(), "--role", "therapist"},
          {"token", "--data", dir.toString(), "--role", "admin"},
          {"token", "--data", dir.toString(), "--role", "service", "--therapist", "t1"}
        }) {
      StringWriter out = new StringWriter();
      int code =
          HostMain.run(args, Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()));
      assertThat(code).isEqualTo(2);
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void databaseUrl_withCredentials_isRefused(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        HostMain.run(
            new String[] {
              "token",
              "--database-url",
              "jdbc:postgresql://127.0.0.1:1/db?user=u&password=secret",
              "--role",
              "service"
            },
            Map.of(),
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("BLENDED_DB_PASSWORD").doesNotContain("secret");
  }
}
