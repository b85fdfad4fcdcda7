package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** controllers.md §1 and §2 through {@code pooldesk simulate --output json}, on the files the engine test runs. */
class ConvergenceCliTest {
    static final Path DIR = Path.of("..", "resources", "convergence");

    private static JsonNode simulate(String file, int expectedExit) throws Exception {
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json", DIR.resolve(file).toString());
        assertEquals(expectedExit, run.code(), run.all());
        return new ObjectMapper().readTree(run.out());
    }

    private static String entry(JsonNode node) {
        return node.path("request").asText() + " " + node.path("pool").asText() + " " + node.path("address").asText();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "harvester-lb-pending-served-after-release.yaml, LoadBalancer/default/lb-b one-address 192.168.10.10",
            "metallb-pending-served-after-release.yaml, Service/web/svc-b one-address 10.20.0.7",
            "openelb-pending-served-after-release.yaml, Service/web/svc-b one-address 10.30.0.5",
            "novaedge-pending-served-after-release.yaml, ProxyVIP/vip-b one-address 10.40.0.9",
            "harvester-dhcp-pending-served-after-release.yaml, VirtualMachineNetworkConfig/default/vm-b net-50 192.168.50.15",
    })
    void theWaitingRequestIsServedAfterTheReleaseAndTheExitCodeFollowsTheEnd(String file, String last) throws Exception {
        JsonNode json = simulate(file, 0);
        JsonNode allocations = json.path("allocations");
        assertEquals(3, allocations.size(), json.toPrettyString());
        assertTrue(allocations.get(1).path("pool").isNull() && allocations.get(1).has("error"),
                "the second request waited first: " + allocations.get(1));
        assertEquals(last, entry(allocations.get(2)));
        assertEquals(1, json.path("released").size());
    }

    @Test
    void createOfAnExistingLoadBalancerIsAnApplyThatChangesNothing() throws Exception {
        JsonNode json = simulate("harvester-lb-create-existing-is-apply.yaml", 0);
        assertEquals(2, json.path("allocations").size(), json.toPrettyString());
        assertEquals("LoadBalancer/default/lb-b pool 192.168.60.3", entry(json.path("allocations").get(1)));
        assertTrue(json.path("warnings").toString().contains("already exists"), json.path("warnings").toString());
    }

    @Test
    void anUpdateStepMovesAnOpenElbServiceToItsNewAddress() throws Exception {
        JsonNode json = simulate("openelb-update-changes-requested-address.yaml", 0);
        assertEquals("Service/web/svc eip 10.60.0.5", entry(json.path("allocations").get(1)));
        assertEquals("Service/web/svc eip 10.60.0.3", entry(json.path("released").get(0)));
    }

    @Test
    void aPoolCreatedLaterServesTheWaitingLoadBalancer() throws Exception {
        JsonNode json = simulate("harvester-lb-pool-created-later.yaml", 0);
        assertEquals("LoadBalancer/prod/lb-a prod 10.50.0.2", entry(json.path("allocations").get(1)));
    }

    @Test
    void aMetalLbPoolUpdateReleasesWhatNoLongerFitsAndServesItAgain() throws Exception {
        JsonNode json = simulate("metallb-pool-update-keeps-and-releases.yaml", 0);
        assertEquals("Service/web/svc-a pool 10.70.0.8", entry(json.path("allocations").get(2)));
        assertEquals("Service/web/svc-a pool 10.70.0.0", entry(json.path("released").get(0)));
    }

    @Test
    void aNovaEdgePoolUpdateKeepsTheVipsAddress() throws Exception {
        JsonNode json = simulate("novaedge-pool-update-migrates.yaml", 0);
        assertEquals("192.168.1.1", json.path("pools").get(0).path("allocated").fieldNames().next());
        assertEquals("ProxyVIP/vip-b test-pool 192.168.1.10", entry(json.path("allocations").get(1)));
    }

    @Test
    void theOldestWaitingRequestTakesTheFreedAddressAndTheExitCodeSaysOneStillWaits() throws Exception {
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json",
                DIR.resolve("harvester-lb-retry-order.yaml").toString());
        assertEquals(1, run.code(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("LoadBalancer/default/lb-b one-address 192.168.20.10", entry(json.path("allocations").get(3)));
        assertTrue(run.err().contains("no defined order"), run.err());
    }

    /**
     * MetalLB admits the delete of a pool that serves Services (ipaddresspool_webhook.go 135-137): the allocator
     * unassigns them (allocator.go 87-129) and the reprocessed Services are assigned again from the pool left
     * (controller_test.go TestControllerReassign); one that asks for the deleted pool by name waits.
     */
    @Test
    void aDeletedMetalLbPoolReleasesItsServicesAndTheyMoveToThePoolLeft() throws Exception {
        JsonNode json = simulate("metallb-pool-deleted-reassigns.yaml", 1);
        JsonNode released = json.path("released");
        assertEquals(3, released.size(), json.toPrettyString());
        assertEquals("Service/web/svc-a first 10.80.0.0", entry(released.get(0)));
        assertEquals("Service/web/svc-b first 10.80.0.1", entry(released.get(1)));
        assertEquals("Service/web/svc-c first 10.80.0.2", entry(released.get(2)));
        JsonNode allocations = json.path("allocations");
        assertEquals(6, allocations.size(), json.toPrettyString());
        assertEquals("Service/web/svc-a second 10.81.0.0", entry(allocations.get(3)));
        assertEquals("Service/web/svc-b second 10.81.0.1", entry(allocations.get(4)));
        assertEquals("unknown pool \"first\"", allocations.get(5).path("error").asText(), allocations.get(5).toString());
        assertEquals(0, json.path("rejected").size(), json.toPrettyString());
        assertTrue(json.path("pools").toString().contains("\"second\"")
                && !json.path("pools").toString().contains("\"first\""), json.path("pools").toString());
    }

    /**
     * NovaEdge drops a deleted pool with its allocations and reconciles no VIP again (proxyippool_controller.go 53-59,
     * ipam/allocator.go 86-100, test TestAllocator_RemovePool_WithAllocations): vip-a keeps its address, nothing is
     * released, and the pool created again hands the same address to vip-b.
     */
    @Test
    void aDeletedNovaEdgePoolReleasesNothingAndItsHoldersKeepTheirAddresses() throws Exception {
        JsonNode json = simulate("novaedge-pool-deleted-keeps-addresses.yaml", 0);
        assertEquals(0, json.path("released").size(), json.toPrettyString());
        JsonNode allocations = json.path("allocations");
        assertEquals(2, allocations.size(), json.toPrettyString());
        assertEquals("ProxyVIP/vip-a test-pool 192.168.1.1", entry(allocations.get(0)));
        assertEquals("ProxyVIP/vip-b test-pool 192.168.1.1", entry(allocations.get(1)));
        String warnings = json.path("warnings").toString();
        assertTrue(warnings.contains("Removing pool with active allocations")
                && warnings.contains("which vip-a still holds in its status"), warnings);
    }

    /**
     * OpenELB admits the delete of an Eip in use and its finalizer does not wait for the Services (eip_types.go
     * 277-280, ipam/controller.go 79-86, 166-183): both release their addresses; svc-a waits for a default Eip and
     * takes the new one, svc-b names the deleted Eip and waits.
     */
    @Test
    void aDeletedOpenElbEipReleasesItsServicesAndTheyMoveOrWait() throws Exception {
        JsonNode json = simulate("openelb-eip-deleted-in-use.yaml", 1);
        JsonNode released = json.path("released");
        assertEquals(2, released.size(), json.toPrettyString());
        assertEquals("Service/web/svc-a old 10.90.0.0", entry(released.get(0)));
        assertEquals("Service/web/svc-b old 10.90.0.1", entry(released.get(1)));
        JsonNode allocations = json.path("allocations");
        assertEquals(5, allocations.size(), json.toPrettyString());
        assertEquals("no available default eip found", allocations.get(2).path("error").asText(),
                allocations.get(2).toString());
        assertEquals("eips.network.kubesphere.io \"old\" not found", allocations.get(3).path("error").asText(),
                allocations.get(3).toString());
        assertEquals("Service/web/svc-a new 10.91.0.0", entry(allocations.get(4)));
        assertTrue(json.path("warnings").toString().contains("is deleted while web/svc-a, web/svc-b use it"),
                json.path("warnings").toString());
    }
}
