package org.opora;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.springframework.stereotype.Controller;

/**
 * Keeps the feature packages from tangling as features grow: features share only the shared packages,
 * a grant's stages depend only on earlier stages, and no controller or page calls another.
 */
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

    // --- Features: grants, volunteering and correspondence share only the shared packages ---

    @ArchTest
    static final ArchRule featuresDoNotReachIntoEachOther = CompositeArchRule
            .of(noClasses().that().resideInAPackage("org.opora.grants..").should().dependOnClassesThat()
                    .resideInAnyPackage("org.opora.volunteering..", "org.opora.correspondence.."))
            .and(noClasses().that().resideInAPackage("org.opora.volunteering..").should().dependOnClassesThat()
                    .resideInAnyPackage("org.opora.grants..", "org.opora.correspondence.."))
            .and(noClasses().that().resideInAPackage("org.opora.correspondence..").should().dependOnClassesThat()
                    .resideInAnyPackage("org.opora.grants..", "org.opora.volunteering.."));

    // --- A grant's stages, in the order a grant goes through them ---
    // competition -> application -> review -> committee -> funding: a stage may use the stages before it
    // (review reads the application), never those after it; a later stage that must react to an earlier
    // one listens to its events (ApplicationScored). org.opora.grants itself holds what every stage shares
    // and knows no stage; grants.overview (the staff's views across all stages) may use every stage.

    private static final String SHARED = "org.opora.grants";
    private static final String COMPETITION = "org.opora.grants.competition..";
    private static final String APPLICATION = "org.opora.grants.application..";
    private static final String REVIEW = "org.opora.grants.review..";
    private static final String COMMITTEE = "org.opora.grants.committee..";
    private static final String FUNDING = "org.opora.grants.funding..";
    private static final String OVERVIEW = "org.opora.grants.overview..";

    @ArchTest
    static final ArchRule grantStagesUseOnlyEarlierStages = CompositeArchRule
            .of(noClasses().that().resideInAPackage(SHARED).should().dependOnClassesThat()
                    .resideInAnyPackage(COMPETITION, APPLICATION, REVIEW, COMMITTEE, FUNDING, OVERVIEW))
            .and(noClasses().that().resideInAPackage(COMPETITION).should().dependOnClassesThat()
                    .resideInAnyPackage(APPLICATION, REVIEW, COMMITTEE, FUNDING, OVERVIEW))
            .and(noClasses().that().resideInAPackage(APPLICATION).should().dependOnClassesThat()
                    .resideInAnyPackage(REVIEW, COMMITTEE, FUNDING, OVERVIEW))
            .and(noClasses().that().resideInAPackage(REVIEW).should().dependOnClassesThat()
                    .resideInAnyPackage(COMMITTEE, FUNDING, OVERVIEW))
            .and(noClasses().that().resideInAPackage(COMMITTEE).should().dependOnClassesThat()
                    .resideInAnyPackage(FUNDING, OVERVIEW))
            .and(noClasses().that().resideInAPackage(FUNDING).should().dependOnClassesThat()
                    .resideInAnyPackage(OVERVIEW));

    @ArchTest
    static final ArchRule grantStagesAreFreeOfCycles =
            slices().matching("org.opora.grants.(*)..").should().beFreeOfCycles();

    // --- Pages and controllers are entry points: they call services, never each other ---

    @ArchTest
    static final ArchRule pagesAndControllersDoNotCallOtherControllers =
            classes().that().resideInAPackage("org.opora..").and().areMetaAnnotatedWith(Controller.class)
                    .should(new ArchCondition<JavaClass>("not depend on another page or controller") {
                        @Override
                        public void check(JavaClass origin, ConditionEvents events) {
                            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                                JavaClass target = dependency.getTargetClass();
                                if (!target.equals(origin) && !target.isAnnotation() && target.getPackageName().startsWith("org.opora")
                                        && target.isMetaAnnotatedWith(Controller.class)) {
                                    events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                                }
                            }
                        }
                    });
}
