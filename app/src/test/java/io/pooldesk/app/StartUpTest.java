package io.pooldesk.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a first start does before the window shows: the workspace it opens, and the demo copy it makes. */
class StartUpTest {

    @Test
    void workspaceOnTheCommandLineOpensTheWindowOnThatFolder() {
        assertEquals(Optional.of("/srv/pools"), Launcher.workspaceArgument("--workspace", "/srv/pools"));
        assertEquals(Optional.of("/srv/pools"), Launcher.workspaceArgument("--workspace=/srv/pools"));
        assertEquals(Optional.empty(), Launcher.workspaceArgument("validate", "/srv/pools"),
                "a command stays a command");
        assertThrows(IllegalArgumentException.class, () -> Launcher.workspaceArgument("--workspace"));
        assertThrows(IllegalArgumentException.class, () -> Launcher.workspaceArgument("--workspace", "a", "b"));
    }

    @Test
    void contextOnTheCommandLineOpensTheWindowOnThatClusterAndACommandsContextStaysTheCommands() {
        assertEquals(Optional.of("lab"), Launcher.contextArgument("--context", "lab"));
        assertEquals(Optional.of("lab"), Launcher.contextArgument("--context=lab"));
        assertEquals(Optional.empty(), Launcher.contextArgument("diff", "--context", "lab", "pools.yaml"),
                "diff --context is the command's");
        assertThrows(IllegalArgumentException.class, () -> Launcher.contextArgument("--context"));
        assertThrows(IllegalArgumentException.class, () -> Launcher.contextArgument("--context", "a", "b"));
    }

    @Test
    void theClusterOpenWhenTheWindowLastClosedOpensAgainWhenTheCommandLineNamesNoWorkspace(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path config) throws IOException {
        io.pooldesk.views.shell.DesktopSettings written = new io.pooldesk.views.shell.DesktopSettings(config);
        written.opened(config);
        written.openedCluster("lab");
        written.save();
        io.pooldesk.views.shell.DesktopSettings settings = new io.pooldesk.views.shell.DesktopSettings(config);
        assertEquals(Optional.of("lab"), PooldeskApplication.lastCluster(settings));
        assertEquals(Optional.empty(), PooldeskApplication.lastCluster(settings, "--workspace", "pools"));
        assertEquals(Optional.empty(), PooldeskApplication.lastCluster(settings, "--context", "staging"),
                "--context names its own");
        written.opened(config);
        written.save();
        assertEquals(Optional.empty(), PooldeskApplication.lastCluster(new io.pooldesk.views.shell.DesktopSettings(
                config)), "a folder was open last");
    }

    @Test
    void theDemoCopyHoldsEveryFileOfTheBundledDemoWorkspace() throws IOException {
        Path data = Files.createTempDirectory("pooldesk-data");
        Path installed = DemoWorkspace.install(data);
        List<String> expected;
        try (Stream<Path> files = Files.list(Path.of("../resources/demo-workspace"))) {
            expected = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> copied;
        try (Stream<Path> files = Files.list(installed)) {
            copied = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(expected.contains("edge-v6.yaml"), "the README's IPv6 pool is in the demo: " + expected);
        assertEquals(expected, copied);
        for (String name : expected) {
            assertEquals(Files.readString(Path.of("../resources/demo-workspace", name)),
                    Files.readString(installed.resolve(name)), name);
        }
    }
}
