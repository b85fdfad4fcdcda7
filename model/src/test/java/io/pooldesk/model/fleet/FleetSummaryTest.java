package io.pooldesk.model.fleet;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.planning.ObservedGrowth;
import io.pooldesk.model.workspace.AddressHolder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two clusters read as workspaces: each one's sums, the pool nearest to running out, and who holds an address. */
class FleetSummaryTest {
    /** A Harvester cluster: a pool of three addresses with two held (its status), and a roomy /24. */
    static final List<Manifest> LAB = ManifestReader.parse("lab", """
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
            """).manifests();

    /** A MetalLB cluster: a /29 serving two Services, and a /32 whose only address avoidBuggyIPs skips. */
    static final List<Manifest> EDGE = ManifestReader.parse("edge", """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: edge, namespace: metallb-system}
            spec: {addresses: [10.0.0.0/29]}
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: broadcast-only, namespace: metallb-system}
            spec: {addresses: [10.0.0.255/32], avoidBuggyIPs: true, autoAssign: false}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec: {type: LoadBalancer, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: default}
            spec: {type: LoadBalancer, ports: [{port: 443}]}
            """).manifests();

    private static FleetSummary fleet() {
        Map<String, List<Manifest>> clusters = new LinkedHashMap<>();
        clusters.put("lab", LAB);
        clusters.put("edge", EDGE);
        return FleetSummary.of(clusters);
    }

    @Test
    void eachClusterSumsItsPoolsExactly() {
        FleetSummary fleet = fleet();
        FleetSummary.Cluster lab = fleet.clusters().get(0);
        assertEquals("lab", lab.name());
        assertEquals(2, lab.pools().size());
        assertEquals(BigInteger.valueOf(256), lab.total());
        assertEquals(BigInteger.valueOf(2), lab.used());
        assertEquals(BigInteger.valueOf(254), lab.free());
        assertEquals(2.0 / 256, lab.utilisation());

        FleetSummary.Cluster edge = fleet.clusters().get(1);
        assertEquals(2, edge.pools().size());
        // broadcast-only's own count is MetalLB's -1 (allocator.go poolCount 647-659); it adds nothing to the sums
        assertEquals(BigInteger.valueOf(-1), edge.pools().get(0).total());
        assertEquals(BigInteger.valueOf(8), edge.total());
        assertEquals(BigInteger.valueOf(2), edge.used());
        assertEquals(BigInteger.valueOf(6), edge.free());
        assertEquals(0.25, edge.utilisation());
    }

    @Test
    void theFirstToRunOutHasTheFewestFreeAddressesAndAPoolThatHandsOutNothingIsNotRanked() {
        FleetSummary fleet = fleet();
        assertEquals("tight", fleet.clusters().get(0).nearestToFull().orElseThrow().name());
        // broadcast-only has no free address, but it never had one to give: edge's nearest to full is edge
        assertEquals("edge", fleet.clusters().get(1).nearestToFull().orElseThrow().name());
        FleetSummary.ClusterPool first = fleet.firstToRunOut().orElseThrow();
        assertEquals("lab", first.cluster());
        assertEquals("tight", first.pool().name());
    }

    @Test
    void betweenPoolsWithAsFewFreeAddressesTheFullerRunsOutFirst() {
        List<Manifest> one = ManifestReader.parse("one", """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: single}
                spec:
                  ranges: [{subnet: 10.20.0.0/24, rangeStart: 10.20.0.10, rangeEnd: 10.20.0.10}]
                  selector: {scope: [{namespace: prod}]}
                """).manifests();
        Map<String, List<Manifest>> clusters = new LinkedHashMap<>();
        clusters.put("one", one);
        clusters.put("lab", LAB);
        FleetSummary.ClusterPool first = FleetSummary.of(clusters).firstToRunOut().orElseThrow();
        assertEquals("lab", first.cluster(), "1 free of 3 is fuller than 1 free of 1");
        assertEquals("tight", first.pool().name());
    }

