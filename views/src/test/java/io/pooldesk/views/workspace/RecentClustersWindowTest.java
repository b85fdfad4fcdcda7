package io.pooldesk.views.workspace;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.views.cluster.ClusterViewModel;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.shell.DesktopSettings;
import io.pooldesk.views.shell.MainWindow;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * File > Open Recent lists the clusters opened before beside the folders, and the cluster open when the window
 * closed is the last workspace of the next start (as SettingsWindowTest checks for folders). Fabric8's mock API
 * server plays the cluster of context lab.
 */
@ExtendWith(ApplicationExtension.class)
@EnableKubernetesMockClient(crud = true)
class RecentClustersWindowTest {
    KubernetesClient client;

    private record Opened(Stage stage, MainWindow window, WorkspaceViewModel model) {
    }

    private Opened open(FxRobot robot, Path config) {
        Opened[] opened = new Opened[1];
        robot.interact(() -> {
            WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
            model.setClusterConnector(context -> new ClusterGateway(new KubernetesClientBuilder()
                    .withConfig(client.getConfiguration()).build()));
            ClusterViewModel cluster = new ClusterViewModel(BackgroundWork.synchronous(), context -> {
                throw new AssertionError("the Cluster page is not used here");
            }, model::toApply, Platform::runLater);
            MainWindow window = new MainWindow(model, cluster, new ScriptedDialogs());
            Stage stage = new Stage();
            stage.setScene(window.createScene(stage));
            // the primary stage is shared by every test class: start at the window's own size, not the last test's
            stage.sizeToScene();
            window.remember(new DesktopSettings(config), stage);
            stage.show();
            opened[0] = new Opened(stage, window, model);
        });
        return opened[0];
    }

    private static List<String> recent(Opened opened) {
        Menu recent = (Menu) ((MenuBar) opened.stage().getScene().lookup("#menu-bar")).getMenus().get(0).getItems()
                .stream().filter(i -> "menu-recent".equals(i.getId())).findFirst().orElseThrow();
        return recent.getItems().stream().map(MenuItem::getText).toList();
    }

    private static void fire(FxRobot robot, Opened opened, String label) {
        Menu recent = (Menu) ((MenuBar) opened.stage().getScene().lookup("#menu-bar")).getMenus().get(0).getItems()
                .stream().filter(i -> "menu-recent".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(() -> recent.getItems().stream().filter(i -> i.getText().equals(label)).findFirst()
                .orElseThrow().fire());
    }

    private static void close(FxRobot robot, Opened opened) {
        robot.interact(() -> {
            opened.stage().close();
            opened.window().shutdown();
        });
    }

    @Test
    void theClusterOpenedLastIsOfferedBesideTheFoldersAndIsTheLastWorkspaceAfterARestart(FxRobot robot)
            throws Exception {
        Path config = Files.createTempDirectory("pooldesk-recent-config");
        Path folder = Files.createTempDirectory("pooldesk-recent-ws").toAbsolutePath().normalize();
        Files.writeString(folder.resolve("pools.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: folder-pool, namespace: metallb-system}
                spec: {addresses: [10.90.0.0/24]}
                """);
        Opened first = open(robot, config);
        robot.interact(() -> first.model().open(folder));
        robot.interact(() -> first.model().openCluster("lab"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "lab".equals(first.model().clusterContextProperty()
                .get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(folder.toString()), recent(first), "the cluster open now is left out");
        close(robot, first);

        DesktopSettings settings = new DesktopSettings(config);
        assertEquals(java.util.Optional.of("lab"), settings.lastCluster(), "the cluster was open last");
        assertEquals(java.util.Optional.empty(), settings.lastWorkspace());
        assertEquals(List.of(folder), settings.recentWorkspaces(), "the folders among them, as before");

        Opened second = open(robot, config);
        try {
            robot.interact(() -> second.model().openCluster(settings.lastCluster().orElseThrow()));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "lab".equals(second.model()
                    .clusterContextProperty().get()));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(folder.toString()), recent(second));
            fire(robot, second, folder.toString());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(folder, second.window().workspaceFolder().toAbsolutePath().normalize());
            assertEquals(List.of("Cluster lab"), recent(second), "the cluster is offered beside the folders");
            fire(robot, second, "Cluster lab");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "lab".equals(second.model()
                    .clusterContextProperty().get()));
        } finally {
            close(robot, second);
        }
    }
}
