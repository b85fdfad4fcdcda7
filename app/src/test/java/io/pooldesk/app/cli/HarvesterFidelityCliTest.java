package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * controllers.md §3-§4 for the two Harvester systems through {@code pooldesk simulate} and {@code pooldesk validate}.
 * Reference commits: load-balancer-harvester e861dc948324084793b8af7dee22451d8a0d619c, vm-dhcp-controller as in
 * docs/fidelity-harvester.md. Each input file names its reference file, lines and test case.
 */
class HarvesterFidelityCliTest {
    static final Path LB = Path.of("..", "resources", "fidelity", "harvester-lb");
    static final Path DHCP = Path.of("..", "resources", "fidelity", "harvester-dhcp");

    @TempDir
    Path dir;

    private static JsonNode simulate(Path file, int expectedExit, String... options) throws Exception {
        String[] args = new String[options.length + 4];
        args[0] = "simulate";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--output";
        args[options.length + 2] = "json";
        args[options.length + 3] = file.toString();
        CliContractTest.Run run = CliContractTest.run(args);
        assertEquals(expectedExit, run.code(), run.all());
        return new ObjectMapper().readTree(run.out());
    }

    private static String entry(JsonNode node) {
        return node.path("request").asText() + " " + node.path("pool").asText() + " " + node.path("address").asText();
    }

    private static JsonNode last(JsonNode allocations, String request) {
        JsonNode found = null;
        for (JsonNode a : allocations) {
            if (a.path("request").asText().equals(request)) {
                found = a;
            }
        }
        return found;
    }

    // --- §3 the LoadBalancer mutating webhook ------------------------------------------------------------------

    /** mutator.go 123-139; mutator_test.go "health check mutatored case" (the namespace patch op). */
    @Test
    void mutatorOverwritesAVmLoadBalancersNamespaceAnnotation() throws Exception {
        JsonNode json = simulate(LB.resolve("mutator-vm-namespace.yaml"), 0);
        assertEquals("LoadBalancer/web/lb-a web 10.81.1.2", entry(json.path("allocations").get(0)));
        assertTrue(json.path("warnings").toString().contains("mutated: metadata.annotations.loadbalancer"
                + ".harvesterhci.io/namespace: written \\\"other\\\", the cluster stores \\\"web\\\""),
                json.path("warnings").toString());
    }

    /** mutator.go 183-188, 232-241; mutator_test.go TestFindNetwork "Found (priority 2)"; VM load balancers excluded. */
    @Test
    void managementNetworkFallbackAppliesToGuestClusterLoadBalancersOnly() throws Exception {
        JsonNode json = simulate(LB.resolve("mutator-management-network.yaml"), 1);
        assertEquals("LoadBalancer/default/lb-cluster mgmt 10.82.1.2", entry(last(json.path("allocations"),
                "LoadBalancer/default/lb-cluster")));
        JsonNode vm = last(json.path("allocations"), "LoadBalancer/default/lb-vm");
        assertTrue(vm.path("pool").isNull() && vm.path("error").asText().contains("network \"\""), vm.toString());
    }

    /** mutator.go 81-120; mutator_test.go "health check mutatored case"; validator_test.go threshold cases. */
    @Test
    void zeroHealthCheckThresholdsAreFilledBeforeTheValidator() {
        CliContractTest.Run run = CliContractTest.run("validate", LB.resolve("mutator-health-check.yaml").toString());
        assertEquals(0, run.code(), run.all());
        assertTrue(run.err().contains("spec.healthCheck.successThreshold: written \"0\", the cluster stores \"2\""),
                run.all());
        assertTrue(run.err().contains("spec.healthCheck.periodSeconds: written \"0\", the cluster stores \"1\""));
        assertTrue(run.err().contains("spec.healthCheck.timeoutSeconds: written \"0\", the cluster stores \"1\""));
        assertFalse(run.err().contains("failureThreshold"), "a written 1 is kept: " + run.all());
    }

    // --- §4 Harvester LB ------------------------------------------------------------------------------------------

    /** controller/ippool/controller.go 67-75, 140-157: history pruned the first time the pool is seen. */
    @Test
    void historyOutsideTheRangesIsPrunedOnFirstSightAndTheIteratorServes() throws Exception {
        JsonNode json = simulate(LB.resolve("history-pruned-first-sight.yaml"), 0);
        assertEquals("LoadBalancer/default/lb-a pruned 10.83.1.2", entry(json.path("allocations").get(0)));
        assertEquals(0, json.path("pools").get(0).path("allocatedHistory").size());
        assertTrue(json.path("warnings").toString().contains("prunes it the first time it sees the pool"));
    }

