package org.blendedtherapy.fhir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * HAPI stays in this module: no class of blended outside {@code org.blendedtherapy.fhir} uses a
 * class of HAPI ({@code ca.uhn..}) or of HL7's FHIR model ({@code org.hl7..}), and core's build
 * declares no dependency on them (core's enforcer rule {@code bannedDependencies} fails its build
 * if one ever arrives transitively).
 */
class CoreIsolationTest {

  @Test
  void noClassOfCore_dependsOnHapi() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Jackson and the schema validator, relocated inside core's jar, are not core's code.
            .withImportOption(location -> !location.contains("/internal/shaded/"))
            .importPackages("org.blendedtherapy");
    assertThat(classes.contain(org.blendedtherapy.state.ClientState.class)).isTrue();
    noClasses()
        .that()
        .resideOutsideOfPackage("org.blendedtherapy.fhir..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ca.uhn..", "org.hl7..")
        .check(classes);
  }

  @Test
  void coresPom_bansHapi() throws IOException {
    Path pom =
        Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("../core/pom.xml");
    String text = Files.readString(pom);
    assertThat(text).doesNotContain("<groupId>ca.uhn");
    assertThat(text).contains("<exclude>ca.uhn.hapi.fhir</exclude>");
    assertThat(text).contains("<exclude>org.hl7*</exclude>");
  }
}
