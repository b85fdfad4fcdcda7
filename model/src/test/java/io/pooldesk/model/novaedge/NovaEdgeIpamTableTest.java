package io.pooldesk.model.novaedge;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulations;
import io.pooldesk.model.simulation.Simulator;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pooldesk.model.simulation.Simulations.pool;
import static io.pooldesk.model.simulation.Simulations.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NovaEdge's IPAM and Service-controller tables, case by case (azrtydxb/novaedge 8327119, the last commit with the
 * in-process IPAM): internal/controller/ipam/pool_test.go, allocator_test.go and
 * internal/controller/service_controller_test.go, through the whole simulator. A reference "VIP name" is a ProxyVIP
 * with {@code spec.poolRef}, or a Service with {@code novaedge.io/vip-mode} (its VIP is {@code svc-<name>}).
 */
class NovaEdgeIpamTableTest {

    static String ipPool(String name, String spec) {
        return "---\napiVersion: novaedge.io/v1alpha1\nkind: ProxyIPPool\nmetadata: {name: " + name + "}\nspec: {" + spec
                + "}\n";
    }

    static String vip(String name, String pool) {
        return "---\napiVersion: novaedge.io/v1alpha1\nkind: ProxyVIP\nmetadata: {name: " + name + "}\n"
                + "spec: {mode: BGP, ports: [80], poolRef: {name: " + pool + "}}\n";
    }

    static String service(String name, String annotations) {
        return "---\napiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default, annotations: {"
                + annotations + "}}\nspec: {type: LoadBalancer, clusterIPs: [10.96.0.1], ports: [{port: 80}]}\n";
    }

    private static String served(SimulationReport report, String kind, String name) {
        List<Outcome> outcomes = report.outcome(kind.equals("Service") ? ObjectRef.namespaced(kind, "default", name)
                : ObjectRef.clusterScoped(kind, name));
        if (outcomes.isEmpty()) {
            return "none";
        }
        Outcome o = outcomes.get(0);
        return o instanceof Outcome.Served s ? s.addresses().get(0).toString()
                : o instanceof Outcome.Pending p ? "error " + p.message() : o.toString();
    }

    private static String rejection(String yaml) {
        ManifestReader.Result read = ManifestReader.parse("input.yaml", yaml);
        Simulator simulator = new Simulator();
        SimulationReport report = simulator.run(simulator.plan(read.manifests()));
        return report.rejected().isEmpty() ? "accepted" : report.rejected().get(0).message();
    }

