package io.pooldesk.model.novaedge;

import io.pooldesk.model.simulation.Simulations;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static io.pooldesk.model.simulation.Simulations.outcomes;
import static io.pooldesk.model.simulation.Simulations.pool;
import static io.pooldesk.model.simulation.Simulations.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section G of other-kinds.md, NovaEdge cases 23 to 27. */
class NovaEdgeReferenceTest {

    static String poolYaml(String name, String spec) {
        return """
                ---
                apiVersion: novaedge.io/v1alpha1
                kind: ProxyIPPool
                metadata: {name: %s}
                spec: {%s}
                """.formatted(name, spec);
    }

    static String vip(String name, String pool) {
        return """
                ---
                apiVersion: novaedge.io/v1alpha1
                kind: ProxyVIP
                metadata: {name: %s}
                spec: {mode: BGP, ports: [80], poolRef: {name: %s}}
                """.formatted(name, pool);
    }

    @Test
    void case23_addressesAreHandedOutInTextOrder() {
        SimulationReport report = simulate(poolYaml("p", "cidrs: [10.200.0.0/24]") + vip("a", "p") + vip("b", "p")
                + vip("c", "p"));
        assertEquals(BigInteger.valueOf(254), pool(report, "p").total());
        assertEquals(List.of("10.200.0.1", "10.200.0.10", "10.200.0.100"), outcomes(report));
    }

    @ParameterizedTest(name = "case 24: {0} -> {1}")
    @CsvSource({"10.0.0.0/31, 0", "10.0.0.0/32, 1", "10.0.0.0/15, 65534", "2001:db8::/64, 65536"})
    void case24_expansionCapAndEdges(String cidr, long available) {
        SimulationReport report = simulate(poolYaml("p", "cidrs: [\"" + cidr + "\"]"));
        assertEquals(BigInteger.valueOf(available), pool(report, "p").available());
    }

    @Test
    void case24_ipv6StartsAtThePrefixAndTruncationIsReported() {
        SimulationReport report = simulate(poolYaml("p", "cidrs: [\"2001:db8::/64\"]") + vip("a", "p"));
        assertEquals(List.of("2001:db8::"), outcomes(report));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("expands only the first 65536")));
        SimulationReport wide = simulate(poolYaml("p", "cidrs: [10.0.0.0/15]"));
        assertTrue(wide.warnings().stream().anyMatch(w -> w.contains("10.0.0.0/15 holds 131072")));
    }

    @Test
    void case25_addressesKeepOnlyTheIpAndDuplicatesMerge() {
        assertEquals(BigInteger.ONE, pool(simulate(poolYaml("p", "addresses: [10.0.0.0/24]")), "p").total());
        assertEquals(BigInteger.TWO, pool(simulate(poolYaml("p", "cidrs: [10.0.0.0/30], addresses: [10.0.0.1/32]")),
                "p").total());
    }

    @Test
    void case26_overlappingPoolsHandOutTheSameAddressAndPooldeskWarns() {
        SimulationReport report = simulate(poolYaml("A", "cidrs: [10.0.0.0/30]")
                + poolYaml("B", "addresses: [10.0.0.1/32]") + vip("x", "A") + vip("y", "B"));
        assertEquals(List.of("10.0.0.1", "10.0.0.1"), outcomes(report));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("shares addresses with pool A")));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("has already handed out")));
    }

    @Test
    void case27_countsAndTheNovactlRow() throws Exception {
        NovaEdgeEngine engine = new NovaEdgeEngine();
        engine.add(PoolExpansion.of(ProxyIpPoolCodec.read(ManifestReader.parse("p.yaml",
                poolYaml("pool-a", "cidrs: [10.0.0.0/30], autoAssign: true")).manifests().get(0))));
        engine.allocate("pool-a", "vip-1", null);
        assertEquals(1, engine.pool("pool-a").allocatedCount());
        assertEquals("pool-a  10.0.0.0/30  Yes  1  1  5m",
                NovactlPrinter.row(engine.pool("pool-a"), Duration.ofMinutes(5)));
    }

    /** Text order over the expansion: a released entry is the next one handed out, then the walk goes on past it. */
    @Test
    void aReleasedEntryIsHandedOutBeforeTheRestInTextOrder() throws Exception {
        NovaEdgeEngine engine = new NovaEdgeEngine();
        engine.add(PoolExpansion.of(ProxyIpPoolCodec.read(ManifestReader.parse("p.yaml",
                poolYaml("p", "cidrs: [10.0.0.0/28, 'fd00::/126']")).manifests().get(0))));
        List<String> first = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(engine.allocate("p", "vip-" + i, null).address().toString());
        }
        assertEquals(List.of("10.0.0.1", "10.0.0.10", "10.0.0.11", "10.0.0.12"), first);
        assertEquals("10.0.0.10", engine.release("vip-1").address().toString());
        assertEquals("10.0.0.10", engine.allocate("p", "vip-4", null).address().toString());
        assertEquals("10.0.0.13", engine.allocate("p", "vip-5", null).address().toString());
        assertEquals("fd00::", engine.allocate("p", "vip-6", io.pooldesk.model.address.Family.IPV6).address()
                .toString());
        assertEquals("10.0.0.14", engine.allocate("p", "vip-7", null).address().toString());
        assertEquals("10.0.0.1", engine.release("vip-0").address().toString());
        assertEquals("10.0.0.1", engine.allocate("p", "vip-8", io.pooldesk.model.address.Family.IPV4).address()
                .toString());
        assertEquals(java.util.Map.of("10.0.0.1", "vip-8", "10.0.0.10", "vip-4", "10.0.0.11", "vip-2",
                "10.0.0.12", "vip-3", "10.0.0.13", "vip-5", "10.0.0.14", "vip-7", "fd00::", "vip-6"),
                engine.pool("p").allocations());
    }

    @Test
    void releaseFreesTheAddressForTheNextVip() {
        SimulationReport report = simulate(poolYaml("p", "cidrs: [10.0.0.0/30]") + vip("a", "p") + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: s}
                steps:
                  - delete: {kind: ProxyVIP, name: a}
                  - create: {apiVersion: novaedge.io/v1alpha1, kind: ProxyVIP, metadata: {name: b}, spec: {poolRef: {name: p}}}
                """);
        assertEquals(List.of("10.0.0.1", "10.0.0.1"), outcomes(report));
        assertEquals("10.0.0.1", Simulations.releases(report).get(0).address());
    }
}
