package io.pooldesk.cluster;

import io.pooldesk.cluster.testing.FakeApiServer;
import io.pooldesk.cluster.testing.Kubeconfigs;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the kubeconfig decides server, credentials and TLS; reading it and its plugins never shows a secret. */
class KubeconfigTest {
    private static final String TOKEN = "kubeconfig-token-7f3a9c";
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    private FakeApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeApiServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static final String POOL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: a}
            spec: {ranges: [{subnet: 10.0.0.0/24}]}
            """;

    private List<ObjectDiff> diffThrough(Path kubeconfig) throws ClusterException {
        try (ClusterGateway gateway = ClusterGateway.connect(Kubeconfig.of(kubeconfig), null, DEADLINE)) {
            return gateway.diff(ManifestReader.parse("pools.yaml", POOL).manifests());
        }
    }

    @Test
    void aMalformedKubeconfigNamesFileAndLineButNeverQuotesIt() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "users:\n- name: a\n  user: {token: " + TOKEN + ", [broken\n");
        ClusterException e = assertThrows(ClusterException.class, () -> Kubeconfig.of(file));
        assertTrue(e.getMessage().startsWith("kubeconfig " + file + ": not valid YAML (line"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertTrue(e.badInput());
    }

    @Test
    void aWronglyShapedCredentialIsNamedNotShown() throws Exception {
        Path file = Kubeconfigs.write(dir, server.url(), "token: [" + TOKEN + "]");
        ClusterException e = assertThrows(ClusterException.class, () -> diffThrough(file));
        assertEquals("kubeconfig " + file + ": user \"operator\": token is not a string", e.getMessage());
    }

    @Test
    void aServerUrlWithUserInfoIsRefusedWithoutShowingIt() throws Exception {
        Path file = Kubeconfigs.write(dir, server.url().replace("http://", "http://admin:" + TOKEN + "@"),
                "token: x-token-123456");
        ClusterException e = assertThrows(ClusterException.class, () -> diffThrough(file));
        assertTrue(e.getMessage().contains("the server URL carries a user name or password"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(List.of(), server.requests(), "nothing is sent");
    }

    @Test
    void theClientLibrarysEnvironmentOverridesAreIgnored() throws Exception {
        try (FakeApiServer other = new FakeApiServer()) {
            System.setProperty("kubernetes.master", other.url());
            System.setProperty("kubernetes.auth.token", "override-token-123456");
            System.setProperty("kubernetes.auth.basic.username", "intruder");
            System.setProperty("kubernetes.auth.basic.password", "override-password-123456");
            System.setProperty("kubernetes.trust.certificates", "true");
            System.setProperty("kubeconfig", dir.resolve("elsewhere").toString());
            try {
                diffThrough(Kubeconfigs.write(dir, server.url(), "token: " + TOKEN));
            } finally {
                for (String property : List.of("kubernetes.master", "kubernetes.auth.token", "kubeconfig",
                        "kubernetes.auth.basic.username", "kubernetes.auth.basic.password",
                        "kubernetes.trust.certificates")) {
                    System.clearProperty(property);
                }
            }
            assertEquals(List.of(), other.requests(), "KUBERNETES_MASTER does not move the client");
            assertFalse(server.requests().isEmpty());
            server.requests().forEach(r -> assertEquals("Bearer " + TOKEN, r.header("Authorization"), r.path()));
        }
    }

    @Test
    void aPluginThatHangsIsStoppedAtTheDeadlineAndNamed() throws Exception {
        Path plugin = Kubeconfigs.plugin(dir, "hangs", "sleep 30");
        long start = System.nanoTime();
        ClusterException e = assertThrows(ClusterException.class,
                () -> diffThrough(Kubeconfigs.write(dir, server.url(), Kubeconfigs.exec(plugin))));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "stopped, not waited out");
        assertEquals("the credential plugin \"" + plugin + "\" of user \"operator\" did not finish within 3 s",
                e.getMessage());
        assertEquals(List.of(), server.requests(), "no anonymous request");
    }

    @Test
    void aPluginThatFailsOrPrintsGarbageIsAnErrorNeverAnAnonymousRequest() throws Exception {
        for (String body : List.of("echo 'token " + TOKEN + "'; echo " + TOKEN + " >&2; exit 3",
                "echo 'not json " + TOKEN + "'",
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\"}'")) {
            Path plugin = Kubeconfigs.plugin(dir, "plugin", body);
            ClusterException e = assertThrows(ClusterException.class,
                    () -> diffThrough(Kubeconfigs.write(dir, server.url(), Kubeconfigs.exec(plugin))));
            assertTrue(e.getMessage().startsWith("the credential plugin \"" + plugin + "\" of user \"operator\""),
                    e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
        assertEquals(List.of(), server.requests(), "no anonymous request");
    }

    @Test
    void aPluginsTokenIsWhatIsSent() throws Exception {
        Path plugin = Kubeconfigs.plugin(dir, "ok", "echo '" + Kubeconfigs.credential(TOKEN) + "'");
        diffThrough(Kubeconfigs.write(dir, server.url(), Kubeconfigs.exec(plugin)));
        assertFalse(server.requests().isEmpty());
        server.requests().forEach(r -> assertEquals("Bearer " + TOKEN, r.header("Authorization")));
    }

    @Test
    void kubeconfigListMergesAsKubectlDoes() throws Exception {
        Path first = Kubeconfigs.write(dir, server.url(), "token: first-token-123456");
        Path second = Kubeconfigs.write(dir, "http://127.0.0.1:1", "token: second-token-123456");
        Kubeconfig merged = Kubeconfig.locate(first + java.io.File.pathSeparator + dir.resolve("missing")
                + java.io.File.pathSeparator + second, dir);
        assertEquals(List.of(first, second), merged.files());
        assertEquals("lab", merged.currentContext());
        try (ClusterGateway gateway = ClusterGateway.connect(merged, "lab", DEADLINE)) {
            assertEquals(server.url() + "/", gateway.server().endsWith("/") ? gateway.server()
                    : gateway.server() + "/", "the first file's cluster wins");
        }
    }
}
