package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptance commands, run through {@code java -jar app/target/pooldesk.jar} in a child process. */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "pooldesk.jar");

    record Result(int code, String out, String err) {
    }

    private static Result pooldesk(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("pooldesk-out", ".txt");
        Path err = Files.createTempFile("pooldesk-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pooldesk finished");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void simulateFromThePackagedJar() throws Exception {
        Result result = pooldesk("simulate", "--output", "json",
                CliContractTest.EXAMPLES.resolve("harvester-lb-ippool-with-status.yaml").toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("\"address\": \"192.168.178.8\""), result.out());
    }

    @Test
    void validateFromThePackagedJar() throws Exception {
        Result result = pooldesk("validate", CliContractTest.EXAMPLES.resolve("harvester-lb-ippools.yaml").toString());
        assertEquals(0, result.code(), result.err());
        assertEquals("4 objects checked: valid\n", result.out());
    }

    @Test
    void badArgumentsFromThePackagedJar() throws Exception {
        Result result = pooldesk("simulate", "--output", "xml", "x.yaml");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("Invalid value for option '--output'"), result.err());
    }
}
