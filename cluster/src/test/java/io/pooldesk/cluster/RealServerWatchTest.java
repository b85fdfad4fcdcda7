package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's live view on a real server: every create, change and delete reaches it; a watch broken by a lost
 * connection resumes from the last resourceVersion it delivered, so what changed meanwhile arrives; a watch the
 * server can no longer resume (410 Gone) lists again and ends equal to the server, saying it relisted.
 */
@ExtendWith(RealApiServer.class)
class RealServerWatchTest {
    private static final ClusterKind LB_POOLS = RealApiServer.kind("loadbalancer.harvesterhci.io", "IPPool");
    private static final String LB_POOLS_CRD = LB_POOLS.plural() + "." + LB_POOLS.group();

    private static GenericKubernetesResource createPool(KubernetesClient admin, String name, String subnet) {
        return admin.genericKubernetesResources(LB_POOLS.context()).resource(admin.getKubernetesSerialization()
                .unmarshal("""
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool", "metadata": {"name": "%s"},
                 "spec": {"ranges": [{"subnet": "%s"}]}}""".formatted(name, subnet), GenericKubernetesResource.class))
                .create();
    }

    private static void label(KubernetesClient admin, String name, String team) {
        admin.genericKubernetesResources(LB_POOLS.context()).withName(name).edit(p -> {
            p.getMetadata().setLabels(Map.of("team", team));
            return p;
        });
    }

