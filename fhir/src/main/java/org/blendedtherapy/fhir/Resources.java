package org.blendedtherapy.fhir;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.blendedtherapy.client.Event;
import org.blendedtherapy.client.EventType;
import org.blendedtherapy.plan.AttendanceCode;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.protocol.Instrument;
import org.blendedtherapy.protocol.MinutesRange;
import org.blendedtherapy.protocol.Module;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.ReminderPolicy;
import org.blendedtherapy.reminders.Reminder;
import org.blendedtherapy.state.ClientState;
import org.blendedtherapy.state.MeasureResult;
import org.blendedtherapy.state.ModuleState;
import org.blendedtherapy.state.RiskFlag;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * The resources of one client at an instant, each with a stable id derived from the SHA-256 of the
 * client reference and the key of what it shows (a session number, a module id, an event id, a
 * reminder id). Every time is an instant from the library, written in UTC.
 */
final class Resources {
  private final ClientState state;
  private final Protocol protocol;
  private final String prefix;
  private final Reference subject;
  private final String carePlanUrl;

  Resources(ClientState state, FhirClientOptions options) {
    this.state = state;
    this.protocol = state.protocol();
    String hash = Names.sha256(state.enrolment().client());
    this.prefix = "client|" + hash + "|";
    Identifier identifier =
        options.identifier().isPresent()
            ? new Identifier()
                .setSystem(options.identifier().get().system())
                .setValue(options.identifier().get().value())
            : new Identifier().setSystem(Names.CLIENT_SHA256_SYSTEM).setValue(hash);
    this.subject = new Reference().setType("Patient").setIdentifier(identifier);
    this.carePlanUrl = fullUrl(id("care-plan"));
  }

  /** The id of the resource with a key, such as {@code session|3}. */
  String id(String key) {
    return Names.uuid(prefix + key);
  }

  static String fullUrl(String id) {
    return "urn:uuid:" + id;
  }

  private Reference subject() {
    return subject.copy();
  }

  static DateTimeType dateTime(Instant instant) {
    return new DateTimeType(instant.toString());
  }

  static CodeableConcept sessionTypeConcept(String type) {
    return new CodeableConcept(new Coding(Names.SESSION_TYPE_SYSTEM, type, type + " session"));
  }

  static CodeableConcept moduleConcept(Module module) {
    return new CodeableConcept(new Coding(Names.MODULE_SYSTEM, module.id(), module.title()))
        .setText(module.title());
  }

  static CodeableConcept instrumentConcept(String instrument) {
    CodeableConcept concept =
        new CodeableConcept(new Coding(Names.INSTRUMENT_SYSTEM, instrument, instrument));
    Instrument.fromJson(instrument)
        .ifPresent(
            known -> {
              known
                  .loinc()
                  .ifPresent(
                      code -> concept.addCoding(new Coding().setSystem(Names.LOINC).setCode(code)));
              known
                  .snomedCt()
                  .ifPresent(
                      code ->
                          concept.addCoding(new Coding().setSystem(Names.SNOMED).setCode(code)));
            });
    return concept.setText(instrument);
  }

  CarePlan carePlan() {
    CarePlan plan = new CarePlan();
    plan.setId(id("care-plan"));
    boolean discharged =
        state.history().upTo(state.at()).stream().anyMatch(e -> e.type() == EventType.DISCHARGED);
    plan.setStatus(discharged ? CarePlan.CarePlanStatus.COMPLETED : CarePlan.CarePlanStatus.ACTIVE);
    plan.setIntent(CarePlan.CarePlanIntent.PLAN);
    plan.addInstantiatesCanonical(
        Names.planDefinitionUrl(protocol.id()) + "|" + protocol.version());
    plan.setTitle(protocol.title());
    plan.setSubject(subject());
    Instant start =
        ZonedDateTime.of(state.enrolment().start(), state.enrolment().zone()).toInstant();
    plan.setPeriod(new Period().setStartElement(dateTime(start)));
    for (ModuleState module : state.modules()) {
      Module definition = protocol.module(module.id()).orElseThrow();
      CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
      detail.setKind(CarePlan.CarePlanActivityKind.TASK);
      detail.addInstantiatesCanonical(
          Names.moduleUrl(protocol.id(), module.id()) + "|" + protocol.version());
      detail.setCode(moduleConcept(definition));
      detail.setStatus(
          switch (module.status()) {
            case LOCKED -> CarePlan.CarePlanActivityStatus.NOTSTARTED;
            case AVAILABLE -> CarePlan.CarePlanActivityStatus.SCHEDULED;
            case IN_PROGRESS -> CarePlan.CarePlanActivityStatus.INPROGRESS;
            case COMPLETED -> CarePlan.CarePlanActivityStatus.COMPLETED;
            case SKIPPED -> CarePlan.CarePlanActivityStatus.CANCELLED;
          });
      detail.setStatusReason(statusReason(module));
    }
    for (Session session : state.sessions()) {
      plan.addActivity().setReference(new Reference(fullUrl(id("session|" + session.number()))));
    }
    return plan;
  }

