package io.pooldesk.model.metallb;

import io.pooldesk.model.simulation.Simulations;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.model.system.ValidationReport;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.pooldesk.model.simulation.Simulations.outcomes;
import static io.pooldesk.model.simulation.Simulations.pool;
import static io.pooldesk.model.simulation.Simulations.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section G of other-kinds.md, MetalLB cases 1 to 11. */
class MetalLbReferenceTest {

    static String poolYaml(String name, String addresses, String extra) {
        return """
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: %s, namespace: metallb-system}
                spec:
                  addresses: [%s]
                  %s
                """.formatted(name, addresses, extra.isEmpty() ? "autoAssign: true" : extra);
    }

    static String svc(String name, String namespace, String annotations, String spec) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: %s, annotations: {%s}}
                spec: {type: LoadBalancer, %s}
                """.formatted(name, namespace, annotations, spec.isEmpty() ? "ports: [{port: 80}]" : spec);
    }

    private static ValidationReport validate(String yaml) {
        return new ManifestValidator().validate(ManifestReader.parse("input.yaml", yaml).manifests());
    }

    @Test
    void case1_rangeIsSummarisedIntoBlocks() {
        SimulationReport report = simulate(poolYaml("p", "192.168.1.10-192.168.1.20", ""));
        assertEquals(BigInteger.valueOf(11), pool(report, "p").available());
    }

    @Test
    void case2_bareAddressIsInvalidAndReversedRangeIsRefused() {
        ValidationReport bare = validate(poolYaml("p", "192.168.1.1", ""));
        assertTrue(bare.errors().get(0).message().contains("invalid CIDR \"192.168.1.1\""), bare.errors().toString());
        assertEquals(BigInteger.ONE, pool(simulate(poolYaml("p", "192.168.1.1/32", "")), "p").total());
        ValidationReport reversed = validate(poolYaml("p", "10.0.0.20-10.0.0.10", ""));
        assertTrue(reversed.errors().get(0).message().contains("is after the end IP"), reversed.errors().toString());
    }

    @Test
    void case3_overlapAcrossPoolsComparesBlocks() {
        ValidationReport nested = validate(poolYaml("A", "10.0.0.0/24", "") + poolYaml("B", "10.0.0.128/25", ""));
        assertEquals(1, nested.errors().size());
        assertTrue(nested.errors().get(0).message().contains("CIDR \"10.0.0.128/25\" in pool \"B\" overlaps with"
                + " already defined CIDR \"10.0.0.0/24\""), nested.errors().toString());
        ValidationReport lastBlock = validate(poolYaml("A", "10.0.0.0-10.0.0.10", "") + poolYaml("B", "10.0.0.10/32", ""));
        assertTrue(lastBlock.errors().get(0).message().contains("\"10.0.0.10/32\""), lastBlock.errors().toString());
        assertTrue(validate(poolYaml("A", "10.0.0.0/25", "") + poolYaml("B", "10.0.0.128/25", "")).valid());
    }

    @Test
    void case4_overlapInsideOnePool() {
        ValidationReport report = validate(poolYaml("p", "10.0.0.0/24, 10.0.0.5/32", ""));
        assertEquals("spec.addresses", report.errors().get(0).field());
    }

    @Test
    void case5_avoidBuggyIpsSkipsDotZeroAndDotTwoFiftyFive() {
        SimulationReport plain = simulate(poolYaml("p", "10.0.0.0/23", "") + svc("a", "default", "", ""));
        assertEquals(List.of("10.0.0.0"), outcomes(plain));
        assertEquals(BigInteger.valueOf(512), pool(plain, "p").total());
        SimulationReport buggy = simulate(poolYaml("p", "10.0.0.0/23", "avoidBuggyIPs: true")
                + svc("a", "default", "", "")
                + svc("b", "default", "", "loadBalancerIP: 10.0.0.255"));
        assertEquals(BigInteger.valueOf(508), pool(buggy, "p").total());
        assertEquals("10.0.0.1", outcomes(buggy).get(0));
        assertEquals("error: [\"10.0.0.255\"] is not allowed in config", outcomes(buggy).get(1));
    }

    @Test
    void case6_smallBlockKeepsItsEdgesUnlessDotZero() {
        SimulationReport report = simulate(poolYaml("p", "10.0.0.32/27", "avoidBuggyIPs: true")
                + svc("a", "default", "", ""));
        assertEquals(BigInteger.valueOf(32), pool(report, "p").total());
        assertEquals(List.of("10.0.0.32"), outcomes(report));
    }

    @Test
    void case7_sharingNeedsTheKeyFreePortsAndTheSameBackend() {
        String k = "metallb.io/allow-shared-ip: k";
        SimulationReport report = simulate(poolYaml("p", "10.0.0.0/30", "")
                + svc("a", "default", k, "ports: [{protocol: TCP, port: 80}]")
                + svc("b", "default", k, "ports: [{protocol: TCP, port: 443}]")
                + svc("c", "default", k, "ports: [{protocol: TCP, port: 80}]")
                + svc("d", "default", "", "ports: [{protocol: TCP, port: 80}]")
                + svc("e", "default", k, "ports: [{protocol: UDP, port: 80}]"));
        assertEquals(List.of("10.0.0.0", "10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.0"), outcomes(report));
        assertEquals(BigInteger.valueOf(3), pool(report, "p").used());
        SimulationReport local = simulate(poolYaml("p", "10.0.0.0/30", "")
                + svc("a", "default", k, "externalTrafficPolicy: Local, selector: {app: a}, ports: [{port: 80}]")
                + svc("b", "default", k, "externalTrafficPolicy: Local, selector: {app: b}, ports: [{port: 443}]"));
        assertEquals(List.of("10.0.0.0", "10.0.0.1"), outcomes(local));
    }

    @Test
    void case8_pinnedPoolsByPriorityThenTheFallback() {
        String pools = poolYaml("P1", "10.0.1.0/32", "serviceAllocation: {priority: 10, namespaces: [ns1]}")
                + poolYaml("P2", "10.0.2.0/32", "serviceAllocation: {priority: 5, namespaces: [ns1]}")
                + poolYaml("P3", "10.0.3.0/32", "")
                + poolYaml("P4", "10.0.4.0/32", "serviceAllocation: {namespaces: [ns1]}");
        SimulationReport report = simulate(pools + svc("s1", "ns1", "", "") + svc("s2", "ns1", "", "")
                + svc("s3", "ns1", "", "") + svc("s4", "ns1", "", "") + svc("s5", "ns1", "", ""));
        assertEquals(List.of("P2", "P1", "P4", "P3"), Simulations.entries(report).stream().limit(4)
                .map(a -> a.pool()).toList());
        assertTrue(outcomes(report).get(4).startsWith("error: no available IPs"));
        SimulationReport other = simulate(pools + svc("x", "ns2", "", ""));
        assertEquals("P3", Simulations.entries(other).get(0).pool());
    }

    @Test
    void case9_dualStackPolicies() {
        SimulationReport dual = simulate(poolYaml("p", "10.0.0.0/30, \"fd00::/126\"", "")
                + svc("a", "default", "", "ipFamilyPolicy: RequireDualStack, ports: [{port: 80}]"));
        assertEquals(List.of("10.0.0.0,fd00::"), outcomes(dual));
        SimulationReport prefer = simulate(poolYaml("p", "10.0.0.0/30", "")
                + svc("a", "default", "", "ipFamilyPolicy: PreferDualStack, ports: [{port: 80}]")
                + svc("b", "default", "", "ipFamilyPolicy: RequireDualStack, ports: [{port: 81}]"));
        assertEquals("10.0.0.0", outcomes(prefer).get(0));
        assertTrue(outcomes(prefer).get(1).startsWith("error: no available IPs"), outcomes(prefer).get(1));
    }

    @Test
    void case10_capacityCountsBuggyAddressesAndSaturatesForHugeIpv6() {
        SimulationReport report = simulate(poolYaml("p", "1.2.3.0/24, 2.3.4.128/25", "avoidBuggyIPs: true"));
        assertEquals(BigInteger.valueOf(381), pool(report, "p").total());
        SimulationReport v6 = simulate(poolYaml("p", "1.2.3.0/24, 2.3.4.128/25, \"1000::/64\"", "avoidBuggyIPs: true"));
        assertEquals(BigInteger.valueOf(381).add(BigInteger.ONE.shiftLeft(64)), pool(v6, "p").total());
        assertTrue(v6.warnings().stream().anyMatch(w -> w.contains("saturates at 9223372036854775807")));
    }

    @Test
    void case11_conflictingRequestsAndExplicitPoolOverAutoAssignFalse() {
        SimulationReport both = simulate(poolYaml("p", "10.0.0.0/24", "")
                + svc("a", "default", "metallb.io/loadBalancerIPs: 10.0.0.5", "loadBalancerIP: 10.0.0.6"));
        assertTrue(outcomes(both).get(0).contains("can not have both"));
        SimulationReport manual = simulate(poolYaml("X", "10.0.0.0/24", "autoAssign: false")
                + svc("a", "default", "metallb.io/address-pool: X", "")
                + svc("b", "default", "", ""));
        assertEquals("10.0.0.0", outcomes(manual).get(0));
        assertTrue(outcomes(manual).get(1).startsWith("error:"), "autoAssign false serves only explicit requests");
    }
}
