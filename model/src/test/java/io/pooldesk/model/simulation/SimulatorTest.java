package io.pooldesk.model.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Yaml;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {

    private static SimulationReport simulate(String yaml) {
        return Simulations.simulate(yaml);
    }

    private static final String POOL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default-ip-pool}
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector:
                scope: [{namespace: default}]
            """;

    private static String lb(String name, String extraAnnotations) {
        return """
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata:
                  name: %s
                  namespace: default
                  annotations: {%s}
                spec: {ipam: pool}
                """.formatted(name, extraAnnotations);
    }

    @Test
    void reproducesTheSpecsJsonExampleFieldForField() throws Exception {
        String input = POOL + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: example}
                steps:
                  - create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: LoadBalancer,
                             metadata: {name: lb-a, namespace: default}, spec: {ipam: pool}}
                  - create:
                      apiVersion: loadbalancer.harvesterhci.io/v1beta1
                      kind: LoadBalancer
                      metadata:
                        name: lb-b
                        namespace: default
                        annotations:
                          loadbalancer.harvesterhci.io/network: default/vlan1
                          loadbalancer.harvesterhci.io/project: product
                          loadbalancer.harvesterhci.io/cluster: rke2
                      spec: {ipam: pool}
                  - create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: LoadBalancer,
                             metadata: {name: lb-c, namespace: default}, spec: {ipam: pool}}
                  - delete: {kind: LoadBalancer, namespace: default, name: lb-a}
                """;
        String expected = """
                {
                  "allocations": [
                    {"request": "LoadBalancer/default/lb-a", "pool": "default-ip-pool", "address": "192.168.100.2"},
                    {"request": "LoadBalancer/default/lb-b", "pool": null, "address": null,
                     "error": "no IP pool matches network default/vlan1, project product, namespace default, cluster rke2"},
                    {"request": "LoadBalancer/default/lb-c", "pool": "default-ip-pool", "address": "192.168.100.3"}
                  ],
                  "released": [{"request": "LoadBalancer/default/lb-a", "pool": "default-ip-pool", "address": "192.168.100.2"}],
                  "pools": [
                    {"kind": "IPPool", "apiGroup": "loadbalancer.harvesterhci.io", "namespace": null, "name": "default-ip-pool",
                     "total": 253, "used": 1, "available": 252,
                     "allocated": {"192.168.100.3": "default/lb-c"}, "allocatedHistory": {"192.168.100.2": "default/lb-a"}}
                  ]
                }
                """;
        SimulationReport report = simulate(input);
        JsonNode actual = Yaml.json().readTree(ReportWriter.json(report));
        assertEquals(Yaml.json().readTree(expected), actual);
        assertEquals(java.util.List.of("allocations", "released", "pools"), iterable(actual.fieldNames()));
        assertTrue(report.hasFailures(), "lb-b was not served");
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void topLevelLoadBalancersAreServedInDocumentOrderEvenBeforeTheirPool() {
        SimulationReport report = simulate(lb("first", "").substring(4) + POOL.replaceFirst("^", "---\n")
                + lb("second", ""));
        assertEquals("192.168.100.2", Simulations.entries(report).get(0).address());
        assertEquals("LoadBalancer/default/first", Simulations.entries(report).get(0).request());
        assertEquals("192.168.100.3", Simulations.entries(report).get(1).address());
        assertFalse(report.hasFailures());
    }

    @Test
    void repeatCreatesNumberedLoadBalancers() {
        SimulationReport report = simulate(POOL + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: burst}
                steps:
                  - repeat:
                      count: 40
                      namePrefix: web-
                      create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: LoadBalancer,
                               metadata: {namespace: default}, spec: {ipam: pool}}
                """);
        assertEquals(40, Simulations.entries(report).size());
        assertEquals("LoadBalancer/default/web-1", Simulations.entries(report).get(0).request());
        assertEquals("LoadBalancer/default/web-40", Simulations.entries(report).get(39).request());
        assertEquals("192.168.100.41", Simulations.entries(report).get(39).address());
        assertEquals(40, report.pools().get(0).used().intValue());
    }

    @Test
    void aLoadedPoolIsCheckedAgainstEveryOverlappingPoolEvenWhenEarlierOnesAlreadyOverlap() {
        // the cluster holds wide and narrow although they overlap; a third inside wide, beyond narrow, must still be
        // told it overlaps wide (an index of non-overlapping spans would hide wide behind narrow)
        SimulationReport report = simulate("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: wide}
                spec: {ranges: [{subnet: 10.0.0.0/16}], selector: {priority: 1, scope: [{namespace: a}]}}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: narrow}
                spec: {ranges: [{subnet: 10.0.1.0/24}], selector: {priority: 2, scope: [{namespace: b}]}}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: later}
                spec: {ranges: [{subnet: 10.0.5.0/24}], selector: {priority: 3, scope: [{namespace: c}]}}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: inner}
                spec: {ranges: [{subnet: 10.0.1.128/25}], selector: {priority: 4, scope: [{namespace: d}]}}
                """);
        List<String> laterWarnings = report.warnings().stream().filter(w -> w.contains("IPPool/later")).toList();
        assertEquals(1, laterWarnings.size(), report.warnings().toString());
        assertTrue(laterWarnings.get(0).contains("pool wide holds 10.0.0.1-10.0.255.254"), laterWarnings.get(0));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("IPPool/narrow") && w.contains("pool wide")),
                report.warnings().toString());
        List<String> innerWarnings = report.warnings().stream().filter(w -> w.contains("IPPool/inner")).toList();
        assertEquals(2, innerWarnings.size(), innerWarnings.toString());
        assertTrue(innerWarnings.get(0).contains("pool narrow") && innerWarnings.get(1).contains("pool wide"),
                innerWarnings.toString());
    }

    @Test
    void scenarioPoolCreationIsAdmittedOrRejectedLikeTheWebhook() {
        SimulationReport report = simulate(POOL + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: add-pools}
                steps:
                  - create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: IPPool, metadata: {name: clash},
                             spec: {ranges: [{subnet: 192.168.100.0/25}], selector: {priority: 5, scope: [{namespace: x}]}}}
                  - create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: IPPool, metadata: {name: prod},
                             spec: {ranges: [{subnet: 10.0.0.0/24}], selector: {priority: 5, scope: [{namespace: prod}]}}}
                  - create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: LoadBalancer,
                             metadata: {name: web, namespace: prod}, spec: {ipam: pool}}
                """);
        assertEquals(1, report.rejected().size());
        assertEquals("IPPool/clash", report.rejected().get(0).object());
        assertTrue(report.rejected().get(0).message().contains("overlap with other pools"));
        assertEquals("prod", Simulations.entries(report).get(0).pool());
        assertEquals("10.0.0.2", Simulations.entries(report).get(0).address());
        assertTrue(report.hasFailures());
    }

    @Test
    void deletingAPoolWithAllocationsIsRefused() {
        SimulationReport report = simulate(POOL + lb("web", "") + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: cleanup}
                steps:
                  - delete: {kind: IPPool, name: default-ip-pool}
                  - delete: {kind: LoadBalancer, namespace: default, name: web}
                  - delete: {kind: IPPool, name: default-ip-pool}
                """);
        assertEquals(1, report.rejected().size());
        assertTrue(report.rejected().get(0).message().contains("before releasing all the allocated IP"));
        assertTrue(report.pools().isEmpty(), "the second delete succeeds once the address is released");
    }

    /** A refused delete leaves the pool in place: creating it again is an update (controllers.md §2), said so. */
    @Test
    void aRefusedDeleteKeepsThePool() {
        SimulationReport report = simulate(POOL + lb("web", "") + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: cleanup}
                steps:
                  - delete: {kind: IPPool, name: default-ip-pool}
                  - create: {apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: IPPool,
                             metadata: {name: default-ip-pool},
                             spec: {ranges: [{subnet: 192.168.100.0/24}], selector: {scope: [{namespace: default}]}}}
                """);
        assertEquals(1, report.rejected().size(), report.rejected().toString());
        assertEquals(1, report.pools().size());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("IPPool/default-ip-pool")
                && w.contains("already exists")), report.warnings().toString());
    }

    @Test
    void aPoolDefinedTwiceIsReportedAndTheLaterOneUsed() {
        SimulationReport report = simulate(POOL + "---\n" + POOL.replace("192.168.100.0/24", "10.5.0.0/24")
                + lb("web", ""));
        assertEquals(1, report.pools().size());
        assertEquals("10.5.0.2", Simulations.entries(report).get(0).address());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("defined again")), report.warnings().toString());
    }

    @Test
    void objectsWithoutANameAreRefused() {
        SimulationReport report = simulate(POOL + lb("", "").replace("name: \n", "name: \"\"\n"));
        assertEquals(List.of(), Simulations.entries(report));
        assertEquals("metadata.name", report.rejected().get(0).field());
        assertTrue(report.hasFailures());
    }

    @Test
    void hugeCountsBecomeStringsInJson() throws Exception {
        SimulationReport report = simulate("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: v6}
                spec:
                  ranges: [{subnet: "fd00::/32"}]
                  selector: {scope: [{namespace: default}]}
                """ + lb("a", ""));
        JsonNode pool = Yaml.json().readTree(ReportWriter.json(report)).get("pools").get(0);
        assertTrue(pool.get("total").isTextual());
        assertEquals("79228162514264337593543950334", pool.get("total").asText());
        assertEquals(1, pool.get("used").asInt());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("status.total would read")));
    }

    @Test
    void documentedApiGroupIsReadAndReportedOnce() {
        SimulationReport report = simulate(POOL.replace("loadbalancer.harvesterhci.io", "networking.harvesterhci.io")
                + "---\n" + POOL.replace("networking", "x").replace("default-ip-pool", "second")
                .replace("loadbalancer.harvesterhci.io", "networking.harvesterhci.io")
                .replace("192.168.100.0/24", "10.1.0.0/24").replace("namespace: default", "namespace: other"));
        assertEquals(2, report.pools().size());
        assertEquals("loadbalancer.harvesterhci.io", report.pools().get(0).apiGroup());
        assertEquals(1, report.warnings().stream().filter(w -> w.contains("documentation writes")).count());
    }
}
