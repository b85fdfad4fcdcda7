package io.pooldesk.app.cli;

import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.Kubeconfig;
import io.pooldesk.cluster.testing.CapturedLogs;
import io.pooldesk.cluster.testing.FakeApiServer;
import io.pooldesk.cluster.testing.Kubeconfigs;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.views.cluster.ClusterViewModel;
import io.pooldesk.views.common.BackgroundWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every failure mode of every cluster command (diff, apply, pull, and the window's Cluster page) against loopback
 * fakes, with secrets planted in the kubeconfig (token, password, client key), in a credential plugin's output, in a
 * server URL's user info and in an argument file: none of them may appear in standard output, standard error, any
 * log line (of any level) or any file written.
 */
class SecretScanTest {
    private static final String TOKEN = "planted-token-Zq81xT";
    private static final String PASSWORD = "planted-password-Kd93mW";
    private static final String KEY = "planted-client-key-Hn27pV";
    private static final String EXEC_OUTPUT = "planted-exec-output-Rt64jB";
    private static final String URL_PASSWORD = "planted-url-password-Lw55cQ";
    private static final String ARGUMENT_FILE = "planted-argument-file-Pf18yD";
    private static final List<String> SECRETS = List.of(TOKEN, PASSWORD, KEY, EXEC_OUTPUT, URL_PASSWORD,
            ARGUMENT_FILE, Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
    private static final String POOLS = "/apis/loadbalancer.harvesterhci.io/v1beta1/ippools";

    @TempDir
    Path dir;
    private Path inputs;
    private Path outputs;
    private Path workspace;
    private FakeApiServer server;
    private final List<String> scanned = new ArrayList<>();
    private final Set<String> exits = new LinkedHashSet<>();

    @BeforeEach
    void start() throws Exception {
        inputs = Files.createDirectories(dir.resolve("inputs"));
        outputs = Files.createDirectories(dir.resolve("outputs"));
        workspace = inputs.resolve("pools.yaml");
        Files.writeString(workspace, """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: a}
                spec: {ranges: [{subnet: 10.0.9.0/24}]}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: b}
                spec: {ranges: [{subnet: 10.1.0.0/24}]}
                """);
        server = new FakeApiServer();
        server.put(POOLS, """
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool",
                 "metadata": {"name": "a"}, "spec": {"ranges": [{"subnet": "10.0.0.0/24"}]}}""");
        CapturedLogs.clear();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A kubeconfig whose user holds every planted credential that can sit together. */
    private Path tokenUser() throws IOException {
        return Kubeconfigs.write(inputs, server.url(), "token: " + TOKEN);
    }

    private List<Path> kubeconfigs() throws IOException {
        List<Path> out = new ArrayList<>();
        Path malformed = inputs.resolve("malformed");
        Files.writeString(malformed, "users:\n- name: u\n  user: {token: " + TOKEN + ", password: " + PASSWORD
                + " [\n");
        out.add(malformed);
        out.add(Kubeconfigs.write(inputs, server.url(), "token: [" + TOKEN + "]"));
        out.add(Kubeconfigs.write(inputs, server.url(), "username: [admin, " + PASSWORD + "]"));
        out.add(Kubeconfigs.write(inputs, server.url().replace("http://", "http://admin:" + URL_PASSWORD + "@"),
                "token: " + TOKEN));
        out.add(Kubeconfigs.write(inputs, "http://admin:" + URL_PASSWORD + "@[broken", "token: " + TOKEN));
        out.add(Kubeconfigs.write(inputs, server.url(), "token: " + TOKEN + "\nusername: admin\npassword: "
                + PASSWORD));
        out.add(Kubeconfigs.write(inputs, server.url(), "client-certificate-data: "
                + Base64.getEncoder().encodeToString(("-----BEGIN CERTIFICATE-----\n" + KEY
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.UTF_8)) + "\nclient-key-data: "
                + Base64.getEncoder().encodeToString(("-----BEGIN RSA PRIVATE KEY-----\n" + KEY
                + "\n-----END RSA PRIVATE KEY-----\n").getBytes(StandardCharsets.UTF_8))));
        for (String plugin : List.of(
                "echo '" + EXEC_OUTPUT + "'; echo '" + EXEC_OUTPUT + "' >&2; exit 1",
                "echo '{\"token\": \"" + EXEC_OUTPUT + "\"}'",
                "echo '" + EXEC_OUTPUT + "' >&2; sleep 30",
                "echo '" + Kubeconfigs.credential(EXEC_OUTPUT).replace("v1\"", "v1beta1\"") + "'")) {
            Path script = Kubeconfigs.plugin(inputs, "plugin-" + out.size(), plugin);
            out.add(Kubeconfigs.write(inputs, server.url(), Kubeconfigs.exec(script)
                    + "  env: [{name: PLUGIN_SECRET, value: " + PASSWORD + "}]"));
        }
        return out;
    }

    /** Runs every cluster command through {@code kubeconfig}, each into a new pull folder. */
    private void everyCommand(Path kubeconfig) {
        for (String[] command : List.of(
                new String[] {"diff", workspace.toString()},
                new String[] {"apply", "--dry-run", workspace.toString()},
                new String[] {"apply", workspace.toString()},
                new String[] {"apply", "--server-side", workspace.toString()},
                new String[] {"pull", outputs.resolve("pull-" + scanned.size()).toString()})) {
            List<String> args = new ArrayList<>(List.of(command[0], "--kubeconfig", kubeconfig.toString(),
                    "--request-timeout", "3s"));
            args.addAll(List.of(command).subList(1, command.length));
            CliContractTest.Run run = CliContractTest.run(args.toArray(String[]::new));
            exits.add(command[0] + " " + run.code());
            scanned.add(String.join(" ", args) + "\n" + run.out() + run.err());
        }
        windowsClusterPage(kubeconfig);
    }

    private void windowsClusterPage(Path kubeconfig) {
        var desired = ManifestReader.parse("pools.yaml", readQuietly(workspace)).manifests();
        ClusterViewModel page = new ClusterViewModel(BackgroundWork.synchronous(),
                context -> ClusterGateway.connect(Kubeconfig.of(kubeconfig), context, Duration.ofSeconds(3)),
                () -> desired);
        page.loadContexts(List.of("lab"));
        Consumer<String> keep = text -> scanned.add("window: " + text);
        page.compare();
        keep.accept(page.message.get() + page.diffs);
        page.apply(true);
        keep.accept(page.message.get() + page.outcomes);
        page.apply(false);
        keep.accept(page.message.get() + page.outcomes);
        page.stopWatching();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertNoSecretAnywhere() throws IOException {
        List<String> places = new ArrayList<>(scanned);
        places.add("log: " + CapturedLogs.text());
        try (Stream<Path> written = Files.walk(outputs)) {
            for (Path file : written.filter(Files::isRegularFile).toList()) {
                places.add("file " + file + ": " + Files.readString(file));
            }
        }
        for (String place : places) {
            for (String secret : SECRETS) {
                int at = place.indexOf(secret);
                assertFalse(at >= 0, () -> "a planted secret leaked in " + place.substring(0, Math.min(60,
                        place.length())) + ":\n..." + place.substring(Math.max(0, at - 400), Math.min(place.length(),
                        at + 200)));
            }
        }
    }

    @Test
    void noKubeconfigOrPluginFailureShowsASecret() throws Exception {
        for (Path kubeconfig : kubeconfigs()) {
            everyCommand(kubeconfig);
        }
        assertNoSecretAnywhere();
        assertTrue(scanned.stream().anyMatch(s -> s.contains("not valid YAML (line")), "the malformed one was read");
        assertTrue(scanned.stream().anyMatch(s -> s.contains("did not finish within 3 s")), "the hanging plugin");
    }

    @Test
    void noServerMisbehaviourShowsASecret() throws Exception {
        Path kubeconfig = tokenUser();
        // a server (or a proxy) that echoes the credentials it was sent
        server.when(r -> true, FakeApiServer.status(401, "bad credentials: Bearer " + TOKEN), true);
        server.when(r -> true, FakeApiServer.status(500, "internal error for token " + TOKEN), true);
        everyCommand(kubeconfig);
        everyCommand(kubeconfig);
        server.when(r -> r.isWrite() && !r.isDryRun(), FakeApiServer.commitThenReset());
        everyCommand(kubeconfig);
        server.behave();
        server.when(r -> true, FakeApiServer.status(403, "user with token " + TOKEN + " may not"));
        everyCommand(kubeconfig);
        for (FakeApiServer.Answer misbehaviour : List.of(FakeApiServer.reset(), FakeApiServer.garbage("<html>"
                + TOKEN + "</html>"), FakeApiServer.trickle(200), FakeApiServer.silence())) {
            server.behave();
            server.when(r -> true, misbehaviour);
            everyCommand(kubeconfig);
        }
        server.close();
        everyCommand(kubeconfig);
        assertNoSecretAnywhere();
        assertTrue(exits.containsAll(List.of("diff 1", "apply 1", "pull 1")), exits.toString());
        assertTrue(CapturedLogs.text().contains("io.fabric8"), "the log capture saw fabric8's own lines");
    }

    @Test
    void anArgumentFileIsAFileNameNeverExpanded() throws Exception {
        Path creds = inputs.resolve("creds.yaml");
        Files.writeString(creds, "--token\n" + ARGUMENT_FILE + "\n");
        for (String command : List.of("validate", "diff", "simulate", "report")) {
            CliContractTest.Run run = CliContractTest.run(command, "@" + creds);
            scanned.add(command + ": " + run.out() + run.err());
            assertEquals(2, run.code(), run.all());
            assertTrue(run.err().contains("@" + creds), "named as the file it is: " + run.err());
        }
        assertNoSecretAnywhere();
    }
}
