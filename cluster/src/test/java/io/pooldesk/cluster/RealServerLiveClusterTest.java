package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live cluster workspace on a real kube-apiserver: a watch broken by a lost connection (the TCP relay cut, as a
 * server that drops its watches) resumes from the last resourceVersion, and the Service created meanwhile arrives
 * without a relist; a context that RBAC allows only to read opens read-only, saying why.
 */
@ExtendWith(RealApiServer.class)
class RealServerLiveClusterTest {

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within " + seconds + " s: " + what);
            Thread.sleep(50);
        }
    }

    private static KubernetesClient through(RealApiServer.Server server, CuttableProxy proxy) throws Exception {
        Config config = Config.fromKubeconfig(null, Files.readString(server.adminKubeconfig()),
                server.adminKubeconfig().toString());
        config.setMasterUrl(proxy.url());
        config.setConnectionTimeout(2_000);
        config.setRequestTimeout(10_000);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static LiveCluster.Listener states(List<ConnectionState> states) {
        return new LiveCluster.Listener() {
            @Override
            public void changed() {
            }

            @Override
            public void state(ConnectionState state) {
                states.add(state);
            }
        };
    }

    private static boolean holds(LiveCluster live, String name) {
        return live.snapshot().stream().anyMatch(m -> m.kind().equals("Service") && m.name().equals(name));
    }

    @Test
    void aDroppedWatchResumesAndTheServiceCreatedMeanwhileArrivesWithoutARelist(RealApiServer.Server server)
            throws Exception {
        String name = "live" + ProcessHandle.current().pid();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (KubernetesClient admin = server.admin(); CuttableProxy proxy = new CuttableProxy(server.url());
             LiveCluster live = LiveCluster.open(new ClusterGateway(through(server, proxy), Duration.ofSeconds(10)),
                     "real", states(states))) {
            await("every kind listed and watched: " + live.notes(), 30,
                    () -> live.state().link() == ConnectionState.Link.LIVE);
            assertFalse(live.state().isReadOnly(), live.state().words());
            proxy.cut();
            admin.genericKubernetesResources("v1", "Service").inNamespace("default").resource(admin
                    .getKubernetesSerialization().unmarshal("""
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s", "namespace": "default"},
                     "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]}}""".formatted(name),
                    GenericKubernetesResource.class)).create();
            try {
                await("the workspace says it is reconnecting", 30,
                        () -> live.state().link() == ConnectionState.Link.RECONNECTING);
                assertTrue(live.state().words().startsWith("reconnecting: "), live.state().words());
                assertFalse(holds(live, name), "nothing arrives while cut");
                proxy.restore();
                await("the Service created while the watch was down arrives: " + live.notes(), 60,
                        () -> holds(live, name));
                await("live again: " + live.notes(), 30, () -> live.state().link() == ConnectionState.Link.LIVE);
                assertEquals(0, live.relists(), "resumed from its resourceVersion, not listed again: " + live.notes());
                assertTrue(live.resumes() > 0, live.notes());
            } finally {
                admin.genericKubernetesResources("v1", "Service").inNamespace("default").withName(name).delete();
            }
        }
    }

    @Test
    void aContextRbacAllowsOnlyToReadOpensReadOnlyWithTheReason(RealApiServer.Server server) throws Exception {
        try (LiveCluster live = LiveCluster.open(new ClusterGateway(server.restricted(), Duration.ofSeconds(10)),
                "restricted", states(new CopyOnWriteArrayList<>()))) {
            assertTrue(live.state().isReadOnly(), live.state().words());
            assertTrue(live.state().readOnly().startsWith("RBAC denies create ippools.loadbalancer.harvesterhci.io,"
                    + " update ippools.loadbalancer.harvesterhci.io"), live.state().readOnly());
        }
    }
}
