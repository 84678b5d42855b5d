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
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;

/** A named module: blended-core is read on the module path and exports only its API. */
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
    Module core = ProtocolJson.class.getModule();
    if (!core.isNamed() || !core.getName().equals("org.blendedtherapy.core")) {
      throw new AssertionError("blended-core is not a named module: " + core);
    }
    Set<String> exported =
        core.getDescriptor().exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    Set<String> api =
        Set.of(
            "org.blendedtherapy",
            "org.blendedtherapy.client",
            "org.blendedtherapy.json",
            "org.blendedtherapy.plan",
            "org.blendedtherapy.protocol",
            "org.blendedtherapy.reminders",
            "org.blendedtherapy.state");
    if (!exported.equals(api)) {
      throw new AssertionError("exported: " + exported);
    }
    for (String hidden :
        new String[] {"org.blendedtherapy.timeline", "org.blendedtherapy.internal"}) {
      if (!core.getPackages().contains(hidden) || core.isExported(hidden)) {
        throw new AssertionError(hidden + " should be in the module and not exported");
      }
    }
    System.out.println("exports " + exported);
    System.out.println("host ok: " + state.modules().size() + " modules");
  }
}
