package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster gateway against a real kube-apiserver with the reference CRDs: what the mock cannot show (a dry-run
 * that stores nothing, schema checks, server-side apply and its conflicts, RBAC, resourceVersion conflicts).
 * Every test names its objects uniquely: the server is shared by the whole run.
 */
@ExtendWith(RealApiServer.class)
class RealServerGatewayTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ClusterKind LB_POOLS = RealApiServer.kind("loadbalancer.harvesterhci.io", "IPPool");
    private static final ClusterKind METALLB_POOLS = RealApiServer.kind("metallb.io", "IPAddressPool");

    private RealApiServer.Server server;
    private KubernetesClient admin;
    private ClusterGateway gateway;
    private String name;

    @BeforeEach
    void setUp(RealApiServer.Server server) {
        this.server = server;
        admin = server.admin();
        gateway = new ClusterGateway(server.admin());
        name = "t" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
        admin.close();
    }

    static List<Manifest> workspace(String yaml) {
        return ManifestReader.parse("workspace.yaml", yaml).manifests();
    }

    static String lbPool(String name, String subnet) {
        return """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: %s, labels: {team: blue}}
                spec:
                  ranges: [{subnet: %s}]
                  selector: {scope: [{namespace: %s}]}
                """.formatted(name, subnet, name);
    }

    private void createInCluster(ClusterKind kind, String yaml) {
        ObjectNode object = (ObjectNode) workspace(yaml).get(0).object();
        GenericKubernetesResource resource = admin.getKubernetesSerialization().convertValue(object,
                GenericKubernetesResource.class);
        (kind.namespaced()
                ? admin.genericKubernetesResources(kind.context()).inNamespace(resource.getMetadata().getNamespace())
                : admin.genericKubernetesResources(kind.context())).resource(resource).create();
    }

    private GenericKubernetesResource lbPoolInCluster(String name) {
        return admin.genericKubernetesResources(LB_POOLS.context()).withName(name).get();
    }

    private static JsonNode json(KubernetesClient client, GenericKubernetesResource resource) {
        return Yaml.json().valueToTree(client.getKubernetesSerialization().convertValue(resource, Map.class));
    }

    private static ObjectOutcome only(List<ObjectOutcome> outcomes) {
        assertEquals(1, outcomes.size(), outcomes.toString());
        return outcomes.get(0);
    }

    @Test
    void readListsWhatTheServerHoldsAndEveryPoolKindIsInstalled() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.50.0.0/24"));
        createInCluster(METALLB_POOLS, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: %s, namespace: metallb-system}
                spec: {addresses: [10.51.0.0/24]}
                """.formatted(name));

        ClusterRead read = gateway.read();

        List<String> seen = read.objects().stream().map(m -> m.kind() + "/" + m.namespace() + "/" + m.name()).toList();
        assertTrue(seen.contains("IPPool//" + name), seen.toString());
        assertTrue(seen.contains("IPAddressPool/metallb-system/" + name), seen.toString());
        assertTrue(read.notes().stream().noneMatch(n -> n.contains("not installed")), read.notes().toString());
    }

    @Test
    void diffNamesTheFieldsThatDifferFromTheLiveObject() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.52.0.0/24"));

        List<ObjectDiff> diffs = gateway.diff(workspace(lbPool(name, "10.53.0.0/24") + "---\n"
                + lbPool(name + "-new", "10.54.0.0/24")));

        assertEquals(ObjectDiff.Change.UPDATE, diffs.get(0).change(), diffs.toString());
        assertTrue(diffs.get(0).fields().stream()
                        .anyMatch(f -> f.contains("10.52.0.0/24") && f.contains("10.53.0.0/24")),
                diffs.get(0).fields().toString());
        assertEquals(ObjectDiff.Change.CREATE, diffs.get(1).change());
        assertEquals(ObjectDiff.Change.UNCHANGED,
                gateway.diff(workspace(lbPool(name, "10.52.0.0/24"))).get(0).change());
    }

    @Test
    void aDryRunIsCheckedByTheServerAndStoresNothing() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.55.0.0/24"));
        String before = lbPoolInCluster(name).getMetadata().getResourceVersion();

        List<ObjectOutcome> outcomes = gateway.apply(workspace(lbPool(name, "10.56.0.0/24") + "---\n"
                + lbPool(name + "-new", "10.57.0.0/24")), true, o -> { });

        assertEquals(List.of(ObjectOutcome.Result.WOULD_UPDATE, ObjectOutcome.Result.WOULD_CREATE),
                outcomes.stream().map(ObjectOutcome::result).toList(), outcomes.toString());
        assertNull(lbPoolInCluster(name + "-new"), "a dry-run create stored nothing");
        GenericKubernetesResource live = lbPoolInCluster(name);
        assertEquals(before, live.getMetadata().getResourceVersion(), "a dry-run update changed nothing");
        assertEquals("10.55.0.0/24", json(admin, live).at("/spec/ranges/0/subnet").asText());
    }

    @Test
    void aSchemaRefusalInTheDryRunWritesNothingAtAll() throws Exception {
        List<ObjectOutcome> outcomes = gateway.apply(workspace(lbPool(name, "10.58.0.0/24") + """
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: %s, namespace: metallb-system}
                spec: {autoAssign: maybe}
                """.formatted(name)), false, o -> { });

        ObjectOutcome refused = outcomes.stream().filter(o -> o.diff().kind().equals("IPAddressPool")).findFirst()
                .orElseThrow();
        assertEquals(ObjectOutcome.Result.REFUSED, refused.result(), outcomes.toString());
        assertTrue(refused.message().contains("spec.addresses") && refused.message().contains("spec.autoAssign"),
                refused.message());
        assertEquals(ObjectOutcome.Result.NOT_ATTEMPTED, outcomes.stream()
                .filter(o -> o.diff().kind().equals("IPPool")).findFirst().orElseThrow().result());
        assertNull(lbPoolInCluster(name), "nothing was written");
    }

    @Test
    void anUpdateKeepsTheStatusOfAHarvesterPoolWithoutAStatusSubresource() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.59.0.0/24") + """
                status:
                  allocated: {10.59.0.2: default/web}
                  allocatedHistory: {10.59.0.3: default/old}
                  available: 252
                  total: 253
                  lastAllocated: 10.59.0.2
                """);
        JsonNode statusBefore = json(admin, lbPoolInCluster(name)).get("status");
        assertEquals("default/web", statusBefore.at("/allocated/10.59.0.2").asText(), "the server stored the status");

        ObjectOutcome outcome = only(gateway.apply(workspace(lbPool(name, "10.59.0.0/23")), false, o -> { }));

        assertEquals(ObjectOutcome.Result.UPDATED, outcome.result(), outcome.toString());
        JsonNode live = json(admin, lbPoolInCluster(name));
        assertEquals("10.59.0.0/23", live.at("/spec/ranges/0/subnet").asText());
        assertEquals(statusBefore, live.get("status"));
    }

    @Test
    void anUpdateRacingAnotherWriterIsAConflictNotAnOverwrite() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.60.0.0/24"));
        AtomicBoolean raced = new AtomicBoolean();
        // another writer changes the pool after Pooldesk read it, just before Pooldesk's real (not dry-run) update
        Interceptor otherWriter = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                String uri = request.uri().toString();
                if ("PUT".equals(request.method()) && uri.replaceAll("\\?.*", "").endsWith("/ippools/" + name)
                        && !uri.contains("dryRun") && !raced.getAndSet(true)) {
                    admin.genericKubernetesResources(LB_POOLS.context()).withName(name)
                            .edit(p -> {
                                p.getMetadata().getLabels().put("edited-by", "someone-else");
                                return p;
                            });
                }
            }
        };
        try (ClusterGateway racing = new ClusterGateway(server.client(server.adminKubeconfig(),
                b -> b.addOrReplaceInterceptor("other-writer", otherWriter)))) {
            ObjectOutcome outcome = only(racing.apply(workspace(lbPool(name, "10.61.0.0/24")), false, o -> { }));

            assertTrue(raced.get(), "the other writer ran");
            assertEquals(ObjectOutcome.Result.CONFLICT, outcome.result(), outcome.toString());
        }
        JsonNode live = json(admin, lbPoolInCluster(name));
        assertEquals("10.60.0.0/24", live.at("/spec/ranges/0/subnet").asText(), "Pooldesk's update was not forced");
        assertEquals("someone-else", live.at("/metadata/labels/edited-by").asText());
    }

    @Test
    void serverSideApplyRecordsPooldeskAsTheFieldManagerAndReportsAConflictWithAnother() throws Exception {
        ObjectOutcome created = only(gateway.apply(workspace(lbPool(name, "10.62.0.0/24")), false, true, o -> { }));
        assertEquals(ObjectOutcome.Result.CREATED, created.result(), created.toString());
        List<String> managers = new ArrayList<>();
        lbPoolInCluster(name).getMetadata().getManagedFields()
                .forEach(f -> managers.add(f.getManager() + " " + f.getOperation()));
        assertEquals(List.of("pooldesk Apply"), managers);

        // another manager takes the ranges with its own apply
        String other = """
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool", "metadata": {"name": "%s"},
                 "spec": {"ranges": [{"subnet": "10.63.0.0/24"}]}}""".formatted(name);
        admin.genericKubernetesResources(LB_POOLS.context()).resource(admin.getKubernetesSerialization()
                .unmarshal(other, GenericKubernetesResource.class)).fieldManager("other-tool").forceConflicts()
                .serverSideApply();

        ObjectOutcome conflict = only(gateway.apply(workspace(lbPool(name, "10.64.0.0/24")), false, true, o -> { }));

        assertEquals(ObjectOutcome.Result.CONFLICT, conflict.result(), conflict.toString());
        assertTrue(conflict.message().contains("other-tool"), conflict.message());
        assertEquals("10.63.0.0/24", json(admin, lbPoolInCluster(name)).at("/spec/ranges/0/subnet").asText());
    }

    @Test
    void serverSideApplyKeepsTheStatusOfAHarvesterPool() throws Exception {
        assertEquals(ObjectOutcome.Result.CREATED,
                only(gateway.apply(workspace(lbPool(name, "10.65.0.0/24")), false, true, o -> { })).result());
        // Harvester's controller books allocations in the status through the main resource (no subresource)
        admin.genericKubernetesResources(LB_POOLS.context()).withName(name).edit(p -> {
            p.setAdditionalProperty("status", Map.of("allocated", Map.of("10.65.0.9", "default/db"),
                    "available", 252, "total", 253, "lastAllocated", "10.65.0.9"));
            return p;
        });

        ObjectOutcome outcome = only(gateway.apply(workspace(lbPool(name, "10.65.0.0/23")), false, true, o -> { }));

        assertEquals(ObjectOutcome.Result.UPDATED, outcome.result(), outcome.toString());
        JsonNode live = json(admin, lbPoolInCluster(name));
        assertEquals("10.65.0.0/23", live.at("/spec/ranges/0/subnet").asText());
        assertEquals("default/db", live.at("/status/allocated/10.65.0.9").asText());
    }

    @Test
    void serverSideApplyOfAnObjectAnotherToolCreatedIsAConflictNamingThatTool() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.69.0.0/24"));

        ObjectOutcome outcome = only(gateway.apply(workspace(lbPool(name, "10.69.0.0/23")), false, true, o -> { }));

        // the ranges belong to the creator's update; a server-side apply that does not force must not take them
        assertEquals(ObjectOutcome.Result.CONFLICT, outcome.result(), outcome.toString());
        assertTrue(outcome.message().contains("fabric8-kubernetes-client")
                        && outcome.message().contains(".spec.ranges"),
                outcome.message());
        assertEquals("10.69.0.0/24", json(admin, lbPoolInCluster(name)).at("/spec/ranges/0/subnet").asText());
    }

    @Test
    void theRestrictedUserReadsButItsApplyIsForbiddenInWords() throws Exception {
        createInCluster(LB_POOLS, lbPool(name, "10.66.0.0/24"));
        try (ClusterGateway restricted = new ClusterGateway(server.restricted())) {
            assertTrue(restricted.read().objects().stream().anyMatch(m -> m.name().equals(name)));

            ObjectOutcome outcome = only(restricted.apply(workspace(lbPool(name, "10.67.0.0/24")), false, o -> { }));

            assertEquals(ObjectOutcome.Result.REFUSED, outcome.result(), outcome.toString());
            assertEquals("forbidden: RBAC denies update ippools.loadbalancer.harvesterhci.io", outcome.message());
        }
        assertEquals("10.66.0.0/24", json(admin, lbPoolInCluster(name)).at("/spec/ranges/0/subnet").asText());
    }

    @Test
    void theGatewayTellsNothingOfTheCredentials() throws Exception {
        try (ClusterGateway restricted = new ClusterGateway(server.restricted())) {
            ObjectOutcome outcome = only(restricted.apply(workspace(lbPool(name, "10.68.0.0/24")), false, o -> { }));
            String token = java.nio.file.Files.readString(server.restrictedKubeconfig()).replaceAll("(?s).*token: ", "")
                    .trim();
            assertNotNull(outcome.message());
            assertTrue(!outcome.message().contains(token) && !outcome.toString().contains(token));
        }
    }
}
