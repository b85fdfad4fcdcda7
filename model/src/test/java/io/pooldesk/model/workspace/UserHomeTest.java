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
}
