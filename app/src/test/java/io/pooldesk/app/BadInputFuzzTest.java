package io.pooldesk.app;

import io.pooldesk.app.cli.Cli;
import io.pooldesk.model.conversion.Converter;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.workspace.Workspace;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input, tried on purpose: 10,000 generated and mutated documents through validate, simulate, convert and the
 * window's import. None may end in an uncaught exception or a hang, and a refused document is named in the error.
 */
class BadInputFuzzTest {
    /**
     * The build tries the first 1,000 documents of the sequence (every mutation and the 10 MB one among them); the
     * {@code full-fuzz} Maven profile tries all 10,000.
     */
    private static final int DOCUMENTS = Integer.getInteger("pooldesk.fuzz.documents", 1_000);
    /** A hang guard, far above the milliseconds a document takes; not a speed target. */
    private static final long SECONDS_PER_DOCUMENT = 20;
    private static final String[] HOSTILE_VALUES = {
            "99999999999999999999999999999999999999", "-1", "\"::/0\"", "0.0.0.0/0", "\"::\"", "[]", "{}", "null",
            "~", "true", "1.5", "\"10.0.0.0-9.0.0.0\"", "\"fd00::/64\"", "\"10.0.0.0/33\"", "\"1.2.3\"",
            "\"256.0.0.1/24\"", "\"0.0.0.0/0\"", "\"ffff::/1\"", "[1, [2, [3]]]", "\"\\u0000\"", "\"é/ü\"",
            "&anchor x", "*missing"};

    @TempDir
    Path dir;

    private static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (Path folder : List.of(Path.of("..", "resources", "examples"), Path.of("..", "resources",
                "demo-workspace"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                        if (doc.contains("kind:")) {
                            seeds.add(doc);
                        }
                    }
                }
            }
        }
        return seeds;
    }

    static String mutate(String seed, Random random, int n) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        int kind = n % 12;
        switch (kind) {
            case 0 -> {
                return seed.substring(0, random.nextInt(seed.length() + 1));
            }
            case 1 -> lines.remove(random.nextInt(lines.size()));
            case 2 -> {
                int i = random.nextInt(lines.size());
                lines.add(i, lines.get(i));
            }
            case 3, 4, 5 -> {
                int i = random.nextInt(lines.size());
                String line = lines.get(i);
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    lines.set(i, line.substring(0, colon + 2) + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]);
                } else if (line.trim().startsWith("- ")) {
                    lines.set(i, line.substring(0, line.indexOf('-') + 2)
                            + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]);
                }
            }
            case 6 -> {
                int depth = 50 + random.nextInt(5000);
                return seed + "\nextra: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
            }
            case 7 -> {
                return "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
                        + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                        + "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nkind: IPPool\napiVersion: v1\n";
            }
            case 8 -> {
                byte[] bytes = new byte[random.nextInt(400)];
                random.nextBytes(bytes);
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case 9 -> {
                int i = random.nextInt(lines.size());
                lines.set(i, "\t" + lines.get(i));
            }
            case 10 -> {
                return seed.replaceAll("\\b(\\d{1,3}\\.){3}\\d{1,3}\\b", random.nextBoolean() ? "0.0.0.0" : "255.255.255.255");
            }
            default -> {
                int i = random.nextInt(lines.size());
                lines.set(i, lines.get(i).replace(":", random.nextBoolean() ? "" : "::"));
            }
        }
        return String.join("\n", lines);
    }

    private static int cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains("internal error"), "uncaught exception for:\n" + stdin.substring(0,
                Math.min(400, stdin.length())) + "\n->\n" + all);
        if (code == Cli.UNREADABLE && all.contains("error:")) {
            assertTrue(all.contains("<stdin>"), "the error names the document's source: " + all);
        }
        return code;
    }

    private void exercise(String text, int n) throws IOException {
        int validate = cli(text, "validate", "-");
        int simulate = cli(text, "simulate", "-o", "json", "-");
        assertTrue(validate >= 0 && validate <= 2 && simulate >= 0 && simulate <= 2);
        ManifestReader.Result read = ManifestReader.parse("fuzz-" + n + ".yaml", text);
        read.errors().forEach(e -> assertEquals("fuzz-" + n + ".yaml", e.source()));
        for (PoolSystem kind : PoolSystems.all()) {
            Converter.convert(read.manifests(), kind);
        }
        WorkspaceAnalysis.of(read.manifests());
        if (n % 50 == 0) {
            Path folder = Files.createDirectories(dir.resolve("ws-" + n));
            Files.writeString(folder.resolve("input.yaml"), text);
            Workspace workspace = Workspace.open(folder);
            WorkspaceAnalysis.of(workspace.manifests());
        }
    }

    @Test
    void tenThousandHostileDocumentsEndInAnAnswer() throws Exception {
        List<String> seeds = seeds();
        Random random = new Random(20261122);
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int n = 0; n < DOCUMENTS; n++) {
                String text = n == 1 ? "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {x: \""
                        + "x".repeat(10 * 1024 * 1024) + "\"}\n"
                        : mutate(seeds.get(random.nextInt(seeds.size())), random, n);
                int number = n;
                Future<?> run = runner.submit(() -> {
                    exercise(text, number);
                    return null;
                });
                try {
                    run.get(SECONDS_PER_DOCUMENT, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    run.cancel(true);
                    fail("document " + n + " did not finish in " + SECONDS_PER_DOCUMENT + " s:\n"
                            + text.substring(0, Math.min(400, text.length())));
                }
            }
        } finally {
            runner.shutdownNow();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        assertTrue(usedMb < 1024, "memory stays bounded after the run: " + usedMb + " MB in use");
    }
}
