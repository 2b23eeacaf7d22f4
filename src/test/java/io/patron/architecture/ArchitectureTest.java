package io.patron.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The package rules of DESIGN.md, checked instead of hoped for. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.patron");

    /** Shared machinery, used by every capability, using none of them. */
    private static final List<String> SHARED = List.of("io.patron.api..", "io.patron.config..", "io.patron.common..",
            "io.patron.events..", "io.patron.jobs..", "io.patron.db..");

    @Test
    void sharedMachineryDoesNotDependOnCapabilities() {
        noClasses().that().resideInAnyPackage(SHARED.toArray(String[]::new))
                .should().dependOnClassesThat(new DescribedPredicate<>("belong to a capability package") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getPackageName().startsWith("io.patron.") && !isShared(c);
                    }
                })
                .check(MAIN);
    }

    /** Packages depend on each other one way: a cycle would make them one module in two places. */
    private static final ArchRule NO_CYCLE = slices().matching("io.patron.(*)..").should().beFreeOfCycles();

    /**
     * A capability's internals are its repositories, table constants, controllers, project-file imports and Spring
     * repository or web beans; another package sees only its services, directories, queries and the records they
     * take and give (the generated tables are covered by {@link #eachTableIsUsedByOnePackage()}).
     */
    private static final ArchRule NO_USE_OF_INTERNALS = classes().that().resideInAPackage("io.patron..")
            .should(new ArchCondition<>("use other capabilities only through their services and records") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                        JavaClass target = dependency.getTargetClass();
                        if (!target.getPackageName().startsWith("io.patron.") || isShared(target)
                                || target.getPackageName().equals(origin.getPackageName())) {
                            return;
                        }
                        if (isInternal(target)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    });
                }
            });

    @Test
    void packagesFormNoCycle() {
        NO_CYCLE.check(MAIN);
    }

    @Test
    void aCapabilityUsesAnotherOnlyThroughItsServices() {
        NO_USE_OF_INTERNALS.check(MAIN);
    }

    /** The two rules above do fail: two test packages that use each other, one through the other's repository. */
    @Test
    void theBoundaryRulesCatchACycleAndAUseOfInternals() {
        JavaClasses broken = new ClassFileImporter().importPackages("io.patron.fixturea", "io.patron.fixtureb");
        assertThatThrownBy(() -> NO_CYCLE.check(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixturea").hasMessageContaining("fixtureb");
        assertThatThrownBy(() -> NO_USE_OF_INTERNALS.check(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("AlphaRepository").hasMessageNotContaining("BetaService>");
    }

    /** A generated table (or its record) is used by one package, its owner; others ask that package's service. */
    @Test
    void eachTableIsUsedByOnePackage() {
        Map<String, Set<String>> packagesByTable = new TreeMap<>();
        MAIN.stream().filter(c -> !c.getPackageName().startsWith("io.patron.db")).forEach(origin ->
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getPackageName().startsWith("io.patron.db.tables")) {
                        String table = target.getPackageName().endsWith(".records")
                                ? target.getSimpleName().replaceFirst("Record$", "") : target.getSimpleName();
                        packagesByTable.computeIfAbsent(table, t -> new TreeSet<>()).add(origin.getPackageName());
                    }
                }));
        assertThat(packagesByTable).isNotEmpty();
        assertThat(packagesByTable.entrySet()).filteredOn(e -> e.getValue().size() > 1).isEmpty();
    }

    @Test
    void controllersStayThin() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Tables")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jooq.DSLContext")
                .check(MAIN);
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        // io.patron.db is generated from the migrations (see pom.xml)
        Set<String> packages = MAIN.stream().map(JavaClass::getPackageName)
                .filter(p -> !p.startsWith("io.patron.db")).collect(Collectors.toSet());
        Set<String> documented = MAIN.stream().filter(c -> c.getSimpleName().equals("package-info"))
                .map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(documented).containsAll(packages);
    }

    private static boolean isInternal(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        String name = top.getSimpleName();
        return name.endsWith("Repository") || name.endsWith("Tables") || name.endsWith("Controller")
                || name.endsWith("Import") || top.isMetaAnnotatedWith("org.springframework.stereotype.Repository")
                || top.isMetaAnnotatedWith("org.springframework.stereotype.Controller")
                || !top.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC);
    }

    private static boolean isShared(JavaClass c) {
        return c.getPackageName().equals("io.patron") || SHARED.stream()
                .map(p -> p.substring(0, p.length() - 2))
                .anyMatch(p -> c.getPackageName().equals(p) || c.getPackageName().startsWith(p + "."));
    }
}