    /** Harvester: a /24 range of 100 addresses, {@code used} of them held by prod load balancers. */
    private static List<Manifest> growing(int used) {
        StringBuilder allocated = new StringBuilder();
        for (int i = 0; i < used; i++) {
            allocated.append(i == 0 ? "" : ", ").append("10.30.0.").append(10 + i).append(": prod/lb-").append(i);
        }
        return ManifestReader.parse("growing", """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: busy}
                spec:
                  ranges: [{subnet: 10.30.0.0/24, rangeStart: 10.30.0.10, rangeEnd: 10.30.0.109}]
                  selector: {scope: [{namespace: prod}]}
                status:
                  allocated: {%s}
                """.formatted(allocated)).manifests();
    }

    /**
     * With the fleet observed live, the pool that fills fastest runs out first even with more free addresses: busy
     * went from 40 to 50 held in an hour (50 free: 5 hours left), tight holds 2 of 3 and does not grow.
     */
    @Test
    void observedGrowthRanksThePoolThatRunsOutSoonestFirst() {
        ObservedGrowth growth = new ObservedGrowth();
        Instant start = Instant.parse("2026-12-08T00:00:00Z");
        Map<String, List<Manifest>> before = new LinkedHashMap<>();
        before.put("lab", LAB);
        before.put("busy", growing(40));
        FleetSummary.of(before).observe(growth, start);
        Map<String, List<Manifest>> after = new LinkedHashMap<>();
        after.put("lab", LAB);
        after.put("busy", growing(50));
        FleetSummary fleet = FleetSummary.of(after);
        Instant now = start.plus(Duration.ofHours(1));
        fleet.observe(growth, now);

        FleetSummary.ClusterPool first = fleet.firstToRunOut(growth, now).orElseThrow();
        assertEquals("busy", first.cluster());
        assertEquals(BigInteger.valueOf(50), first.pool().available());
        assertEquals(5 * 3600.0, first.secondsUntilFull());
        assertTrue(first.growing());
        // without the observations, tight's single free address comes first
        FleetSummary.ClusterPool byFree = fleet.firstToRunOut().orElseThrow();
        assertEquals("tight", byFree.pool().name());
        assertFalse(byFree.growing());
    }

    @Test
    void whoHoldsAnAddressAnswersWithClusterPoolAndHolderInEveryCluster() throws Exception {
        FleetSummary fleet = fleet();
        List<FleetSummary.Answer> held = fleet.who(Address.parse("10.10.0.11"));
        assertEquals(List.of("lab: IPPool tight: held by prod/web", "edge: outside every pool"),
                held.stream().map(FleetSummary.Answer::describe).toList());
        assertEquals(AddressHolder.State.HELD, held.get(0).holder().state());
        assertEquals("prod/web", held.get(0).holder().holder());
        assertTrue(held.get(1).outsideEveryPool());

        assertEquals(List.of("lab: outside every pool",
                        "edge: IPAddressPool metallb-system/edge: held by default/api"),
                fleet.who(Address.parse("10.0.0.1")).stream().map(FleetSummary.Answer::describe).toList());
        assertEquals("edge: IPAddressPool metallb-system/edge: free",
                fleet.who(Address.parse("10.0.0.7")).get(1).describe());
        assertEquals("edge: IPAddressPool metallb-system/broadcast-only: not handed out (reserved)",
                fleet.who(Address.parse("10.0.0.255")).get(1).describe());
        assertEquals("lab: IPPool tight: free", fleet.who(Address.parse("10.10.0.12")).get(0).describe());
    }

    @Test
    void aClusterThatCouldNotBeReadSaysSoInItsAnswerAndIsNotRanked() throws Exception {
        FleetSummary fleet = new FleetSummary(List.of(
                FleetSummary.Cluster.failed("down", "cannot reach the cluster at https://10.9.9.9:6443"),
                FleetSummary.Cluster.of("edge", EDGE)));
        assertEquals(BigInteger.ZERO, fleet.clusters().get(0).total());
        assertEquals("edge", fleet.firstToRunOut().orElseThrow().cluster());
        assertEquals("down: not searched (cannot reach the cluster at https://10.9.9.9:6443)",
                fleet.who(Address.parse("10.0.0.1")).get(0).describe());
    }
}
