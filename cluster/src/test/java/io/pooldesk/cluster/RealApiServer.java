package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real kube-apiserver (with etcd, RBAC and the reference CRDs) for the tests, started once per test run by
 * {@code scripts/kube-test-server.sh}, or the one {@code .ci/run} started when {@code POOLDESK_KUBE_DIR} names it.
 * The first start on a machine builds both binaries from their Go modules; without Go (and no cached binaries) the
 * tests that need the server are skipped with a message that says so.
 */
public final class RealApiServer implements BeforeAllCallback, ParameterResolver {

    /** One running server: its URL, a kubeconfig for the admin and one for the read-only user, and etcd's URL. */
    public record Server(String url, Path adminKubeconfig, Path restrictedKubeconfig, String etcd) {

        public KubernetesClient admin() {
            return client(adminKubeconfig, b -> { });
        }

        public KubernetesClient restricted() {
            return client(restrictedKubeconfig, b -> { });
        }

        /** A client of {@code kubeconfig} with Pooldesk's timeouts and whatever {@code http} adds. */
        public KubernetesClient client(Path kubeconfig, Consumer<HttpClient.Builder> http) {
            try {
                Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
                config.setRequestRetryBackoffLimit(1);
                config.setConnectionTimeout(5_000);
                config.setRequestTimeout(15_000);
                return new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(http::accept)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The kind Pooldesk reads and writes as {@code group}/{@code kind}. */
    public static ClusterKind kind(String group, String kind) {
        return ClusterKind.ALL.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst()
                .orElseThrow();
    }

    private static Server server;
    private static String unavailable;

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    /** The server, started on first use; the calling test is skipped when it cannot be had on this machine. */
    public static synchronized Server server() {
        if (server == null && unavailable == null) {
            try {
                server = startOrFind();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (unavailable != null) {
            Assumptions.abort(unavailable);
        }
        return server;
    }

    private static Server startOrFind() throws IOException, InterruptedException {
        String given = System.getenv("POOLDESK_KUBE_DIR");
        if (given != null && !given.isEmpty() && Files.exists(Path.of(given, "env"))) {
            return read(Path.of(given, "env"));
        }
        Path script = Path.of("..", "scripts", "kube-test-server.sh").toAbsolutePath().normalize();
        if (!hasGo() && !cached(script)) {
            unavailable = "SKIPPED: the real API server tests need Go (to build kube-apiserver and etcd once, see"
                    + " README) and this machine has neither Go nor cached binaries";
            System.err.println(unavailable);
            return null;
        }
        Path dir = Files.createTempDirectory("pooldesk-kube-");
        Path log = Files.createTempFile("pooldesk-kube-start-", ".log");
        Process start = new ProcessBuilder("bash", script.toString(), "start", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // the first start builds kube-apiserver: many minutes on two cores
        if (!start.waitFor(45, TimeUnit.MINUTES) || start.exitValue() != 0) {
            start.destroy();
            throw new IllegalStateException("scripts/kube-test-server.sh start failed:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        Files.delete(log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                new ProcessBuilder("bash", script.toString(), "stop", dir.toString()).inheritIO().start()
                        .waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the JVM is ending; the script's processes end with the test run's process group
            }
        }));
        return read(dir.resolve("env"));
    }

    private static Server read(Path envFile) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Server(env.get("POOLDESK_KUBE_URL"), Path.of(env.get("POOLDESK_KUBE_ADMIN_KUBECONFIG")),
                Path.of(env.get("POOLDESK_KUBE_RESTRICTED_KUBECONFIG")), env.get("POOLDESK_KUBE_ETCD"));
    }

    private static boolean hasGo() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, "go"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/local/go/bin/go"));
    }

    private static boolean cached(Path script) throws IOException, InterruptedException {
        Process paths = new ProcessBuilder("bash", script.toString(), "paths").start();
        List<String> binaries = new String(paths.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        paths.waitFor(30, TimeUnit.SECONDS);
        return !binaries.isEmpty() && binaries.stream().allMatch(b -> Files.isExecutable(Path.of(b)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
