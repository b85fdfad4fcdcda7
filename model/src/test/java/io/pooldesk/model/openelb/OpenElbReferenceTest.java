package io.pooldesk.model.openelb;

import io.pooldesk.model.simulation.Simulations;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.model.system.ValidationReport;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.pooldesk.model.simulation.Simulations.outcomes;
import static io.pooldesk.model.simulation.Simulations.pool;
import static io.pooldesk.model.simulation.Simulations.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section G of other-kinds.md, OpenELB cases 12 to 17. */
class OpenElbReferenceTest {

    static String eip(String name, String address, String extra) {
        return """
                ---
                apiVersion: network.kubesphere.io/v1alpha2
                kind: Eip
                metadata: {name: %s%s}
                spec: {address: "%s", %s}
                """.formatted(name, extra.contains("default") ? ", annotations: {eip.openelb.kubesphere.io/is-default-eip: \"true\"}" : "",
                address, extra.replace("default", "").replaceAll("^,\\s*", ""));
    }

    static String svc(String name, String namespace, String annotations, String spec) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: %s, annotations: {lb.kubesphere.io/v1alpha1: openelb%s}}
                spec: {type: LoadBalancer, ports: [{port: 80}]%s}
                """.formatted(name, namespace, annotations.isEmpty() ? "" : ", " + annotations,
                spec.isEmpty() ? "" : ", " + spec);
    }

    private static ValidationReport validate(String yaml) {
        return new ManifestValidator().validate(ManifestReader.parse("input.yaml", yaml).manifests());
    }

    @Test
    void case12_cidrIncludesNetworkAndBroadcast() {
        SimulationReport report = simulate(eip("e", "192.168.0.0/24", "default") + svc("a", "default", "", ""));
        assertEquals(BigInteger.valueOf(256), pool(report, "e").total());
        assertEquals(List.of("192.168.0.0"), outcomes(report));
    }

    @Test
    void case13_sizesAndRefusals() {
        assertEquals(BigInteger.ONE, pool(simulate(eip("e", "192.168.0.5", "")), "e").total());
        ValidationReport reversed = validate(eip("e", "192.168.0.10-192.168.0.5", ""));
        assertTrue(reversed.errors().get(0).message().startsWith("invalid eip address format"), reversed.errors().toString());
        ValidationReport layer2 = validate(eip("e", "192.168.0.5", "protocol: layer2"));
        assertEquals("spec.interface", layer2.errors().get(0).field());
        assertTrue(validate(eip("e", "192.168.0.5", "protocol: layer2, interface: eth0")).valid());
    }

    @Test
    void case14_overlapAtCreateAndImmutableAddress() {
        ValidationReport overlap = validate(eip("A", "10.0.0.0/28", "") + eip("B", "10.0.0.15-10.0.0.20", ""));
        assertEquals("eip address overlap with A", overlap.errors().get(0).message());
        assertTrue(validate(eip("A", "10.0.0.0/28", "") + eip("B", "10.0.0.16-10.0.0.20", "")).valid());
        SimulationReport edit = simulate(eip("A", "10.0.0.0/28", "") + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: edit}
                steps:
                  - create: {apiVersion: network.kubesphere.io/v1alpha2, kind: Eip, metadata: {name: A},
                             spec: {address: 10.0.0.0/27}}
                """);
        assertEquals("the address field is not allowed to be modified", edit.rejected().get(0).message());
    }

    @Test
    void case15_explicitRequestsShareAnAddress() {
        SimulationReport report = simulate(eip("e", "10.0.0.0/28", "default")
                + svc("a", "ns", "", "loadBalancerIP: 10.0.0.3") + svc("b", "ns", "", "loadBalancerIP: 10.0.0.3"));
        assertEquals(List.of("10.0.0.3", "10.0.0.3"), outcomes(report));
        assertEquals(Map.of("10.0.0.3", "ns/a;ns/b"), Simulations.allocated(pool(report, "e")));
        assertEquals(BigInteger.ONE, pool(report, "e").used());
    }

    @Test
    void case16_namespaceEipsByOccupancyThenPriorityWithoutFallingBackToDefault() {
        String eips = eip("E1", "10.0.1.0", "namespaces: [ns1], priority: 0")
                + eip("E2", "10.0.2.0", "namespaces: [ns1], priority: 1")
                + eip("E3", "10.0.3.0/30", "default");
        SimulationReport report = simulate(eips + svc("a", "ns1", "", "") + svc("b", "ns1", "", "")
                + svc("c", "ns1", "", "") + svc("d", "ns2", "", ""));
        assertEquals("E1", Simulations.entries(report).get(0).pool());
        assertEquals("E2", Simulations.entries(report).get(1).pool());
        assertEquals(null, Simulations.entries(report).get(2).pool(), "an unserved request names no pool");
        // the first candidate is used even when full, in the reference's words (pkg/controllers/ipam/ipam.go 121, 443)
        assertEquals("error: no avliable eip, err:no suitable ip to allocate", outcomes(report).get(2));
        assertEquals("E3", Simulations.entries(report).get(3).pool());
        SimulationReport noDefault = simulate(eip("E1", "10.0.1.0", "namespaces: [ns1]") + svc("d", "ns2", "", ""));
        assertEquals(List.of("error: no available default eip found"), outcomes(noDefault));
    }

    @Test
    void case17_serviceWithoutOptInIsNeverServed() {
        SimulationReport report = simulate(eip("e", "10.0.0.0/28", "default") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: plain, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                """);
        assertTrue(Simulations.entries(report).stream().noneMatch(a -> "e".equals(a.pool())), Simulations.entries(report).toString());
        assertEquals(BigInteger.ZERO, pool(report, "e").used());
    }

    @Test
    void porterEraKeysAreRead() {
        SimulationReport report = simulate(eip("e", "10.0.0.0/28", "") + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: old
                  namespace: default
                  annotations: {lb.kubesphere.io/v1alpha1: porter, eip.porter.kubesphere.io/v1alpha2: e,
                                eip.porter.kubesphere.io/v1alpha1: 10.0.0.9}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                """);
        assertEquals(List.of("10.0.0.9"), outcomes(report));
    }
}
