package org.blendedtherapy.fhir;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void probe() {
    Patient p = new Patient();
    p.setId("x");
    p.addName().setFamily("Smith");
    p.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
    for (var m : R4Validator.messages(p)) {
      System.err.println(R4Validator.line(m));
    }
  }
}