    /** validator.go 35-44 on a Scenario step: the refused create is never served, the next one is. */
    @Test
    void aScenarioStepIsAdmittedByTheLoadBalancerWebhook() throws Exception {
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json",
                LB.resolve("admission-on-scenario-step.yaml").toString());
        assertEquals(1, run.code(), run.all());
        assertTrue(run.err().contains("create loadbalancer default/lb-bad failed: listener b has duplicate port"
                + " TCP:80 with listener a"), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("LoadBalancer/default/lb-good steps 10.84.1.2", entry(json.path("allocations").get(0)));
        assertEquals(1, json.path("allocations").size(), json.toPrettyString());
    }

    /** controllers.md §4 IPv4-mapped subnets: validate warns; simulate leaves the request unserved and says why. */
    @Test
    void ipv4MappedSubnetsAreWarnedAndNotModelled() throws Exception {
        CliContractTest.Run validate = CliContractTest.run("validate", LB.resolve("ipv4-mapped.yaml").toString());
        assertEquals(0, validate.code(), validate.all());
        assertTrue(validate.err().contains("IPv4-mapped IPv6 subnet"), validate.all());
        JsonNode json = simulate(LB.resolve("ipv4-mapped.yaml"), 1);
        JsonNode lb = json.path("allocations").get(0);
        assertTrue(lb.path("address").isNull(), lb.toString());
        assertTrue(lb.path("error").asText().contains("Pooldesk does not model that"), lb.toString());
    }

