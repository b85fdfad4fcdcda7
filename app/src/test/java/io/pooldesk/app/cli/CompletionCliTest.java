package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pooldesk completion}: a bash script that parses and offers the commands, their options and the kinds. */
class CompletionCliTest {
    @TempDir
    Path dir;

    @Test
    void theScriptParsesInBashAndKnowsEveryCommandOptionAndKind() throws Exception {
        CliContractTest.Run run = CliContractTest.run("completion");
        assertEquals(0, run.code(), run.all());
        String script = run.out();
        assertTrue(script.contains("complete -F"), script.substring(0, Math.min(400, script.length())));
        for (String word : new String[] {"validate", "simulate", "convert", "report", "metrics", "diff", "apply",
                "pull", "--service-cidr", "--listen", "harvester-lb", "metallb", "novaedge"}) {
            assertTrue(script.contains(word), "the completion script lacks " + word);
        }
        Path file = dir.resolve("pooldesk.bash");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String errors = new String(bash.getInputStream().readAllBytes());
        assertEquals(0, bash.waitFor(), errors);
    }
}
