package org.blendedtherapy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  /**
   * The result types: everything public in {@code state} and {@code reminders}, nested types
   * included, and the results elsewhere ({@code Session}, {@code Rejection}, {@code
   * Migration.Proposal}, {@code Validation}, and {@code PinnedProtocol}, whose hash only the
   * library computes).
   */
  static final DescribedPredicate<JavaClass> RESULT_TYPES =
      resideInAnyPackage("org.blendedtherapy.state", "org.blendedtherapy.reminders")
          .or(
              name("org.blendedtherapy.plan.Session")
                  .or(name("org.blendedtherapy.client.Rejection"))
                  .or(name("org.blendedtherapy.client.Migration$Proposal"))
                  .or(name("org.blendedtherapy.Validation"))
                  .or(name("org.blendedtherapy.client.PinnedProtocol")))
          .as("result types");

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
   * The library's answers (a state's modules, sessions, rejections, reminders, reports, the bridge,
   * outcome, burden, diff and simulation, a migration proposal, a validation outcome) come only
   * from the library: a host reads them and cannot build one that the library did not compute. A
   * public record always has a public constructor, so the rule fails on a result made a record
   * again. The outcome calculator's inputs ({@code Outcome.Basis}, {@code Outcome.Scores}) are the
   * one exception: {@code Outcome.of} computes from them.
   */
  static final ArchRule RESULTS_HAVE_NO_PUBLIC_CONSTRUCTOR =
      constructors()
          .that()
          .areDeclaredInClassesThat(RESULT_TYPES)
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
          .because("a host must not build a result the library did not compute");

  @Test
  void results_cannotBeBuiltByAHost() {
    RESULTS_HAVE_NO_PUBLIC_CONSTRUCTOR.check(core);
  }

  /** The rule above finds a public constructor on a result, a record's included. */
  @Test
  void results_cannotBeBuiltByAHost_failsOnAResultWithAPublicConstructor() {
    JavaClasses fixtures =
        new ClassFileImporter()
            .importClasses(
                org.blendedtherapy.state.PublicResultFixture.class,
                org.blendedtherapy.state.PublicResultFixture.Nested.class,
                org.blendedtherapy.state.PublicResultFixture.Sealed.class);
    EvaluationResult result = RESULTS_HAVE_NO_PUBLIC_CONSTRUCTOR.evaluate(fixtures);
    assertThat(result.getFailureReport().getDetails())
        .hasSize(2)
        .anyMatch(d -> d.contains("PublicResultFixture.<init>"))
        .anyMatch(d -> d.contains("PublicResultFixture$Nested.<init>"));
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
