package io.pooldesk.model.workspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The home folder the operator's shell and kubectl use, not the password database's, when the two differ. */
class UserHomeTest {
    @Test
    void anAbsoluteHomeVariableWinsOverJavasUserHome() {
        assertEquals(Path.of("/tmp/operator"), UserHome.of("/tmp/operator", "/root"));
    }

    @Test
    void anUnsetBlankOrRelativeHomeFallsBackToJavasUserHome() {
        assertEquals(Path.of("/root"), UserHome.of(null, "/root"));
        assertEquals(Path.of("/root"), UserHome.of(" ", "/root"));
        assertEquals(Path.of("/root"), UserHome.of("relative/home", "/root"));
    }

    @Test
    void anXdgFolderIsTheVariableWhenAbsoluteElseTheDefaultUnderHome() {
        Path home = Path.of("/home/op");
        assertEquals(Path.of("/xdg/data/pooldesk"), UserHome.userFolder("/xdg/data", home, ".local/share"));
        assertEquals(Path.of("/home/op/.local/share/pooldesk"), UserHome.userFolder(null, home, ".local/share"));
        assertEquals(Path.of("/home/op/.local/share/pooldesk"), UserHome.userFolder("", home, ".local/share"));
        // the XDG specification: a relative path in these variables is invalid and is ignored
        assertEquals(Path.of("/home/op/.cache/pooldesk"), UserHome.userFolder("relative/cache", home, ".cache"));
    }
}