    private static void delete(KubernetesClient admin, String... names) {
        for (String name : names) {
            admin.genericKubernetesResources(LB_POOLS.context()).withName(name).delete();
        }
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within " + seconds + " s: " + what);
            Thread.sleep(100);
        }
    }

    /** The load balancer pools the server holds, keyed as the live view keys them, to their resourceVersions. */
    private static Map<String, String> onServer(KubernetesClient admin) {
        Map<String, String> out = new TreeMap<>();
        for (GenericKubernetesResource pool : admin.genericKubernetesResources(LB_POOLS.context()).list().getItems()) {
            out.put(LB_POOLS.resource() + " " + pool.getMetadata().getName(), pool.getMetadata().getResourceVersion());
        }
        return out;
    }

    private static Map<String, String> inView(LiveView view) {
        Map<String, String> out = new TreeMap<>(view.objects());
        out.keySet().removeIf(key -> !key.startsWith(LB_POOLS.resource() + " "));
        return out;
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

    @Test
    void theWatchReportsEveryChangeTheServerMakes(RealApiServer.Server server) throws Exception {
        String name = "w" + ProcessHandle.current().pid();
        AtomicInteger changes = new AtomicInteger();
        try (KubernetesClient admin = server.admin(); ClusterGateway gateway = new ClusterGateway(server.admin())) {
            AutoCloseable watch = gateway.watch(changes::incrementAndGet);
            try {
                await("the first list", 30, () -> changes.get() > 0 || !onServer(admin).isEmpty() == false
                        || ((LiveView) watch).state().contains("watching"));
                int listed = changes.get();
                createPool(admin, name, "10.70.0.0/24");
                await("the watch reports a new pool", 30, () -> changes.get() > listed);
                int created = changes.get();
                label(admin, name, "red");
                await("the watch reports a changed pool", 30, () -> changes.get() > created);
                int changed = changes.get();
                delete(admin, name);
                await("the watch reports a deleted pool", 30, () -> changes.get() > changed);
            } finally {
                watch.close();
            }
        }
    }

    @Test
    void aWatchBrokenByALostConnectionResumesAndWhatChangedMeanwhileArrives(RealApiServer.Server server)
            throws Exception {
        String name = "resume" + ProcessHandle.current().pid();
        List<String> states = new ArrayList<>();
        try (KubernetesClient admin = server.admin(); CuttableProxy proxy = new CuttableProxy(server.url());
             ClusterGateway gateway = new ClusterGateway(through(server, proxy), Duration.ofSeconds(10))) {
            createPool(admin, name + "-kept", "10.71.0.0/24");
            createPool(admin, name + "-deleted", "10.71.1.0/24");
            LiveView view = gateway.liveView(new LiveView.Listener() {
                @Override
                public void changed() {
                }

                @Override
                public void state(String words) {
                    states.add(words);
                }
            });
            try {
                await("the view holds what the server holds and every kind is watched", 30,
                        () -> inView(view).equals(onServer(admin)) && !view.state().contains("listing"));
                proxy.cut();
                label(admin, name + "-kept", "blue");
                createPool(admin, name + "-added", "10.71.2.0/24");
                delete(admin, name + "-deleted");
                await("the view says it lost its watch: " + states.subList(Math.max(0, states.size() - 3), states.size()), 30, () -> view.state().contains("not watched since"));
                assertTrue(!inView(view).equals(onServer(admin)), "nothing reached the view while cut");
                proxy.restore();
                await("the view resumes and holds what the server holds: " + view.state(), 60,
                        () -> inView(view).equals(onServer(admin)));
                assertEquals(0, view.relists(), "resumed, not relisted: " + states);
                await("the view says it watches again: " + view.state(), 10,
                        () -> view.state().contains("IPPool (loadbalancer.harvesterhci.io/v1beta1): watching again"
                                + " from resourceVersion") && view.resumes() > 0);
            } finally {
                view.close();
                delete(admin, name + "-kept", name + "-added");
            }
        }
    }

    @Test
    void aWatchTheServerCanNoLongerResumeRelistsAndEndsEqualToTheServer(RealApiServer.Server server)
            throws Exception {
        String name = "expire" + ProcessHandle.current().pid();
        try (KubernetesClient admin = server.admin(); CuttableProxy proxy = new CuttableProxy(server.url());
             ClusterGateway gateway = new ClusterGateway(through(server, proxy), Duration.ofSeconds(10))) {
            createPool(admin, name + "-kept", "10.72.0.0/24");
            String seen = createPool(admin, name + "-deleted", "10.72.1.0/24").getMetadata().getResourceVersion();
            LiveView view = gateway.watch(() -> { });
            try {
                await("the view holds what the server holds and every kind is watched", 30,
                        () -> inView(view).equals(onServer(admin)) && !view.state().contains("listing"));
                proxy.cut();
                label(admin, name + "-kept", "green");
                createPool(admin, name + "-added", "10.72.2.0/24");
                delete(admin, name + "-deleted");
                // a changed CRD gets new storage, whose watch cache starts now: every earlier resourceVersion is
                // too old to watch from, as after an apiserver restart or a compaction while the watch was down
                addPrinterColumn(admin, true);
                await("the new storage serves", 30, () -> {
                    try {
                        onServer(admin);
                        return true;
                    } catch (KubernetesClientException e) {
                        return false;
                    }
                });
                assertTrue(fabric8ReportsGone(admin, seen), "the server no longer resumes a watch from " + seen);
                proxy.restore();
                await("the view relists and holds what the server holds: " + view.state(), 60,
                        () -> inView(view).equals(onServer(admin)));
                assertTrue(view.relists() > 0, view.state());
                await("the view says it relisted: " + view.state(), 10,
                        () -> view.state().contains("relisted at resourceVersion"));
                System.out.println("live view after an expiry: " + view.state());
            } finally {
                view.close();
                addPrinterColumn(admin, false);
                delete(admin, name + "-kept", name + "-added");
            }
        }
    }

    /** Whether fabric8 closes a watch from {@code resourceVersion} with an exception it calls HTTP Gone (410). */
    private static boolean fabric8ReportsGone(KubernetesClient admin, String resourceVersion) throws Exception {
        CompletableFuture<Boolean> gone = new CompletableFuture<>();
        try (Watch watch = admin.genericKubernetesResources(LB_POOLS.context()).watch(new ListOptionsBuilder()
                .withResourceVersion(resourceVersion).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource resource) {
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        gone.complete(cause.isHttpGone());
                    }
                })) {
            return gone.get(10, TimeUnit.SECONDS);
        }
    }

    private static void addPrinterColumn(KubernetesClient admin, boolean add) {
        admin.apiextensions().v1().customResourceDefinitions().withName(LB_POOLS_CRD).edit(crd -> {
            var version = crd.getSpec().getVersions().get(0);
            List<io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition> columns =
                    new ArrayList<>(version.getAdditionalPrinterColumns() == null ? List.of()
                            : version.getAdditionalPrinterColumns());
            columns.removeIf(c -> c.getName().equals("PooldeskProbe"));
            if (add) {
                columns.add(new CustomResourceColumnDefinitionBuilder().withName("PooldeskProbe").withType("string")
                        .withJsonPath(".metadata.name").build());
            }
            version.setAdditionalPrinterColumns(columns.isEmpty() ? null : columns);
            return crd;
        });
    }
}
