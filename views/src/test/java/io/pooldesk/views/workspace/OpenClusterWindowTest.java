package io.pooldesk.views.workspace;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.views.cluster.ClusterViewModel;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.shell.MainWindow;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File > Open Cluster on the real window: it offers the kubeconfig's contexts, and the chosen cluster becomes the
 * workspace, its pools listed, its context and connection in the status bar and the title.
 */
@ExtendWith(ApplicationExtension.class)
@EnableKubernetesMockClient(crud = true)
class OpenClusterWindowTest {
    KubernetesClient client;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private WorkspaceViewModel model;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new WorkspaceViewModel(BackgroundWork.synchronous());
        ClusterViewModel cluster = new ClusterViewModel(BackgroundWork.synchronous(), context -> gateway(),
                model::toApply, Platform::runLater);
        cluster.loadContexts(List.of("lab", "staging"));
        window = new MainWindow(model, cluster, dialogs);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(window::shutdown);
    }

    private ClusterGateway gateway() {
        return new ClusterGateway(new KubernetesClientBuilder().withConfig(client.getConfiguration()).build());
    }

    @Test
    void openClusterListsTheContextsAndShowsTheChosenClusterLiveInTheStatusBarAndTitle(FxRobot robot)
            throws Exception {
        ClusterKind pools = ClusterKind.ALL.stream().filter(k -> k.group().equals("metallb.io")).findFirst()
                .orElseThrow();
        client.genericKubernetesResources(pools.context()).inNamespace("metallb-system").resource(client
                .getKubernetesSerialization().unmarshal("""
                {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
                 "metadata": {"name": "web", "namespace": "metallb-system"}, "spec": {"addresses": ["10.80.0.0/24"]}}""",
                GenericKubernetesResource.class)).create();
        ClusterKind loadBalancers = ClusterKind.ALL.stream().filter(k -> k.kind().equals("LoadBalancer"))
                .findFirst().orElseThrow();
        client.genericKubernetesResources(loadBalancers.context()).inNamespace("web").resource(client
                .getKubernetesSerialization().unmarshal("""
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "LoadBalancer",
                 "metadata": {"name": "shop", "namespace": "web"}, "spec": {"ipam": "pool"}}""",
                GenericKubernetesResource.class)).create();
        model.setClusterConnector(context -> gateway());
        dialogs.pick("lab");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("choose one of [lab, staging]: The cluster of context:", dialogs.asked.get(0));
        Label where = robot.lookup("#workspace-label").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> where.getText().equals("Cluster: lab (live)"));
        assertEquals("lab (live) – Pooldesk", stage.getTitle());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.poolList().table().getItems().size() == 1);
        assertTrue(window.poolList().table().getItems().get(0).toString().contains("web")
                || robot.lookup("web").tryQuery().isPresent(), "the cluster's pool is listed");
        assertTrue(window.forecast().streams.stream().anyMatch(stream -> stream.describe().contains("web")),
                "the forecast suggests growth from the cluster's own load balancers: " + window.forecast().streams);

        var extra = (com.fasterxml.jackson.databind.node.ObjectNode) io.pooldesk.model.manifest.Yaml.json().readTree("""
                {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
                 "metadata": {"name": "extra", "namespace": "metallb-system"}, "spec": {"addresses": ["10.81.0.0/24"]}}""");
        robot.interact(() -> model.savePool(extra, "New pool extra"));
        assertEquals(1, model.toApply().size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), model.toApply(), "Ctrl+Z takes the edit out of the change set");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("extra"), model.toApply().stream().map(m -> m.name()).toList(),
                "Ctrl+Shift+Z puts it back");
    }
}
