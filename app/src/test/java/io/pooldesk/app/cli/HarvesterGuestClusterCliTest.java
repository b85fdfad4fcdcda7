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
 * load-balancer-harvester e861dc948324084793b8af7dee22451d8a0d619c: a guest-cluster load balancer's project is its
 * Namespace's (pkg/webhook/loadbalancer/mutator.go 144-181, 204-213), its network without one written is its VMs'
 * (243-318), and both choose its pool (pkg/ipam/selector.go). Through {@code pooldesk simulate} and {@code validate},
 * with Namespace and VirtualMachineInstance objects as input.
 */
class HarvesterGuestClusterCliTest {
    @TempDir
    Path dir;

    private static JsonNode simulate(Path file) throws Exception {
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json", file.toString());
        return new ObjectMapper().readTree(run.out());
    }

    private static String poolOf(JsonNode json, String request) {
        String pool = null;
        for (JsonNode a : json.path("allocations")) {
            if (a.path("request").asText().equals(request)) {
                pool = a.path("pool").isNull() ? null : a.path("pool").asText();
            }
        }
        return pool;
    }

    /** mutator_test.go TestFindProject: "default" gives local/p-abcde, "withoutProject" gives "". */
    @Test
    void theMutatorWritesTheNamespacesProject() throws Exception {
        Path file = HarvesterFidelityCliTest.LB.resolve("mutator-project.yaml");
        JsonNode json = simulate(file);
        assertEquals("project-abcde", poolOf(json, "LoadBalancer/default/lb-a"), json.toPrettyString());
        assertEquals("no-project", poolOf(json, "LoadBalancer/without-project/lb-b"), json.toPrettyString());
        String warnings = json.path("warnings").toString();
        assertTrue(warnings.contains("(LoadBalancer/lb-a): mutated: metadata.annotations.loadbalancer"
                + ".harvesterhci.io/project: written (empty), the cluster stores \\\"local/p-abcde\\\" (the mutating"
                + " webhook writes the project of Namespace default (field.cattle.io/projectId))"), warnings);
        assertTrue(warnings.contains("(LoadBalancer/lb-b): mutated: metadata.annotations"
                + ".loadbalancer.harvesterhci.io/project: written \\\"local/p-abcde\\\", the cluster stores \\\"\\\""),
                warnings);

        CliContractTest.Run validate = CliContractTest.run("validate", file.toString());
        assertEquals(0, validate.code(), validate.all());
        assertTrue(validate.err().contains("(LoadBalancer/lb-a): mutated: metadata.annotations.loadbalancer"
                + ".harvesterhci.io/project: written (empty), the cluster stores \"local/p-abcde\""), validate.all());
    }

