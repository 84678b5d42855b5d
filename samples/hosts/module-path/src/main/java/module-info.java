/** A host module that reads blended-core from the module path. */
module host {
  requires org.blendedtherapy.core;
}
