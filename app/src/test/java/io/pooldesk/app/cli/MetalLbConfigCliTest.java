package io.pooldesk.app.cli;

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
 * MetalLB's pool parsing and admission through {@code pooldesk validate} (metallb/metallb 7938d3f):
 * internal/config/config_test.go TestParse (its pool cases, P*, and the probes of the same function, X*), and
 * internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook_test.go TestValidateIPAddressPool (W*). Pools are
 * written {@code name: {spec}} separated by {@code ++}; a Namespace is written {@code ns name: {labels}}.
 */
class MetalLbConfigCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ;; ", textBlock = """
            P1 config using all features ;; pool1: {addresses: [10.20.0.0/16, 10.50.0.0/24], avoidBuggyIPs: true, autoAssign: false} ++ pool2: {addresses: [30.0.0.0/8]} ++ pool3: {addresses: [40.0.0.0/25, 40.0.0.150-40.0.0.200, 40.0.0.210 - 40.0.0.240, 40.0.0.250 - 40.0.0.250]} ++ pool4: {addresses: ["2001:db8::/64"]} ;; ok
            P2 ip address pool with namespace selection ;; ns test-ns1: {} ++ ns test-ns2: {team: metallb} ++ pool1: {addresses: [10.20.0.0/16], autoAssign: false, avoidBuggyIPs: true, serviceAllocation: {priority: 1, namespaces: [test-ns1]}} ++ pool2: {addresses: [30.0.0.0/8], serviceAllocation: {priority: 2, namespaceSelectors: [{matchLabels: {team: metallb}}]}} ++ pool3: {addresses: [40.0.0.0/8], serviceAllocation: {priority: 3, namespaceSelectors: [{matchLabels: {team: red}}]}} ;; ok
            P3 ip address pool with duplicate namespace selection ;; pool1: {addresses: [10.20.0.0/16], serviceAllocation: {namespaces: [test-ns1, test-ns1]}} ;; parsing address pool pool1: duplicate definition in namespaces field
            P4 ip address pool with duplicate namespace selectors ;; pool1: {addresses: [10.20.0.0/16], serviceAllocation: {namespaceSelectors: [{matchLabels: {foo: bar}}, {matchLabels: {foo: bar}}]}} ;; parsing address pool pool1: duplicate definition of namespaceSelectors {map["foo":"bar"] []}
            P5 ip address pool with service selection ;; pool1: {addresses: [30.0.0.0/8], serviceAllocation: {priority: 2, serviceSelectors: [{matchLabels: {team: metallb}}]}} ++ pool2: {addresses: [40.0.0.0/8], serviceAllocation: {priority: 3, serviceSelectors: [{matchLabels: {team: red}}]}} ;; ok
            P6 ip address pool with duplicate service selection ;; pool1: {addresses: [30.0.0.0/8], serviceAllocation: {serviceSelectors: [{matchExpressions: [{key: foo, operator: In, values: [bar, bar]}]}]}} ;; parsing address pool pool1: duplicate definition of match expression value in label selector "bar"
            P7 ip address pool with namespace and service selection ;; ns test-ns1: {} ++ ns test-ns2: {team: metallb} ++ pool1: {addresses: [30.0.0.0/8], serviceAllocation: {priority: 2, namespaces: [test-ns1], serviceSelectors: [{matchLabels: {testsvc-1: "1"}}]}} ++ pool2: {addresses: [40.0.0.0/8], serviceAllocation: {priority: 3, namespaceSelectors: [{matchLabels: {team: metallb}}], serviceSelectors: [{matchLabels: {testsvc-2: "2"}}]}} ;; ok
            P8 ip address pool with only priority ;; pool1: {addresses: [10.20.0.0/16, 10.50.0.0/24], avoidBuggyIPs: true, autoAssign: false, serviceAllocation: {priority: 1}} ;; ok
            P10 address pool with no address ;; pool1: {} ;; parsing address pool pool1: pool has no prefixes defined
            P12 invalid pool CIDR ;; pool1: {addresses: [100.200.300.400/24]} ;; parsing address pool pool1: invalid CIDR "100.200.300.400/24" in pool "pool1": invalid CIDR "100.200.300.400/24"
            P13 invalid pool CIDR prefix length ;; pool1: {addresses: [1.2.3.0/33]} ;; parsing address pool pool1: invalid CIDR "1.2.3.0/33" in pool "pool1": invalid CIDR "1.2.3.0/33"
            P14 invalid pool CIDR, first address of the range is after the second ;; pool1: {addresses: [1.2.3.10-1.2.3.1]} ;; parsing address pool pool1: invalid CIDR "1.2.3.10-1.2.3.1" in pool "pool1": invalid IP range "1.2.3.10-1.2.3.1": start IP "1.2.3.10" is after the end IP "1.2.3.1"
            P15 duplicate pool definition (the first pool fails first) ;; pool1: {} ++ pool2: {} ++ pool1: {} ;; parsing address pool pool1: pool has no prefixes defined
            P16 duplicate CIDRs (refused for the space) ;; pool1: {addresses: [" 10.0.0.0/8"]} ++ pool2: {addresses: [" 10.0.0.0/8"]} ;; parsing address pool pool1: invalid CIDR " 10.0.0.0/8" in pool "pool1": invalid CIDR " 10.0.0.0/8"
            P17 overlapping CIDRs (refused for the space) ;; pool1: {addresses: [" 10.0.0.0/8"]} ++ pool2: {addresses: [10.0.0.0/16]} ;; parsing address pool pool1: invalid CIDR " 10.0.0.0/8" in pool "pool1": invalid CIDR " 10.0.0.0/8"
            P19 bad range (the aggregation check is not reached) ;; pool1: {addresses: [1.2.3.10-1.2.3.1]} ;; invalid IP range "1.2.3.10-1.2.3.1": start IP "1.2.3.10" is after the end IP "1.2.3.1"
            X1 duplicate pool name ;; pool1: {addresses: [10.0.0.0/24]} ++ pool1: {addresses: [10.1.0.0/24]} ;; duplicate definition of pool "pool1"
            X2 overlap ;; pool1: {addresses: [10.0.0.0/8]} ++ pool2: {addresses: [10.0.0.0/16]} ;; CIDR "10.0.0.0/16" in pool "pool2" overlaps with already defined CIDR "10.0.0.0/8"
            X3 overlap, wider second ;; pool1: {addresses: [10.0.0.0/16]} ++ pool2: {addresses: [10.0.0.0/8]} ;; CIDR "10.0.0.0/8" in pool "pool2" overlaps with already defined CIDR "10.0.0.0/16"
            X5 overlap within one pool ;; pool1: {addresses: [10.0.0.0/24, 10.0.0.5/32]} ;; CIDR "10.0.0.5/32" in pool "pool1" overlaps with already defined CIDR "10.0.0.0/24"
            X7 adjacent blocks ;; a: {addresses: [10.0.0.0/25]} ++ b: {addresses: [10.0.0.128/25]} ;; ok
            X8 bare IP ;; a: {addresses: [192.168.1.1]} ;; parsing address pool a: invalid CIDR "192.168.1.1" in pool "a": invalid CIDR "192.168.1.1"
            X10 range ends are trimmed ;; a: {addresses: [" 192.168.1.10 - 192.168.1.20 "]} ;; ok
            X11 trailing space ;; a: {addresses: ["10.0.0.0/8 "]} ;; parsing address pool a: invalid CIDR "10.0.0.0/8 " in pool "a": invalid CIDR "10.0.0.0/8 "
            X15 invalid start IP ;; a: {addresses: [10.0.0.x-10.0.0.5]} ;; parsing address pool a: invalid CIDR "10.0.0.x-10.0.0.5" in pool "a": invalid IP range "10.0.0.x-10.0.0.5": invalid start IP "10.0.0.x"
            X16 invalid end IP ;; a: {addresses: [10.0.0.1-10.0.0.x]} ;; parsing address pool a: invalid CIDR "10.0.0.1-10.0.0.x" in pool "a": invalid IP range "10.0.0.1-10.0.0.x": invalid end IP "10.0.0.x"
            X17 a range is split on the first dash ;; a: {addresses: [10.0.0.1-10.0.0.5-10.0.0.9]} ;; invalid IP range "10.0.0.1-10.0.0.5-10.0.0.9": invalid end IP "10.0.0.5-10.0.0.9"
            X21 duplicate match expressions (values sorted) ;; sel: {addresses: [10.0.0.0/24], serviceAllocation: {namespaceSelectors: [{matchExpressions: [{key: team, operator: In, values: [x, y]}, {key: team, operator: In, values: [y, x]}]}]}} ;; parsing address pool sel: duplicate definition of match expressions {"team" "In" ["x" "y"]}
            X23 duplicate service selectors ;; sel: {addresses: [10.0.0.0/24], serviceAllocation: {serviceSelectors: [{matchLabels: {a: b}}, {matchLabels: {a: b}}]}} ;; parsing address pool sel: duplicate definition of serviceSelectors {map["a":"b"] []}
            W1 second IPAddressPool ;; test-ippool: {addresses: [10.0.0.0/24]} ++ test-ippool1: {addresses: [10.0.1.0/24]} ;; ok
            W4 created in a different namespace ;; default/test-ippool2: {addresses: [10.0.0.0/24]} ;; resource must be created in metallb-system namespace
            W4 with --metallb-namespace ;; metallb-test-namespace/test-ippool: {addresses: [10.0.0.0/24]} ++ metallb-system/test-ippool2: {addresses: [10.0.1.0/24]} ;; resource must be created in metallb-test-namespace namespace
            """)
    void testParse(String name, String pools, String expected) throws Exception {
        List<String> docs = new ArrayList<>();
        for (String pool : pools.split(" \\+\\+ ")) {
            int colon = pool.indexOf(": ");
            String head = pool.substring(0, colon);
            String body = pool.substring(colon + 2);
            if (head.startsWith("ns ")) {
                docs.add("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + head.substring(3) + ", labels: " + body
                        + "}\n");
                continue;
            }
            String namespace = head.contains("/") ? head.substring(0, head.indexOf('/'))
                    : name.contains("--metallb-namespace") ? "metallb-test-namespace" : "metallb-system";
            docs.add("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: "
                    + head.substring(head.indexOf('/') + 1) + ", namespace: " + namespace + "}\nspec: " + body + "\n");
        }
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, String.join("---\n", docs));
        CliContractTest.Run run = name.contains("--metallb-namespace")
                ? CliContractTest.run("validate", "--metallb-namespace", "metallb-test-namespace", file.toString())
                : CliContractTest.run("validate", file.toString());
        if (expected.equals("ok")) {
            assertEquals(0, run.code(), run.all());
        } else {
            assertEquals(1, run.code(), run.all());
            assertTrue(run.err().lines().anyMatch(l -> l.startsWith("error:") && l.contains(expected)),
                    "expected " + expected + " in\n" + run.err());
        }
    }
}
