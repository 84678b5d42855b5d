package org.blendedtherapy.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The host uses the library as any host would: through its exported API packages only. */
class HostArchitectureTest {
  private static final JavaClasses HOST =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPath(Path.of("target", "classes"));

  @Test
  void host_usesOnlyTheLibrarysExportedPackages() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.blendedtherapy.internal..", "org.blendedtherapy.timeline..")
        .check(HOST);
  }
}
