package io.pooldesk.views.fleet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.views.common.BackgroundWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fleet page's model against two of fabric8's mock API servers and a server that is not there. */
class FleetViewModelTest {
    /** Harvester: a pool of three addresses with two held, and a roomy /24. */
    static final String LAB = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: tight}
            spec:
              ranges: [{subnet: 10.10.0.0/24, rangeStart: 10.10.0.10, rangeEnd: 10.10.0.12}]
              selector: {scope: [{namespace: prod}]}
            status:
              allocated: {10.10.0.10: prod/api, 10.10.0.11: prod/web}
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: roomy}
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector: {scope: [{namespace: default}]}
            """;
    /** MetalLB: a /29 nobody holds yet. */
    static final String EDGE = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: edge, namespace: metallb-system}
            spec: {addresses: [10.0.0.0/29]}
            """;

    private final KubernetesMockServer lab = crudServer();
    private final KubernetesMockServer edge = crudServer();
    private final Map<String, KubernetesClient> clients = new HashMap<>();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private FleetViewModel model;
    /** The moment each analysis is observed at, moved by the test. */
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-08T00:00:00Z"));
    private final java.time.Clock clock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now.get();
        }
    };
    private final java.util.concurrent.atomic.AtomicInteger workersMade = new java.util.concurrent.atomic.AtomicInteger();

    static KubernetesMockServer crudServer() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        return server;
    }

    static void seed(KubernetesClient client, String yaml) {
        for (Manifest m : ManifestReader.parse("seed", yaml).manifests()) {
            GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(m.object(),
                    GenericKubernetesResource.class);
            var resources = client.genericKubernetesResources(ClusterKind.of(m).context());
            (m.namespace().isEmpty() ? resources.resource(object)
                    : resources.inNamespace(m.namespace()).resource(object)).create();
        }
    }

    @BeforeEach
    void servers() {
        clients.put("lab", lab.createClient());
        clients.put("edge", edge.createClient());
        seed(clients.get("lab"), LAB);
        seed(clients.get("edge"), EDGE);
        // every read and every change is handed to one thread, as the window hands them to the UI thread
        Consumer<Runnable> uiThread = ui::execute;
        BackgroundWork onUiThread = new BackgroundWork() {
            @Override
            public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
                BackgroundWork.synchronous().run(what, work, done, failed);
            }
        };
        model = new FleetViewModel(this::connect, () -> {
            workersMade.incrementAndGet();
            return onUiThread;
        }, uiThread, clock);
    }

    private ClusterGateway connect(String context) throws ClusterException {
        KubernetesClient client = context.equals("down")
                ? new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build()
                : new KubernetesClientBuilder().withConfig(clients.get(context).getConfiguration()).build();
        return new ClusterGateway(client, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        ui.submit(model::close).get();
        ui.shutdownNow();
        clients.values().forEach(KubernetesClient::close);
        lab.destroy();
        edge.destroy();
    }

    private void onUi(Runnable action) throws Exception {
        ui.submit(action).get();
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (ui.submit(condition::getAsBoolean).get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 15 s: " + what);
    }

    private FleetViewModel.Row row(String context) throws Exception {
        return ui.submit(() -> model.rows.stream().filter(r -> r.context().equals(context)).findFirst()
                .orElseThrow()).get();
    }

    @Test
    void eachTickedClusterIsReadWithItsSumsAndTheFirstToRunOutAndOneThatFailsSaysWhyInItsRow() throws Exception {
        onUi(() -> {
            model.loadContexts(List.of("lab", "edge", "down"));
            model.choose("down", true);
            model.choose("lab", true);
            model.choose("edge", true);
        });
        await("three clusters read", () -> model.rows.size() == 3
                && model.rows.stream().allMatch(r -> r.cluster() != null));
        assertEquals(List.of("lab", "edge", "down"), ui.submit(() -> model.rows.stream()
                .map(FleetViewModel.Row::context).toList()).get(), "rows in the kubeconfig's order");

        FleetViewModel.Row labRow = row("lab");
        assertTrue(labRow.state().startsWith("live"), labRow.state());
        assertEquals(2, labRow.cluster().pools().size());
        assertEquals(BigInteger.valueOf(256), labRow.cluster().total());
        assertEquals(BigInteger.valueOf(2), labRow.cluster().used());
        assertEquals(BigInteger.valueOf(254), labRow.cluster().free());
        FleetViewModel.Row edgeRow = row("edge");
        assertEquals(BigInteger.valueOf(8), edgeRow.cluster().free());

        FleetViewModel.Row down = row("down");
        assertTrue(down.failed());
        assertTrue(down.state().startsWith("reconnecting: "), down.state());
        assertTrue(down.cluster().error().contains("cannot reach the cluster at http://127.0.0.1:1"),
                down.cluster().error());
        assertTrue(ui.submit(model.message::get).get().contains("1 could not be read"));

        assertTrue(ui.submit(model.firstToRunOut::get).get().startsWith(
                "First to run out: lab, IPPool tight with 1 of 3 addresses free"), model.firstToRunOut.get());

        onUi(() -> model.search.set("10.10.0.11"));
        assertEquals(List.of("lab: IPPool tight: held by prod/web", "edge: outside every pool",
                "down: not searched (" + row("down").cluster().error() + ")"), ui.submit(() -> List.copyOf(model.answers)).get());
        onUi(() -> model.search.set("10.10"));
        assertTrue(ui.submit(() -> model.answers.get(0)).get().startsWith("Type one address"));
    }

    @Test
    void aChangeInAClusterIsReadAgainAndTheSearchFollowsIt() throws Exception {
        onUi(() -> {
            model.loadContexts(List.of("lab", "edge"));
            model.choose("lab", true);
            model.choose("edge", true);
            model.search.set("10.10.0.12");
        });
        await("both read", () -> model.rows.stream().allMatch(r -> r.cluster() != null));
        assertEquals("lab: IPPool tight: free", ui.submit(() -> model.answers.get(0)).get());

        // someone creates a load balancer in lab: tight hands out its last address
        seed(clients.get("lab"), """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: cache, namespace: prod}
                spec: {ipam: pool}
                """);
        await("lab read again", () -> row0("lab").cluster().used().equals(BigInteger.valueOf(3)));
        assertEquals("lab: IPPool tight: held by prod/cache", ui.submit(() -> model.answers.get(0)).get());
        assertTrue(ui.submit(model.firstToRunOut::get).get().startsWith(
                "First to run out: lab, IPPool tight with 0 of 3 addresses free"), model.firstToRunOut.get());

        onUi(() -> model.choose("lab", false));
        assertEquals(List.of("edge"), ui.submit(() -> List.copyOf(model.chosen)).get());
        assertEquals(2, workersMade.get(), "one worker per context, made when it was first ticked");
        assertEquals(List.of("edge: outside every pool"), ui.submit(() -> List.copyOf(model.answers)).get());
        assertFalse(ui.submit(model.firstToRunOut::get).get().contains("lab"));

        onUi(() -> model.choose("lab", true));
        await("lab read again after ticking it again", () -> model.rows.size() == 2
                && model.rows.stream().allMatch(r -> r.cluster() != null));
        assertEquals(List.of("lab", "edge"), ui.submit(() -> List.copyOf(model.chosen)).get());
        assertEquals(2, workersMade.get(), "ticking a context again starts no new worker");
    }

    /**
     * A live fleet is observed as it changes: edge's pool goes from 2 to 6 of 10 held in an hour (4 free: an hour
     * left at that pace) while lab's tight pool keeps its one free address, so edge's pool runs out first.
     */
    @Test
    void thePoolThatFillsFastestIsTheFirstToRunOutOnceTheFleetIsSeenGrowing() throws Exception {
        seed(clients.get("edge"), """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: edge-lb}
                spec:
                  ranges: [{subnet: 10.40.0.0/24, rangeStart: 10.40.0.10, rangeEnd: 10.40.0.19}]
                  selector: {scope: [{namespace: edge}]}
                status:
                  allocated: {10.40.0.10: edge/a, 10.40.0.11: edge/b}
                """);
        onUi(() -> {
            model.loadContexts(List.of("lab", "edge"));
            model.choose("lab", true);
            model.choose("edge", true);
        });
        await("both read", () -> model.rows.size() == 2 && model.rows.stream().allMatch(r -> r.cluster() != null));
        assertTrue(ui.submit(model.firstToRunOut::get).get().equals("First to run out: lab, IPPool tight with 1"
                + " of 3 addresses free (no pool grew in the last 24 hours: ranked by fewest free addresses)"),
                model.firstToRunOut.get());

        now.set(now.get().plus(Duration.ofHours(1)));
        for (int i = 0; i < 4; i++) {
            seed(clients.get("edge"), """
                    apiVersion: loadbalancer.harvesterhci.io/v1beta1
                    kind: LoadBalancer
                    metadata: {name: lb-%d, namespace: edge}
                    spec: {ipam: pool}
                    """.formatted(i));
        }
        await("edge read again", () -> row0("edge").cluster().used().equals(BigInteger.valueOf(6)));
        assertEquals("First to run out: edge, IPPool edge-lb with 4 of 10 addresses free: full in about 60 minutes"
                + " at the growth of the last 24 hours", ui.submit(model.firstToRunOut::get).get());
        assertEquals("edge", ui.submit(() -> model.firstProperty().get().cluster()).get());
    }

    @Test
    void timeLeftIsSaidInMinutesHoursOrDays() {
        assertEquals("full now", FleetViewModel.left(0));
        assertEquals("full in about 1 minute", FleetViewModel.left(20));
        assertEquals("full in about 89 minutes", FleetViewModel.left(89 * 60));
        assertEquals("full in about 2 hours", FleetViewModel.left(90 * 60));
        assertEquals("full in about 47 hours", FleetViewModel.left(47 * 3600));
        assertEquals("full in about 2 days", FleetViewModel.left(48 * 3600));
    }

    private FleetViewModel.Row row0(String context) {
        return model.rows.stream().filter(r -> r.context().equals(context)).findFirst().orElseThrow();
    }
}
