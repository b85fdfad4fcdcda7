package io.pooldesk.model.workspace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child JVM saving a workspace in a loop is killed with SIGKILL: every file left is the old or the new version. */
class SaveCrashTest {
    private static final int KILLS = 12;

    @TempDir
    Path folder;

    /** A pool whose description carries the version, padded so that a write takes a moment. */
    static ObjectNode pool(String name, String version) {
        ObjectNode pool = JsonNodeFactory.instance.objectNode();
        pool.put("apiVersion", "loadbalancer.harvesterhci.io/v1beta1");
        pool.put("kind", "IPPool");
        pool.putObject("metadata").put("name", name);
        ObjectNode spec = pool.putObject("spec");
        spec.put("description", "version " + version + " " + version.repeat(20_000));
        spec.putArray("ranges").addObject().put("subnet", name.equals("pool-1") ? "10.1.0.0/24" : "10.2.0.0/24");
        return pool;
    }

    @Test
    void killedWhileSavingLeavesOnlyWholeVersions() throws Exception {
        Files.writeString(folder.resolve("pools.yaml"), Workspace.render(List.of(pool("pool-1", "A"),
                pool("pool-2", "A"))));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(7);
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), folder.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine(), "the child started");
            Thread.sleep(50 + random.nextInt(400));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            assertWholeVersions();
        }
    }

    private void assertWholeVersions() throws Exception {
        List<Path> yaml = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".yaml")).forEach(yaml::add);
        }
        assertEquals(List.of(folder.resolve("pools.yaml")), yaml, "no stray files under a manifest name");
        ManifestReader.Result read = ManifestReader.parse("pools.yaml", Files.readString(yaml.get(0)));
        assertTrue(read.ok(), "the file parses: " + read.errors());
        assertEquals(2, read.manifests().size());
        for (Manifest m : read.manifests()) {
            String description = m.object().path("spec").path("description").asText();
            String version = description.substring("version ".length(), "version ".length() + 1);
            assertEquals(pool(m.name(), version), m.object(), "a whole version of " + m.name());
        }
    }
}
