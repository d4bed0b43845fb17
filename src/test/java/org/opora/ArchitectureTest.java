package org.opora;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the feature packages from tangling as features grow. */
@AnalyzeClasses(packages = "org.opora", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("org.opora.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theSharedSystemPackageKnowsNoFeature =
            noClasses().that().resideInAPackage("org.opora.system..")
                    .should().dependOnClassesThat().resideInAnyPackage("org.opora.cases..", "org.opora.tasks..",
                            "org.opora.mail..", "org.opora.users..", "org.opora.organisations..", "org.opora.security..",
                            "org.opora.demo..");

    @ArchTest
    static final ArchRule nothingDependsOnTheDemo =
            noClasses().that().resideOutsideOfPackage("org.opora.demo..")
                    .should().dependOnClassesThat().resideInAPackage("org.opora.demo..");

    @ArchTest
    static final ArchRule controllersAreNotCalledByOtherCode =
            noClasses().that().areNotAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                    .and().haveSimpleNameNotEndingWith("MapperImpl")
                    .and().haveSimpleNameNotEndingWith("Mapper")
                    .should().dependOnClassesThat().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class);
}
