package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vm-dhcp-controller c3042d6cff7d939b6d939d2f6ef2b019ba3a0870 {@code pkg/ipam/ipam_test.go} TestIPAM, the AllocateIP
 * sequence (state carries over from case to case), through {@code pooldesk simulate} of
 * {@code resources/fidelity/harvester-dhcp/ipam-allocate-sequence.yaml}: one config per call, in the test's order.
 */
class HarvesterDhcpTablesCliTest {
    private static JsonNode json;

    @BeforeAll
    static void simulate() throws Exception {
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json",
                Path.of("..", "resources", "fidelity", "harvester-dhcp", "ipam-allocate-sequence.yaml").toString());
        assertEquals(1, run.code(), run.all());
        json = new ObjectMapper().readTree(run.out());
    }

    private static JsonNode outcome(String config) {
        for (JsonNode a : json.path("allocations")) {
            if (a.path("request").asText().equals("VirtualMachineNetworkConfig/default/" + config)) {
                return a;
            }
        }
        throw new AssertionError(config + " has no outcome: " + json.toPrettyString());
    }

    @ParameterizedTest(name = "ipam_test.go TestIPAM AllocateIP case {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "1|-|network default/not-existing-network-class does not exist",
            "2|192.168.0.58|-",
            "3|-|designated ip 192.168.1.190 is not in subnet 192.168.0.0/24",
            "4|172.16.0.11|-",
            "5|-|designated ip 172.16.255.255 equals broadcast ip address 172.16.255.255",
            "6|-|designated ip 172.16.0.11 is already allocated",
            "7|172.16.0.10|-",
    })
    void allocate(String index, String address, String error) {
        JsonNode outcome = outcome("case-" + index);
        if (address != null) {
            assertEquals(address, outcome.path("address").asText(), outcome.toString());
        } else {
            assertTrue(outcome.path("address").isNull(), outcome.toString());
            assertTrue(outcome.path("error").asText().startsWith(error), outcome.toString());
        }
    }

    /** Case 8: any free address (Go map order); the set of acceptable outcomes, and the warning that says so. */
    @Test
    void case8_anyFreeAddressWithTheWarning() {
        String address = outcome("case-8").path("address").asText();
        assertTrue(address.startsWith("172.16."), address);
        assertTrue(!address.equals("172.16.0.10") && !address.equals("172.16.0.11") && !address.equals("172.16.0.2")
                && !address.equals("172.16.255.255") && !address.equals("172.16.0.0"), address);
        assertTrue(json.path("warnings").toString().contains("Go map order"), json.path("warnings").toString());
    }
}
