package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write the real server carried out whose response never reached Pooldesk (a proxy closes the connection instead
 * of answering): no object is reported created that the server does not hold, none reported not attempted that it
 * does, and applying again converges.
 */
@ExtendWith(RealApiServer.class)
class RealServerLostResponseTest {
    private static final ClusterKind LB_POOLS = RealApiServer.kind("loadbalancer.harvesterhci.io", "IPPool");

    @Test
    void aLostResponseClaimsNoWriteThatDidNotHappenAndApplyingAgainConverges(RealApiServer.Server server) throws Exception {
        String name = "lost" + ProcessHandle.current().pid();
        List<Manifest> workspace = ManifestReader.parse("workspace.yaml",
                RealServerGatewayTest.lbPool(name + "-a", "10.80.0.0/24") + "---\n"
                        + RealServerGatewayTest.lbPool(name + "-b", "10.81.0.0/24") + "---\n"
                        + RealServerGatewayTest.lbPool(name + "-c", "10.82.0.0/24")).manifests();
        AtomicInteger writes = new AtomicInteger();
        // the second real (not dry-run) create of a pool is carried out by the server; its answer is lost
        try (ResponseDroppingProxy proxy = new ResponseDroppingProxy(server.url(),
                server.adminKubeconfig().resolveSibling("ca.crt"),
                (method, path) -> method.equals("POST") && path.contains("/ippools") && !path.contains("dryRun")
                        && writes.incrementAndGet() == 2)) {
            Config config = Config.fromKubeconfig(null, Files.readString(server.adminKubeconfig()),
                    server.adminKubeconfig().toString());
            config.setMasterUrl(proxy.url());
            config.setRequestRetryBackoffLimit(1);
            config.setConnectionTimeout(5_000);
            config.setRequestTimeout(15_000);
            KubernetesClient throughProxy = new KubernetesClientBuilder().withConfig(config).build();
            List<ObjectOutcome> outcomes;
            try (ClusterGateway gateway = new ClusterGateway(throughProxy)) {
                outcomes = gateway.apply(workspace, false, o -> { });
            }
            assertEquals(List.of("POST /apis/loadbalancer.harvesterhci.io/v1beta1/ippools"), proxy.dropped.stream()
                    .map(d -> d.replaceAll("\\?.*", "")).toList());

            try (KubernetesClient admin = server.admin()) {
                assertNotNull(admin.genericKubernetesResources(LB_POOLS.context()).withName(name + "-b").get(),
                        "the server carried out the write whose answer was lost");
                boolean cWritten = admin.genericKubernetesResources(LB_POOLS.context()).withName(name + "-c")
                        .get() != null;
                System.out.println("lost response: " + outcomes);
                assertEquals(ObjectOutcome.Result.CREATED, outcomes.get(0).result(), outcomes.toString());
                // nothing is reported written that is not in the cluster, nor failed that is
                for (ObjectOutcome outcome : outcomes) {
                    boolean inCluster = admin.genericKubernetesResources(LB_POOLS.context())
                            .withName(outcome.diff().name()).get() != null;
                    if (outcome.result() == ObjectOutcome.Result.CREATED) {
                        assertTrue(inCluster, outcome.toString());
                    }
                    if (outcome.result() == ObjectOutcome.Result.NOT_ATTEMPTED) {
                        assertTrue(!inCluster, outcome.toString());
                    }
                }
                assertTrue(outcomes.get(2).result() != ObjectOutcome.Result.CREATED || cWritten, outcomes.toString());
            }
        }
        // applying again, with nothing lost this time, converges: each pool exactly once, as the workspace says
        try (ClusterGateway gateway = new ClusterGateway(server.admin())) {
            List<ObjectOutcome> again = gateway.apply(workspace, false, o -> { });
            assertTrue(again.stream().noneMatch(o -> o.result().isFailure()), again.toString());
            assertEquals(ObjectOutcome.Result.UNCHANGED, again.get(1).result(), "the lost write had happened: "
                    + again);
            assertTrue(gateway.diff(workspace).stream().allMatch(d -> d.change() == ObjectDiff.Change.UNCHANGED));
        }
    }
}
