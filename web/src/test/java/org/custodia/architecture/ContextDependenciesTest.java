package org.custodia.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape the contexts keep as they multiply (docs/contributing.md): contexts depend on each other without
 * cycles and only through application services, application services leave persistence to repositories, and
 * the platform and the shared kernel know no context. Checked over the compiled ejb and web classes.
 */
class ContextDependenciesTest {

    static final Pattern CONTEXT_INFRASTRUCTURE = Pattern.compile("org\\.custodia\\.(\\w+)\\.infrastructure(\\..*)?");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.custodia");
    }

    @Test
    void contextsDependOnEachOtherWithoutCycles() {
        slices().matching("org.custodia.(*)..").namingSlices("$1").should().beFreeOfCycles().check(classes);
    }

    @Test
    void thePlatformKnowsNoContext() {
        noClasses().that().resideInAPackage("org.custodia.platform..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.custodia.platform..", "org.custodia.kernel..",
                        "java..", "javax..", "jakarta..", "org.jboss..", "org.camunda..", "com.fasterxml..", "org.flywaydb..",
                        "org.postgresql..", "org.apache..", "com.github.benmanes..", "io.github.bucket4j..", "io.micrometer..", "org.eclipse.microprofile..")
                .because("platform is plumbing every context uses; a context plugs into it, never the other way round")
                .check(classes);
    }

    @Test
    void applicationServicesLeavePersistenceToRepositories() {
        noClasses().that().resideInAPackage("org.custodia.*.application..")
                .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "jakarta.persistence..", "javax.sql..")
                        .and(not(assignableTo(Throwable.class)))) // failures (a unique violation) may pass through
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.custodia.platform.persistence.TenantSession")
                .because("SQL, JPA and tenant binding belong to a context's infrastructure repositories and the"
                        + " @TenantScoped interceptor; services orchestrate")
                .check(classes);
    }

    @Test
    void aContextsRepositoriesAndAdaptersAreItsOwn() {
        Set<String> contexts = new TreeSet<>();
        for (JavaClass c : classes) {
            Matcher m = CONTEXT_INFRASTRUCTURE.matcher(c.getPackageName());
            if (m.matches()) {
                contexts.add(m.group(1));
            }
        }
        assertThat(contexts).as("contexts with an infrastructure package").contains("consent", "identity", "tenancy");
        for (String context : contexts) {
            classes().that().resideInAPackage("org.custodia." + context + ".infrastructure..")
                    .should().onlyBeAccessed().byClassesThat().resideInAPackage("org.custodia." + context + "..")
                    .because("other contexts go through its application services, which bind the tenant and keep its rules")
                    .check(classes);
        }
    }

    @Test
    void theSharedKernelKnowsNothingElse() {
        classes().that().resideInAPackage("org.custodia.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.custodia.kernel..", "java..")
                .check(classes);
    }
}
