package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NovaEdge's Service controller (azrtydxb/novaedge 8327119, internal/controller/service_controller_test.go) through
 * {@code pooldesk simulate}: the vip-mode annotation (controllers.md §4), and the {@code svc-<name>} VIP name.
 */
class NovaEdgeFidelityCliTest {
    static final Path DIR = Path.of("..", "resources", "fidelity", "novaedge");

    private static CliContractTest.Run simulate(String file) {
        return CliContractTest.run("simulate", "--output", "json", DIR.resolve(file).toString());
    }

    private static JsonNode last(JsonNode json, String request) {
        JsonNode found = null;
        for (JsonNode entry : json.path("allocations")) {
            if (request.equals(entry.path("request").asText())) {
                found = entry;
            }
        }
        return found;
    }

    /** The three valid Services share one pool: NovaEdge hands addresses out in text order (ipam/pool.go 325-328). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            TestServiceWithValidAnnotationCreatesProxyVIP | web-svc | 10.200.0.1 |
            TestParseVIPMode BGP | bgp-svc | 10.200.0.10 |
            TestParseVIPMode OSPF | ospf-svc | 10.200.0.100 |
            TestInvalidVIPModeAnnotationRecordsEvent | invalid-mode-svc | | Invalid vip-mode annotation value "INVALID_MODE": unsupported VIP mode: "INVALID_MODE": must be one of L2ARP, BGP, OSPF
            TestParseVIPMode l2arp (case-sensitive) | lower-mode-svc | | Invalid vip-mode annotation value "l2arp": unsupported VIP mode: "l2arp": must be one of L2ARP, BGP, OSPF
            TestParseVIPMode empty | empty-mode-svc | | Invalid vip-mode annotation value "": unsupported VIP mode: "": must be one of L2ARP, BGP, OSPF
            """)
    void onlyL2arpBgpAndOspfAreServed(String test, String service, String address, String error) throws Exception {
        CliContractTest.Run run = simulate("service-vip-mode.yaml");
        assertEquals(1, run.code(), run.all());
        JsonNode entry = last(new ObjectMapper().readTree(run.out()), "Service/default/" + service);
        if (address != null) {
            assertEquals("default " + address, entry.path("pool").asText() + " " + entry.path("address").asText());
        } else {
            assertTrue(entry.path("pool").isNull(), entry.toString());
            assertEquals(error, entry.path("error").asText());
        }
    }

    @Test
    void sameNamedServicesOfTwoNamespacesShareOneVipAndDeletingEitherReleasesIt() throws Exception {
        CliContractTest.Run run = simulate("service-vip-shared-name.yaml");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("10.200.0.1", last(json, "Service/web/app").path("address").asText());
        assertEquals("10.200.0.1", last(json, "Service/shop/app").path("address").asText());
        assertEquals("Service/web/app 10.200.0.1", json.path("released").get(0).path("request").asText() + " "
                + json.path("released").get(0).path("address").asText());
        // the reference hands the freed address to the next VIP while shop/app still uses it
        assertEquals("10.200.0.1", last(json, "ProxyVIP/vip-next").path("address").asText());
        String warnings = json.path("warnings").toString();
        assertTrue(warnings.contains("shares ProxyVIP svc-app"), warnings);
        assertTrue(warnings.contains("still uses it"), warnings);
    }
}
