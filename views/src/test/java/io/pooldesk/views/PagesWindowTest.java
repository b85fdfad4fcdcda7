package io.pooldesk.views;

import io.pooldesk.model.workspace.LoadBalancerSummary;
import io.pooldesk.views.balancers.LoadBalancersPage;
import io.pooldesk.views.cluster.ClusterPage;
import io.pooldesk.views.conflicts.ConflictsPage;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.Page;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.planning.ForecastPage;
import io.pooldesk.views.planning.ScenarioPage;
import io.pooldesk.views.pools.PoolsPage;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's pages found through its one list, and the Delete command asking the engine before the operator. */
@ExtendWith(ApplicationExtension.class)
class PagesWindowTest {
    private static final String HARVESTER = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default-pool}
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector:
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: spare-pool}
            spec:
              ranges: [{subnet: 10.9.0.0/24}]
              selector:
                scope: [{project: "*", namespace: nobody, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: LoadBalancer
            metadata: {name: web, namespace: default}
            spec: {ipam: pool}
            """;
    private static final String METALLB = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: edge, namespace: metallb-system}
            spec:
              addresses: [192.168.50.0/28]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ingress, namespace: edge}
            spec: {type: LoadBalancer}
            """;

    private Path workspace;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws IOException {
        workspace = Files.createTempDirectory("pooldesk-pages-test");
        Files.writeString(workspace.resolve("pools.yaml"), HARVESTER);
        Files.writeString(workspace.resolve("metallb.yaml"), METALLB);
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model, null, dialogs);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
        model.open(workspace);
    }

    private TabPane tabs(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(t -> t.getTabs().stream().anyMatch(tab -> "page-pools".equals(tab.getId())))
                .findFirst().orElseThrow();
    }

    @Test
    void everyPageIsListedOnceAndItsShortcutFollowsTheList(FxRobot robot) {
        List<Class<?>> order = window.registry().pages().stream().<Class<?>>map(Page::getClass).toList();
        assertEquals(List.of(PoolsPage.class, LoadBalancersPage.class, ScenarioPage.class, ForecastPage.class,
                ClusterPage.class, ConflictsPage.class, io.pooldesk.views.fleet.FleetPage.class), order);
        TabPane tabs = tabs(robot);
        assertEquals(List.of("page-pools", "page-balancers", "page-scenarios", "page-forecast", "page-cluster",
                        "page-conflicts", "page-fleet"),
                tabs.getTabs().stream().map(Tab::getId).toList());
        for (int i = window.registry().pages().size(); i >= 1; i--) {
            robot.push(KeyCode.CONTROL, KeyCode.getKeyCode(String.valueOf(i)));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(window.registry().pages().get(i - 1), window.registry().current(), "Ctrl+" + i);
        }
    }

    @Test
    void aHolderLinkShowsTheLoadBalancersPageWithTheRequestSelected(FxRobot robot) {
        robot.interact(() -> window.show(LoadBalancersPage.class).select("default/web"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.registry().current() instanceof LoadBalancersPage);
        LoadBalancerSummary selected = robot.lookup("#lb-table").queryTableView().getSelectionModel()
                .getSelectedItem() instanceof LoadBalancerSummary lb ? lb : null;
        assertEquals("web", selected == null ? null : selected.name(), "the holder's row is selected");
    }

    @Test
    void deletingAPoolInUseIsRefusedAtOnceWithoutFirstAskingToDelete(FxRobot robot) throws IOException {
        String before = Files.readString(workspace.resolve("pools.yaml"));
        robot.interact(() -> window.select("default-pool"));
        robot.clickOn("#pool-table");
        robot.interact(() -> window.select("default-pool"));
        robot.push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(0).startsWith("error: The cluster would refuse this delete"), dialogs.asked.get(0));
        assertTrue(dialogs.asked.get(0).contains("can't delete pool before releasing all the allocated IP"),
                dialogs.asked.get(0));
        assertEquals(before, Files.readString(workspace.resolve("pools.yaml")), "nothing written");
    }

    @Test
    void deletingAnUnusedPoolAsksThenWrites(FxRobot robot) throws IOException {
        dialogs.answer(true);
        robot.clickOn("#pool-table");
        robot.interact(() -> window.select("spare-pool"));
        robot.push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(0).startsWith("confirm: Delete pool spare-pool"), dialogs.asked.get(0));
        String after = Files.readString(workspace.resolve("pools.yaml"));
        assertFalse(after.contains("spare-pool"), after);
        assertTrue(after.contains("default-pool"), after);
    }

    @Test
    void aMetalLbPoolHoldingAnAddressIsDeletedWhenItsPoolSystemAllowsIt(FxRobot robot) throws IOException {
        // MetalLB's webhook has no rule against deleting a pool in use; the window follows the engine, not a rule of
        // its own
        dialogs.answer(true);
        robot.clickOn("#pool-table");
        robot.interact(() -> window.select("edge"));
        assertEquals(1, window.model().selectedPoolProperty().get().used().intValue(), "ingress holds an address");
        robot.push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("confirm: Delete pool edge from metallb.yaml? Undo (Ctrl+Z) brings it back."),
                dialogs.asked);
        assertFalse(Files.readString(workspace.resolve("metallb.yaml")).contains("IPAddressPool"));
    }

    @Test
    void aFieldChangedOnDiskAndInTheWindowIsPutToTheOperator(FxRobot robot) throws Exception {
        io.pooldesk.model.harvester.lb.IpPool spare = io.pooldesk.model.harvester.lb.HarvesterLbCodec.readPool(
                window.model().manifests().stream().filter(m -> m.name().equals("spare-pool")).findFirst()
                        .orElseThrow());
        Files.writeString(workspace.resolve("pools.yaml"), HARVESTER.replace("ranges: [{subnet: 10.9.0.0/24}]",
                "description: theirs\n  ranges: [{subnet: 10.9.0.0/24}]"));
        dialogs.answer(true);
        robot.interact(() -> window.model().savePool(io.pooldesk.model.harvester.lb.HarvesterLbCodec.writePool(
                new io.pooldesk.model.harvester.lb.IpPool(spare.name(), "mine", spare.ranges(), spare.selector(),
                        spare.status(), spare.original())), "Edit spare-pool"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(0).startsWith("choose between Take the file's and Keep mine"),
                dialogs.asked.get(0));
        String saved = Files.readString(workspace.resolve("pools.yaml"));
        assertTrue(saved.contains("description: theirs") && !saved.contains("description: mine"), saved);
    }
}
