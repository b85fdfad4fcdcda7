package io.pooldesk.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
        // under mvn verify the cluster module's test classes arrive as its -tests.jar, which DO_NOT_INCLUDE_TESTS
        // (target/test-classes and the like) does not recognise
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
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
    void onlyTheRegistriesAndTheKindsFormsNameAConcretePoolSystem() {
        check(onlyTheRegistriesNameASystem());
    }

    /**
     * Outside the systems' own packages, a system is named by the model's registry, by the window's form registry
     * ({@code PoolForms}) and by each system's form package ({@code views.pools.forms.<kind>}); nothing else.
     */
    static ArchRule onlyTheRegistriesNameASystem() {
        List<String> allowed = new java.util.ArrayList<>(List.of(SYSTEMS));
        allowed.add("io.pooldesk.model.registry..");
        allowed.add(FORMS);
        return noClasses().that().resideInAnyPackage(EVERYWHERE)
                .and().resideOutsideOfPackages(allowed.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(SYSTEMS);
    }

    static final String[] EVERYWHERE = {"io.pooldesk.model..", "io.pooldesk.cluster..", "io.pooldesk.views..",
            "io.pooldesk.app.."};

    /** The window's form registry and, under it, one package per system's form. */
    static final String FORMS = "io.pooldesk.views.pools.forms..";

    /** Each form package and the one system it may use. */
    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("io.pooldesk.views.pools.forms.harvesterlb..", SYSTEMS[0]),
                Arguments.of("io.pooldesk.views.pools.forms.harvesterdhcp..", SYSTEMS[1]),
                Arguments.of("io.pooldesk.views.pools.forms.metallb..", SYSTEMS[2]),
                Arguments.of("io.pooldesk.views.pools.forms.openelb..", SYSTEMS[3]),
                Arguments.of("io.pooldesk.views.pools.forms.novaedge..", SYSTEMS[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void aKindsFormUsesOnlyItsOwnSystem(String form, String system) {
        String[] others = Stream.of(SYSTEMS).filter(s -> !s.equals(system)).toArray(String[]::new);
        check(noClasses().that().resideInAPackage(form).should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true));
    }

    @Test
    void theFormRegistryNamesFormsNotSystems() {
        check(noClasses().that().resideInAPackage("io.pooldesk.views.pools.forms").should().dependOnClassesThat()
                .resideInAnyPackage(SYSTEMS));
    }

    /** The rule above can fail: a class outside the registries that uses a system's type breaks it. */
    @Test
    void aPlantedOpenerThatNamesASystemBreaksTheRule() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedOpener.class);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> onlyTheRegistriesNameASystem().check(planted));
    }

    /** What the rule exists to stop: a page that opens one kind's pools by that kind's own types. */
    static final class PlantedOpener {
        boolean opens(io.pooldesk.model.manifest.Manifest manifest) {
            return io.pooldesk.model.metallb.MetalLb.isPool(manifest);
        }
    }

    /**
     * javac inlines constants ({@code MetalLb.GROUP}), so the class files do not show every use of a system's names:
     * the sources are read too, for the systems' packages and their API groups.
     */
    @Test
    void noSourceOutsideTheSystemsAndTheRegistriesNamesASystemOrItsApiGroup() throws java.io.IOException {
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), sourcesNamingASystem(List.of("../model/src/main/java",
                "../cluster/src/main/java", "../views/src/main/java", "src/main/java/io/pooldesk/app/cli")));
    }

    @Test
    void thePlantedNameOfASystemsApiGroupInAViewIsFound(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws java.io.IOException {
        java.nio.file.Path page = root.resolve("io/pooldesk/views/pools/Planted.java");
        java.nio.file.Files.createDirectories(page.getParent());
        java.nio.file.Files.writeString(page, "class Planted { String group = \"metallb.io/v1beta1\"; }");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(page.toString().replace('\\', '/')
                + ": \"metallb.io/"), sourcesNamingASystem(List.of(root.toString())));
    }

    static List<String> sourcesNamingASystem(List<String> roots) throws java.io.IOException {
        List<String> found = new java.util.ArrayList<>();
        for (String root : roots) {
            try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String path = file.toString().replace('\\', '/');
                    if (path.matches(".*/io/pooldesk/model/(harvester|metallb|openelb|novaedge|registry)/.*")
                            || path.matches(".*/io/pooldesk/views/pools/forms/.*")) {
                        continue;
                    }
                    String text = java.nio.file.Files.readString(file);
                    java.util.regex.Matcher m = NAMES.matcher(text);
                    while (m.find()) {
                        found.add(path + ": " + m.group());
                    }
                }
            }
        }
        return found;
    }

    static final java.util.regex.Pattern NAMES = java.util.regex.Pattern.compile(
            "io\\.pooldesk\\.model\\.(harvester|metallb|openelb|novaedge)\\b|\"(loadbalancer\\.harvesterhci\\.io"
                    + "|networking\\.harvesterhci\\.io|network\\.harvesterhci\\.io|metallb\\.io|metallb\\.universe\\.tf"
                    + "|network\\.kubesphere\\.io|novaedge\\.io)[/\"]");

    @Test
    void noPackageCycles() {
        check(slices().matching("io.pooldesk.(**)").should().beFreeOfCycles());
    }
}
