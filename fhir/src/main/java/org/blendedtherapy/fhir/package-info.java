/**
 * Optional FHIR R4 export of blended protocols and clients, on HAPI FHIR's R4 structures.
 *
 * <p>The types a host uses: {@link org.blendedtherapy.fhir.FhirExport} to turn a protocol into a
 * {@code PlanDefinition} with its {@code ActivityDefinition}s and a client's state into a {@code
 * Bundle}, and to write a Bundle as deterministic JSON; {@link
 * org.blendedtherapy.fhir.FhirClientOptions} for the client's identifier and the reminder window;
 * {@link org.blendedtherapy.fhir.FhirImport} and {@link org.blendedtherapy.fhir.ProtocolImport} to
 * read a protocol back from a {@code PlanDefinition}, with what FHIR could not carry. Nothing of
 * HAPI reaches {@code blended-core}.
 */
@NullMarked
package org.blendedtherapy.fhir;

import org.jspecify.annotations.NullMarked;
