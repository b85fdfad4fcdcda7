package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pooldesk.app.cli.CliContractTest.EXAMPLES;
import static io.pooldesk.app.cli.CliContractTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** simulate and convert on every example of ../shared/examples (copied into resources/examples). */
class ExamplesContractTest {

    @ParameterizedTest(name = "{0}: {1} gets {3} from {2}")
    @CsvSource({
            "harvester-lb-ippool-with-status.yaml, LoadBalancer/default/rke2-default-lb-pool-2fab9ac0, rke2-default-lb-pool, 192.168.178.8",
            "metallb.yaml, Service/default/dns-service-tcp, default, 172.16.13.210",
            "metallb.yaml, Service/default/dns-service-udp, default, 172.16.13.210",
            "openelb.yaml, Service/default/test-svc, eip-sample-pool, 192.168.0.91",
            "novaedge.yaml, ProxyVIP/auto-vip, main-vip-pool, 10.200.0.1",
            "harvester-dhcp-ippool.yaml, VirtualMachineNetworkConfig/default/test-vm, net-48, 192.168.48.82"})
    void simulateGivesTheReferenceAllocation(String file, String request, String pool, String address)
            throws Exception {
        CliContractTest.Run result = run("simulate", "-o", "json", EXAMPLES.resolve(file).toString());
        assertEquals(0, result.code(), result.all());
        JsonNode allocation = null;
        for (JsonNode a : new ObjectMapper().readTree(result.out()).get("allocations")) {
            if (a.get("request").asText().equals(request)) {
                allocation = a;
            }
        }
        assertEquals(pool, allocation.get("pool").asText(), result.out());
        assertEquals(address, allocation.get("address").asText(), result.out());
    }

    @Test
    void sharedMetallbAddressListsBothHolders() throws Exception {
        CliContractTest.Run result = run("simulate", "-o", "json", EXAMPLES.resolve("metallb.yaml").toString());
        JsonNode pools = new ObjectMapper().readTree(result.out()).get("pools");
        assertEquals("default/dns-service-tcp;default/dns-service-udp",
                pools.get(0).get("allocated").get("172.16.13.210").asText());
        assertTrue(result.err().contains("metallb.universe.tf/ are deprecated"), result.err());
    }

    @Test
    void convertWritesYamlThatValidates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eips.yaml");
        CliContractTest.Run convert = run("convert", "--to", "openelb", "--output", out.toString(),
                EXAMPLES.resolve("harvester-lb-ippools.yaml").toString());
        assertEquals(0, convert.code(), convert.all());
        assertTrue(Files.readString(out).contains("kind: Eip"));
        assertTrue(convert.err().contains("loss: "), "the Harvester pools' scope cannot all carry over");
        CliContractTest.Run validate = run("validate", out.toString());
        assertEquals(0, validate.code(), validate.all());
    }

    @Test
    void convertRefusesAnUnknownKind() {
        assertEquals(2, run("convert", "--to", "calico", EXAMPLES.resolve("metallb.yaml").toString()).code());
        assertEquals(2, run("convert", EXAMPLES.resolve("metallb.yaml").toString()).code());
    }

    @Test
    void convertToStdoutSeparatesDocuments() {
        CliContractTest.Run result = run("convert", "--to", "metallb", EXAMPLES.resolve("novaedge.yaml").toString());
        assertEquals(0, result.code(), result.all());
        assertEquals(3, result.out().split("(?m)^kind: IPAddressPool$").length - 1, result.out());
        assertTrue(result.out().contains("\n---\n"));
    }
}
