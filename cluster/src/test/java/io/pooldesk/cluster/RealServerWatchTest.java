package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's watch on a real server: every create, change and delete reaches the window's live view. */
@ExtendWith(RealApiServer.class)
class RealServerWatchTest {
    private static final ClusterKind LB_POOLS = RealApiServer.kind("loadbalancer.harvesterhci.io", "IPPool");

    private static void createPool(KubernetesClient admin, String name, String subnet) {
        admin.genericKubernetesResources(LB_POOLS.context()).resource(admin.getKubernetesSerialization().unmarshal("""
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool", "metadata": {"name": "%s"},
                 "spec": {"ranges": [{"subnet": "%s"}]}}""".formatted(name, subnet), GenericKubernetesResource.class))
                .create();
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within " + seconds + " s: " + what);
            Thread.sleep(100);
        }
    }

    @Test
    void theWatchReportsEveryChangeTheServerMakes(RealApiServer.Server server) throws Exception {
        String name = "w" + ProcessHandle.current().pid();
        AtomicInteger changes = new AtomicInteger();
        try (KubernetesClient admin = server.admin(); ClusterGateway gateway = new ClusterGateway(server.admin())) {
            AutoCloseable watch = gateway.watch(changes::incrementAndGet);
            try {
                createPool(admin, name, "10.70.0.0/24");
                await("the watch reports a new pool", 30, () -> changes.get() > 0);
                int created = changes.get();
                admin.genericKubernetesResources(LB_POOLS.context()).withName(name).edit(p -> {
                    p.getMetadata().setLabels(Map.of("team", "red"));
                    return p;
                });
                await("the watch reports a changed pool", 30, () -> changes.get() > created);
                int changed = changes.get();
                admin.genericKubernetesResources(LB_POOLS.context()).withName(name).delete();
                await("the watch reports a deleted pool", 30, () -> changes.get() > changed);
            } finally {
                watch.close();
            }
        }
    }
}
