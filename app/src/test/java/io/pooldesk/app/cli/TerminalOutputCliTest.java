package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names from a file cannot drive the operator's terminal: escapes and control characters are shown, not obeyed. */
class TerminalOutputCliTest {
    private static final String EVIL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: "red\\e[31m\\e[2J\\rok\\u202Eevil"}
            spec:
              ranges: [{subnet: 10.1.0.0/33}]
            """;

    @Test
    void escapeSequencesAndControlCharactersInNamesAreNeutralised() {
        CliContractTest.Run run = CliContractTest.runWithStdin(EVIL, "validate", "-");
        assertEquals(1, run.code(), run.all());
        assertFalse(run.all().contains("\u001b"), "no raw ESC reaches the terminal");
        assertFalse(run.all().contains("\rok"), "no bare carriage return");
        assertFalse(run.all().contains("\u202e"), "no right-to-left override");
        assertTrue(run.err().contains("red\\x1b[31m\\x1b[2J\\rok\\u202eevil"), run.err());
    }

    @Test
    void theCsvKeepsItsLineEnds() {
        CliContractTest.Run run = CliContractTest.run("report", java.nio.file.Path.of("..", "resources",
                "demo-workspace").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\r\n") && !run.out().contains("\\r"), "CRLF rows pass as they are");
    }
}
