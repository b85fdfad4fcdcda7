package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * load-balancer-harvester e861dc948324084793b8af7dee22451d8a0d619c {@code pkg/webhook/ippool/validator_test.go}, its 16
 * cases one row each, through {@code pooldesk validate} (the pools the reference's cache holds come first in the file)
 * and, where the case is a create, through a Scenario {@code create} step after them. The messages are what the
 * reference's {@code Create} and {@code Update} return on each case's input (run against the reference at that
 * commit); the unit tests call checkRange, checkAllocated and checkSelector alone and only assert error or none.
 * Pooldesk reports every broken rule where the webhook stops at the first; a row lists each message it expects.
 */
class HarvesterIpPoolWebhookCliTest {
    private static final String SUBNET_100 = "Subnet:{IP:192.168.100.0 Mask:ffffff00} Gateway:192.168.100.1}";
    private static final String R_10_20 = "{RangeStart:192.168.100.10 RangeEnd:192.168.100.20 " + SUBNET_100;
    private static final String R_30_40 = "{RangeStart:192.168.100.30 RangeEnd:192.168.100.40 " + SUBNET_100;
    private static final String R_WHOLE_100 = "{RangeStart:192.168.100.1 RangeEnd:192.168.100.254 " + SUBNET_100;
    private static final String RANGES_0 = "{metadata: {name: input}, spec: {ranges: ["
            + "{rangeStart: 192.168.100.10, rangeEnd: 192.168.100.20, subnet: 192.168.100.0/24},"
            + " {rangeStart: 192.168.100.30, rangeEnd: 192.168.100.40, subnet: 192.168.100.0/24}]}}";
    private static final String ALLOCATED_RS = "{metadata: {name: input}, spec: {ranges: [{rangeStart: 192.168.0.10,"
            + " rangeEnd: 192.168.0.20, subnet: 192.168.0.0/24, gateway: 192.168.0.1}]}, status: {allocated: ";

    private static final String GLOBAL_10 = "{metadata: {name: global, labels: {loadbalancer.harvesterhci.io/global-ip-pool:"
            + " \"true\"}}, spec: {ranges: [{subnet: 192.168.10.0/24}], selector: {scope: [{namespace: \"*\", project:"
            + " \"*\", guestCluster: \"*\"}]}}}";
    private static final String GLOBAL_INPUT = "{metadata: {name: input}, spec: {ranges: [{subnet: 192.168.10.0/24}],"
            + " selector: {scope: [{namespace: \"*\", project: \"*\", guestCluster: \"*\"}]}}}";

    @TempDir
    Path dir;

    private static String document(String flow) {
        return "{apiVersion: loadbalancer.harvesterhci.io/v1beta1, kind: IPPool, " + flow.strip().substring(1) + "\n";
    }

    private static List<String> split(String column, String separator) {
        List<String> out = new ArrayList<>();
        if (column != null) {
            for (String part : column.split(separator)) {
                out.add(part.strip());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "validator_test.go {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // TestCheckRange: rss[0] alone, rss[1] alone, rss[0] against rss[2], rss[0] against rss[3]
            "TestCheckRange case1|-|" + RANGES_0 + "|-",
            "TestCheckRange case2|-|{metadata: {name: input}, spec: {ranges: [{subnet: 192.168.100.0/24},"
                    + " {rangeStart: 192.168.100.10, rangeEnd: 192.168.100.20, subnet: 192.168.100.0/24}]}}|"
                    + "can't create IP pool input because there are overlaps between range " + R_WHOLE_100 + " and "
                    + R_10_20,
            "TestCheckRange case3|{metadata: {name: other}, spec: {ranges: [{subnet: 192.168.100.0/24}]}}|" + RANGES_0
                    + "|can't create IP pool input because the ranges [" + R_10_20 + " " + R_30_40
                    + "] overlap with other pools",
            "TestCheckRange case4|{metadata: {name: other}, spec: {ranges: [{rangeStart: 192.168.100.50,"
                    + " rangeEnd: 192.168.100.60, subnet: 192.168.100.0/24}]}}|" + RANGES_0 + "|-",
            // TestCheckAllocated: the allocated maps arrive in the status an update carries
            "TestCheckAllocated case0|-|" + ALLOCATED_RS + "{\"192.168.0.11\": \"\", \"192.168.0.12\": \"\"}}}|-",
            "TestCheckAllocated case1|-|" + ALLOCATED_RS + "{xxxxxxxx: \"\"}}}|"
                    + "can't update IP pool input because invalid ip string xxxxxxxx",
            "TestCheckAllocated case2|-|" + ALLOCATED_RS + "{\"192.168.0.11\": \"\", \"192.168.0.30\": \"\"}}}|"
                    + "can't update IP pool input because allocated IP 192.168.0.30 is excluded",
            "TestCheckAllocated case3|-|" + ALLOCATED_RS + "{\"192.168.1.1\": \"\"}}}|"
                    + "can't update IP pool input because allocated IP 192.168.1.1 is excluded",
            // TestCheckSelector: testdata/caseN/cache.yaml, then testdata/caseN/input.yaml
            "TestCheckSelector case1 (one global pool)|" + GLOBAL_10 + "|" + GLOBAL_INPUT
                    + "|can't create IP pool input because there is already a global IP pool: global"
                    + " && can't create IP pool input because the ranges [{RangeStart:192.168.10.1"
                    + " RangeEnd:192.168.10.254 Subnet:{IP:192.168.10.0 Mask:ffffff00} Gateway:192.168.10.1}]"
                    + " overlap with other pools",
            "TestCheckSelector case2 (first global pool)|{metadata: {name: default}, spec: {ranges: [{subnet:"
                    + " 192.168.10.0/24}], selector: {scope: [{namespace: default, project: \"*\", guestCluster:"
                    + " \"*\"}]}}}|{metadata: {name: input}, spec: {ranges: [{subnet: 192.168.11.0/24}], selector:"
                    + " {scope: [{namespace: \"*\", project: \"*\", guestCluster: \"*\"}]}}}|-",
            "TestCheckSelector case3 (own scopes apart)|" + GLOBAL_10 + "|{metadata: {name: input}, spec: {ranges:"
                    + " [{subnet: 192.168.11.0/24}], selector: {scope: [{namespace: ns1, project: pj1, guestCluster:"
                    + " \"*\"}, {namespace: ns2, project: pj1, guestCluster: \"*\"}, {namespace: ns1, project: pj2,"
                    + " guestCluster: cluster1}]}}}|-",
            "TestCheckSelector case4 (own scopes overlap)|" + GLOBAL_10 + "|{metadata: {name: input}, spec: {ranges:"
                    + " [{subnet: 192.168.11.0/24}], selector: {scope: [{namespace: ns1, project: pj1, guestCluster:"
                    + " \"*\"}, {namespace: \"*\", project: pj1, guestCluster: cluster1}]}}}|"
                    + "can't create IP pool input because selector {Priority:0 Network: Scope:[{Project:pj1"
                    + " Namespace:ns1 GuestCluster:*} {Project:pj1 Namespace:* GuestCluster:cluster1}]} is invalid:"
                    + " scope overlaps",
            "TestCheckSelector case5 (other priority)|{metadata: {name: pool1}, spec: {ranges: [{subnet:"
                    + " 192.168.10.0/24}], selector: {priority: 1, scope: [{namespace: \"*\", project: pj1,"
                    + " guestCluster: \"*\"}]}}}|{metadata: {name: input}, spec: {ranges: [{subnet: 192.168.11.0/24}],"
                    + " selector: {priority: 2, scope: [{namespace: \"*\", project: pj1, guestCluster: \"*\"}]}}}|-",
            "TestCheckSelector case6 (same priority)|{metadata: {name: pool1}, spec: {ranges: [{subnet:"
                    + " 192.168.10.0/24}], selector: {priority: 1}}}|{metadata: {name: input}, spec: {ranges: [{subnet:"
                    + " 192.168.11.0/24}], selector: {priority: 1}}}|"
                    + "can't create IP pool input because the priority can't be the same as the pool pool1",
            "TestCheckSelector case7 (scopes apart from others)|{metadata: {name: default}, spec: {ranges: [{subnet:"
                    + " 192.168.10.0/24}], selector: {scope: [{namespace: ns1, project: pj1, guestCluster:"
                    + " cluster1}]}}}|{metadata: {name: input}, spec: {ranges: [{subnet: 192.168.11.0/24}], selector:"
                    + " {scope: [{namespace: ns1, project: pj1, guestCluster: cluster2}, {namespace: ns2, project: pj1,"
                    + " guestCluster: cluster1}, {namespace: \"*\", project: pj2, guestCluster: \"*\"}]}}}|-",
            "TestCheckSelector case8 (scope inside another's)|{metadata: {name: default}, spec: {ranges: [{subnet:"
                    + " 192.168.10.0/24}], selector: {scope: [{namespace: \"*\", project: pj1, guestCluster:"
                    + " \"*\"}]}}}|{metadata: {name: input}, spec: {ranges: [{subnet: 192.168.11.0/24}], selector:"
                    + " {scope: [{namespace: ns1, project: pj1, guestCluster: cluster2}]}}}|"
                    + "can't create IP pool input because scope selector is same as the pool default with priority 0"
                    + " Project pj1 Namespace ns1 GuestCluster cluster2, set a different priority or scope",
    })
    void ipPoolWebhook(String name, String cache, String input, String errors) throws Exception {
        List<String> expected = split(errors, "&&");
        StringBuilder pools = new StringBuilder();
        for (String pool : split(cache, ";;")) {
            pools.append(document(pool)).append("---\n");
        }
        Path file = dir.resolve("validate.yaml");
        Files.writeString(file, pools + document(input));
        CliContractTest.Run validate = CliContractTest.run("validate", file.toString());
        assertEquals(expected.isEmpty() ? 0 : 1, validate.code(), validate.all());
        for (String message : expected) {
            assertTrue(validate.err().contains(message), "expected \"" + message + "\" in:\n" + validate.all());
        }
        assertEquals(expected.size(), validate.err().lines().filter(l -> l.startsWith("error:")).count(),
                validate.all());
        if (input.contains("status:")) {
            return;
        }
        Path scenario = dir.resolve("simulate.yaml");
        Files.writeString(scenario, pools + """
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: create-input}
                steps:
                  - create: %s""".formatted(document(input)));
        CliContractTest.Run simulate = CliContractTest.run("simulate", "--output", "json", scenario.toString());
        for (String message : expected) {
            assertTrue(simulate.err().contains(message), "expected \"" + message + "\" in:\n" + simulate.all());
        }
        JsonNode json = new ObjectMapper().readTree(simulate.out());
        List<String> names = new ArrayList<>();
        json.path("pools").forEach(p -> names.add(p.path("name").asText()));
        assertEquals(expected.isEmpty(), names.contains("input"), names + "\n" + simulate.all());
    }

}