  private static CodeableConcept statusReason(ModuleState module) {
    return new CodeableConcept(
            new Coding(Names.MODULE_STATUS_SYSTEM, module.status().json(), module.status().json()))
        .setText(module.reason());
  }

  List<Appointment> appointments() {
    List<Appointment> appointments = new ArrayList<>();
    for (Session session : state.sessions()) {
      Appointment appointment = new Appointment();
      appointment.setId(id("session|" + session.number()));
      appointment.setStatus(
          switch (session.status()) {
            case PLANNED -> Appointment.AppointmentStatus.BOOKED;
            case ATTENDED -> Appointment.AppointmentStatus.FULFILLED;
            case MISSED -> Appointment.AppointmentStatus.NOSHOW;
            case CANCELLED -> Appointment.AppointmentStatus.CANCELLED;
          });
      attendance(session)
          .ifPresent(
              code ->
                  appointment.addExtension(
                      Names.ATTEND_OR_DNA,
                      new Coding(Names.ATTEND_OR_DNA_SYSTEM, code.json(), display(code))));
      appointment.addServiceType(sessionTypeConcept(session.type().json()));
      appointment.setDescription("Session " + session.number());
      appointment.setStartElement(new InstantType(session.instant().toString()));
      MinutesRange minutes = protocol.sessionPlan().durationMinutes().get(session.type());
      Instant end =
          minutes == null
              ? session.windowEnd()
              : session.instant().plusSeconds(60L * minutes.max());
      appointment.setEndElement(new InstantType(end.toString()));
      if (minutes != null) {
        appointment.setMinutesDuration(minutes.max());
      }
      appointment
          .addParticipant()
          .setActor(subject())
          .setStatus(Appointment.ParticipationStatus.ACCEPTED);
      appointments.add(appointment);
    }
    return appointments;
  }

  /** The AttendOrDNA code of a session with an outcome: from its status and who cancelled it. */
  private Optional<AttendanceCode> attendance(Session session) {
    return switch (session.status()) {
      case PLANNED -> Optional.empty();
      case ATTENDED -> Optional.of(AttendanceCode.ATTENDED);
      case MISSED -> Optional.of(AttendanceCode.DID_NOT_ATTEND);
      case CANCELLED -> {
        AttendanceCode code = AttendanceCode.CANCELLED_BY_PROVIDER;
        for (Event event : state.history().upTo(state.at())) {
          if (event.type() == EventType.SESSION_CANCELLED
              && ((Event.SessionCancelled) event).session() == session.number()) {
            code = AttendanceCode.of(event).orElse(code);
          }
        }
        yield Optional.of(code);
      }
    };
  }

  private static String display(AttendanceCode code) {
    return switch (code) {
      case CANCELLED_BY_PATIENT -> "Appointment cancelled by, or on behalf of, the patient";
      case DID_NOT_ATTEND -> "Did not attend - no advance warning given";
      case CANCELLED_BY_PROVIDER ->
          "Appointment cancelled or postponed by the health care provider";
      case ATTENDED ->
          "Attended on time or, if late, before the relevant care professional was"
              + " ready to see the patient";
    };
  }

