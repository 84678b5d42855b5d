package org.blendedtherapy.fhir;

import ca.uhn.fhir.context.FhirContext;

/** Placeholder. */
public final class FhirExport {
  private FhirExport() {}

  /** The R4 context. */
  public static FhirContext context() {
    return FhirContext.forR4Cached();
  }
}
