package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MetalLB's Service controller, case by case: controller/controller_test.go TestControllerMutation (metallb/metallb
 * 7938d3f), each case one Service (Service/&lt;ns&gt;/test) against the test's pools, through {@code pooldesk simulate}.
 * pool5 is moved off pool1 and pool3 (the reference's fixture overlaps, which its webhook refuses), so the cases that
 * name pool5's addresses name 1.2.13.0 and 1001:: instead. Where the reference picks among pools at random (Go map
 * order), the expected column lists every acceptable outcome, separated by " / ".
 */
class MetalLbFidelityCliTest {
    static final Path POOLS = Path.of("..", "resources", "fidelity", "metallb", "controller-pools.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            C2 simple non-LoadBalancer | default | | type: ClusterIP, clusterIPs: [1.2.3.4] | | none |
            C3 simple LoadBalancer | default | | clusterIPs: [1.2.3.4] | | pool1 1.2.3.0 / pool5 1.2.13.0 | random (Go map) order
            C4 request specific IP | default | | clusterIPs: [1.2.3.4], loadBalancerIP: 1.2.3.1 | | pool1 1.2.3.1 |
            C5 request specific IP via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: 1.2.3.1} | clusterIPs: [1.2.3.4] | | pool1 1.2.3.1 |
            C6 both spec.loadBalancerIP and the annotation | default | annotations: {metallb.io/loadBalancerIPs: 1.2.3.1} | clusterIPs: [1.2.3.4], loadBalancerIP: 1.2.3.2 | | pending service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP |
            C7 request invalid IP | default | | clusterIPs: [1.2.3.4], loadBalancerIP: please sir may I have an IP address thank you | | pending invalid spec.loadBalancerIP "please sir may I have an IP address thank you" |
            C8 incompatible ip and address pool annotations | default | annotations: {metallb.io/loadBalancerIPs: 1.2.3.1, metallb.io/address-pool: pool2} | clusterIPs: [1.2.3.4] | | pending requested loadBalancer IP(s) ["1.2.3.1"] is not compatible with requested address pool pool2 |
            C9 request invalid IP via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: please sir may I have an IP address thank you} | clusterIPs: [1.2.3.4] | | pending invalid metallb.io/loadBalancerIPs: "please sir may I have an IP address thank you" |
            C10 two IPs of one family via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: "1.2.3.1,1.2.3.2"} | clusterIPs: [1.2.3.4] | | pending IPFamilyForAddresses: same address family ["1.2.3.1" "1.2.3.2"] |
            C11 request infeasible IP | default | | clusterIPs: [1.2.3.4], loadBalancerIP: 1.2.3.4 | [{ip: 1.2.3.1}] | pending ["1.2.3.4"] is not allowed in config | asks for ["1.2.3.4"]
            C12 request IP from specific pool | default | annotations: {metallb.io/address-pool: pool1} | clusterIPs: [1.2.3.4] | | pool1 1.2.3.0 |
            C13 switch to a different specific pool | default | annotations: {metallb.io/address-pool: pool2} | clusterIPs: [1.2.3.4] | [{ip: 1.2.3.0}] | pool2 3.4.5.6 | asks for pool pool2
            C14 unknown pool requested | default | annotations: {metallb.io/address-pool: does-not-exist} | clusterIPs: [1.2.3.4] | | pending unknown pool "does-not-exist" |
            C15 invalid IP assigned | default | | clusterIPs: [1.2.3.4] | [{ip: 2.3.4.5}] | pool1 1.2.3.0 / pool5 1.2.13.0 | current IP for "default/test" not allowed by config, will attempt for new IP assignment: ["2.3.4.5"] is not allowed in config
            C16 invalid ingress state | default | | clusterIPs: [1.2.3.4] | [{hostname: foo.bar.local}, {ip: 10.10.10.10}] | pool1 1.2.3.0 / pool5 1.2.13.0 | will attempt for new IP assignment: ["10.10.10.10"] is not allowed in config
            C17 former LoadBalancer now NodePort | default | | type: NodePort, clusterIPs: [1.2.3.4] | [{ip: 1.2.3.0}] | none |
            C18 request layer2 service | default | | clusterIPs: [1.2.3.4], loadBalancerIP: 3.4.5.6 | | pool2 3.4.5.6 |
            C19 layer2 service with local traffic policy | default | | clusterIPs: [1.2.3.4], loadBalancerIP: 3.4.5.6, externalTrafficPolicy: Local | | pool2 3.4.5.6 |
            C20 no ClusterIP (Pooldesk assumes IPv4 and says so) | default | | ports: [{port: 80}] | | pool1 1.2.3.0 / pool5 1.2.13.0 | has no spec.clusterIPs
            C21 IPv4 address for an IPv6 Service | default | | clusterIPs: [3000::1], loadBalancerIP: 1.2.3.1 | | pending requested loadBalancer IP(s) ["1.2.3.1"] does not match the ipFamily of the service |
            C22 IPv4 address for an IPv6 Service via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: 1.2.3.1} | clusterIPs: [3000::1] | | pending requested loadBalancer IP(s) ["1.2.3.1"] does not match the ipFamily of the service |
            C23 IPv6 address for an IPv4 Service | default | | clusterIPs: [1.2.3.4], loadBalancerIP: "1000::" | | pending requested loadBalancer IP(s) ["1000::"] does not match the ipFamily of the service |
            C24 IPv6 address for an IPv4 Service via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: "1000::"} | clusterIPs: [1.2.3.4] | | pending requested loadBalancer IP(s) ["1000::"] does not match the ipFamily of the service |
            C25 IPv6 address held by an IPv4 Service | default | | clusterIPs: [1.2.3.4] | [{ip: "1000::"}] | pool1 1.2.3.0 / pool5 1.2.13.0 | its family is not the Service's
            C26 IPv4 address held by an IPv6 Service | default | | clusterIPs: [3000::1] | [{ip: 1.2.3.0}] | pool3 1000:: / pool5 1001:: | its family is not the Service's
            C28 simple dual-stack LoadBalancer | default | | clusterIPs: [1.2.3.4, 3000::1], ipFamilyPolicy: RequireDualStack | | pool5 1.2.13.0,1001:: |
            C29 dual stack from a specific pool | default | annotations: {metallb.io/address-pool: pool5} | clusterIPs: [1.2.3.4, 3000::1], ipFamilyPolicy: RequireDualStack | | pool5 1.2.13.0,1001:: |
            C30 PreferDualStack prefers the pool with both families | default | | clusterIPs: [1.2.3.4, 3000::1], ipFamilyPolicy: PreferDualStack | | pool5 1.2.13.0,1001:: |
            C31 single-stack LoadBalancer with PreferDualStack policy | test-ns1 | | clusterIPs: [1.2.3.4], ipFamilyPolicy: PreferDualStack | | pool6 7.8.9.0 | cannot assign additional IP in PreferDualStack: ["7.8.9.0" "<nil>"] is not allowed in config
            C32 PreferDualStack from a dual-stack pool | default | annotations: {metallb.io/address-pool: pool5} | clusterIPs: [1.2.3.4, 3000::1], ipFamilyPolicy: PreferDualStack | | pool5 1.2.13.0,1001:: |
            C33 PreferDualStack from a single-stack IPv4 pool | default | annotations: {metallb.io/address-pool: pool1} | clusterIPs: [1.2.3.4, "1000::"], ipFamilyPolicy: PreferDualStack | | pool1 1.2.3.0 |
            C34 PreferDualStack from a single-stack IPv6 pool | default | annotations: {metallb.io/address-pool: pool3} | clusterIPs: ["1000::1"], ipFamilyPolicy: PreferDualStack | | pool3 1000:: |
            C35 PreferDualStack from a dual pool with one cluster IP (first pass) | default | annotations: {metallb.io/address-pool: pool5} | clusterIPs: [1.2.3.4], ipFamilyPolicy: PreferDualStack | | pool5 1.2.13.0 | never settles in MetalLB
            C36 RequireDualStack with one cluster IP | default | annotations: {metallb.io/address-pool: pool5} | clusterIPs: [1.2.3.4], ipFamilyPolicy: RequireDualStack | | pending Service requires dual stack but not enough clusterips [1.2.3.4] |
            C37 one address for a dual-stack Service | default | | clusterIPs: [1.2.3.4, 3000::1], loadBalancerIP: 1.2.3.1 | | pending requested loadBalancer IP(s) ["1.2.3.1"] does not match the ipFamily of the service |
            C38 one address for a dual-stack Service via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: 1.2.3.1} | clusterIPs: [1.2.3.4, 3000::1] | | pending requested loadBalancer IP(s) ["1.2.3.1"] does not match the ipFamily of the service |
            C39 dual-stack addresses via custom annotation | default | annotations: {metallb.io/loadBalancerIPs: "1.2.13.0,1001::"} | clusterIPs: [1.2.3.4, 3000::1], ipFamilyPolicy: RequireDualStack | | pool5 1.2.13.0,1001:: |
            C40 dual-stack LoadBalancer with invalid ingress | default | | clusterIPs: [3000::1, 5.6.7.8], ipFamilyPolicy: RequireDualStack | [{hostname: foo.bar.local}, {ip: "1000::"}] | pool5 1.2.13.0,1001:: | its family is not the Service's
            C41 dual-stack addresses in a single-stack cluster | default | annotations: {metallb.io/loadBalancerIPs: "1.2.3.0,1000::"} | clusterIP: 1.2.3.4 | | pending requested loadBalancer IP(s) ["1.2.3.0" "1000::"] does not match the ipFamily of the service |
            C42 namespace specific pool | test-ns1 | | clusterIPs: [1.2.3.4] | | pool6 7.8.9.0 |
            C43 no-priority namespace specific pool | test-ns2 | | clusterIPs: [1.2.3.4] | | pool9 16.17.18.0 |
            C44 service label specific pool | default | labels: {team: metallb} | clusterIPs: [1.2.3.4] | | pool10 19.20.21.0 |
            C45 pool with both namespace and service label | test-ns1 | labels: {team: metallb} | clusterIPs: [1.2.3.4] | | pool12 25.26.27.0 |
            C46 held addresses whose family cannot be told | default | | clusterIPs: [1.2.3.4] | [{ip: 1.2.3.0}, {ip: 1.2.3.1}, {ip: 1.2.3.2}] | pool1 1.2.3.0 / pool5 1.2.13.0 | Failed to retrieve LBIPs IPFamily for ["1.2.3.0" "1.2.3.1" "1.2.3.2"]: IPFamilyForAddresses: invalid ips length 3 ["1.2.3.0" "1.2.3.1" "1.2.3.2"]
            """)
    void testControllerMutation(String name, String namespace, String metadata, String spec, String ingress,
                                String expected, String warning) throws Exception {
        String service = "apiVersion: v1\nkind: Service\n"
                + "metadata: {name: test, namespace: " + namespace + (metadata == null ? "" : ", " + metadata) + "}\n"
                + "spec: {" + (spec.contains("type:") ? "" : "type: LoadBalancer, ") + spec + "}\n"
                + (ingress == null ? "" : "status: {loadBalancer: {ingress: " + ingress + "}}\n");
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, service);
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json", POOLS.toString(),
                file.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        String request = "Service/" + namespace + "/test";
        JsonNode last = null;
        for (JsonNode entry : json.path("allocations")) {
            if (request.equals(entry.path("request").asText())) {
                last = entry;
            }
        }
        if (expected.equals("none")) {
            assertEquals(null, last, json.toPrettyString());
        } else if (expected.startsWith("pending ")) {
            assertTrue(last != null && last.path("pool").isNull(), json.toPrettyString());
            assertEquals(expected.substring("pending ".length()), last.path("error").asText());
            assertEquals(1, run.code(), run.all());
        } else {
            List<String> acceptable = Arrays.asList(expected.split(" / "));
            String got = last == null ? "nothing" : last.path("pool").asText() + " " + last.path("address").asText();
            assertTrue(acceptable.contains(got), "got " + got + ", acceptable " + acceptable + "\n" + run.all());
            assertEquals(0, run.code(), run.all());
        }
        if (warning != null) {
            assertTrue(json.path("warnings").toString().contains(warning.replace("\"", "\\\"")),
                    "warning " + warning + " in " + json.path("warnings"));
        }
    }
}
