package org.blendedtherapy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.blendedtherapy");
  }

  @Test
  void everyPublicType_nestedOnesIncluded_statesItsApiStatus() {
    classes()
        .that()
        .arePublic()
        .and()
        .areNotAnonymousClasses()
        .and()
        .doNotHaveSimpleName("package-info")
        .and()
        // The schemas' module is language-neutral resources and depends on nothing.
        .resideOutsideOfPackage("org.blendedtherapy.schema")
        .should()
        .beAnnotatedWith(org.apiguardian.api.API.class)
        .check(core);
  }

  /**
   * The library's answers (a state's modules, reminders, reports, the bridge, outcome, burden, diff
   * and simulation) come only from the library: a host reads them and cannot build one that the
   * library did not compute. The outcome calculator's inputs ({@code Outcome.Basis}, {@code
   * Outcome.Scores}) are the one exception: {@code Outcome.of} computes from them.
   */
  @Test
  void results_cannotBeBuiltByAHost() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage("org.blendedtherapy.state", "org.blendedtherapy.reminders")
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveFullyQualifiedName("org.blendedtherapy.state.Outcome$Basis")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveFullyQualifiedName("org.blendedtherapy.state.Outcome$Scores")
        .should()
        .notBePublic()
        .check(core);
  }

  @Test
  void jacksonAndTheValidator_stayInsideTheJsonPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.blendedtherapy.json..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..", "com.networknt..")
        .check(core);
  }

  @Test
  void packageDependencies_pointOneWay() {
    String[] order = {"protocol", "client", "plan", "timeline", "reminders", "state"};
    for (int i = 0; i < order.length; i++) {
      for (int j = i + 1; j < order.length; j++) {
        noClasses()
            .that()
            .resideInAPackage("org.blendedtherapy." + order[i] + "..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.blendedtherapy." + order[j] + "..")
            .allowEmptyShould(true)
            .check(core);
      }
    }
    noClasses()
        .that()
        .resideOutsideOfPackage("org.blendedtherapy.json..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.blendedtherapy.json..")
        .check(core);
  }

  /** One fold: state and reminders read the timeline, never the raw history. */
  @Test
  void onlyTheTimeline_readsTheHistory() {
    noClasses()
        .that()
        .resideInAnyPackage("org.blendedtherapy.reminders..", "org.blendedtherapy.state..")
        .should()
        .callMethod(org.blendedtherapy.client.History.class, "events")
        .orShould()
        .callMethod(org.blendedtherapy.client.History.class, "upTo", java.time.Instant.class)
        .check(core);
  }

  @Test
  void core_neverReadsTheClockTheDefaultZoneFilesOrTheEnvironment() {
    noClasses()
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.LocalDate.class, "now")
        .orShould()
        .callMethod(java.time.LocalDateTime.class, "now")
        .orShould()
        .callMethod(java.time.ZonedDateTime.class, "now")
        .orShould()
        .callMethod(java.time.ZoneId.class, "systemDefault")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..")
        .check(core);
  }
}