    /**
     * pkg/ipam/selector_test.go, the cases whose requirement carries a project and the one not ported at engine level
     * (ReferenceSelectionTest), with the project from the Namespace (its field.cattle.io/projectId) rather than from
     * the annotation, which each load balancer writes as "written/p-ignored". A requirement namespace "" cannot reach the controller (the mutator writes the load
     * balancer's own): "guest" stands for a namespace no pool names. The reference's pools share subnets (a fake
     * clientset skips the webhook); here each has its own, which selection does not read.
     */
    @ParameterizedTest(name = "selector_test.go {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "TestSelectorWithGlobalPool_Select/can't match a pool for guest cluster but still get global pool"
                    + "|with-global|unknow|guest|cluster1|global",
            "TestSelectorWithoutGlobalPool_Select/get default pool when namespace match"
                    + "|default-only|-|default|-|default",
            "TestSelectorWithoutGlobalPool_Select/can't match a pool for guest cluster, case 2"
                    + "|default-only|unknow|guest-cluster-1|cluster1|-",
            "TestSelectorGuestClusterCaseLooseMatchWithoutGlobalPool_Select/exact match a pool for guest cluster"
                    + "|vlan100|project1|default|cluster1|vlan-100-with-scope",
            "TestSelectorGuestClusterCaseLooseMatchWithoutGlobalPool_Select/can't match a pool for guest cluster, but"
                    + " get the no scope pool, case 1|vlan100|unknow|default|cluster1|vlan-100-no-scope",
            "TestSelectorGuestClusterCaseLooseMatchWithoutGlobalPool_Select/can't match a pool for guest cluster, but"
                    + " get the no scope pool, case 2|vlan100|-|default|-|vlan-100-no-scope",
    })
    void theNamespacesProjectChoosesThePool(String name, String pools, String project, String namespace,
                                             String cluster, String expected) throws Exception {
        String input = switch (pools) {
            case "with-global" -> DEFAULT_POOL + GLOBAL_POOL;
            case "default-only" -> DEFAULT_POOL;
            default -> VLAN100_POOLS;
        };
        input += """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  annotations: {%s}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata:
                  name: lb
                  namespace: %s
                  annotations:
                    loadbalancer.harvesterhci.io/network: default/vlan10
                    loadbalancer.harvesterhci.io/project: written/p-ignored
                    loadbalancer.harvesterhci.io/cluster: "%s"
                spec: {ipam: pool, workloadType: cluster}
                """.formatted(namespace, project == null ? "" : "field.cattle.io/projectId: " + project, namespace,
                cluster == null ? "" : cluster);
        Path file = dir.resolve("input.yaml");
        Files.writeString(file, input);
        JsonNode json = simulate(file);
        assertEquals(expected, poolOf(json, "LoadBalancer/" + namespace + "/lb"), json.toPrettyString());
    }

    /** Without the Namespace the project cannot be what the cluster stores: said when a pool's scope names one. */
    @Test
    void aMissingNamespaceIsSaidWhenAPoolIsScopedByProject() throws Exception {
        String lb = """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata:
                  name: lb
                  namespace: default
                  annotations: {loadbalancer.harvesterhci.io/project: local/p-abcde}
                spec: {ipam: pool, workloadType: cluster}
                """;
        Path scoped = dir.resolve("scoped.yaml");
        Files.writeString(scoped, """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: project-abcde}
                spec:
                  ranges: [{subnet: 10.85.1.0/24}]
                  selector: {scope: [{project: local/p-abcde, namespace: "*", guestCluster: "*"}]}
                ---
                """ + lb);
        String said = "guest-cluster load balancers in namespace default keep their loadbalancer.harvesterhci.io/project"
                + " annotation as written: the mutating webhook replaces it with the project of Namespace default"
                + " (field.cattle.io/projectId), the input carries no Namespace default before them, and pool"
                + " project-abcde is scoped by project";
        JsonNode json = simulate(scoped);
        assertEquals("project-abcde", poolOf(json, "LoadBalancer/default/lb"), json.toPrettyString());
        assertTrue(json.path("warnings").toString().contains(said), json.path("warnings").toString());
        CliContractTest.Run validate = CliContractTest.run("validate", scoped.toString());
        assertTrue(validate.err().contains(said), validate.all());

        Path unscoped = dir.resolve("unscoped.yaml");
        Files.writeString(unscoped, Files.readString(scoped).replace("project: local/p-abcde, namespace", "project:"
                + " \"*\", namespace"));
        assertFalse(simulate(unscoped).path("warnings").toString().contains("keep their"));
    }

    /**
     * mutator_test.go TestFindNetwork "Found (priority 3): via cluster-name label to match VMI", "Found (priority 4):
     * (fallback) via creator + prefix to match VMI" and the two "Not found (priority 3, 4)" cases, with the reference's
     * VirtualMachineInstances as input (mutator-network-from-vmis.yaml).
     */
    @Test
    void aGuestClustersNetworkIsTheMultusNetworkOfItsVms() throws Exception {
        Path file = HarvesterFidelityCliTest.LB.resolve("mutator-network-from-vmis.yaml");
        JsonNode json = simulate(file);
        assertEquals("modern-net", poolOf(json, "LoadBalancer/default/lb-modern"), json.toPrettyString());
        assertEquals("mgmt-untagged", poolOf(json, "LoadBalancer/default/lb-legacy"), json.toPrettyString());
        assertEquals("no-network", poolOf(json, "LoadBalancer/wrong-namespace/lb-other-namespace"));
        assertEquals("no-network", poolOf(json, "LoadBalancer/default/lb-other-cluster"));
        assertTrue(json.path("warnings").toString().contains("(LoadBalancer/lb-modern): mutated: metadata.annotations"
                + ".loadbalancer.harvesterhci.io/network: written (empty), the cluster stores \\\"default/modern-net\\\""
                + " (the mutating webhook takes the first Multus network of VirtualMachineInstance"
                + " default/any-vmi-name)"), json.path("warnings").toString());
        // the input's VMs of namespace default are all there is: lb-other-cluster's empty network is no gap in it
        assertFalse(json.path("warnings").toString().contains("in namespace default keep an empty network"),
                json.toPrettyString());
        CliContractTest.Run validate = CliContractTest.run("validate", file.toString());
        assertEquals(0, validate.code(), validate.all());
        assertFalse(validate.err().contains("VirtualMachineInstance of kubevirt.io/v1 is not one"), validate.all());
        assertTrue(validate.err().contains("(LoadBalancer/lb-legacy): mutated: metadata.annotations.loadbalancer"
                + ".harvesterhci.io/network: written (empty), the cluster stores \"default/mgmt-untagged\" (the"
                + " mutating webhook takes the first Multus network of VirtualMachineInstance"
                + " default/rke2-pool1-0032bbba-wdp7k)"), validate.all());

        Path withoutVmis = dir.resolve("without-vmis.yaml");
        String text = Files.readString(file);
        Files.writeString(withoutVmis, text.substring(text.indexOf("apiVersion: loadbalancer.harvesterhci.io")));
        JsonNode unread = simulate(withoutVmis);
        assertEquals("no-network", poolOf(unread, "LoadBalancer/default/lb-modern"), unread.toPrettyString());
        assertTrue(unread.path("warnings").toString().contains("guest-cluster load balancers of cluster modern-cluster"
                + " in namespace default keep an empty network: the mutating webhook takes the Multus network of the"
                + " cluster's VMs, and the input carries no VirtualMachineInstance in namespace default before them"),
                unread.path("warnings").toString());
    }

    private static final String DEFAULT_POOL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default}
            spec:
              ranges: [{subnet: 172.19.110.192/27}]
              selector:
                network: default/vlan10
                scope: [{guestCluster: "*", namespace: default, project: "*"}]
            ---
            """;
    private static final String GLOBAL_POOL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: global}
            spec:
              ranges: [{subnet: 172.19.111.192/27}]
              selector: {scope: [{guestCluster: "*", namespace: "*", project: "*"}]}
            ---
            """;
    private static final String VLAN100_POOLS = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: vlan-100-no-scope}
            spec:
              ranges: [{subnet: 172.19.111.10/27}]
              selector:
                network: default/vlan10
                scope: [{namespace: default}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: vlan-100-with-scope}
            spec:
              ranges: [{subnet: 172.19.112.10/27}]
              selector:
                network: default/vlan10
                scope: [{guestCluster: cluster1, namespace: default, project: project1}]
            ---
            """;
}