    /**
     * pkg/webhook/loadbalancer/validator_test.go TestCheckListeners (checkListeners and checkHealthyCheck sub-tables),
     * case by case through {@code pooldesk validate}. Messages were produced by running the reference (notes §5.1-5.2).
     * Where the reference case's input is unreachable through the API (thresholds: the mutator fills them) the row
     * gives what the cluster does; where its listeners have port 0 the port check fires first, as the row says.
     */
    @ParameterizedTest(name = "validator_test.go TestCheckListeners / {0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate name|vm|[{name: a, port: 80, backendPort: 80}, {name: a, port: 81, backendPort: 81}]||"
                    + "create loadbalancer default/lb failed: listener has duplicate name a",
            "duplicate port|vm|[{name: a, port: 80}, {name: b, port: 80}]||"
                    + "create loadbalancer default/lb failed: listener b has duplicate port :80 with listener a",
            "duplicate backend port (as written: ports 0 fire first)|vm|[{name: a, backendPort: 80}, {name: b, backendPort: 80}]||"
                    + "create loadbalancer default/lb failed: listener b has duplicate port :0 with listener a",
            "duplicate backend port (reachable)|vm|[{name: a, port: 80, backendPort: 80}, {name: b, port: 81, backendPort: 80}]||"
                    + "create loadbalancer default/lb failed: listener b has duplicate backend port :80 with listener a",
            "port < 1|vm|[{name: a, port: -1, backendPort: 80}]||"
                    + "create loadbalancer default/lb failed: listener port -1 must >= 1",
            "port > 65535|vm|[{name: b, port: 800000, backendPort: 80}]||"
                    + "create loadbalancer default/lb failed: listener port 800000 must <= 65535",
            "backend port < 1|vm|[{name: a, port: 80, backendPort: 0}]||"
                    + "create loadbalancer default/lb failed: listener backend port 0 must >= 1",
            "backend port > 65535|vm|[{name: a, port: 80, backendPort: 65536}]||"
                    + "create loadbalancer default/lb failed: listener backend port 65536 must <= 65535",
            "right case|vm|[{name: a, port: 80, backendPort: 80}, {name: b, port: 81, backendPort: 81}]||",
            "same port, other protocol (run)|vm|[{name: a, port: 80, backendPort: 80, protocol: TCP}, {name: b, port: 80, backendPort: 81, protocol: UDP}]||",
            "VM-type lb should have listeners defined|vm|[]||"
                    + "create loadbalancer default/lb failed: the loadbalancer needs to have at least one listener",
            "cluster-type lb can have no listeners|cluster|[]||",
            "health check port is not in backend port list|vm|" + HC_LISTENERS + "|{port: 99}|"
                    + "create loadbalancer default/lb failed with healthyCheck: healthcheck port 99 is not in listener"
                    + " backend port list",
            "health check protocol is not expected tcp|vm|" + HC_LISTENERS + "|{port: 32}|"
                    + "create loadbalancer default/lb failed with healthyCheck: healthcheck port 32 can only be a TCP"
                    + " backend port",
            "SuccessThreshold is error (mutator fills it)|vm|" + HC_LISTENERS + "|{port: 80}|",
            "FailureThreshold is error (mutator fills it)|vm|" + HC_LISTENERS
                    + "|{port: 80, successThreshold: 1, failureThreshold: 0, periodSeconds: 1, timeoutSeconds: 1}|",
            "PeriodSeconds is error (mutator fills it)|vm|" + HC_LISTENERS
                    + "|{port: 80, successThreshold: 1, failureThreshold: 1, periodSeconds: 0, timeoutSeconds: 1}|",
            "TimeoutSeconds is error (mutator fills it)|vm|" + HC_LISTENERS
                    + "|{port: 80, successThreshold: 1, failureThreshold: 1, periodSeconds: 1, timeoutSeconds: 0}|",
            "health check right case|vm|" + HC_LISTENERS
                    + "|{port: 80, successThreshold: 1, failureThreshold: 1, periodSeconds: 1, timeoutSeconds: 1}|",
            "Cluster type LB may set invalid health check, but it is skipped|cluster|" + HC_LISTENERS + "|{port: 32}|",
    })
    void loadBalancerAdmission(String name, String workload, String listeners, String healthCheck, String error)
            throws Exception {
        Path file = dir.resolve("lb.yaml");
        Files.writeString(file, """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: lb, namespace: default}
                spec:
                  ipam: pool
                  workloadType: %s
                  listeners: %s
                %s""".formatted(workload, listeners,
                healthCheck == null ? "" : "  healthCheck: " + healthCheck + "\n"));
        CliContractTest.Run run = CliContractTest.run("validate", file.toString());
        if (error == null) {
            assertEquals(0, run.code(), run.all());
        } else {
            assertEquals(1, run.code(), run.all());
            assertTrue(run.err().contains(error), "expected \"" + error + "\" in:\n" + run.all());
        }
    }

    /** The listeners of validator_test.go's checkHealthyCheck table, with ports the listener rules accept. */
    static final String HC_LISTENERS = "[{name: a, port: 80, backendPort: 80, protocol: TCP},"
            + " {name: b, port: 32, backendPort: 32, protocol: UDP}]";

    // --- §4 managed DHCP ------------------------------------------------------------------------------------------

    /** cmd/webhook/root.go 16, 64; pkg/webhook/ippool/validator_test.go "cidr overlaps cluster's service cidr". */
    @Test
    void theDefaultServiceCidrIs10_53AndTheOptionChangesIt() {
        String file = DHCP.resolve("service-cidr-default.yaml").toString();
        CliContractTest.Run refused = CliContractTest.run("validate", file);
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.err().contains("cidr 10.53.0.0/24 overlaps cluster service cidr 10.53.0.0/16"),
                refused.all());
        CliContractTest.Run accepted = CliContractTest.run("validate", "--service-cidr", "10.43.0.0/16", file);
        assertEquals(0, accepted.code(), accepted.all());
    }

    /** ippool/controller.go 164-177, 479-498; controller_test.go "pause ippool", "resume ippool". */
    @Test
    void aPausedPoolServesNothingUntilResumed() throws Exception {
        JsonNode json = simulate(DHCP.resolve("paused-pool.yaml"), 0);
        JsonNode first = json.path("allocations").get(0);
        assertTrue(first.path("address").isNull(), first.toString());
        assertTrue(first.path("error").asText().startsWith("network default/net-60 does not exist"), first.toString());
        assertEquals("VirtualMachineNetworkConfig/default/vm-a net-60 192.168.60.10",
                entry(json.path("allocations").get(1)));
    }

    /** vmnetcfg/controller.go 91-102, 117-118, 143-169; controller_test.go "pause vmnetcfg with ips allocated". */
    @Test
    void pausingAConfigReleasesItsAddressAndResumingAsksForItAgain() throws Exception {
        JsonNode json = simulate(DHCP.resolve("paused-vmnetcfg.yaml"), 1);
        JsonNode allocations = json.path("allocations");
        assertEquals("VirtualMachineNetworkConfig/default/vm-a net-61 192.168.61.10", entry(allocations.get(0)));
        assertEquals("vmnetcfg default/vm-a was administratively disabled", allocations.get(1).path("error").asText());
        assertEquals("VirtualMachineNetworkConfig/default/vm-a net-61 192.168.61.10",
                entry(json.path("released").get(0)));
        assertEquals("VirtualMachineNetworkConfig/default/vm-b net-61 192.168.61.10", entry(allocations.get(2)));
        assertEquals("designated ip 192.168.61.10 is already allocated", allocations.get(3).path("error").asText());
    }

    /** pkg/ipam/ipam_test.go TestAllocateIP case 5. */
    @Test
    void aDesignatedBroadcastAddressIsRefusedWithTheReferenceWords() throws Exception {
        JsonNode json = simulate(DHCP.resolve("designated-broadcast.yaml"), 1);
        assertEquals("designated ip 172.16.255.255 equals broadcast ip address 172.16.255.255",
                json.path("allocations").get(0).path("error").asText());
    }
}
