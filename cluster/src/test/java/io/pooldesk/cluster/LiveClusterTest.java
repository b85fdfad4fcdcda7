package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pooldesk.model.manifest.Manifest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster as a live workspace, against fabric8's mock API server in CRUD mode (an HTTP server on loopback): the
 * objects that hold or shape addresses kept whole and current, the Services that hold none left out, and writes
 * refused by RBAC making it read-only with the reason.
 */
@EnableKubernetesMockClient(crud = true)
class LiveClusterTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private static final ClusterKind SERVICES = kind("", "Service");
    private static final ClusterKind NODES = kind("", "Node");
    private static final ClusterKind NAMESPACES = kind("", "Namespace");
    private static final ClusterKind METALLB_POOLS = kind("metallb.io", "IPAddressPool");

    private static ClusterKind kind(String group, String kind) {
        return ClusterKind.WATCHED.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst()
                .orElseThrow();
    }

    private void create(ClusterKind kind, String json) {
        GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(json,
                GenericKubernetesResource.class);
        if (kind.namespaced()) {
            client.genericKubernetesResources(kind.context()).inNamespace(object.getMetadata().getNamespace())
                    .resource(object).create();
        } else {
            client.genericKubernetesResources(kind.context()).resource(object).create();
        }
    }

    private static String service(String name, String type, String ip) {
        return """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s", "namespace": "web"},
                 "spec": {"type": "%s", "ports": [{"port": 80}]},
                 "status": {"loadBalancer": {"ingress": [{"ip": "%s"}]}}}""".formatted(name, type, ip);
    }

    private LiveCluster open(List<ConnectionState> states) {
        ClusterGateway gateway = new ClusterGateway(new KubernetesClientBuilder()
                .withConfig(client.getConfiguration()).build());
        return LiveCluster.open(gateway, "lab", new LiveCluster.Listener() {
            @Override
            public void changed() {
            }

            @Override
            public void state(ConnectionState state) {
                states.add(state);
            }
        });
    }

    private static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within " + millis + " ms: " + what);
            Thread.sleep(20);
        }
    }

    private static List<String> names(LiveCluster live) {
        return live.snapshot().stream().map(m -> m.kind() + " " + (m.namespace().isEmpty() ? "" : m.namespace()
                + "/") + m.name()).toList();
    }

    @Test
    void keepsWholeObjectsOfEveryKindThatHoldsOrShapesAddressesAndFollowsTheirChanges() throws Exception {
        create(METALLB_POOLS, """
                {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
                 "metadata": {"name": "web", "namespace": "metallb-system"}, "spec": {"addresses": ["10.80.0.0/24"]}}""");
        create(NAMESPACES, """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "web", "labels": {"team": "blue"}}}""");
        create(NODES, """
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}, "spec": {"podCIDR": "10.42.0.0/24"},
                 "status": {"addresses": [{"type": "InternalIP", "address": "10.80.0.7"}]}}""");
        create(SERVICES, service("internal", "ClusterIP", ""));
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (LiveCluster live = open(states)) {
            await("every kind listed", 5_000, () -> live.state().link() == ConnectionState.Link.LIVE
                    && names(live).contains("Node node-1"));
            assertEquals(List.of("IPAddressPool metallb-system/web", "Namespace web", "Node node-1"), names(live),
                    "pools first, in the registry's order; the ClusterIP Service holds no address and is left out");
            Manifest node = live.snapshot().get(2);
            assertEquals("cluster:lab", node.source());
            assertEquals("10.42.0.0/24", node.object().path("spec").path("podCIDR").asText());
            assertEquals("v1", node.apiVersion());
            assertEquals("blue", live.snapshot().get(1).object().path("metadata").path("labels").path("team").asText());

            create(SERVICES, service("shop", "LoadBalancer", "10.80.0.10"));
            await("the new Service of type LoadBalancer is held", 10_000,
                    () -> names(live).contains("Service web/shop"));
            Manifest shop = live.snapshot().stream().filter(m -> m.name().equals("shop")).findFirst().orElseThrow();
            assertEquals("10.80.0.10", shop.object().path("status").path("loadBalancer").path("ingress").path(0)
                    .path("ip").asText(), "with its status");

            client.genericKubernetesResources(SERVICES.context()).inNamespace("web").withName("shop").delete();
            await("the deleted Service is gone", 10_000, () -> !names(live).contains("Service web/shop"));
            assertFalse(live.state().isReadOnly(), live.state().words());
        }
    }

    @Test
    void snapshotsAreCopiesTheirReaderCannotChange() throws Exception {
        create(NODES, """
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}, "spec": {"podCIDR": "10.42.0.0/24"}}""");
        try (LiveCluster live = open(new CopyOnWriteArrayList<>())) {
            await("listed", 5_000, () -> names(live).contains("Node node-1"));
            List<Manifest> first = live.snapshot();
            first.get(0).object().with("spec").put("podCIDR", "10.99.0.0/24");
            assertEquals("10.42.0.0/24", live.snapshot().get(0).object().path("spec").path("podCIDR").asText());
            assertThrowsOnAdd(first);
        }
    }

    private static void assertThrowsOnAdd(List<Manifest> list) {
        try {
            list.add(list.get(0));
        } catch (UnsupportedOperationException expected) {
            return;
        }
        throw new AssertionError("the snapshot is immutable");
    }

    @Test
    void rbacThatDeniesWritingPoolsOpensTheWorkspaceReadOnlyWithTheReason() throws Exception {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReply(201, request -> {
                    String body = request.getBody().readUtf8();
                    boolean create = body.contains("\"create\"");
                    return Map.of("apiVersion", "authorization.k8s.io/v1", "kind", "SelfSubjectAccessReview",
                            "status", Map.of("allowed", !create));
                }).always();
        try (LiveCluster live = open(new CopyOnWriteArrayList<>())) {
            assertTrue(live.state().isReadOnly(), live.state().words());
            assertTrue(live.state().readOnly().startsWith("RBAC denies create ippools.loadbalancer.harvesterhci.io,"
                    + " create ippools.network.harvesterhci.io"), live.state().readOnly());
            assertFalse(live.state().readOnly().contains("update"), live.state().readOnly());
        }
    }

    @Test
    void aWriteAnsweredForbiddenMakesTheWorkspaceReadOnlyWithTheReason() throws Exception {
        server.expect().post().withPath("/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools"
                + "?fieldValidation=Strict&dryRun=All").andReturn(403, Map.of("kind", "Status", "apiVersion", "v1",
                "status", "Failure", "reason", "Forbidden", "code", 403, "message", "ipaddresspools.metallb.io is"
                        + " forbidden")).always();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (LiveCluster live = open(states);
             ClusterGateway writes = new ClusterGateway(new KubernetesClientBuilder()
                     .withConfig(client.getConfiguration()).build())) {
            assertFalse(live.state().isReadOnly(), "the mock answers reviews without a status: not known");
            List<ObjectOutcome> outcomes = writes.apply(io.pooldesk.model.manifest.ManifestReader.parse("x.yaml", """
                    apiVersion: metallb.io/v1beta1
                    kind: IPAddressPool
                    metadata: {name: web, namespace: metallb-system}
                    spec: {addresses: [10.80.0.0/24]}
                    """).manifests(), false, o -> { });
            assertEquals(ObjectOutcome.Result.REFUSED, outcomes.get(0).result());
            assertEquals("forbidden: RBAC denies dry-run create ipaddresspools.metallb.io in namespace metallb-system",
                    writes.writeForbidden().orElseThrow());
            live.writeForbidden(writes.writeForbidden().orElseThrow());
            assertTrue(live.state().isReadOnly());
            assertTrue(states.get(states.size() - 1).words().endsWith("read-only: forbidden: RBAC denies dry-run"
                    + " create ipaddresspools.metallb.io in namespace metallb-system"), states.toString());
        }
    }

    /**
     * Issue 16: the service CIDR "learned where the cluster shows it": the live workspace and pull keep the
     * networking.k8s.io/v1 ServiceCIDR objects and, of the ClusterIP Services, only the API server's own
     * default/kubernetes (its cluster IP is one address of the range, where a cluster has no ServiceCIDR).
     */
    @Test
    void keepsTheServiceCidrsAndTheKubernetesServiceWhereTheClusterShowsItsServiceCidr() throws Exception {
        create(ClusterKind.SERVICE_CIDRS, """
                {"apiVersion": "networking.k8s.io/v1", "kind": "ServiceCIDR", "metadata": {"name": "kubernetes"},
                 "spec": {"cidrs": ["10.96.0.0/12"]}}""");
        create(SERVICES, """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default"},
                 "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1", "ports": [{"port": 443}]}}""");
        create(SERVICES, service("kubernetes", "ClusterIP", "").replace("\"namespace\": \"web\"",
                "\"namespace\": \"other\""));
        try (LiveCluster live = open(new CopyOnWriteArrayList<>())) {
            await("every kind listed", 5_000, () -> live.state().link() == ConnectionState.Link.LIVE
                    && names(live).contains("ServiceCIDR kubernetes"));
            assertEquals(List.of("Service default/kubernetes", "ServiceCIDR kubernetes"), names(live),
                    "a Service called kubernetes in another namespace is any ClusterIP Service");
            Manifest cidr = live.snapshot().get(1);
            assertEquals("networking.k8s.io/v1", cidr.apiVersion());
            assertEquals("10.96.0.0/12", cidr.object().path("spec").path("cidrs").path(0).asText());
        }
        ClusterGateway gateway = new ClusterGateway(new KubernetesClientBuilder()
                .withConfig(client.getConfiguration()).build());
        assertEquals(List.of("Service default/kubernetes", "ServiceCIDR kubernetes"), gateway.read().objects().stream()
                .map(m -> m.kind() + " " + (m.namespace().isEmpty() ? "" : m.namespace() + "/") + m.name()).toList(),
                "pull reads them too");
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("pooldesk-pull-servicecidr");
        gateway.pull(folder);
        var pulled = io.pooldesk.model.workspace.Workspace.open(folder).manifests();
        assertEquals(List.of("Service default/kubernetes", "ServiceCIDR kubernetes"), pulled.stream()
                .map(m -> m.kind() + " " + (m.namespace().isEmpty() ? "" : m.namespace() + "/") + m.name()).toList(),
                "and writes them into the folder, where the conflict check finds them");
        assertTrue(java.nio.file.Files.isRegularFile(folder.resolve("servicecidr-networking-k8s-io.yaml")));
    }

    /**
     * An owner that can no longer hear the view (its UI thread's executor shut down: the listener throws) ends the
     * view: its workers stop instead of dying one by one with the exception, or watching on for nobody. A window test
     * failed on such an exception thrown from a watch a view-model test had left behind.
     */
    @Test
    void aViewWhoseOwnerCannotHearItAnyMoreStopsWatching() throws Exception {
        create(NODES, """
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}}""");
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        ClusterGateway gateway = new ClusterGateway(new KubernetesClientBuilder()
                .withConfig(client.getConfiguration()).build());
        try {
            LiveView view = gateway.liveObjects(ClusterKind.WATCHED, new LiveView.Listener() {
                @Override
                public void changed() {
                    throw new java.util.concurrent.RejectedExecutionException("the owner's executor is shut down");
                }

                @Override
                public void state(String words) {
                    throw new java.util.concurrent.RejectedExecutionException("the owner's executor is shut down");
                }
            });
            await("the view's workers end", 10_000, () -> !view.running());
            assertEquals(List.of(), uncaught, "no worker died with the owner's exception");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
            gateway.close();
        }
    }
}