  List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    for (ModuleState module : state.modules()) {
      Task.TaskStatus status =
          switch (module.status()) {
            case AVAILABLE -> Task.TaskStatus.READY;
            case IN_PROGRESS -> Task.TaskStatus.INPROGRESS;
            case COMPLETED -> Task.TaskStatus.COMPLETED;
            case LOCKED, SKIPPED -> null;
          };
      if (status == null) {
        continue;
      }
      Module definition = protocol.module(module.id()).orElseThrow();
      Task task = new Task();
      task.setId(id("module|" + module.id()));
      task.setInstantiatesCanonical(
          Names.moduleUrl(protocol.id(), module.id()) + "|" + protocol.version());
      task.addBasedOn(new Reference(carePlanUrl));
      task.setStatus(status);
      task.setStatusReason(statusReason(module));
      task.setIntent(Task.TaskIntent.PLAN);
      task.setCode(moduleConcept(definition));
      task.setFor(subject());
      state.openedAt(module.id()).ifPresent(at -> task.setAuthoredOnElement(dateTime(at)));
      state
          .startedAt(module.id())
          .ifPresent(at -> task.setExecutionPeriod(new Period().setStartElement(dateTime(at))));
      tasks.add(task);
    }
    return tasks;
  }

  /** The questionnaire answers and the total of each measure, in the order the state lists them. */
  List<Resource> measures() {
    List<Resource> resources = new ArrayList<>();
    for (MeasureResult measure : state.measures()) {
      String instrument = measure.instrument().json();
      Identifier event =
          new Identifier().setSystem(Names.EVENT_ID_SYSTEM).setValue(measure.event());

      QuestionnaireResponse answers = new QuestionnaireResponse();
      answers.setId(id("measure|" + measure.event()));
      answers.setIdentifier(event.copy());
      answers.setStatus(
          measure.isComplete()
              ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
              : QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
      answers.setSubject(subject());
      answers.setAuthoredElement(dateTime(measure.at()));
      List<OptionalInt> items = measure.items();
      for (int i = 0; i < items.size(); i++) {
        QuestionnaireResponse.QuestionnaireResponseItemComponent item =
            answers
                .addItem()
                .setLinkId(String.valueOf(i + 1))
                .setText(instrument + " item " + (i + 1));
        if (items.get(i).isPresent()) {
          item.addAnswer().setValue(new IntegerType(items.get(i).getAsInt()));
        }
      }
      resources.add(answers);

      Observation total = new Observation();
      total.setId(id("observation|" + measure.event()));
      total.addIdentifier(event.copy());
      total.setStatus(Observation.ObservationStatus.FINAL);
      total.addCategory(
          new CodeableConcept(
              new Coding(
                  "http://terminology.hl7.org/CodeSystem/observation-category",
                  "survey",
                  "Survey")));
      CodeableConcept code = new CodeableConcept();
      measure
          .instrument()
          .loincTotal()
          .ifPresent(c -> code.addCoding(new Coding().setSystem(Names.LOINC).setCode(c)));
      measure
          .instrument()
          .snomedCt()
          .ifPresent(c -> code.addCoding(new Coding().setSystem(Names.SNOMED).setCode(c)));
      code.addCoding(new Coding(Names.INSTRUMENT_SYSTEM, instrument, instrument));
      code.setText(instrument + " total score");
      total.setCode(code);
      total.setSubject(subject());
      total.setEffective(dateTime(measure.at()));
      if (measure.total().isPresent()) {
        total.setValue(new IntegerType(measure.total().getAsInt()));
      } else {
        total.setDataAbsentReason(absent());
      }
      measure.band().ifPresent(band -> total.addInterpretation().setText(band));
      total.addDerivedFrom(new Reference(fullUrl(answers.getIdElement().getIdPart())));
      if (measure.instrument() == Instrument.PHQ_9 && items.size() >= 9) {
        Observation.ObservationComponentComponent item9 = total.addComponent();
        item9.setCode(
            new CodeableConcept(new Coding().setSystem(Names.LOINC).setCode(Names.PHQ9_ITEM9_LOINC))
                .setText("PHQ-9 item 9"));
        if (items.get(8).isPresent()) {
          item9.setValue(new IntegerType(items.get(8).getAsInt()));
        } else {
          item9.setDataAbsentReason(absent());
        }
      }
      resources.add(total);
    }
    return resources;
  }

  private static CodeableConcept absent() {
    return new CodeableConcept(
        new Coding(
            "http://terminology.hl7.org/CodeSystem/data-absent-reason",
            "asked-unknown",
            "Asked But Unknown"));
  }

  List<Flag> flags() {
    List<Flag> flags = new ArrayList<>();
    for (RiskFlag risk : state.risk()) {
      Flag flag = new Flag();
      flag.setId(id("risk|" + risk.event()));
      flag.addIdentifier(new Identifier().setSystem(Names.EVENT_ID_SYSTEM).setValue(risk.event()));
      flag.setStatus(Flag.FlagStatus.ACTIVE);
      String code = risk.instrument().json() + "-item-" + risk.item();
      flag.setCode(
          new CodeableConcept(
                  new Coding(
                      Names.RISK_SYSTEM,
                      code,
                      risk.instrument().json() + " item " + risk.item() + " above 0"))
              .setText(risk.reason()));
      flag.setSubject(subject());
      flag.setPeriod(new Period().setStartElement(dateTime(risk.at())));
      flag.addExtension(
          Names.FLAG_DETAIL, new Reference(fullUrl(id("observation|" + risk.event()))));
      flags.add(flag);
    }
    return flags;
  }

  List<CommunicationRequest> communications(Instant from, Instant to) {
    List<CommunicationRequest> requests = new ArrayList<>();
    for (Reminder reminder : state.reminders(from, to).reminders()) {
      CommunicationRequest request = new CommunicationRequest();
      request.setId(id("reminder|" + reminder.id()));
      request.addIdentifier(
          new Identifier().setSystem(Names.REMINDER_ID_SYSTEM).setValue(reminder.id()));
      request.addBasedOn(new Reference(carePlanUrl));
      request.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
      request.addCategory(
          new CodeableConcept(
              new Coding(
                  Names.REMINDER_KIND_SYSTEM, reminder.kind().json(), reminder.kind().json())));
      request.setSubject(subject());
      request.setOccurrence(dateTime(reminder.instant()));
      protocol.reminders().stream()
          .filter(p -> p.id().equals(reminder.policy()))
          .findFirst()
          .flatMap(ReminderPolicy::title)
          .ifPresent(
              title ->
                  request.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(title)));
      request.addReasonCode().setText(reminder.reason());
      requests.add(request);
    }
    return requests;
  }
}
