package org.blendedtherapy.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The URLs, code systems and identifiers blended's FHIR resources use: everything of ours lives
 * under the schema's namespace {@code https://blendedtherapy.org/schema/}, so a URL never changes
 * between two exports of the same input.
 */
final class Names {
  /** The root of every URL of ours. */
  static final String BASE = "https://blendedtherapy.org/schema/fhir/";

  /** The extension that carries a module's unlock rule as the protocol's JSON. */
  static final String UNLOCK_RULE = BASE + "StructureDefinition/unlock-rule";

  /** The extension that tells whether a client may turn a reminder policy off. */
  static final String OPT_OUT = BASE + "StructureDefinition/reminder-opt-out";

  /** The extension of an Appointment with its NHS Talking Therapies AttendOrDNA code. */
  static final String ATTEND_OR_DNA = BASE + "StructureDefinition/attend-or-dna";

  /** FHIR's own extension that points a Flag at the resource it was raised from. */
  static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";

  /** FHIR's own extension that says why a value is absent. */
  static final String DATA_ABSENT_REASON =
      "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

  /** NHS Talking Therapies data set v2.1 AttendOrDNACode, as a code system of ours. */
  static final String ATTEND_OR_DNA_SYSTEM = BASE + "CodeSystem/attend-or-dna";

  /** NHS Talking Therapies data set consultation mechanism (from April 2022). */
  static final String CONSULTATION_MECHANISM_SYSTEM = BASE + "CodeSystem/consultation-mechanism";

  static final String SESSION_TYPE_SYSTEM = BASE + "CodeSystem/session-type";
  static final String MODULE_SYSTEM = BASE + "CodeSystem/module";
  static final String MODULE_STATUS_SYSTEM = BASE + "CodeSystem/module-status";
  static final String INSTRUMENT_SYSTEM = BASE + "CodeSystem/instrument";
  static final String MEASURE_SCHEDULE_SYSTEM = BASE + "CodeSystem/measure-schedule";
  static final String REMINDER_KIND_SYSTEM = BASE + "CodeSystem/reminder-kind";
  static final String RISK_SYSTEM = BASE + "CodeSystem/risk";

  static final String PROTOCOL_ID_SYSTEM = BASE + "NamingSystem/protocol-id";
  static final String MODULE_ID_SYSTEM = BASE + "NamingSystem/module-id";
  static final String EVENT_ID_SYSTEM = BASE + "NamingSystem/event-id";
  static final String REMINDER_ID_SYSTEM = BASE + "NamingSystem/reminder-id";

  /** A client named by the SHA-256 of the host's reference: never the reference itself. */
  static final String CLIENT_SHA256_SYSTEM = BASE + "NamingSystem/client-sha256";

  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";

  /** LOINC's code of PHQ-9 item 9 (thoughts that you would be better off dead, or of self-harm). */
  static final String PHQ9_ITEM9_LOINC = "44260-8";

  private Names() {}

  /** The canonical URL of a protocol's PlanDefinition (its version travels beside it). */
  static String planDefinitionUrl(String protocolId) {
    return BASE + "PlanDefinition/" + protocolId;
  }

  /** The canonical URL of the ActivityDefinition of a module. */
  static String moduleUrl(String protocolId, String moduleId) {
    return BASE + "ActivityDefinition/" + protocolId + "/module/" + moduleId;
  }

  /** The canonical URL of the ActivityDefinition of a session type. */
  static String sessionTypeUrl(String protocolId, String type) {
    return BASE + "ActivityDefinition/" + protocolId + "/session/" + type;
  }

  /**
   * A name-based UUID for a stable key: the same key always gives the same id, and the id is a
   * valid FHIR resource id and, after {@code urn:uuid:}, a valid {@code fullUrl}.
   */
  static String uuid(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The lowercase hex SHA-256 of a text, such as the host's client reference. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * A computable FHIR name ({@code [A-Z][A-Za-z0-9_]*}) from an id such as {@code e-compared-uk}.
   */
  static String computableName(String id) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (char c : id.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    if (name.length() == 0 || !Character.isLetter(name.charAt(0))) {
      name.insert(0, 'P');
    }
    return name.length() > 255 ? name.substring(0, 255) : name.toString();
  }
}
