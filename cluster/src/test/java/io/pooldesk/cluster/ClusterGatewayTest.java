package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster gateway against fabric8's mock API server in CRUD mode (a real HTTP server on loopback). The mock
 * stores objects on a dry-run, which a real server never does; so the dry-run requests are answered here as a real
 * server answers them (echoed, not stored), and the tests assert the exact requests Pooldesk sent.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterGatewayTest {
    private static final String POOLS_PATH = "/apis/loadbalancer.harvesterhci.io/v1beta1/ippools";
    KubernetesClient client;
    KubernetesMockServer server;
    private ClusterGateway gateway;
    private final ClusterKind pools = ClusterKind.ALL.get(0);

    @BeforeEach
    void setUp() {
        gateway = new ClusterGateway(client);
        server.expect().post().withPath(POOLS_PATH + "?fieldValidation=Strict&dryRun=All").andReply(201, r -> r.getBody().readUtf8()).always();
        for (String name : List.of("a", "b", "c")) {
            server.expect().put().withPath(POOLS_PATH + "/" + name + "?fieldValidation=Strict&dryRun=All")
                    .andReply(200, r -> r.getBody().readUtf8()).always();
        }
    }

    private static String pool(String name, String subnet) {
        return """
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: %s, labels: {team: blue}}
                spec:
                  ranges: [{subnet: %s}]
                  selector: {scope: [{namespace: %s}]}
                """.formatted(name, subnet, name);
    }

    private static List<Manifest> workspace(String yaml) {
        return ManifestReader.parse("workspace.yaml", yaml).manifests();
    }

    private void createInCluster(String name, String subnet, Map<String, Object> status) {
        Map<String, Object> object = new java.util.LinkedHashMap<>(Map.of(
                "apiVersion", pools.apiVersion(), "kind", "IPPool",
                "metadata", Map.of("name", name),
                "spec", Map.of("ranges", List.of(Map.of("subnet", subnet)),
                        "selector", Map.of("scope", List.of(Map.of("namespace", name))))));
        if (status != null) {
            object.put("status", status);
        }
        GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object,
                GenericKubernetesResource.class);
        client.genericKubernetesResources(pools.context()).resource(resource).create();
    }

    private GenericKubernetesResource inCluster(String name) {
        return client.genericKubernetesResources(pools.context()).withName(name).get();
    }

    private List<String> writes() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (!request.getMethod().equals("GET")) {
                out.add(request.getMethod() + " " + request.getPath());
            }
        }
        return out;
    }

    @Test
    void readsPoolsAndSaysWhichKindsAreNotInstalled() throws Exception {
        createInCluster("a", "10.0.0.0/24", null);
        ClusterRead read = gateway.read();
        assertEquals(List.of("a"), read.objects().stream().map(Manifest::name).toList());
        assertTrue(read.notes().contains("Eip (network.kubesphere.io/v1alpha2) is not installed in this cluster"),
                read.notes().toString());
    }

    /** Issue 16: "pull does not even read the Services that hold MetalLB and OpenELB addresses". */
    @Test
    void pullSavesTheServicesOfTypeLoadBalancerWithTheAddressesTheirStatusHolds(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir)
            throws Exception {
        for (String[] service : new String[][] {{"shop", "LoadBalancer"}, {"internal", "ClusterIP"}}) {
            client.genericKubernetesResources("v1", "Service").inNamespace("web").resource(client
                    .getKubernetesSerialization().unmarshal("""
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s", "namespace": "web"},
                     "spec": {"type": "%s", "ports": [{"port": 80}]},
                     "status": {"loadBalancer": {"ingress": [{"ip": "10.80.0.10"}]}}}""".formatted(service[0],
                    service[1]), GenericKubernetesResource.class)).create();
        }
        PulledFolder.Report report = gateway.pull(dir.resolve("pulled"));
        assertEquals(List.of("Service/web/shop"), report.read().objects().stream()
                .map(m -> m.kind() + "/" + m.namespace() + "/" + m.name()).toList());
        String pulled = java.nio.file.Files.readString(dir.resolve("pulled/service.yaml"));
        assertTrue(pulled.contains("ip: 10.80.0.10"), pulled);
        List<Manifest> reread = io.pooldesk.model.manifest.ManifestReader.parse("service.yaml", pulled).manifests();
        assertEquals("v1", reread.get(0).apiVersion());
    }

    /** The window's change set over a live cluster deletes too: dry-run first, then only the version it saw. */
    @Test
    void aDeletionIsDryRunThenSentWithTheResourceVersionTheDiffSaw() throws Exception {
        createInCluster("a", "10.0.0.0/24", null);
        String seen = inCluster("a").getMetadata().getResourceVersion();
        server.expect().delete().withPath(POOLS_PATH + "/a?dryRun=All").andReply(200, r -> Map.of("kind", "Status",
                "apiVersion", "v1", "status", "Success")).once();
        List<Manifest> deleted = workspace(pool("a", "10.0.0.0/24"));
        List<ObjectDiff> diffs = gateway.diff(List.of(), deleted);
        assertEquals(ObjectDiff.Change.DELETE, diffs.get(0).change());
        assertEquals(List.of("the whole object, resourceVersion " + seen), diffs.get(0).fields());
        writes();

        List<ObjectOutcome> dryRun = gateway.apply(List.of(), deleted, true, false, o -> { });
        assertEquals(ObjectOutcome.Result.WOULD_DELETE, dryRun.get(0).result());
        assertTrue(inCluster("a") != null, "a dry-run deletes nothing");
        assertEquals(List.of("DELETE " + POOLS_PATH + "/a?dryRun=All"), writes());

        List<ObjectOutcome> applied = gateway.apply(List.of(), deleted, false, false, o -> { });
        assertEquals(List.of(ObjectOutcome.Result.DELETED), applied.stream().map(ObjectOutcome::result).toList(),
                applied.toString());
        assertEquals(null, inCluster("a"));
        List<String> sent = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (request.getMethod().equals("DELETE")) {
                sent.add(request.getPath() + " " + request.getBody().readUtf8());
            }
        }
        assertEquals(2, sent.size(), "dry-run again, then the deletion: " + sent);
        assertTrue(sent.get(1).startsWith(POOLS_PATH + "/a {") && sent.get(1).contains(
                "\"preconditions\":{\"resourceVersion\":\"" + seen + "\"}"), sent.get(1));
    }

    @Test
    void diffNamesEachChangedField() throws Exception {
        createInCluster("a", "10.0.0.0/24", null);
        createInCluster("b", "10.1.0.0/24", null);
        List<ObjectDiff> diffs = gateway.diff(workspace(pool("a", "10.0.0.0/24") + pool("b", "10.9.0.0/24")
                + pool("c", "10.2.0.0/24")));
        assertEquals(ObjectDiff.Change.UPDATE, diffs.get(0).change(), "a gains the workspace's label");
        assertEquals(List.of("labels.team: (none) -> blue"), diffs.get(0).fields());
        assertEquals(ObjectDiff.Change.UPDATE, diffs.get(1).change());
        assertTrue(diffs.get(1).fields().contains("spec.ranges[0].subnet: 10.1.0.0/24 -> 10.9.0.0/24"),
                diffs.get(1).fields().toString());
        assertEquals(ObjectDiff.Change.CREATE, diffs.get(2).change());
    }

    @Test
    void applyDryRunsEverythingThenWritesAndApplyingAgainChangesNothing() throws Exception {
        createInCluster("a", "10.0.0.0/24", null);
        writes();
        List<Manifest> desired = workspace(pool("a", "10.0.9.0/24") + pool("b", "10.1.0.0/24"));
        List<ObjectOutcome> outcomes = gateway.apply(desired, false, o -> { });
        assertEquals(List.of(ObjectOutcome.Result.UPDATED, ObjectOutcome.Result.CREATED),
                outcomes.stream().map(ObjectOutcome::result).toList());
        assertEquals(List.of("PUT " + POOLS_PATH + "/a?fieldValidation=Strict&dryRun=All", "POST " + POOLS_PATH + "?fieldValidation=Strict&dryRun=All",
                "PUT " + POOLS_PATH + "/a?fieldValidation=Strict", "POST " + POOLS_PATH + "?fieldValidation=Strict"),
                writes());
        assertEquals("10.0.9.0/24", Yaml.json().valueToTree(inCluster("a").getAdditionalProperties().get("spec"))
                .at("/ranges/0/subnet").asText());
        List<ObjectOutcome> again = gateway.apply(desired, false, o -> { });
        assertTrue(again.stream().allMatch(o -> o.result() == ObjectOutcome.Result.UNCHANGED), again.toString());
        assertEquals(List.of(), writes(), "nothing is written when nothing changed");
    }

    @Test
    void dryRunOnlyWritesNothing() throws Exception {
        writes();
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("a", "10.0.0.0/24")), true, o -> { });
        assertEquals(ObjectOutcome.Result.WOULD_CREATE, outcomes.get(0).result());
        assertEquals(List.of("POST " + POOLS_PATH + "?fieldValidation=Strict&dryRun=All"), writes());
        assertEquals(null, inCluster("a"));
    }

    @Test
    void applyOfAChangedSpecKeepsTheAllocations() throws Exception {
        createInCluster("a", "10.0.0.0/24", Map.of("allocated", Map.of("10.0.0.5", "default/web"),
                "allocatedHistory", Map.of("10.0.0.6", "default/old"), "lastAllocated", "10.0.0.5"));
        gateway.apply(workspace(pool("a", "10.0.0.0/23")), false, o -> { });
        var status = Yaml.json().valueToTree(inCluster("a").getAdditionalProperties().get("status"));
        assertEquals("default/web", status.at("/allocated/10.0.0.5").asText());
        assertEquals("default/old", status.at("/allocatedHistory/10.0.0.6").asText());
        assertEquals("10.0.0.0/23", Yaml.json().valueToTree(inCluster("a").getAdditionalProperties().get("spec"))
                .at("/ranges/0/subnet").asText());
    }

    @Test
    void staleResourceVersionIsAConflictNotAnOverwrite() throws Exception {
        createInCluster("a", "10.0.0.0/24", null);
        createInCluster("b", "10.1.0.0/24", null);
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("a", "10.0.9.0/24") + pool("b", "10.1.9.0/24")),
                false, outcome -> {
                    if (outcome.diff().name().equals("a")) {
                        // someone else edits b while Pooldesk is writing
                        GenericKubernetesResource b = inCluster("b");
                        b.getMetadata().setLabels(Map.of("edited", "elsewhere"));
                        client.genericKubernetesResources(pools.context()).resource(b).update();
                    }
                });
        assertEquals(ObjectOutcome.Result.UPDATED, outcomes.get(0).result());
        assertEquals(ObjectOutcome.Result.CONFLICT, outcomes.get(1).result());
        assertEquals("elsewhere", inCluster("b").getMetadata().getLabels().get("edited"), "their edit survives");
        assertEquals("10.1.0.0/24", Yaml.json().valueToTree(inCluster("b").getAdditionalProperties().get("spec"))
                .at("/ranges/0/subnet").asText());
    }

    @Test
    void forbiddenNamesVerbResourceAndNamespace() {
        server.expect().get().withPath(POOLS_PATH + "/a").andReturn(403, Map.of("kind", "Status",
                "apiVersion", "v1", "status", "Failure", "reason", "Forbidden", "code", 403,
                "message", "ippools is forbidden")).always();
        ClusterException e = assertThrows(ClusterException.class,
                () -> gateway.apply(workspace(pool("a", "10.0.0.0/24")), false, o -> { }));
        assertEquals("forbidden: RBAC denies get ippools.loadbalancer.harvesterhci.io", e.getMessage());
    }

    @Test
    void webhookRefusalStopsEveryWrite() throws Exception {
        createInCluster("d", "10.1.0.0/24", null);
        server.expect().put().withPath(POOLS_PATH + "/d?fieldValidation=Strict&dryRun=All").andReturn(422, Map.of("kind", "Status",
                "apiVersion", "v1", "status", "Failure", "code", 422,
                "message", "admission webhook denied: can't update IP pool d because range can't be empty")).once();
        writes();
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("d", "10.1.9.0/24") + pool("b", "10.2.0.0/24")),
                false, o -> { });
        assertEquals(ObjectOutcome.Result.REFUSED, outcomes.get(0).result());
        assertTrue(outcomes.get(0).message().contains("range can't be empty"), outcomes.get(0).message());
        assertEquals(ObjectOutcome.Result.NOT_ATTEMPTED, outcomes.get(1).result());
        assertEquals(List.of("PUT " + POOLS_PATH + "/d?fieldValidation=Strict&dryRun=All", "POST " + POOLS_PATH + "?fieldValidation=Strict&dryRun=All"), writes(),
                "both dry-runs, and no write after one was refused");
    }

    @Test
    void serverGoneMidApplyReportsExactlyWhatWasApplied() throws Exception {
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).build();
        ClusterGateway impatient = new ClusterGateway(new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(config).build());
        List<ObjectOutcome> outcomes = impatient.apply(workspace(pool("a", "10.0.0.0/24") + pool("b", "10.1.0.0/24")
                + pool("c", "10.2.0.0/24")), false, outcome -> {
                    if (outcome.diff().name().equals("a")) {
                        server.shutdown();
                    }
                });
        // a refused connection carried nothing: b is certainly not written, and c is not even sent
        assertEquals(List.of(ObjectOutcome.Result.CREATED, ObjectOutcome.Result.FAILED,
                ObjectOutcome.Result.NOT_ATTEMPTED), outcomes.stream().map(ObjectOutcome::result).toList(),
                outcomes.toString());
        assertTrue(outcomes.get(1).message().startsWith("not written: cannot reach the cluster at"),
                outcomes.get(1).message());
    }

    @Test
    void serverSideApplySendsOnlyOwnedFieldsUnderPooldesksFieldManager() throws Exception {
        createInCluster("a", "10.0.0.0/24", Map.of("allocated", Map.of("10.0.0.5", "default/web")));
        writes();
        // the mock does not implement server-side apply: assert the request, and that nothing changed
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("a", "10.0.9.0/24")), false, true, o -> { });
        RecordedRequest request = null;
        RecordedRequest next;
        while ((next = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (next.getMethod().equals("PATCH")) {
                request = next;
            }
        }
        assertEquals("PATCH", request.getMethod());
        assertEquals(POOLS_PATH + "/a?fieldValidation=Strict&fieldManager=pooldesk&dryRun=All", request.getPath());
        assertEquals("application/apply-patch+yaml", request.getHeader("Content-Type").split(";")[0]);
        // the mock records no body for this request: the body is checked where it is built
        var body = ClusterGateway.applyConfiguration(pools, "", "a", workspace(pool("a", "10.0.9.0/24")).get(0)
                .object().put("status", "must not be sent"));
        assertEquals("10.0.9.0/24", body.at("/spec/ranges/0/subnet").asText());
        assertTrue(body.path("status").isMissingNode(), "status is never sent");
        assertEquals("blue", body.at("/metadata/labels/team").asText());
        assertEquals(ObjectOutcome.Result.REFUSED, outcomes.get(0).result());
        assertEquals("10.0.0.0/24", Yaml.json().valueToTree(inCluster("a").getAdditionalProperties().get("spec"))
                .at("/ranges/0/subnet").asText());
    }

    @Test
    void watchSeesAnExternalChange() throws Exception {
        CountDownLatch changed = new CountDownLatch(1);
        try (AutoCloseable watch = gateway.watch(changed::countDown)) {
            createInCluster("a", "10.0.0.0/24", null);
            assertTrue(changed.await(10, TimeUnit.SECONDS), "the informer reported the new pool");
        }
    }
}
