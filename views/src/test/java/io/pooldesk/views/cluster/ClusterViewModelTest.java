package io.pooldesk.views.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.cluster.ObjectDiff;
import io.pooldesk.cluster.ObjectOutcome;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.views.common.BackgroundWork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Cluster page's model against fabric8's mock API server: compare, dry-run, apply, compare again. */
@EnableKubernetesMockClient(crud = true)
class ClusterViewModelTest {
    private static final String POOLS = "/apis/loadbalancer.harvesterhci.io/v1beta1/ippools";
    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void nothingIsWrittenBeforeTheOperatorHasSeenTheDiffAndTheCompareStaysLive() throws Exception {
        server.expect().post().withPath(POOLS + "?fieldValidation=Strict&dryRun=All").andReply(201, r -> r.getBody().readUtf8()).always();
        var workspace = ManifestReader.parse("pools.yaml", """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: lab-pool}
                spec:
                  ranges: [{subnet: 10.70.0.0/24}]
                  selector: {scope: [{namespace: lab}]}
                """).manifests();
        ClusterViewModel model = new ClusterViewModel(BackgroundWork.synchronous(),
                context -> new ClusterGateway(new KubernetesClientBuilder().withConfig(client.getConfiguration())
                        .build()), () -> workspace);
        model.loadContexts(java.util.List.of("lab"));
        assertEquals("lab", model.context.get());

        model.compare();
        assertEquals(1, model.diffs.size());
        assertEquals(ObjectDiff.Change.CREATE, model.diffs.get(0).change());
        assertTrue(model.message.get().contains("1 object(s) differ from lab"), model.message.get());

        model.apply(true);
        assertEquals(ObjectOutcome.Result.WOULD_CREATE, model.outcomes.get(0).result());
        assertNull(client.genericKubernetesResources(ClusterKind.ALL.get(0).context()).withName("lab-pool").get());

        model.apply(false);
        assertEquals(ObjectOutcome.Result.CREATED, model.outcomes.get(0).result());
        model.compare();
        assertTrue(model.message.get().contains("already holds the workspace"), model.message.get());

        // someone edits the pool in the cluster: the page compares again by itself
        var live = client.genericKubernetesResources(ClusterKind.ALL.get(0).context()).withName("lab-pool").get();
        live.setAdditionalProperty("spec", java.util.Map.of("ranges", java.util.List.of(
                java.util.Map.of("subnet", "10.71.0.0/24")), "selector", java.util.Map.of("scope",
                java.util.List.of(java.util.Map.of("namespace", "lab")))));
        client.genericKubernetesResources(ClusterKind.ALL.get(0).context()).resource(live).update();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && model.diffs.stream()
                .noneMatch(d -> d.change() == ObjectDiff.Change.UPDATE)) {
            Thread.sleep(100);
        }
        assertEquals(ObjectDiff.Change.UPDATE, model.diffs.get(0).change(), "the watch compared again");
        assertTrue(model.diffs.get(0).fields().contains("spec.ranges[0].subnet: 10.71.0.0/24 -> 10.70.0.0/24"),
                model.diffs.get(0).fields().toString());
        model.stopWatching();
    }
}
