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
        check(noClasses().that().resideInAnyPackage(EVERYWHERE)
                .and().resideOutsideOfPackages(allowed.toArray(String[]::new))
                .and().resideOutsideOfPackages(HARVESTER_FORM)
                .and().doNotHaveFullyQualifiedName(HARVESTER_FORM_OPENED_BY[0])
                .and().doNotHaveFullyQualifiedName(HARVESTER_FORM_OPENED_BY[1])
                .and().doNotHaveFullyQualifiedName(HARVESTER_FORM_OPENED_BY[2])
                .and().doNotHaveFullyQualifiedName(HARVESTER_FORM_OPENED_BY[3])
                .should().dependOnClassesThat().resideInAnyPackage(SYSTEMS));
    }

    static final String[] EVERYWHERE = {"io.pooldesk.model..", "io.pooldesk.cluster..", "io.pooldesk.views..",
            "io.pooldesk.app.."};

    /**
     * The window's one per-system form, Harvester's IP Pool form, edits that system's objects field by field as
     * Harvester's own page does; with the places that open and save it, it is the one part of the window that names
     * a system (issue 15 puts a form behind every system of the registry). The list is closed: a new place fails.
     */
    static final String HARVESTER_FORM = "io.pooldesk.views.pools.editor..";
    static final String[] HARVESTER_FORM_OPENED_BY = {"io.pooldesk.views.pools.PoolsPage",
            "io.pooldesk.views.pools.PoolsViewModel", "io.pooldesk.views.shell.MainWindow",
            "io.pooldesk.views.workspace.WorkspaceViewModel"};

    /**
     * javac inlines constants ({@code MetalLb.GROUP}), so the class files do not show every use of a system's names:
     * the sources are read too, for the systems' packages and their API groups.
     */
    @Test
    void noSourceOutsideTheSystemsAndTheRegistryNamesASystemOrItsApiGroup() throws java.io.IOException {
        java.util.regex.Pattern names = java.util.regex.Pattern.compile(
                "io\\.pooldesk\\.model\\.(harvester|metallb|openelb|novaedge)\\b|\"(loadbalancer\\.harvesterhci\\.io"
                        + "|networking\\.harvesterhci\\.io|network\\.harvesterhci\\.io|metallb\\.io|metallb\\.universe\\.tf"
                        + "|network\\.kubesphere\\.io|novaedge\\.io)[/\"]");
        List<String> found = new java.util.ArrayList<>();
        for (String root : List.of("../model/src/main/java", "../cluster/src/main/java", "src/main/java/io/pooldesk/app/cli")) {
            try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String path = file.toString().replace('\\', '/');
                    if (path.matches(".*/io/pooldesk/model/(harvester|metallb|openelb|novaedge|registry)/.*")) {
                        continue;
                    }
                    String text = java.nio.file.Files.readString(file);
                    java.util.regex.Matcher m = names.matcher(text);
                    while (m.find()) {
                        found.add(path + ": " + m.group());
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), found);
    }

    @Test
    void noPackageCycles() {
        check(slices().matching("io.pooldesk.(**)").should().beFreeOfCycles());
    }
}
