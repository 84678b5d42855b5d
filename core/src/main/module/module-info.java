/**
 * blended's core: protocols, enrolments, events and the answers about a client. Only the API
 * packages are exported; the fold machinery ({@code timeline}), helpers ({@code internal}) and
 * the relocated Jackson 3 and schema validator ({@code internal.shaded}) are not.
 */
module org.blendedtherapy.core {
  requires transitive org.blendedtherapy.schemas;
  requires transitive org.apiguardian.api;
  requires transitive org.jspecify;
  requires org.slf4j;
  // What the relocated Jackson 3 databind's own descriptor asks for.
  requires java.xml;
  requires static java.desktop;
  requires static java.sql;
  requires static java.sql.rowset;

  uses org.slf4j.spi.SLF4JServiceProvider;
  uses org.blendedtherapy.internal.shaded.jackson.databind.JacksonModule;
  uses java.nio.file.spi.FileSystemProvider;

  exports org.blendedtherapy;
  exports org.blendedtherapy.client;
  exports org.blendedtherapy.json;
  exports org.blendedtherapy.plan;
  exports org.blendedtherapy.protocol;
  exports org.blendedtherapy.reminders;
  exports org.blendedtherapy.state;
}
