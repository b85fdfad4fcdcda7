package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PendingReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * controllers.md §1 and §2 through the engine: after every step the controllers reconcile to a fixpoint. The inputs
 * live in resources/convergence, where the command-line test runs the same files through
 * {@code pooldesk simulate}.
 */
class ConvergenceTest {
    static final Path DIR = Path.of("..", "resources", "convergence");

    static SimulationReport run(String file) {
        ManifestReader.Result read = new ManifestReader(System.in).read(List.of(DIR.resolve(file).toString()));
        assertTrue(read.ok(), read.errors().toString());
        Simulator simulator = new Simulator();
        Simulator.Plan plan = simulator.plan(read.manifests());
        assertTrue(plan.errors().isEmpty(), plan.errors().toString());
        return simulator.run(plan);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "harvester-lb-pending-served-after-release.yaml, LoadBalancer/default/lb-a, LoadBalancer/default/lb-b, 192.168.10.10",
            "metallb-pending-served-after-release.yaml, Service/web/svc-a, Service/web/svc-b, 10.20.0.7",
            "openelb-pending-served-after-release.yaml, Service/web/svc-a, Service/web/svc-b, 10.30.0.5",
            "novaedge-pending-served-after-release.yaml, ProxyVIP/vip-a, ProxyVIP/vip-b, 10.40.0.9",
            "harvester-dhcp-pending-served-after-release.yaml, VirtualMachineNetworkConfig/default/vm-a, VirtualMachineNetworkConfig/default/vm-b, 192.168.50.15",
    })
    void aPendingRequestTakesTheAddressADeletedHolderFrees(String file, String first, String waiting, String address) {
        SimulationReport report = run(file);
        List<Simulations.Entry> entries = Simulations.entries(report);
        assertEquals(3, entries.size(), entries.toString());
        assertEquals(first, entries.get(0).request());
        assertEquals(address, entries.get(0).address());
        assertEquals(waiting, entries.get(1).request());
        assertFalse(entries.get(1).isServed(), "the pool has one address: the second request waits");
        assertEquals(List.of(new Simulations.Entry(first, entries.get(0).pool(), address, null)),
                Simulations.releases(report));
        assertEquals(waiting, entries.get(2).request());
        assertEquals(address, entries.get(2).address(), "served after the release");
        assertFalse(report.hasFailures(), "the exit code follows the final state: nothing waits at the end");
    }

    @Test
    void aRequestWaitingForAPoolIsServedWhenAMatchingPoolIsCreated() {
        SimulationReport report = run("harvester-lb-pool-created-later.yaml");
        List<Simulations.Entry> entries = Simulations.entries(report);
        assertEquals(2, entries.size(), entries.toString());
        assertTrue(entries.get(0).error().startsWith("no IP pool matches"), entries.get(0).error());
        assertEquals(new Simulations.Entry("LoadBalancer/prod/lb-a", "prod", "10.50.0.2", null), entries.get(1));
        Outcome.Pending first = assertInstanceOf(Outcome.Pending.class, report.allocations().get(0));
        assertEquals(PendingReason.NO_MATCHING_POOL, first.reason());
        assertFalse(report.hasFailures());
    }

    @Test
    void creatingAnExistingLoadBalancerAgainChangesNothingAndTheNextGetsTheNextAddress() {
        SimulationReport report = run("harvester-lb-create-existing-is-apply.yaml");
        List<Simulations.Entry> entries = Simulations.entries(report);
        assertEquals(List.of(new Simulations.Entry("LoadBalancer/default/lb-a", "pool", "192.168.60.2", null),
                new Simulations.Entry("LoadBalancer/default/lb-b", "pool", "192.168.60.3", null)), entries);
        assertTrue(report.released().isEmpty(), report.released().toString());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("already exists")), report.warnings().toString());
    }

    @Test
    void anOpenElbServiceAskingForAnotherAddressIsReleasedThenAssigned() {
        SimulationReport report = run("openelb-update-changes-requested-address.yaml");
        assertEquals(List.of(new Simulations.Entry("Service/web/svc", "eip", "10.60.0.3", null),
                new Simulations.Entry("Service/web/svc", "eip", "10.60.0.5", null)), Simulations.entries(report));
        assertEquals(List.of(new Simulations.Entry("Service/web/svc", "eip", "10.60.0.3", null)),
                Simulations.releases(report));
        assertEquals(List.of("10.60.0.5"), List.copyOf(Simulations.allocated(Simulations.pool(report, "eip")).keySet()));
    }

    @Test
    void aHarvesterPoolUpdateKeepsItsAllocationsAndItsCursor() {
        SimulationReport report = run("harvester-lb-pool-update-keeps-allocations.yaml");
        assertEquals(List.of(new Simulations.Entry("LoadBalancer/default/lb-a", "pool", "192.168.70.2", null),
                new Simulations.Entry("LoadBalancer/default/lb-b", "pool", "192.168.70.3", null)),
                Simulations.entries(report));
        assertTrue(report.rejected().isEmpty(), report.rejected().toString());
        assertEquals(2, Simulations.pool(report, "pool").used().intValue());
    }

    @Test
    void aMetalLbPoolUpdateKeepsWhatStillFitsAndReassignsTheRest() {
        SimulationReport report = run("metallb-pool-update-keeps-and-releases.yaml");
        assertEquals(List.of(new Simulations.Entry("Service/web/svc-a", "pool", "10.70.0.0", null),
                new Simulations.Entry("Service/web/svc-b", "pool", "10.70.0.1", null),
                new Simulations.Entry("Service/web/svc-a", "pool", "10.70.0.8", null)), Simulations.entries(report));
        assertEquals(List.of(new Simulations.Entry("Service/web/svc-a", "pool", "10.70.0.0", null)),
                Simulations.releases(report));
        assertEquals(2, Simulations.pool(report, "pool").used().intValue());
    }

    @Test
    void aNovaEdgePoolUpdateMigratesItsAllocations() {
        SimulationReport report = run("novaedge-pool-update-migrates.yaml");
        assertEquals(List.of(new Simulations.Entry("ProxyVIP/vip-a", "test-pool", "192.168.1.1", null),
                new Simulations.Entry("ProxyVIP/vip-b", "test-pool", "192.168.1.10", null)),
                Simulations.entries(report));
        assertTrue(report.released().isEmpty(), report.released().toString());
        assertEquals(java.util.Map.of("192.168.1.1", "vip-a", "192.168.1.10", "vip-b"),
                Simulations.allocated(Simulations.pool(report, "test-pool")));
    }

    @Test
    void severalWaitingRequestsAndOneFreedAddressServeTheOldestAndSaySo() {
        SimulationReport report = run("harvester-lb-retry-order.yaml");
        List<Simulations.Entry> entries = Simulations.entries(report);
        assertEquals(4, entries.size(), entries.toString());
        assertEquals(new Simulations.Entry("LoadBalancer/default/lb-b", "one-address", "192.168.20.10", null),
                entries.get(3));
        assertTrue(report.hasFailures(), "lb-c still waits at the end: exit code 1");
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("no defined order")
                && w.contains("LoadBalancer/default/lb-b") && w.contains("LoadBalancer/default/lb-c")),
                report.warnings().toString());
    }

    @Test
    void creatingAnExistingPoolIsAnUpdateAndSaysSo() {
        SimulationReport report = Simulations.simulate("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: pool, namespace: metallb-system}
                spec: {addresses: [10.80.0.0/30]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: svc, namespace: web}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: again}
                steps:
                  - create: {apiVersion: metallb.io/v1beta1, kind: IPAddressPool,
                             metadata: {name: pool, namespace: metallb-system}, spec: {addresses: [10.80.0.0/29]}}
                """);
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("IPAddressPool") && w.contains("already exists")),
                report.warnings().toString());
        assertTrue(report.rejected().isEmpty(), report.rejected().toString());
        assertEquals(1, Simulations.entries(report).size(), "the Service keeps 10.80.0.0 through the update");
        assertEquals(java.math.BigInteger.valueOf(8), Simulations.pool(report, "pool").total());
    }
}
