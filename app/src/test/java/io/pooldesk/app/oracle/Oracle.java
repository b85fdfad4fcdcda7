package io.pooldesk.app.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The reference allocators as Go programs ({@code testing/oracle}), built with {@code go build} into this module's
 * {@code target/oracle}. Without Go the oracle tests are skipped, loudly.
 */
final class Oracle {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Oracle() {
    }

    static Path binary(String command) throws IOException, InterruptedException {
        Path module = Path.of("..", "testing", "oracle").toAbsolutePath().normalize();
        Path out = Path.of("target", "oracle", command).toAbsolutePath();
        String go = findGo();
        if (go == null) {
            String why = "SKIPPED: Go is not installed, so the reference allocator oracle (" + module + ") cannot be"
                    + " built; install Go 1.26 or later to run the differential tests";
            System.err.println(why);
            Assumptions.abort(why);
        }
        Files.createDirectories(out.getParent());
        Process build = new ProcessBuilder(go, "build", "-o", out.toString(), "./cmd/" + command)
                .directory(module.toFile()).redirectErrorStream(true).start();
        String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!build.waitFor(20, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException("go build of " + command + " in " + module + " failed:\n" + log);
        }
        return out;
    }

    static JsonNode run(Path binary, JsonNode input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread feeder = new Thread(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                JSON.writeValue(stdin, input);
            } catch (IOException e) {
                // the process died: its exit code says so below
            }
        });
        feeder.start();
        JsonNode answer = JSON.readTree(process.getInputStream());
        feeder.join();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(binary + " failed with exit " + process.exitValue());
        }
        return answer;
    }

    /** go on the PATH, or where the official archive and Debian put it. */
    static String findGo() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(entry, "go"))) {
                    return Path.of(entry, "go").toString();
                }
            }
        }
        for (String candidate : new String[] {"/usr/local/go/bin/go", "/usr/lib/go/bin/go"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
