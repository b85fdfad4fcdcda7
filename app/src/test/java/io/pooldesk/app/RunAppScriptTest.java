package io.pooldesk.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's two defects of {@code scripts/run-app.sh}: after a pull it started the old jar (it built only when there
 * was no jar), and {@code -Dpooldesk.workspace=FOLDER}, as the README documented it, reached the jar as an argument
 * and failed with "Unknown option". The real script runs in a copy of the project's layout, with {@code mvn} and
 * {@code java} replaced by stubs that write down how they were called (and the GTK install by a no-op).
 */
class RunAppScriptTest {
    private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path project;
    private Path calls;
    private Path source;

    @BeforeEach
    void layOutTheProject() throws IOException {
        Path scripts = Files.createDirectories(project.resolve("scripts"));
        Files.copy(Path.of("../scripts/run-app.sh"), scripts.resolve("run-app.sh"));
        Files.writeString(scripts.resolve("packages.sh"), "install_missing() { :; }\n");
        Path jar = Files.createDirectories(project.resolve("app/target")).resolve("pooldesk.jar");
        Files.writeString(jar, "the jar of the last build");
        Files.createDirectories(project.resolve("app/target/javafx"));
        source = Files.createDirectories(project.resolve("model/src/main/java/io/pooldesk/model"))
                .resolve("Pool.java");
        Files.writeString(source, "class Pool {}\n");
        Files.setLastModifiedTime(source, FileTime.from(BUILT.minusSeconds(3600)));
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        Path bin = Files.createDirectories(project.resolve("stub-bin"));
        calls = project.resolve("calls.txt");
        for (String tool : List.of("mvn", "java")) {
            Path stub = bin.resolve(tool);
            Files.writeString(stub, "#!/bin/sh\necho \"" + tool + " $*\" >> \"$RUN_APP_CALLS\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aSourceNewerThanTheJarIsBuiltBeforeTheWindowStarts() throws Exception {
        Files.setLastModifiedTime(source, FileTime.from(BUILT.plusSeconds(60)));
        List<String> ran = runApp();
        assertEquals(2, ran.size(), ran.toString());
        assertTrue(ran.get(0).startsWith("mvn ") && ran.get(0).contains("install"), "built first: " + ran);
        assertTrue(ran.get(1).startsWith("java "), ran.toString());
    }

    @Test
    void aJarNewerThanEverySourceStartsWithoutABuild() throws Exception {
        List<String> ran = runApp();
        assertEquals(1, ran.size(), ran.toString());
        assertTrue(ran.get(0).startsWith("java "), ran.toString());
    }

    @Test
    void javaFxComesFromTheModulePathSoItDoesNotWarnOfAnUnsupportedConfiguration() throws Exception {
        String java = runApp().get(0);
        assertTrue(java.startsWith("java --module-path app/target/javafx --add-modules javafx.controls"), java);
    }

    @Test
    void aJavaOptionGoesToTheJvmAndTheWorkspaceOptionToTheWindow() throws Exception {
        List<String> ran = runApp("-Dpooldesk.workspace=/srv/pools", "-Xmx512m");
        String java = ran.get(ran.size() - 1);
        int jar = java.indexOf(" -jar app/target/pooldesk.jar");
        assertTrue(jar > 0, java);
        assertTrue(java.substring(0, jar).contains(" -Dpooldesk.workspace=/srv/pools"), "a JVM option: " + java);
        assertTrue(java.substring(0, jar).contains(" -Xmx512m"), java);
        assertEquals("", java.substring(jar + " -jar app/target/pooldesk.jar".length()),
                "nothing reaches the window's command line to be read as an unknown option: " + java);

        Files.delete(calls);
        java = runApp("--workspace", "/srv/pools").get(0);
        assertTrue(java.endsWith(" -jar app/target/pooldesk.jar --workspace /srv/pools"), java);
    }

    private List<String> runApp(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("scripts/run-app.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(project.resolve("out.txt").toFile());
        builder.environment().put("PATH", project.resolve("stub-bin") + ":" + System.getenv("PATH"));
        builder.environment().put("RUN_APP_CALLS", calls.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "run-app.sh ended");
        assertEquals(0, process.exitValue(), Files.readString(project.resolve("out.txt")));
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }
}
