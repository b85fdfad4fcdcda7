package io.pooldesk.benchmarks;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.cluster.ConnectionState;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.workspace.WorkspaceViewModel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Issue 16's "a Service created in the cluster appears on the map within a second; deleting it frees the cell", as a
 * timed harness rather than a timed unit test: fabric8's mock API server (CRUD mode, loopback HTTP) holds MetalLB
 * pools and Services of type LoadBalancer; the window's model ({@link WorkspaceViewModel#openCluster}, one thread
 * playing the UI thread, the analysis on a background thread as in the window) follows it. Each round creates a
 * Service holding an address, waits until the analysis shows the pool holding it, deletes it and waits until the
 * address is free; the figures are the times from the API call's return to the analysis on the UI thread (polled
 * every 2 ms). Prints a Markdown section for docs/performance.md.
 */
public final class LiveLatency {
    private static final int ROUNDS = 30;
    // the mock server logs every request at INFO through java.util.logging; held here so the level sticks
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8");

    private LiveLatency() {
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        StringBuilder out = new StringBuilder();
        out.append("\n## The live cluster workspace: a change in the cluster on the map\n\n")
                .append("Target (issue 16): a Service created in the cluster appears on the map within a second, and"
                        + " deleting it frees the cell. Measured by `LiveLatency` (benchmarks) against fabric8's mock"
                        + " API server in CRUD mode on loopback, through the window's model: the watch event, the"
                        + " coalesced re-analysis of the whole workspace off the UI thread, the result on the UI"
                        + " thread. ").append(ROUNDS).append(" rounds each; times from the API call's return.\n\n")
                .append("| cluster | Service created -> held on the map (median / p90 / max) | Service deleted ->"
                        + " cell free (median / p90 / max) | target |\n| --- | --- | --- | --- |\n");
        int[][] sizes = {{10, 100}, {200, 5_000}};
        for (int[] size : sizes) {
            out.append(measure(size[0], size[1]));
        }
        System.out.print(out);
        System.exit(0);
    }

    private static String measure(int pools, int services) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        WorkspaceViewModel model = null;
        try {
            for (int p = 0; p < pools; p++) {
                create(client, kind("metallb.io", "IPAddressPool"), "metallb-system", """
                        {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
                         "metadata": {"name": "pool-%d", "namespace": "metallb-system"},
                         "spec": {"addresses": ["10.%d.%d.0/24"]}}""".formatted(p, 64 + p / 256, p % 256));
            }
            for (int s = 0; s < services; s++) {
                int p = s % pools;
                int host = 1 + s / pools;
                create(client, kind("", "Service"), "web", service("svc-" + s, "10.%d.%d.%d"
                        .formatted(64 + p / 256, p % 256, host)));
            }
            BackgroundWork background = new BackgroundWork() {
                @Override
                public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                    workers.execute(() -> {
                        try {
                            T result = work.call();
                            ui.execute(() -> done.accept(result));
                        } catch (Exception | Error e) {
                            ui.execute(() -> failed.accept(e));
                        }
                    });
                }
            };
            WorkspaceViewModel live = new WorkspaceViewModel(background, null, ui::execute);
            model = live;
            live.setClusterConnector(context -> new ClusterGateway(new KubernetesClientBuilder()
                    .withConfig(client.getConfiguration()).build()));
            ui.submit(() -> live.openCluster("lab")).get();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!ui.submit(() -> live.connectionProperty().get() != null
                    && live.connectionProperty().get().link() == ConnectionState.Link.LIVE
                    && live.analysisProperty().get() != null
                    && live.analysisProperty().get().pools().size() == pools).get()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the live workspace did not list the cluster in 120 s");
                }
                Thread.sleep(20);
            }
            String lastPool = "pool-" + (pools - 1);
            Address held = Address.parse("10.%d.%d.250".formatted(64 + (pools - 1) / 256, (pools - 1) % 256));
            List<Long> shown = new ArrayList<>();
            List<Long> freed = new ArrayList<>();
            for (int round = 0; round < ROUNDS + 3; round++) {
                create(client, kind("", "Service"), "web", service("probe", held.toString()));
                long created = System.nanoTime();
                await(ui, live, lastPool, p -> p.allocated().containsKey(held));
                long show = System.nanoTime() - created;
                client.genericKubernetesResources(kind("", "Service")).inNamespace("web").withName("probe").delete();
                long deleted = System.nanoTime();
                await(ui, live, lastPool, p -> !p.allocated().containsKey(held));
                long free = System.nanoTime() - deleted;
                if (round >= 3) {
                    shown.add(show);
                    freed.add(free);
                }
            }
            return "| %d MetalLB pools, %,d Services of type LoadBalancer | %s | %s | 1 s |%n".formatted(pools,
                    services, figures(shown), figures(freed));
        } finally {
            if (model != null) {
                WorkspaceViewModel closing = model;
                ui.submit(closing::closeCluster).get();
            }
            ui.shutdownNow();
            workers.shutdownNow();
            client.close();
            server.destroy();
        }
    }

    private static void await(ExecutorService ui, WorkspaceViewModel model, String pool,
                              Predicate<PoolSummary> condition) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            WorkspaceAnalysis analysis = ui.submit(() -> model.analysisProperty().get()).get();
            PoolSummary summary = analysis == null ? null : analysis.pools().stream()
                    .filter(p -> p.name().equals(pool)).findFirst().orElse(null);
            if (summary != null && condition.test(summary)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the change did not reach the analysis in 60 s");
            }
            Thread.sleep(2);
        }
    }

    private static String figures(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%d / %d / %d ms", sorted.get(sorted.size() / 2) / 1_000_000,
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1_000_000,
                sorted.get(sorted.size() - 1) / 1_000_000);
    }

    private static ResourceDefinitionContext kind(String group, String kind) {
        return ClusterKind.WATCHED.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind))
                .findFirst().orElseThrow().context();
    }

    private static String service(String name, String ip) {
        return """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s", "namespace": "web"},
                 "spec": {"type": "LoadBalancer", "clusterIP": "10.43.0.1", "ports": [{"port": 80}],
                          "loadBalancerIP": "%s"},
                 "status": {"loadBalancer": {"ingress": [{"ip": "%s"}]}}}""".formatted(name, ip, ip);
    }

    private static void create(KubernetesClient client, ResourceDefinitionContext kind, String namespace,
                               String json) {
        GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(json,
                GenericKubernetesResource.class);
        client.genericKubernetesResources(kind).inNamespace(namespace).resource(object).create();
    }
}
