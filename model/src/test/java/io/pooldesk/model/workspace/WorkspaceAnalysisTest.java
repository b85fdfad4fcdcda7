package io.pooldesk.model.workspace;

import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window's view of a workspace: each pool's exact written size beside what its own system can hand out. */
class WorkspaceAnalysisTest {

    @Test
    void exactSizeStandsBesideTheUsableCountOfEachSystem() {
        WorkspaceAnalysis analysis = WorkspaceAnalysis.of(ManifestReader.parse("ws.yaml", """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: buggy, namespace: metallb-system}
                spec: {addresses: [192.168.1.0/24], avoidBuggyIPs: true}
                ---
                apiVersion: novaedge.io/v1alpha1
                kind: ProxyIPPool
                metadata: {name: wide}
                spec: {cidrs: [10.0.0.0/15]}
                ---
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: IPPool
                metadata: {name: net-48, namespace: default}
                spec:
                  networkName: default/net-48
                  ipv4Config: {cidr: 192.168.48.0/24, serverIP: 192.168.48.77, router: 192.168.48.1,
                               pool: {start: 192.168.48.81, end: 192.168.48.90, exclude: [192.168.48.81, 192.168.48.90]}}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: lb}
                spec: {ranges: [{subnet: 192.168.100.0/24}], selector: {scope: [{namespace: default}]}}
                """).manifests());
        Map<String, PoolSummary> pools = analysis.pools().stream()
                .collect(Collectors.toMap(PoolSummary::name, p -> p));
        assertSizes(pools.get("buggy"), 256, 254);
        assertSizes(pools.get("wide"), 131_072, 65_534);
        assertSizes(pools.get("net-48"), 10, 8);
        assertSizes(pools.get("lb"), 254, 253);
    }

    private static void assertSizes(PoolSummary pool, long size, long usable) {
        assertEquals(BigInteger.valueOf(size), pool.size(), pool.name() + " size");
        assertEquals(BigInteger.valueOf(usable), pool.total(), pool.name() + " usable");
    }
}
