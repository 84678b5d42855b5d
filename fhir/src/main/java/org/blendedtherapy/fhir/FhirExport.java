package org.blendedtherapy.fhir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.state.ClientState;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Exports protocols and clients as FHIR R4 resources.
 *
 * <p>A protocol becomes a {@code PlanDefinition} (modules, sessions, questionnaires and reminders
 * as actions; unlock rules as {@code action.condition} with a readable description and the rule's
 * JSON in the extension {@code
 * https://blendedtherapy.org/schema/fhir/StructureDefinition/unlock-rule}) with an {@code
 * ActivityDefinition} per module and per session type. A client at an instant becomes a {@code
 * collection} Bundle with the protocol's resources, then a {@code CarePlan}, an {@code Appointment}
 * per session, a {@code Task} per open or completed module, a {@code QuestionnaireResponse} and an
 * {@code Observation} per measure, a {@code Flag} per risk flag and a {@code CommunicationRequest}
 * per reminder in the window of {@link FhirClientOptions}.
 *
 * <p>Output is deterministic: ids and {@code fullUrl}s are name-based UUIDs of stable keys (the
 * SHA-256 of the client reference with a session number, module id, event id or reminder id),
 * entries come in a fixed order, and nothing carries the time of the export. The same input gives
 * the same bytes from {@link #json}, whatever the order of the events given to the library and
 * whatever the JVM's time zone or locale.
 *
 * <p>Costs are linear in the protocol's size plus the client's sessions, modules, measures and the
 * reminders of the window. This class is stateless and thread-safe; the first call loads HAPI's R4
 * model (about a second), later calls share it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FhirExport {
  private FhirExport() {}

  /**
   * Returns HAPI's R4 context, shared by every call (HAPI caches it).
   *
   * @return the context
   */
  public static FhirContext context() {
    return FhirContext.forR4Cached();
  }

  /**
   * Returns a protocol as a {@code collection} Bundle of its {@code PlanDefinition} followed by its
   * {@code ActivityDefinition}s (modules in document order, then session types in pattern order).
   *
   * @param protocol the protocol
   * @return a new Bundle
   */
  public static Bundle protocol(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    PlanDefinitions.Exported exported = PlanDefinitions.export(protocol);
    List<Resource> resources = new ArrayList<>();
    resources.add(exported.plan());
    resources.addAll(exported.activities());
    return bundle("protocol|" + protocol.id() + "|" + protocol.version(), resources);
  }

  /**
   * Returns what a protocol's PlanDefinition cannot hold, each as {@code POINTER: why}, such as
   * {@code /tailoring: what a therapist may … has no place in a PlanDefinition}: reading the
   * protocol back with {@link FhirImport#protocol} gives the protocol without these parts.
   *
   * @param protocol the protocol
   * @return the parts left out, in document order; empty when the PlanDefinition holds everything
   */
  public static List<String> notExpressed(Protocol protocol) {
    return List.copyOf(PlanDefinitions.export(Objects.requireNonNull(protocol)).notExpressed());
  }

  /**
   * Returns a client's state as a {@code collection} Bundle: the protocol's resources, then the
   * {@code CarePlan}, the {@code Appointment}s by session number, the {@code Task}s in module
   * order, per measure (in the state's order) its {@code QuestionnaireResponse} and {@code
   * Observation}, the {@code Flag}s, and the {@code CommunicationRequest}s of the reminder window.
   *
   * @param state the client's state at the instant to export
   * @param options the client's identifier and the reminder window
   * @return a new Bundle
   */
  public static Bundle client(ClientState state, FhirClientOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    List<Resource> resources =
        new ArrayList<>(
            protocol(state.protocol()).getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList());
    Resources client = new Resources(state, options);
    resources.add(client.carePlan());
    resources.addAll(client.appointments());
    resources.addAll(client.tasks());
    resources.addAll(client.measures());
    resources.addAll(client.flags());
    options
        .reminders()
        .ifPresent(window -> resources.addAll(client.communications(window.from(), window.to())));
    return bundle(
        "client|" + Names.sha256(state.enrolment().client()) + "|" + state.at(), resources);
  }

  /**
   * Writes a Bundle (or any resource) as pretty-printed FHIR JSON with a final line end. HAPI
   * writes elements in the order of the FHIR definitions, so equal resources give equal bytes.
   *
   * @param resource the resource
   * @return the JSON text
   */
  public static String json(Resource resource) {
    IParser parser = context().newJsonParser();
    parser.setPrettyPrint(true);
    return parser.encodeResourceToString(resource) + "\n";
  }

  private static Bundle bundle(String key, List<Resource> resources) {
    Bundle bundle = new Bundle();
    bundle.setId(Names.uuid(key));
    bundle.setType(Bundle.BundleType.COLLECTION);
    for (Resource resource : resources) {
      bundle
          .addEntry()
          .setFullUrl(Resources.fullUrl(resource.getIdElement().getIdPart()))
          .setResource(resource);
    }
    return bundle;
  }
}
