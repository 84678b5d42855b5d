/**
 * blended's testkit: generators with integrated shrinking, the property runner, and the inputs
 * (protocols, clients, mutants, garbage, DST-hostile times) that a host's property tests need.
 */
module org.blendedtherapy.testkit {
  requires transitive org.blendedtherapy.core;
  requires tools.jackson.databind;

  exports org.blendedtherapy.testkit;
}
