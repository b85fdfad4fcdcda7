package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * load-balancer-harvester e861dc948324084793b8af7dee22451d8a0d619c, {@code pkg/ipam/allocator_test.go} and
 * {@code pkg/ipam/rangeset_test.go}, case by case through {@code pooldesk validate} (refusals, wrapped as the IPPool
 * webhook wraps them) and {@code pooldesk simulate} (totals, the first address, the range set the exhaustion message
 * prints). Messages were produced by running the reference (notes 13-harvester-lb.md §1-§2).
 */
class HarvesterLbIpamTablesCliTest {
    @TempDir
    Path dir;

    private static final String POOL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: p}
            spec:
              ranges: %s
              selector: {scope: [{project: "*", namespace: default, guestCluster: "*"}]}
            """;

    private static final String BURST = """
            ---
            apiVersion: pooldesk.io/v1alpha1
            kind: Scenario
            metadata: {name: burst}
            steps:
              - repeat:
                  count: %d
                  namePrefix: lb-
                  create:
                    apiVersion: loadbalancer.harvesterhci.io/v1beta1
                    kind: LoadBalancer
                    metadata: {namespace: default}
                    spec:
                      ipam: pool
                      listeners: [{name: a, port: 80, backendPort: 80, protocol: TCP}]
            """;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("input.yaml");
        Files.writeString(file, text);
        return file;
    }

    @ParameterizedTest(name = "allocator_test.go {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "TestAllocator_CheckSubnet/test1|[{subnet: 192.168.100.0}]|can't create IP pool p because invalid CIDR address: 192.168.100.0, a valid example is 192.168.1.0/24",
            "TestAllocator_CheckSubnet/test2|[{subnet: 192.168.100.0/100}]|can't create IP pool p because invalid CIDR address: 192.168.100.0/100, a valid example is 192.168.1.0/24",
            "TestAllocator_CheckSubnet/test3|[{subnet: 192.168.300.0/24}]|can't create IP pool p because invalid CIDR address: 192.168.300.0/24, a valid example is 192.168.1.0/24",
            "TestAllocator_CheckSubnet/test4|[{subnet: 192.168.100.0/24}]|-",
            "TestMakeRange/p2pIPNetWithWrongRangeStart|[{subnet: 192.168.100.10/32, rangeStart: 192.168.101.10}]|can't create IP pool p because invalid range start 192.168.101.10: IP 192.168.101.10 is out of subnet 192.168.100.10/32",
            "TestMakeRange/cClassIPNetWithNetworkIPRangeStart (and TestNetworkIP)|[{subnet: 192.168.100.0/24, rangeStart: 192.168.100.0}]|can't create IP pool p because invalid range start 192.168.100.0: IP 192.168.100.0 is the network address",
            "TestMakeRange/cClassIPNetWithBroadcastRangeEnd (and TestBroadcastIP)|[{subnet: 192.168.100.0/24, rangeEnd: 192.168.100.255}]|can't create IP pool p because invalid range end 192.168.100.255: IP 192.168.100.255 is the broadcast address",
            "rangeset_test.go TestLBRangesToAllocatorRangeSet/5|[{subnet: 192.168.10.0/24, rangeStart: 192.168.0.10}]|can't create IP pool p because invalid range start 192.168.0.10: IP 192.168.0.10 is out of subnet 192.168.10.0/24",
            "rangeset_test.go TestLBRangesToAllocatorRangeSet/4 (subnet missing)|[{rangeStart: 192.168.0.1, rangeEnd: 192.168.0.10}]|invalid CIDR address: , a valid example is 192.168.1.0/24",
            "(run) invalid gateway|[{subnet: 192.168.100.0/24, gateway: 192.168.100.255}]|can't create IP pool p because invalid gateway 192.168.100.255: IP 192.168.100.255 is the broadcast address",
            "(run) end out of subnet|[{subnet: 192.168.100.0/24, rangeEnd: 192.168.101.1}]|can't create IP pool p because invalid range end 192.168.101.1: IP 192.168.101.1 is out of subnet 192.168.100.0/24",
    })
    void validate(String name, String ranges, String error) throws Exception {
        CliContractTest.Run run = CliContractTest.run("validate", write(POOL.formatted(ranges)).toString());
        if (error == null) {
            assertEquals(0, run.code(), run.all());
        } else {
            assertEquals(1, run.code(), run.all());
            assertTrue(run.err().contains(error), "expected \"" + error + "\" in:\n" + run.all());
        }
    }

    /**
     * The total, the first address the iterator hands out, and (when {@code exhaust} is set) the range set as the
     * reference prints it in "no IP addresses available in range set: ...", reached by asking one address more than
     * the pool holds.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "allocator_test.go TestAllocator_Total/subnetTotal|[{subnet: 192.168.100.0/24}]|253|192.168.100.2|-",
            "allocator_test.go TestAllocator_Total/rangeTotal|[{subnet: 192.168.100.0/24, rangeStart: 192.168.100.1, rangeEnd: 192.168.100.10, gateway: 192.168.100.11}]|10|192.168.100.1|192.168.100.1-192.168.100.10",
            "allocator_test.go TestAllocator_Total/rangeExcludeDefaultGatewayTotal|[{subnet: 192.168.100.0/24, rangeStart: 192.168.100.1, rangeEnd: 192.168.100.10}]|9|192.168.100.2|192.168.100.1-192.168.100.10",
            "allocator_test.go TestAllocator_Total/rangeWithRangeStart|[{subnet: 192.168.100.0/24, rangeStart: 192.168.100.251}]|4|192.168.100.251|192.168.100.251-192.168.100.254",
            "allocator_test.go TestAllocator_Total/rangeWithRangeEnd|[{subnet: 192.168.100.0/24, rangeEnd: 192.168.100.10}]|9|192.168.100.2|192.168.100.1-192.168.100.10",
            "allocator_test.go TestMakeRange/p2pIPNet|[{subnet: 192.168.100.10/32}]|1|192.168.100.10|192.168.100.10-192.168.100.10",
            "allocator_test.go TestMakeRange/cClassIPNet|[{subnet: 192.168.100.0/24}]|253|192.168.100.2|-",
            "allocator_test.go TestMakeRange/cClassIPNetWithRangeStartAndEnd|[{subnet: 192.168.100.0/24, rangeStart: 192.168.100.30, rangeEnd: 192.168.100.40}]|11|192.168.100.30|192.168.100.30-192.168.100.40",
            "rangeset_test.go TestLBRangesToAllocatorRangeSet/0|[{subnet: 192.168.0.0/24, rangeStart: 192.168.0.10, rangeEnd: 192.168.0.20}]|11|192.168.0.10|192.168.0.10-192.168.0.20",
            "rangeset_test.go TestLBRangesToAllocatorRangeSet/1|[{subnet: 192.168.0.0/24}]|253|192.168.0.2|-",
            "rangeset_test.go TestLBRangesToAllocatorRangeSet/2|[{subnet: 192.168.0.0/24, rangeStart: 192.168.0.10, rangeEnd: 192.168.0.20}, {subnet: 192.168.10.0/24}]|264|192.168.0.10|-",
            "rangeset_test.go TestLBRangesToAllocatorRangeSet/3 (start > end swapped)|[{subnet: 192.168.0.0/24, rangeStart: 192.168.0.20, rangeEnd: 192.168.0.10}]|11|192.168.0.10|192.168.0.10-192.168.0.20",
    })
    void simulate(String name, String ranges, long total, String first, String rangeSet) throws Exception {
        int count = rangeSet == null ? 1 : (int) total + 1;
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json",
                write(POOL.formatted(ranges) + BURST.formatted(count)).toString());
        assertEquals(rangeSet == null ? 0 : 1, run.code(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(total, json.path("pools").get(0).path("total").asLong(), json.toPrettyString());
        assertEquals(first, json.path("allocations").get(0).path("address").asText());
        if (rangeSet != null) {
            JsonNode last = json.path("allocations").get(count - 1);
            assertTrue(last.path("error").asText().contains("no IP addresses available in range set: " + rangeSet),
                    last.toString());
        }
    }
}
