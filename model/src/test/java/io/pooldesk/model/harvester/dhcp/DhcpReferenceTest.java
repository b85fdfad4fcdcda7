package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.simulation.Simulations;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.system.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.pooldesk.model.simulation.Simulations.outcomes;
import static io.pooldesk.model.simulation.Simulations.pool;
import static io.pooldesk.model.simulation.Simulations.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section G of other-kinds.md, Harvester managed-DHCP cases 18 to 22. */
class DhcpReferenceTest {

    static String poolYaml(String ipv4Config) {
        return """
                ---
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: IPPool
                metadata: {name: net-48, namespace: default}
                spec:
                  networkName: default/net-48
                  ipv4Config: {%s}
                """.formatted(ipv4Config);
    }

    static String vm(String name, String mac, String ip) {
        return """
                ---
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: VirtualMachineNetworkConfig
                metadata: {name: %s, namespace: default}
                spec:
                  vmName: %s
                  networkConfigs: [{macAddress: "%s", networkName: default/net-48%s}]
                """.formatted(name, name, mac, ip.isEmpty() ? "" : ", ipAddress: " + ip);
    }

    private static final String README_POOL = poolYaml("cidr: 192.168.48.0/24, serverIP: 192.168.48.77,"
            + " router: 192.168.48.1, pool: {start: 192.168.48.81, end: 192.168.48.90,"
            + " exclude: [192.168.48.81, 192.168.48.90]}");

    private static List<Violation> create(String ipv4Config, String serviceCidr) throws ManifestException {
        Manifest manifest = ManifestReader.parse("p.yaml", poolYaml(ipv4Config)).manifests().get(0);
        return DhcpAdmission.checkCreate(DhcpCodec.readPool(manifest), serviceCidr);
    }

    @Test
    void case18_defaultsReserveRouterAndServerInsideTheRange() {
        SimulationReport report = simulate(poolYaml("cidr: 192.168.0.0/24, router: 192.168.0.1"));
        assertEquals(Map.of("192.168.0.1", "RESERVED", "192.168.0.2", "RESERVED"), Simulations.allocated(pool(report, "net-48")));
        assertEquals(BigInteger.valueOf(252), pool(report, "net-48").available());
        assertEquals(BigInteger.ZERO, pool(report, "net-48").used());
    }

    @Test
    void case19_excludesAreShownEvenOutsideTheRange() {
        SimulationReport report = simulate(README_POOL);
        assertEquals(BigInteger.valueOf(8), pool(report, "net-48").available());
        assertEquals(Map.of("192.168.48.81", "EXCLUDED", "192.168.48.90", "EXCLUDED"),
                Simulations.allocated(pool(report, "net-48")));
        SimulationReport outside = simulate(README_POOL.replace("192.168.48.90]", "192.168.48.90, 192.168.48.50]"));
        assertEquals("EXCLUDED", Simulations.allocated(pool(outside, "net-48")).get("192.168.48.50"));
        assertEquals(BigInteger.valueOf(8), pool(outside, "net-48").available());
    }

    @ParameterizedTest(name = "case 20: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "cidr: 192.168.0.0/24, pool: {end: 192.168.0.255}|spec.ipv4Config.pool.end|end ip 192.168.0.255 is the same as broadcast ip",
            "cidr: 192.168.0.0/24, pool: {start: 192.168.0.0}|spec.ipv4Config.pool.start|start ip 192.168.0.0 is the same as network ip",
            "cidr: 192.168.0.0/24, serverIP: 192.168.0.1, router: 192.168.0.1|spec.ipv4Config.serverIP|server ip 192.168.0.1 is the same as router ip",
            "cidr: 192.168.0.0/24, router: 10.1.1.1|spec.ipv4Config.router|is not within subnet",
            "cidr: 10.53.1.0/24|spec.ipv4Config.cidr|overlaps cluster service cidr 10.53.0.0/16",
            "cidr: 192.168.0.0/24, pool: {start: 192.168.0.200, end: 192.168.0.100}|spec.ipv4Config.pool|invalid pool range"})
    void case20_createIsRefused(String ipv4Config, String field, String message) throws ManifestException {
        List<Violation> violations = create(ipv4Config, "10.53.0.0/16");
        assertTrue(violations.stream().anyMatch(v -> v.field().equals(field) && v.message().contains(message)),
                violations.toString());
    }

    @Test
    void case20_cidrIsImmutable() {
        SimulationReport report = simulate(README_POOL + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: edit}
                steps:
                  - create:
                      apiVersion: network.harvesterhci.io/v1alpha1
                      kind: IPPool
                      metadata: {name: net-48, namespace: default}
                      spec: {networkName: default/net-48, ipv4Config: {cidr: 192.168.48.0/23, serverIP: 192.168.48.77,
                             router: 192.168.48.1, pool: {start: 192.168.48.81, end: 192.168.48.90,
                             exclude: [192.168.48.81, 192.168.48.90]}}}
                """);
        assertTrue(report.rejected().stream().anyMatch(p -> p.field().equals("spec.ipv4Config.cidr")),
                report.rejected().toString());
    }

    @Test
    void case21_designatedAddresses() {
        SimulationReport report = simulate(README_POOL + vm("a", "aa:00:00:00:00:01", "192.168.48.85")
                + vm("b", "aa:00:00:00:00:02", "192.168.48.85")
                + vm("c", "aa:00:00:00:00:03", "192.168.48.81")
                + vm("d", "aa:00:00:00:00:04", "192.168.49.5")
                + """
                ---
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: remove}
                steps:
                  - delete: {kind: VirtualMachineNetworkConfig, namespace: default, name: a}
                """);
        List<String> got = outcomes(report);
        assertEquals("192.168.48.85", got.get(0));
        assertTrue(got.get(1).contains("designated ip 192.168.48.85 is already allocated"), got.get(1));
        assertTrue(got.get(2).contains("no more ip addresses left"), got.get(2));
        assertTrue(got.get(3).contains("not in subnet"), got.get(3));
        assertEquals("192.168.48.85", Simulations.releases(report).get(0).address());
        // controllers.md §1: vmnetcfg's controller returns its Allocate error and is requeued, so b, which waited
        // for .85, takes it once a releases it
        assertEquals("192.168.48.85", got.get(4), got.toString());
        assertEquals("VirtualMachineNetworkConfig/default/b", Simulations.entries(report).get(4).request());
        assertEquals(BigInteger.ONE, pool(report, "net-48").used());
    }

    @Test
    void case22_eightFreeAddressesServeEightVmsAndNoMore() {
        StringBuilder input = new StringBuilder(README_POOL);
        for (int i = 1; i <= 9; i++) {
            input.append(vm("vm" + i, "aa:00:00:00:00:%02x".formatted(i), ""));
        }
        SimulationReport report = simulate(input.toString());
        List<String> got = outcomes(report);
        assertEquals(8, got.stream().limit(8).distinct().filter(a -> !a.startsWith("error")).count());
        assertTrue(got.get(8).startsWith("error: no more ip addresses left in network default/net-48"), got.get(8));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("effectively at random")));
    }

    @Test
    void aConfigAppliedAgainWithItsMacInAnotherCaseKeepsItsOneAddress() {
        SimulationReport report = simulate(README_POOL + vm("a", "AA:00:00:00:00:01", "") + vm("a", "aa:00:00:00:00:01", ""));
        assertEquals(1, outcomes(report).size(), "the second document updates a; its outcome does not change");
        assertEquals(BigInteger.ONE, pool(report, "net-48").used());
    }

}
