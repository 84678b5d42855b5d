package org.blendedtherapy.flink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The job uses the library only through the packages its module descriptor exports. */
class ArchitectureTest {
  private static final JavaClasses JOB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.blendedtherapy.flink");

  @Test
  void theJob_usesOnlyTheLibrarysExportedPackages() {
    noClasses()
        .that()
        .resideInAPackage("org.blendedtherapy.flink..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.blendedtherapy.internal..", "org.blendedtherapy.timeline..")
        .check(JOB);
  }

  @Test
  void theJob_neverReadsTheDefaultZoneOrLocale() {
    noClasses()
        .that()
        .resideInAPackage("org.blendedtherapy.flink..")
        .should()
        .callMethod(java.time.ZoneId.class, "systemDefault")
        .orShould()
        .callMethod(java.util.Locale.class, "getDefault")
        .check(JOB);
  }
}