    /** pool_test.go TestPool_NewPool (5 sub-tests), allocator_test.go TestAllocator_AddPool (4), probes X6, X7, X12. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            TestPool_NewPool/valid CIDR                       | cidrs: [10.200.0.0/28]                                     | 14
            TestPool_NewPool/explicit addresses               | addresses: [10.200.0.10/32, 10.200.0.20/32, 10.200.0.30/32] | 3
            TestPool_NewPool/combined CIDR and explicit       | cidrs: [10.200.0.0/30], addresses: [10.200.1.1/32]        | 3
            TestPool_NewPool/single IP /32                    | cidrs: [10.200.0.1/32]                                     | 1
            TestPool_IPv6 (total)                             | addresses: ["2001:db8::1/128", "2001:db8::2/128", "2001:db8::3/128"] | 3
            TestAllocator_AddPool/valid CIDR                  | cidrs: [192.168.1.0/24]                                    | 254
            TestAllocator_AddPool/valid addresses (bare IPs)  | addresses: [10.0.0.1, 10.0.0.2]                            | 2
            TestAllocator_AddPool/mixed valid                 | cidrs: [10.0.0.0/29], addresses: [10.0.1.1]                | 7
            probe X6 an address with a prefix is one address  | addresses: [10.0.0.0/24]                                   | 1
            probe X7 an address inside a CIDR counts once     | cidrs: [10.0.0.0/30], addresses: [10.0.0.1/32]             | 2
            probe X12 neither cidrs nor addresses             | cidrs: []                                                  | 0
            """)
    void poolSizes(String name, String spec, long total) {
        assertEquals(BigInteger.valueOf(total), pool(simulate(ipPool("p", spec)), "p").total());
    }

    /** pool_test.go TestPool_NewPool/invalid CIDR, allocator_test.go TestAllocator_AddPool/invalid CIDR, X9, X10. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            TestPool_NewPool/invalid CIDR          | test     | cidrs: [invalid]          | failed to create pool test: invalid CIDR invalid: invalid CIDR address: invalid
            TestAllocator_AddPool/invalid CIDR     | bad-pool | cidrs: [invalid]          | failed to create pool bad-pool: invalid CIDR invalid: invalid CIDR address: invalid
            probe X9 a CIDR with a trailing space  | p        | cidrs: ["10.0.0.0/24 "]   | 'failed to create pool p: invalid CIDR 10.0.0.0/24 : invalid CIDR address: 10.0.0.0/24 '
            probe X10 an invalid address           | p        | addresses: [invalid]      | failed to create pool p: invalid address invalid: invalid CIDR address: invalid
            """)
    void invalidPools(String name, String pool, String spec, String message) {
        assertEquals(message, rejection(ipPool(pool, spec)));
    }

    /** pool_test.go TestPool_Allocate (first, idempotent, exhaustion) and TestPool_IPv6, through ProxyVIPs. */
    @Test
    void testPoolAllocate() {
        String pool = ipPool("test", "addresses: [10.200.0.1/32, 10.200.0.2/32, 10.200.0.3/32]");
        SimulationReport first = simulate(pool + vip("vip-1", "test"));
        assertEquals("10.200.0.1", served(first, "ProxyVIP", "vip-1"));
        assertEquals(BigInteger.ONE, pool(first, "test").used());
        assertEquals(BigInteger.TWO, pool(first, "test").available());
        SimulationReport again = simulate(pool + vip("vip-1", "test") + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: again}
                steps:
                  - apply: {apiVersion: novaedge.io/v1alpha1, kind: ProxyVIP, metadata: {name: vip-1}, spec: {mode: BGP, ports: [80], poolRef: {name: test}}}
                """);
        assertEquals("10.200.0.1", served(again, "ProxyVIP", "vip-1"));
        assertEquals(BigInteger.ONE, pool(again, "test").used());
        SimulationReport full = simulate(pool + vip("vip-1", "test") + vip("vip-2", "test") + vip("vip-3", "test")
                + vip("vip-4", "test"));
        assertEquals(List.of("10.200.0.1", "10.200.0.2", "10.200.0.3",
                "error pool: test exhausted: no available addresses"), List.of(served(full, "ProxyVIP", "vip-1"),
                served(full, "ProxyVIP", "vip-2"), served(full, "ProxyVIP", "vip-3"), served(full, "ProxyVIP", "vip-4")));
        SimulationReport v6 = simulate(ipPool("v6", "addresses: [\"2001:db8::1/128\", \"2001:db8::2/128\","
                + " \"2001:db8::3/128\"]") + vip("vip-v6", "v6"));
        assertEquals("2001:db8::1", served(v6, "ProxyVIP", "vip-v6"));
    }

    /**
     * pool_test.go TestPool_Release and allocator_test.go TestAllocator_ReleaseByVIPName, through Services (their
     * deletion releases, service_controller.go 224-235; a ProxyVIP's deletion does not in the reference, see
     * docs/fidelity.md).
     */
    @Test
    void testPoolReleaseAndReleaseByVipName() {
        String mode = "novaedge.io/vip-mode: L2ARP";
        SimulationReport report = simulate(ipPool("default", "addresses: [10.200.0.1/32, 10.200.0.2/32]")
                + service("vip-1", mode) + service("vip-2", mode) + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: release}
                steps:
                  - delete: {kind: Service, namespace: default, name: vip-1}
                  - create: {apiVersion: v1, kind: Service, metadata: {name: vip-3, namespace: default, annotations: {novaedge.io/vip-mode: L2ARP}}, spec: {type: LoadBalancer, clusterIPs: [10.96.0.1], ports: [{port: 80}]}}
                """);
        assertEquals("10.200.0.2", served(report, "Service", "vip-2"));
        assertEquals("10.200.0.1", served(report, "Service", "vip-3"));
        assertEquals("10.200.0.1", Simulations.releases(report).get(0).address());
    }

    /** pool_test.go TestAllocator_MultiplePool (pool-a, pool-b, non-existent pool-c, stats). */
    @Test
    void testAllocatorMultiplePool() {
        SimulationReport report = simulate(ipPool("pool-a", "cidrs: [10.200.0.0/30]")
                + ipPool("pool-b", "addresses: [10.201.0.1/32, 10.201.0.2/32]")
                + vip("vip-1", "pool-a") + vip("vip-2", "pool-b") + vip("vip-3", "pool-c"));
        assertEquals("10.200.0.1", served(report, "ProxyVIP", "vip-1"));
        assertEquals("10.201.0.1", served(report, "ProxyVIP", "vip-2"));
        assertEquals("error pool: pool-c not found", served(report, "ProxyVIP", "vip-3"));
        assertEquals(BigInteger.ONE, pool(report, "pool-a").used());
        assertEquals(BigInteger.ONE, pool(report, "pool-a").available());
    }

    /**
     * allocator_test.go TestAllocator_Allocate, _PoolNotFound, _GetPoolAllocations, _GetPoolStats, _MultiplePools,
     * _ExhaustPool (A..J and should-fail), _AllocateIdempotent.
     */
    @Test
    void testAllocatorTables() {
        String p29 = ipPool("test-pool", "cidrs: [192.168.1.0/29]");
        SimulationReport one = simulate(p29 + vip("test-vip", "test-pool") + vip("other", "non-existent"));
        assertEquals("192.168.1.1", served(one, "ProxyVIP", "test-vip"));
        assertEquals("error pool: non-existent not found", served(one, "ProxyVIP", "other"));
        assertEquals(BigInteger.ONE, pool(one, "test-pool").used());
        assertEquals(BigInteger.valueOf(5), pool(one, "test-pool").available());
        SimulationReport two = simulate(p29 + vip("vip-1", "test-pool") + vip("vip-2", "test-pool"));
        assertEquals(Map.of("192.168.1.1", "vip-1", "192.168.1.2", "vip-2"),
                Simulations.allocated(pool(two, "test-pool")));
        SimulationReport pools = simulate(ipPool("pool-1", "cidrs: [192.168.1.0/29]") + ipPool("pool-2",
                "cidrs: [10.0.0.0/29]") + vip("vip-1", "pool-1") + vip("vip-2", "pool-2"));
        assertEquals("192.168.1.1", served(pools, "ProxyVIP", "vip-1"));
        assertEquals("10.0.0.1", served(pools, "ProxyVIP", "vip-2"));
        StringBuilder exhaust = new StringBuilder(ipPool("small-pool", "cidrs: [192.168.1.0/29]"));
        List<String> names = new ArrayList<>(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J"));
        names.add("should-fail");
        names.forEach(n -> exhaust.append(vip(n.toLowerCase(), "small-pool")));
        SimulationReport full = simulate(exhaust.toString());
        for (int i = 0; i < names.size(); i++) {
            String expected = i < 6 ? "192.168.1." + (i + 1) : "error pool: small-pool exhausted: no available addresses";
            assertEquals(expected, served(full, "ProxyVIP", names.get(i).toLowerCase()), names.get(i));
        }
    }

    /** allocator_test.go TestAllocator_AddPool_Migration: a wider pool keeps test-vip's address. */
    @Test
    void testAddPoolMigration() {
        SimulationReport report = simulate(ipPool("test-pool", "cidrs: [192.168.1.0/29]") + vip("test-vip", "test-pool")
                + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: widen}
                steps:
                  - apply: {apiVersion: novaedge.io/v1alpha1, kind: ProxyIPPool, metadata: {name: test-pool}, spec: {cidrs: [192.168.1.0/28]}}
                """);
        assertEquals("192.168.1.1", served(report, "ProxyVIP", "test-vip"));
        assertEquals(Map.of("192.168.1.1", "test-vip"), Simulations.allocated(pool(report, "test-pool")));
        assertEquals(BigInteger.valueOf(14), pool(report, "test-pool").total());
    }

    /**
     * service_controller_test.go: TestServiceWithoutAnnotationIsIgnored, TestServiceClusterIPTypeIsIgnored,
     * TestServiceStatusUpdatedWithVIPAddress, TestDualStackAddressFamilyAnnotation, TestCustomAddressPoolAnnotation,
     * TestInvalidBGPConfigAnnotation, TestPoolNotFoundReturnsError, TestAllVIPModes, TestParseAddressFamily (5 rows,
     * through the annotation). Each with the test's pool default = 10.200.0.0/24, in a fresh run.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            TestServiceStatusUpdatedWithVIPAddress       | novaedge.io/vip-mode: L2ARP | 10.200.0.1
            TestAllVIPModes/L2ARP                        | novaedge.io/vip-mode: L2ARP | 10.200.0.1
            TestAllVIPModes/BGP                          | novaedge.io/vip-mode: BGP | 10.200.0.1
            TestAllVIPModes/OSPF                         | novaedge.io/vip-mode: OSPF | 10.200.0.1
            TestDualStackAddressFamilyAnnotation (the family does not choose the address) | novaedge.io/vip-mode: L2ARP, novaedge.io/address-family: dual | 10.200.0.1
            TestParseAddressFamily/ipv4                  | novaedge.io/vip-mode: L2ARP, novaedge.io/address-family: ipv4 | 10.200.0.1
            TestParseAddressFamily/ipv6 (still the pool's next address) | novaedge.io/vip-mode: L2ARP, novaedge.io/address-family: ipv6 | 10.200.0.1
            TestParseAddressFamily/dual                  | novaedge.io/vip-mode: L2ARP, novaedge.io/address-family: dual | 10.200.0.1
            TestParseAddressFamily/invalid               | novaedge.io/vip-mode: L2ARP, novaedge.io/address-family: invalid | error Failed to parse annotations: invalid address-family annotation: unsupported address family: "invalid": must be one of ipv4, ipv6, dual
            TestParseAddressFamily/IPv4 (case-sensitive) | novaedge.io/vip-mode: L2ARP, novaedge.io/address-family: IPv4 | error Failed to parse annotations: invalid address-family annotation: unsupported address family: "IPv4": must be one of ipv4, ipv6, dual
            TestInvalidBGPConfigAnnotation               | novaedge.io/vip-mode: BGP, novaedge.io/bgp-config: "not-valid-json{" | error Failed to parse annotations: invalid bgp-config annotation JSON:
            TestBGPConfigAnnotationParsing (parses)      | novaedge.io/vip-mode: BGP, novaedge.io/bgp-config: '{"localAS":65001,"routerID":"10.0.0.1","peers":[{"address":"10.0.0.254","as":65000}]}' | 10.200.0.1
            TestOSPFConfigAnnotationParsing (parses)     | novaedge.io/vip-mode: OSPF, novaedge.io/ospf-config: '{"routerID":"10.0.0.1","areaID":0,"cost":20}' | 10.200.0.1
            TestNodeSelectorAnnotationParsing (parses)   | novaedge.io/vip-mode: L2ARP, novaedge.io/node-selector: '{"matchLabels":{"node-role.kubernetes.io/lb":"true"}}' | 10.200.0.1
            TestCustomAddressPoolAnnotation              | novaedge.io/vip-mode: L2ARP, novaedge.io/address-pool: production-pool | 192.168.1.1
            TestPoolNotFoundReturnsError                 | novaedge.io/vip-mode: L2ARP, novaedge.io/address-pool: nonexistent-pool | error Failed to allocate IP from pool "nonexistent-pool": pool: nonexistent-pool not found
            TestServiceClusterIPTypeIsIgnored            | type ClusterIP | none
            """)
    void serviceController(String name, String annotations, String expected) {
        String pools = ipPool("default", "cidrs: [10.200.0.0/24]") + ipPool("production-pool", "cidrs: [192.168.1.0/24]");
        String svc = annotations.startsWith("type ")
                ? "---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default, annotations:"
                + " {novaedge.io/vip-mode: L2ARP}}\nspec: {type: ClusterIP, clusterIPs: [10.96.0.1], ports: [{port: 80}]}\n"
                : service("s", annotations);
        SimulationReport report = simulate(pools + svc);
        String got = served(report, "Service", "s");
        if (expected.endsWith("JSON:")) {
            assertTrue(got.startsWith(expected), got);
        } else {
            assertEquals(expected, got, report.warnings().toString());
        }
        if (got.startsWith("error Failed to parse")) {
            // the address taken before the annotations were read is given back (service_controller.go 150-159)
            assertEquals(BigInteger.ZERO, pool(report, "default").used());
        }
    }

    /** service_controller_test.go TestServiceWithoutAnnotationIsIgnored: not NovaEdge's without vip-mode. */
    @Test
    void serviceWithoutTheAnnotationIsNotNovaEdges() {
        SimulationReport report = simulate(ipPool("default", "cidrs: [10.200.0.0/24]") + service("s", ""));
        assertEquals(BigInteger.ZERO, pool(report, "default").used());
        assertTrue(report.outcome(ObjectRef.namespaced("Service", "default", "s")).stream()
                .noneMatch(Outcome::isServed));
    }

    /**
     * TestServiceDeletionTriggersIPAMRelease and TestIdempotentReconciliation; TestPoolNotFoundReturnsError's retry
     * (rule N-R14): the Service is served once the pool exists.
     */
    @Test
    void deletionReleasesAndAMissingPoolIsRetried() {
        SimulationReport report = simulate(ipPool("default", "cidrs: [10.200.0.0/24]")
                + service("delete-test-svc", "novaedge.io/vip-mode: L2ARP")
                + service("waits", "novaedge.io/vip-mode: L2ARP, novaedge.io/address-pool: later") + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: s}
                steps:
                  - apply: {apiVersion: v1, kind: Service, metadata: {name: delete-test-svc, namespace: default, annotations: {novaedge.io/vip-mode: L2ARP}}, spec: {type: LoadBalancer, clusterIPs: [10.96.0.1], ports: [{port: 80}]}}
                  - delete: {kind: Service, namespace: default, name: delete-test-svc}
                  - create: {apiVersion: novaedge.io/v1alpha1, kind: ProxyIPPool, metadata: {name: later}, spec: {cidrs: [10.9.0.0/30]}}
                """);
        assertEquals(BigInteger.ZERO, pool(report, "default").used());
        assertEquals("10.200.0.1", Simulations.releases(report).get(0).address());
        assertEquals("10.9.0.1", served(report, "Service", "waits"));
    }

    private static String deleteStep(String... pools) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: pooldesk.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\n"
                + "steps:\n");
        for (String pool : pools) {
            yaml.append("  - delete: {kind: ProxyIPPool, name: ").append(pool).append("}\n");
        }
        return yaml.toString();
    }

    /** allocator_test.go A7 TestAllocator_RemovePool: the pool is gone. */
    @Test
    void removePool() {
        SimulationReport report = simulate(ipPool("test-pool", "cidrs: [192.168.1.0/29]") + deleteStep("test-pool"));
        assertTrue(report.pools().isEmpty(), report.pools().toString());
        assertTrue(report.warnings().stream().noneMatch(w -> w.contains("nothing to delete")), report.warnings().toString());
    }

    /**
     * allocator_test.go A8 TestAllocator_RemovePool_WithAllocations: removed even with an allocation, with the
     * reference's warning (ipam/allocator.go 86-100). Nothing reconciles the VIP again (proxyippool_controller.go
     * 53-59), so it keeps its address and nothing is released; a pool created again does not know that address.
     */
    @Test
    void removePoolWithAllocations() {
        String pool = ipPool("test-pool", "cidrs: [192.168.1.0/29]");
        SimulationReport report = simulate(pool + vip("test-vip", "test-pool") + deleteStep("test-pool"));
        assertTrue(report.pools().isEmpty(), report.pools().toString());
        assertEquals("192.168.1.1", served(report, "ProxyVIP", "test-vip"));
        assertTrue(Simulations.releases(report).isEmpty(), Simulations.releases(report).toString());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("Removing pool with active allocations")
                && w.contains("test-vip keeps 192.168.1.1")), report.warnings().toString());
        SimulationReport again = simulate(pool + vip("test-vip", "test-pool") + deleteStep("test-pool")
                + "  - create: {apiVersion: novaedge.io/v1alpha1, kind: ProxyIPPool, metadata: {name: test-pool},"
                + " spec: {cidrs: [192.168.1.0/29]}}\n"
                + "  - create: {apiVersion: novaedge.io/v1alpha1, kind: ProxyVIP, metadata: {name: other-vip},"
                + " spec: {mode: BGP, ports: [80], poolRef: {name: test-pool}}}\n");
        assertEquals("192.168.1.1", served(again, "ProxyVIP", "other-vip"));
        assertTrue(again.warnings().stream().anyMatch(w -> w.contains("which test-vip still holds in its status since"
                + " pool test-pool was deleted")), again.warnings().toString());
    }

    /** pool_test.go TestAllocator_MultiplePool "remove pool": one of two pools removed, one remains. */
    @Test
    void removeOneOfTwoPools() {
        SimulationReport report = simulate(ipPool("pool-a", "cidrs: [10.200.0.0/30]")
                + ipPool("pool-b", "addresses: [10.201.0.1/32, 10.201.0.2/32]") + deleteStep("pool-a"));
        assertEquals(List.of("pool-b"), report.pools().stream().map(p -> p.name()).toList());
    }
}
