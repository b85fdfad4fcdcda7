package io.pooldesk.app.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.pooldesk.app.cli.CliContractTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** diff, apply and pull through a kubeconfig, against fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true)
class ClusterCliTest {
    private static final String POOLS = "/apis/loadbalancer.harvesterhci.io/v1beta1/ippools";
    private static final String TOKEN = "never-print-this-token";
    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;
    private String kubeconfig;

    @BeforeEach
    void kubeconfig() throws Exception {
        Path config = dir.resolve("kubeconfig");
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                  - name: operator
                    user: {token: %s}
                contexts:
                  - name: lab
                    context: {cluster: mock, user: operator}
                current-context: lab
                """.formatted(client.getMasterUrl(), TOKEN));
        kubeconfig = config.toString();
        // a real server keeps nothing from a dry-run; the mock would, so answer those requests as the server does
        server.expect().post().withPath(POOLS + "?fieldValidation=Strict&dryRun=All").andReply(201, r -> r.getBody().readUtf8()).always();
        server.expect().put().withPath(POOLS + "/default-ip-pool?fieldValidation=Strict&dryRun=All")
                .andReply(200, r -> r.getBody().readUtf8()).always();
    }

    @Test
    void diffThenDryRunThenApplyThenNothingLeft() throws Exception {
        String pools = CliContractTest.EXAMPLES.resolve("harvester-lb-ippools.yaml").toString();
        CliContractTest.Run diff = run("diff", "--kubeconfig", kubeconfig, "--context", "lab", pools);
        assertEquals(0, diff.code(), diff.all());
        assertTrue(diff.out().contains("+ IPPool/default-ip-pool (new)"), diff.out());
        assertTrue(diff.out().contains("4 object(s) differ"), diff.out());

        CliContractTest.Run dryRun = run("apply", "--kubeconfig", kubeconfig, "--context", "lab", "--dry-run",
                pools);
        assertEquals(0, dryRun.code(), dryRun.all());
        assertTrue(dryRun.out().contains("IPPool/default-ip-pool: would create"), dryRun.out());
        assertEquals(null, client.genericKubernetesResources(
                io.pooldesk.cluster.ClusterKind.ALL.get(0).context()).withName("default-ip-pool").get(),
                "a dry-run writes nothing");

        CliContractTest.Run apply = run("apply", "--kubeconfig", kubeconfig, pools);
        assertEquals(0, apply.code(), apply.all());
        assertTrue(apply.out().contains("IPPool/global-ip-pool: created"), apply.out());
        CliContractTest.Run again = run("apply", "--kubeconfig", kubeconfig, pools);
        assertTrue(again.out().contains("0 written, 0 not applied"), again.out());
        CliContractTest.Run noDiff = run("diff", "--kubeconfig", kubeconfig, pools);
        assertTrue(noDiff.out().contains("no differences"), noDiff.out());
        for (CliContractTest.Run r : new CliContractTest.Run[] {diff, dryRun, apply, again, noDiff}) {
            assertFalse(r.all().contains(TOKEN), "credentials never appear in output");
        }
    }

    @Test
    void pullSavesAWorkspaceThatSimulates() throws Exception {
        run("apply", "--kubeconfig", kubeconfig,
                CliContractTest.EXAMPLES.resolve("harvester-lb-ippools.yaml").toString());
        Path folder = dir.resolve("pulled");
        CliContractTest.Run pull = run("pull", "--kubeconfig", kubeconfig, folder.toString());
        assertEquals(0, pull.code(), pull.all());
        assertTrue(pull.out().contains("pulled 4 object(s)"), pull.out());
        assertTrue(pull.err().contains("note: Eip (network.kubesphere.io/v1alpha2) is not installed"), pull.err());
        assertFalse(Files.readString(folder.resolve("ippool-loadbalancer-harvesterhci-io.yaml")).contains(TOKEN));
        CliContractTest.Run simulate = run("simulate", folder.toString());
        assertEquals(0, simulate.code(), simulate.all());
    }

    @Test
    void anUnknownContextIsAWrongArgument() {
        CliContractTest.Run result = run("diff", "--kubeconfig", kubeconfig, "--context", "nope",
                CliContractTest.EXAMPLES.resolve("harvester-lb-ippools.yaml").toString());
        assertEquals(2, result.code());
        assertTrue(result.err().contains("no context named \"nope\""), result.err());
    }

    @Test
    void pullRefusesAFolderItDidNotWriteAndSaysWhatChangedInOneItDid() throws Exception {
        Path mine = java.nio.file.Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("pools.yaml"), "# the operator's own file\n");
        CliContractTest.Run refused = run("pull", "--kubeconfig", kubeconfig, mine.toString());
        assertEquals(2, refused.code(), refused.all());
        assertTrue(refused.err().contains("is not empty and Pooldesk did not pull into it before"), refused.err());
        assertEquals("# the operator's own file\n", Files.readString(mine.resolve("pools.yaml")));

        Path folder = dir.resolve("pulled");
        assertEquals(0, run("pull", "--kubeconfig", kubeconfig, folder.toString()).code());
        run("apply", "--kubeconfig", kubeconfig,
                CliContractTest.EXAMPLES.resolve("harvester-lb-ippools.yaml").toString());
        CliContractTest.Run again = run("pull", "--kubeconfig", kubeconfig, folder.toString());
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("+ IPPool/default-ip-pool"), again.out());
        assertTrue(again.out().contains("4 changed since the last pull"), again.out());
    }

    @Test
    void pullExitsOneWhenEveryListIsRefused() {
        server.expect().get().withPath(POOLS).andReturn(403, java.util.Map.of("kind", "Status", "code", 403,
                "message", "forbidden")).always();
        for (String path : java.util.List.of("/apis/network.harvesterhci.io/v1alpha1/ippools",
                "/apis/metallb.io/v1beta1/ipaddresspools", "/apis/network.kubesphere.io/v1alpha2/eips",
                "/apis/novaedge.io/v1alpha1/proxyippools", "/apis/loadbalancer.harvesterhci.io/v1beta1/loadbalancers",
                "/apis/network.harvesterhci.io/v1alpha1/virtualmachinenetworkconfigs",
                "/apis/novaedge.io/v1alpha1/proxyvips", "/api/v1/services")) {
            server.expect().get().withPath(path).andReturn(403, java.util.Map.of("kind", "Status", "code", 403,
                    "message", "forbidden")).always();
        }
        CliContractTest.Run pull = run("pull", "--kubeconfig", kubeconfig, dir.resolve("pulled").toString());
        assertEquals(1, pull.code(), pull.all());
        assertTrue(pull.err().contains("the cluster refused every list"), pull.err());
        assertFalse(Files.exists(dir.resolve("pulled")));
    }

    @Test
    void anObjectWithoutANameOrWithAPathForANameIsExitTwoNamingIt() throws Exception {
        Path pools = dir.resolve("unnamed.yaml");
        Files.writeString(pools, """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {labels: {team: blue}}
                spec: {ranges: [{subnet: 10.0.0.0/24}]}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: "../../../api/v1/namespaces/kube-system/secrets"}
                spec: {ranges: [{subnet: 10.1.0.0/24}]}
                """);
        for (String command : java.util.List.of("diff", "apply")) {
            CliContractTest.Run run = run(command, "--kubeconfig", kubeconfig, pools.toString());
            assertEquals(2, run.code(), run.all());
            assertTrue(run.err().contains(pools + ": document 1 (IPPool/(unnamed)): metadata.name: is missing"),
                    run.err());
        }
        Files.writeString(pools, Files.readString(pools).replace("{labels: {team: blue}}", "{name: fine}"));
        CliContractTest.Run path = run("apply", "--kubeconfig", kubeconfig, pools.toString());
        assertEquals(2, path.code(), path.all());
        assertTrue(path.err().contains("document 2"), path.err());
        io.fabric8.mockwebserver.http.RecordedRequest request;
        while ((request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            assertFalse(request.getPath().contains(".."), request.getPath());
        }
    }
}
