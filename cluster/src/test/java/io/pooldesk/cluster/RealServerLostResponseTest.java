package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write whose answer never reached Pooldesk, on the real server (a proxy closes the connection instead of answering,
 * or before forwarding the request): Pooldesk reads the object back and reports what the server now has, written,
 * not written, or unknown with what it found; never a write that did not happen, never a done write as failed.
 * Create (POST), update (PUT) and server-side apply (PATCH) each; Pooldesk never deletes.
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

    private static KubernetesClient through(RealApiServer.Server server, String url) throws Exception {
        Config config = Config.fromKubeconfig(null, Files.readString(server.adminKubeconfig()),
                server.adminKubeconfig().toString());
        config.setMasterUrl(url);
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(15_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static String subnet(KubernetesClient admin, String name) {
        GenericKubernetesResource pool = admin.genericKubernetesResources(LB_POOLS.context()).withName(name).get();
        return pool == null ? null : String.valueOf(((Map<?, ?>) ((List<?>) ((Map<?, ?>) pool
                .getAdditionalProperties().get("spec")).get("ranges")).get(0)).get("subnet"));
    }

    private static void setSubnet(KubernetesClient admin, String name, String subnet) {
        GenericKubernetesResource pool = admin.getKubernetesSerialization().unmarshal(
                RealServerGatewayTest.lbPool(name, subnet).replace("{name: " + name + ",", "{name: " + name
                        + ", annotations: {by: someone-else},"), GenericKubernetesResource.class);
        GenericKubernetesResource live = admin.genericKubernetesResources(LB_POOLS.context()).withName(name).get();
        if (live == null) {
            admin.genericKubernetesResources(LB_POOLS.context()).resource(pool).create();
        } else {
            live.setAdditionalProperty("spec", pool.getAdditionalProperties().get("spec"));
            admin.genericKubernetesResources(LB_POOLS.context()).resource(live).update();
        }
    }

    /**
     * Applies one pool at 10.84.0.0/24 through a proxy that loses the real (not dry-run) write of {@code method}:
     * its answer ({@code afterServer} runs once the server has carried it out, then the answer is dropped) or, when
     * {@code cutRequest}, the request itself. A pool at 10.83.0.0/24 exists first unless the write is a create.
     */
    private static ObjectOutcome applyLosing(RealApiServer.Server server, String method, String name,
                                             boolean cutRequest, Runnable afterServer) throws Exception {
        if (!method.equals("POST")) {
            // written by Pooldesk first, as the operator's earlier apply would have: a server-side apply over
            // fields another manager owns is a conflict, not the case here
            try (ClusterGateway gateway = new ClusterGateway(server.admin())) {
                List<ObjectOutcome> first = gateway.apply(ManifestReader.parse("workspace.yaml",
                        RealServerGatewayTest.lbPool(name, "10.83.0.0/24")).manifests(), false,
                        method.equals("PATCH"), o -> { });
                assertTrue(first.stream().noneMatch(o -> o.result().isFailure()), first.toString());
            }
        }
        BiPredicate<String, String> theWrite = (m, path) -> m.equals(method) && path.contains("/ippools")
                && !path.contains("dryRun");
        try (ResponseDroppingProxy proxy = new ResponseDroppingProxy(server.url(),
                server.adminKubeconfig().resolveSibling("ca.crt"), (m, path) -> {
                    boolean drop = !cutRequest && theWrite.test(m, path);
                    if (drop) {
                        afterServer.run();
                    }
                    return drop;
                }, (m, path) -> cutRequest && theWrite.test(m, path));
             ClusterGateway gateway = new ClusterGateway(through(server, proxy.url()))) {
            List<ObjectOutcome> outcomes = gateway.apply(ManifestReader.parse("workspace.yaml",
                    RealServerGatewayTest.lbPool(name, "10.84.0.0/24")).manifests(), false, method.equals("PATCH"),
                    o -> { });
            assertEquals(1, proxy.dropped.size() + proxy.cutOff.size(), "one write was lost: " + outcomes);
            System.out.println("lost " + method + (cutRequest ? " request: " : " answer: ") + outcomes);
            return outcomes.get(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void aWriteDoneWhoseAnswerIsLostIsReadBackAndReportedWritten(String method, RealApiServer.Server server)
            throws Exception {
        String name = "lost-answer-" + method.toLowerCase() + "-" + ProcessHandle.current().pid();
        ObjectOutcome outcome = applyLosing(server, method, name, false, () -> { });
        try (KubernetesClient admin = server.admin()) {
            assertEquals("10.84.0.0/24", subnet(admin, name), "the server carried out the write");
            assertEquals(method.equals("POST") ? ObjectOutcome.Result.CREATED : ObjectOutcome.Result.UPDATED,
                    outcome.result(), outcome.toString());
            assertTrue(outcome.message().contains("the answer was lost; read back, the cluster holds it as sent"),
                    outcome.toString());
            admin.genericKubernetesResources(LB_POOLS.context()).withName(name).delete();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void aWriteLostBeforeItReachedTheServerIsReadBackAndReportedNotWritten(String method, RealApiServer.Server server)
            throws Exception {
        String name = "lost-request-" + method.toLowerCase() + "-" + ProcessHandle.current().pid();
        ObjectOutcome outcome = applyLosing(server, method, name, true, () -> { });
        try (KubernetesClient admin = server.admin()) {
            assertEquals(method.equals("POST") ? null : "10.83.0.0/24", subnet(admin, name), "nothing was written");
            assertEquals(ObjectOutcome.Result.FAILED, outcome.result(), outcome.toString());
            assertTrue(outcome.message().startsWith("not written: ") && outcome.message().endsWith(
                    "read back, the cluster holds it as before"), outcome.toString());
            admin.genericKubernetesResources(LB_POOLS.context()).withName(name).delete();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void aWriteWhoseAnswerIsLostWhileAnotherWriterChangedTheObjectIsUnknownWithWhatWasFound(String method,
            RealApiServer.Server server) throws Exception {
        String name = "lost-raced-" + method.toLowerCase() + "-" + ProcessHandle.current().pid();
        ObjectOutcome outcome;
        try (KubernetesClient other = server.admin()) {
            outcome = applyLosing(server, method, name, false, () -> setSubnet(other, name, "10.85.0.0/24"));
        }
        try (KubernetesClient admin = server.admin()) {
            assertEquals("10.85.0.0/24", subnet(admin, name));
            assertEquals(ObjectOutcome.Result.UNKNOWN, outcome.result(), outcome.toString());
            assertTrue(outcome.message().contains("read back: the cluster holds resourceVersion ")
                    && outcome.message().contains("10.85.0.0/24"), outcome.toString());
            admin.genericKubernetesResources(LB_POOLS.context()).withName(name).delete();
        }
    }
}
