package io.pooldesk.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape docs/architecture.md describes, checked on the compiled classes of every module: the engine stays plain
 * Java, fabric8 stays in cluster access, the pool systems stay apart, only the registry names them, and no two
 * packages depend on each other.
 */
class ArchitectureTest {
    static final String[] SYSTEMS = {"io.pooldesk.model.harvester.lb..", "io.pooldesk.model.harvester.dhcp..",
            "io.pooldesk.model.metallb..", "io.pooldesk.model.openelb..", "io.pooldesk.model.novaedge.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pooldesk");
    }

    static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void theEngineUsesNeitherJavaFxNorFabric8NorTheLayersAboveIt() {
        check(noClasses().that().resideInAPackage("io.pooldesk.model..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp..", "io.fabric8..", "io.pooldesk.views..",
                        "io.pooldesk.app..", "io.pooldesk.cluster.."));
    }

    @Test
    void onlyClusterAccessUsesFabric8() {
        check(noClasses().that().resideOutsideOfPackage("io.pooldesk.cluster..").should().dependOnClassesThat()
                .resideInAPackage("io.fabric8.."));
    }

    @Test
    void clusterAccessKnowsNothingOfTheWindow() {
        check(noClasses().that().resideInAPackage("io.pooldesk.cluster..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "io.pooldesk.views..", "io.pooldesk.app.."));
    }

    @Test
    void theWindowDoesNotReachIntoTheApplication() {
        check(noClasses().that().resideInAPackage("io.pooldesk.views..").should().dependOnClassesThat()
                .resideInAPackage("io.pooldesk.app.."));
    }

    static Stream<String> systems() {
        return Stream.of(SYSTEMS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void aPoolSystemDoesNotImportAnother(String system) {
        String[] others = Stream.of(SYSTEMS).filter(s -> !s.equals(system)).toArray(String[]::new);
        check(noClasses().that().resideInAPackage(system).should().dependOnClassesThat()
                .resideInAnyPackage(others));
    }

    @Test
    void onlyTheRegistryNamesAConcretePoolSystem() {
        List<String> allowed = Stream.concat(Stream.of(SYSTEMS), Stream.of("io.pooldesk.model.registry..")).toList();
        check(noClasses().that().resideOutsideOfPackages(allowed.toArray(String[]::new))
                .and().resideOutsideOfPackages(WINDOW_FORMS_PER_SYSTEM)
                .should().dependOnClassesThat().resideInAnyPackage(SYSTEMS));
    }

    /**
     * The window's per-system forms edit one system's objects field by field, as Harvester's own form does; they are
     * the window's counterpart of a system package and are allowed to name it.
     */
    static final String[] WINDOW_FORMS_PER_SYSTEM = {"io.pooldesk.views.pools.editor.."};

    @Test
    void noPackageCycles() {
        check(slices().matching("io.pooldesk.(**)").should().beFreeOfCycles());
    }
}
