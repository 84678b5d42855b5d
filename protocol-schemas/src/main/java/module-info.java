/**
 * The JSON Schemas of blended's documents, read through {@link org.blendedtherapy.schema.Schemas}.
 * The package is also open, so that tools reading the resources by name find them.
 */
open module org.blendedtherapy.schemas {
  exports org.blendedtherapy.schema;
}
