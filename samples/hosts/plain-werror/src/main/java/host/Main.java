package host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.Enrolment;
import org.blendedtherapy.client.History;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.json.EnrolmentJson;
import org.blendedtherapy.json.EventsJson;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.json.StateJson;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;

/** A plain Java 17 host compiled with -Werror. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    Path samples = Path.of(args[0]);
    Validation<Protocol> validation =
        ProtocolJson.validate(Files.readAllBytes(samples.resolve("protocols/e-compared-uk.json")));
    PinnedProtocol pinned = ProtocolJson.pin(validation.orElseThrow("protocol"));
    Enrolment enrolment =
        EnrolmentJson.read(Files.readAllBytes(samples.resolve("clients/adherent.enrolment.json")));
    History history =
        EventsJson.read(Files.readAllBytes(samples.resolve("clients/adherent.events.jsonl")));
    ClientState state = ClientState.of(pinned, enrolment, history, history.lastAt().orElseThrow());
    String json = StateJson.write(state);
    if (state.modules().isEmpty() || !json.startsWith("{")) {
      throw new AssertionError("no state");
    }
    // A bad document is reported, never thrown.
    if (ProtocolJson.validate("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).isValid()) {
      throw new AssertionError("an empty protocol passed validation");
    }

    System.out.println("host ok: " + state.modules().size() + " modules");
  }
}
