package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS_PROXY and NO_PROXY are honoured as kubectl honours them, on the real server: the kubeconfig names the server
 * {@code kube.pooldesk.test}, a name only the proxy resolves, so every answer that arrives came through the proxy.
 */
@ExtendWith(RealApiServer.class)
class RealServerProxyTest {
    private static final String HOST = "kube.pooldesk.test";
    private static final ClusterKind LB_POOLS = RealApiServer.kind("loadbalancer.harvesterhci.io", "IPPool");

    @TempDir
    Path dir;

    private Kubeconfig kubeconfig(RealApiServer.Server server, Map<String, String> environment) throws Exception {
        int port = URI.create(server.url()).getPort();
        String text = Files.readString(server.adminKubeconfig()).replace("server: " + server.url(),
                "server: https://" + HOST + ":" + port);
        Path file = Files.writeString(dir.resolve("kubeconfig"), text);
        return Kubeconfig.locate(file.toString(), dir).environment(environment);
    }

    @Test
    void requestsAndTheLiveViewGoThroughHttpsProxy(RealApiServer.Server server) throws Exception {
        String name = "proxied" + ProcessHandle.current().pid();
        try (ConnectProxy proxy = new ConnectProxy(Map.of(HOST, "127.0.0.1"));
             ClusterGateway gateway = ClusterGateway.connect(kubeconfig(server, Map.of("HTTPS_PROXY",
                     "http://127.0.0.1:" + proxy.port())), null, Duration.ofSeconds(10));
             KubernetesClient admin = server.admin()) {
            assertTrue(gateway.read().listed() > 0);
            assertTrue(proxy.tunnels.stream().allMatch(t -> t.equals(HOST + ":" + URI.create(server.url())
                    .getPort())) && !proxy.tunnels.isEmpty(), proxy.tunnels.toString());
            try (LiveView view = gateway.watch(() -> { })) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!view.state().matches("[^;]*: watching")) {
                    assertTrue(System.nanoTime() < deadline, "every kind is watched through the proxy: "
                            + view.state());
                    Thread.sleep(100);
                }
                admin.genericKubernetesResources(LB_POOLS.context()).resource(admin.getKubernetesSerialization()
                        .unmarshal("""
                        {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool",
                         "metadata": {"name": "%s"}, "spec": {"ranges": [{"subnet": "10.73.0.0/24"}]}}"""
                                .formatted(name), GenericKubernetesResource.class)).create();
                while (!view.objects().containsKey(LB_POOLS.resource() + " " + name)) {
                    assertTrue(System.nanoTime() < deadline, "the watch through the proxy delivers the new pool");
                    Thread.sleep(100);
                }
            } finally {
                admin.genericKubernetesResources(LB_POOLS.context()).withName(name).delete();
            }
        }
    }

    @Test
    void noProxyNamingTheServerGoesDirect(RealApiServer.Server server) throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(Map.of(HOST, "127.0.0.1"));
             ClusterGateway gateway = ClusterGateway.connect(kubeconfig(server, Map.of("HTTPS_PROXY",
                     "http://127.0.0.1:" + proxy.port(), "NO_PROXY", "localhost,.pooldesk.test")), null,
                     Duration.ofSeconds(10))) {
            ClusterException refused = assertThrows(ClusterException.class, gateway::read);
            assertTrue(refused.getMessage().startsWith("cannot reach the cluster at https://" + HOST),
                    refused.getMessage());
            assertEquals(0, proxy.tunnels.size(), proxy.tunnels.toString());
        }
    }

    @Test
    void aProxysPasswordIsNeverShown(RealApiServer.Server server) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ClusterGateway gateway = ClusterGateway.connect(kubeconfig(server, Map.of("https_proxy",
                "http://pooldesk:hunter2-proxy-secret@127.0.0.1:" + closed)), null, Duration.ofSeconds(10))) {
            ClusterException refused = assertThrows(ClusterException.class, gateway::read);
            assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
            assertTrue(refused.getMessage().startsWith("cannot reach the cluster"), refused.getMessage());
        }
    }
}
