package io.pooldesk.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar pooldesk.jar} starting the window: JavaFX must come from the module path, or it warns "Unsupported
 * JavaFX configuration" at every start. Run without a display, so the toolkit stops right after the check; what
 * JavaFX said is in the window's log.
 */
class WindowLaunchIT {
    private static final Path JAR = Path.of("target", "pooldesk.jar");
    private static final String WARNING = "Unsupported JavaFX configuration";

    @Test
    void theBuildPutsJavaFxsModularJarsBesideTheJar() throws IOException {
        for (String module : List.of("base", "graphics", "controls", "swing")) {
            try (var files = Files.list(Path.of("target", "javafx"))) {
                Path jar = files.filter(f -> f.getFileName().toString().startsWith("javafx-" + module + "-"))
                        .findFirst().orElseThrow(() -> new AssertionError("no javafx-" + module + " in target/javafx"));
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    assertNotNull(zip.getEntry("module-info.class"), jar + " is a module");
                }
            }
        }
    }

    @Test
    void javaDashJarStartsJavaFxAsModules() throws Exception {
        String log = startWithoutDisplay();
        assertTrue(log.contains("Pooldesk "), "the window started and logged: " + log);
        assertTrue(log.contains("javafx.graphics@"), "JavaFX ran as the javafx.graphics module: " + log);
        assertFalse(log.contains(WARNING), log);
    }

    @Test
    void fromTheClassPathJavaFxWouldWarn() throws Exception {
        // the check above can see the warning: with the relaunch skipped, JavaFX is on the class path and says it
        String log = startWithoutDisplay("-Dpooldesk.javafxRelaunched=true");
        assertTrue(log.contains(WARNING), log);
    }

    private static String startWithoutDisplay(String... jvmOptions) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("pooldesk-launch");
        Path workspace = Files.createDirectories(home.resolve("workspace"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-Dpooldesk.config=" + home.resolve("config"), "-Dpooldesk.logdir=" + home.resolve("log"),
                "-Djavafx.cachedir=" + home.resolve("openjfx"), "-jar", JAR.toString(), "--workspace",
                workspace.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("out.txt").toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launch ended");
        Path log = home.resolve("log").resolve("pooldesk.log");
        return (Files.exists(log) ? Files.readString(log) : "") + Files.readString(home.resolve("out.txt"));
    }
}
