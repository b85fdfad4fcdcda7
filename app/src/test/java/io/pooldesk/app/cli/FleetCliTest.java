package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

import static io.pooldesk.app.cli.CliContractTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pooldesk fleet} and {@code pooldesk who} through one kubeconfig, against two fabric8 mock servers. */
class FleetCliTest {
    private static final String TOKEN = "never-print-this-token";
    private final KubernetesMockServer lab = server();
    private final KubernetesMockServer edge = server();
    private final KubernetesClient labClient = lab.createClient();
    private final KubernetesClient edgeClient = edge.createClient();

    @TempDir
    Path dir;
    private String kubeconfig;

    private static KubernetesMockServer server() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        return server;
    }

    private static void seed(KubernetesClient client, String yaml) {
        for (Manifest m : ManifestReader.parse("seed", yaml).manifests()) {
            GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(m.object(),
                    GenericKubernetesResource.class);
            var resources = client.genericKubernetesResources(ClusterKind.of(m).context());
            (m.namespace().isEmpty() ? resources.resource(object)
                    : resources.inNamespace(m.namespace()).resource(object)).create();
        }
    }

    @BeforeEach
    void clusters() throws Exception {
        seed(labClient, """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: tight}
                spec:
                  ranges: [{subnet: 10.10.0.0/24, rangeStart: 10.10.0.10, rangeEnd: 10.10.0.12}]
                  selector: {scope: [{namespace: prod}]}
                status:
                  allocated: {10.10.0.10: prod/api, 10.10.0.11: prod/web}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: roomy}
                spec:
                  ranges: [{subnet: 192.168.100.0/24}]
                  selector: {scope: [{namespace: default}]}
                """);
        seed(edgeClient, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: edge, namespace: metallb-system}
                spec: {addresses: [10.0.0.0/29]}
                """);
        Path config = dir.resolve("kubeconfig");
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                clusters:
                  - {name: lab, cluster: {server: "%s"}}
                  - {name: edge, cluster: {server: "%s"}}
                  - {name: down, cluster: {server: "http://127.0.0.1:1"}}
                users:
                  - {name: operator, user: {token: %s}}
                contexts:
                  - {name: lab, context: {cluster: lab, user: operator}}
                  - {name: edge, context: {cluster: edge, user: operator}}
                  - {name: down, context: {cluster: down, user: operator}}
                current-context: lab
                """.formatted(labClient.getMasterUrl(), edgeClient.getMasterUrl(), TOKEN));
        kubeconfig = config.toString();
    }

    @AfterEach
    void stop() {
        labClient.close();
        edgeClient.close();
        lab.destroy();
        edge.destroy();
    }

    @Test
    void fleetPrintsEachClusterExactlyAndTheFirstToRunOut() {
        CliContractTest.Run run = run("fleet", "--kubeconfig", kubeconfig, "--context", "lab", "--context", "edge");
        assertEquals(0, run.code(), run.all());
        List<String> lines = run.out().lines().toList();
        assertEquals("CONTEXT  POOLS  USED  TOTAL  FREE  UTILISATION  NEAREST TO FULL", lines.get(0));
        assertEquals("lab      2      2     256    254   0.8 %        IPPool tight: 1 of 3 free", lines.get(1));
        assertEquals("edge     1      0     8      8     0.0 %        IPAddressPool metallb-system/edge: 8 of 8 free",
                lines.get(2));
        assertEquals("first to run out: lab, IPPool tight: 1 of 3 free (ranked by fewest free addresses (no growth"
                + " rate is known for a cluster))", lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void fleetAsJsonGivesExactCountsAndAClusterThatCannotBeReadExitsOneWithTheGatewaysWords() throws Exception {
        CliContractTest.Run run = run("fleet", "--kubeconfig", kubeconfig, "--context", "lab", "--context", "down",
                "-o", "json");
        assertEquals(1, run.code(), run.all());
        JsonNode json = Yaml.json().readTree(run.out());
        JsonNode labNode = json.path("clusters").get(0);
        assertEquals("lab", labNode.path("context").asText());
        assertEquals(256, labNode.path("total").asLong());
        assertEquals(2, labNode.path("used").asLong());
        assertEquals(254, labNode.path("free").asLong());
        assertEquals("tight", labNode.path("nearestToFull").path("name").asText());
        assertEquals(1, labNode.path("nearestToFull").path("free").asLong());
        JsonNode down = json.path("clusters").get(1);
        assertTrue(down.path("error").asText().contains("cannot reach the cluster at http://127.0.0.1:1"),
                down.toString());
        assertEquals("lab", json.path("firstToRunOut").path("context").asText());
        assertEquals("tight", json.path("firstToRunOut").path("name").asText());
        assertFalse(run.all().contains(TOKEN), "credentials never appear in output");
    }

    @Test
    void whoAnswersWithClusterPoolAndHolderInEachCluster() {
        CliContractTest.Run held = run("who", "10.10.0.11", "--kubeconfig", kubeconfig, "--context", "lab",
                "--context", "edge");
        assertEquals(0, held.code(), held.all());
        assertEquals(List.of("lab: IPPool tight: held by prod/web", "edge: outside every pool"),
                held.out().lines().toList());
        CliContractTest.Run free = run("who", "10.0.0.3", "--kubeconfig", kubeconfig, "--context", "lab",
                "--context", "edge");
        assertEquals(List.of("lab: outside every pool", "edge: IPAddressPool metallb-system/edge: free"),
                free.out().lines().toList());
    }

    @Test
    void badArgumentsExitTwoNamingTheArgument() {
        CliContractTest.Run notAnAddress = run("who", "10.10.0.0/24", "--kubeconfig", kubeconfig, "--context", "lab");
        assertEquals(2, notAnAddress.code(), notAnAddress.all());
        assertEquals("error: ADDRESS: '10.10.0.0/24' is not one IP address (such as 10.0.0.5 or fd00::5)",
                notAnAddress.err().strip());
        CliContractTest.Run unknown = run("fleet", "--kubeconfig", kubeconfig, "--context", "lab", "--context",
                "nope");
        assertEquals(2, unknown.code(), unknown.all());
        assertTrue(unknown.err().startsWith("error: --context nope: "), unknown.err());
        assertEquals("", unknown.out(), "nothing is printed before every context is known");
        CliContractTest.Run twice = run("fleet", "--kubeconfig", kubeconfig, "--context", "lab", "--context", "lab");
        assertEquals(2, twice.code(), twice.all());
        assertEquals("error: --context lab is given twice", twice.err().strip());
        CliContractTest.Run none = run("fleet", "--kubeconfig", kubeconfig);
        assertEquals(2, none.code(), none.all());
        assertTrue(none.err().contains("--context"), none.err());
    }
}
