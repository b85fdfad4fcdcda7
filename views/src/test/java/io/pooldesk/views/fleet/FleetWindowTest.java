package io.pooldesk.views.fleet;

import atlantafx.base.theme.Styles;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.Theme;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Fleet page as an operator sees it, headless: ticking contexts, the utilisation bars coloured as the pool list
 * colours them (amber from 75 %, red from 90 %), the cluster with the first pool to run out marked, a cluster that
 * cannot be reached saying why in its row, and the address search.
 */
@ExtendWith(ApplicationExtension.class)
class FleetWindowTest {
    /** One address, held: 100 %, and nothing left. */
    static final String FULL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: last-one}
            spec:
              ranges: [{subnet: 10.20.0.0/24, rangeStart: 10.20.0.10, rangeEnd: 10.20.0.10}]
              selector: {scope: [{namespace: prod}]}
            status:
              allocated: {10.20.0.10: prod/db}
            """;
    /** Four addresses, three held: 75 %. */
    static final String NEARLY = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: four}
            spec:
              ranges: [{subnet: 10.30.0.0/24, rangeStart: 10.30.0.10, rangeEnd: 10.30.0.13}]
              selector: {scope: [{namespace: prod}]}
            status:
              allocated: {10.30.0.10: prod/a, 10.30.0.11: prod/b, 10.30.0.12: prod/c}
            """;

    private final KubernetesMockServer full = FleetViewModelTest.crudServer();
    private final KubernetesMockServer nearly = FleetViewModelTest.crudServer();
    private final KubernetesClient fullClient = full.createClient();
    private final KubernetesClient nearlyClient = nearly.createClient();
    private FleetViewModel model;

    @Start
    void start(Stage stage) {
        FleetViewModelTest.seed(fullClient, FULL);
        FleetViewModelTest.seed(nearlyClient, NEARLY);
        model = new FleetViewModel(context -> new ClusterGateway(new KubernetesClientBuilder().withConfig(
                switch (context) {
                    case "full" -> fullClient.getConfiguration();
                    case "nearly" -> nearlyClient.getConfiguration();
                    default -> new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                            .withRequestRetryBackoffLimit(0).build();
                }).build(), Duration.ofSeconds(10)), BackgroundWork::synchronous, Platform::runLater);
        model.loadContexts(List.of("nearly", "full", "down"));
        Scene scene = new Scene(new FleetView(model), 1100, 600);
        Theme.apply(scene, false);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        Platform.runLater(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        fullClient.close();
        nearlyClient.close();
        full.destroy();
        nearly.destroy();
    }

    private static TableRow<?> row(FxRobot robot, String context) {
        return robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof FleetViewModel.Row row && row.context().equals(context))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + context));
    }

    private static ProgressBar bar(TableRow<?> row) {
        return (ProgressBar) row.lookupAll(".progress-bar").iterator().next();
    }

    private static boolean has(Node node, javafx.css.PseudoClass state) {
        return node.getPseudoClassStates().contains(state);
    }

    @Test
    void tickedClustersShowTheirUtilisationColouredAndTheFirstToRunOutMarked(FxRobot robot) throws Exception {
        robot.clickOn("#fleet-context-nearly");
        robot.clickOn("#fleet-context-full");
        robot.clickOn("#fleet-context-down");
        WaitForAsyncUtils.waitFor(15, java.util.concurrent.TimeUnit.SECONDS, () -> model.rows.size() == 3
                && model.rows.stream().allMatch(r -> r.cluster() != null));
        WaitForAsyncUtils.waitForFxEvents();

        TableRow<?> fullRow = row(robot, "full");
        assertTrue(has(bar(fullRow), Styles.STATE_DANGER), "100 % is red");
        assertTrue(fullRow.getStyleClass().contains(FleetView.FIRST_TO_RUN_OUT), "its pool runs out first");
        TableRow<?> nearlyRow = row(robot, "nearly");
        assertTrue(has(bar(nearlyRow), Styles.STATE_WARNING), "75 % is amber");
        assertFalse(has(bar(nearlyRow), Styles.STATE_DANGER));
        assertFalse(nearlyRow.getStyleClass().contains(FleetView.FIRST_TO_RUN_OUT));
        assertTrue(robot.lookup("#fleet-first-to-run-out").queryLabeled().getText()
                .startsWith("First to run out: full, IPPool last-one with 0 of 1 addresses free"));

        TableRow<?> downRow = row(robot, "down");
        assertTrue(has(downRow, Styles.STATE_DANGER), "a cluster that cannot be read is marked");
        Set<String> texts = new java.util.HashSet<>();
        downRow.lookupAll(".fleet-wrapped").forEach(t -> texts.add(((javafx.scene.text.Text) t).getText()));
        assertTrue(texts.stream().anyMatch(t -> t != null && t.startsWith("reconnecting: ")
                && t.contains("cannot reach the cluster at http://127.0.0.1:1")), texts.toString());

        robot.clickOn("#fleet-search").write("10.30.0.12");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> answers = robot.lookup("#fleet-answers").queryAs(javafx.scene.layout.VBox.class)
                .getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertEquals("nearly: IPPool four: held by prod/c", answers.get(0));
        assertEquals("full: outside every pool", answers.get(1));

        robot.clickOn("#fleet-context-full");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("nearly", "down"), model.rows.stream().map(FleetViewModel.Row::context).toList());
        assertTrue(row(robot, "nearly").getStyleClass().contains(FleetView.FIRST_TO_RUN_OUT),
                "with full gone, nearly's pool is the first to run out");
    }
}
