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
        server.expect().post().withPath(POOLS + "?dryRun=All").andReply(201, r -> r.getBody().readUtf8()).always();
        server.expect().put().withPath(POOLS + "/default-ip-pool?dryRun=All")
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
}
