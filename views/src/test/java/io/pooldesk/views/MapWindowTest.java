package io.pooldesk.views;

import io.pooldesk.model.address.Address;
import io.pooldesk.views.balancers.LoadBalancersPage;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.map.Cell;
import io.pooldesk.views.map.UtilisationMap;
import io.pooldesk.views.pools.PoolsPage;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The map in rows as an operator reads it: /24 boundaries, a tooltip that follows the zoom, a way back from a click. */
@ExtendWith(ApplicationExtension.class)
class MapWindowTest {
    private static final String POOLS = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: wide}
            spec:
              ranges: [{subnet: 10.20.0.0/23}]
              selector:
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: offset}
            spec:
              ranges: [{subnet: 10.30.0.0/22, rangeStart: 10.30.0.100, rangeEnd: 10.30.1.199}]
              selector:
                scope: [{project: "*", namespace: other, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: LoadBalancer
            metadata: {name: web, namespace: default}
            spec: {ipam: pool}
            """;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Path workspace = Files.createTempDirectory("pooldesk-map-test");
        Files.writeString(workspace.resolve("pools.yaml"), POOLS);
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model);
        stage.setScene(window.createScene(stage));
        stage.setWidth(1180);
        stage.setHeight(760);
        stage.show();
        model.open(workspace);
    }

    private UtilisationMap showPool(FxRobot robot, String name) {
        robot.interact(() -> window.select(name));
        WaitForAsyncUtils.waitForFxEvents();
        return window.detail().map();
    }

    private static Point2D centre(FxRobot robot, UtilisationMap map, String address) {
        Point2D[] at = new Point2D[1];
        robot.interact(() -> at[0] = map.centreOf(Address.parse(address)));
        assertNotNull(at[0], address + " is on screen");
        return at[0];
    }

    /** The x of the map's first column: the least centre of any cell on screen. */
    private static double firstColumn(FxRobot robot, UtilisationMap map) {
        double[] least = new double[1];
        robot.interact(() -> least[0] = map.visibleCells().stream()
                .mapToDouble(c -> map.centreOf(c.span().first()).getX()).min().orElseThrow());
        return least[0];
    }

    @Test
    void aSlash23IsTwoSlash24sInRowsThatStartOnTheirBoundaries(FxRobot robot) {
        for (double width : new double[] {1180, 1020, 1500}) {
            robot.interact(() -> stage.setWidth(width));
            UtilisationMap map = showPool(robot, "wide");
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(map.hilbertMode());
            assertEquals(0, map.level(), "one cell per address");
            int columns = map.columns();
            assertEquals(0, 256 % columns, columns + " cells a row cut a /24 in the middle of a row");
            assertEquals(firstColumn(robot, map), centre(robot, map, "10.20.1.0").getX(), 0.01,
                    "the second /24 starts a row (window " + width + " wide)");
        }
    }

    @Test
    void aRangeStartingMidRowSitsInItsAddressesColumns(FxRobot robot) {
        UtilisationMap map = showPool(robot, "offset");
        WaitForAsyncUtils.waitForFxEvents();
        int columns = map.columns();
        double first = firstColumn(robot, map);
        assertEquals(first, centre(robot, map, "10.30.1.0").getX(), 0.01, "10.30.1.0 starts a row");
        double cell = centre(robot, map, "10.30.1.1").getX() - first;
        assertEquals(first + (100 % columns) * cell, centre(robot, map, "10.30.0.100").getX(), 0.01,
                "the range's first address .100 stands in column 100 mod " + columns + ", not in column 0");
    }

    @Test
    void theTooltipDescribesTheCellUnderThePointerAfterAZoom(FxRobot robot) {
        UtilisationMap map = showPool(robot, "wide");
        Point2D at = centre(robot, map, "10.20.0.37");
        Point2D screen = map.localToScreen(at);
        robot.moveTo(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(map.hoverText().startsWith("10.20.0.37  "), map.hoverText());

        robot.scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, map.level(), "the wheel zoomed out to two addresses a cell");
        Cell under = map.cellAt(map.screenToLocal(screen));
        assertNotNull(under);
        assertEquals(UtilisationMap.describe(under), map.hoverText(), "the tooltip says what is under the pointer now");
        assertNotEquals("10.20.0.37  Free", map.hoverText().trim());
    }

    @Test
    void aClickOnAHeldAddressOpensItsLoadBalancerWithAWayBack(FxRobot robot) {
        UtilisationMap map = showPool(robot, "wide");
        Address held = window.model().selectedPoolProperty().get().allocated().firstKey();
        robot.clickOn(map.localToScreen(centre(robot, map, held.toString())));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(window.registry().page(LoadBalancersPage.class), window.registry().current());
        assertEquals("default/web", window.registry().page(LoadBalancersPage.class).model().selectedProperty().get()
                .namespace() + "/" + window.registry().page(LoadBalancersPage.class).model().selectedProperty().get()
                .name());
        Hyperlink back = robot.lookup("#back-link").queryAs(Hyperlink.class);
        assertTrue(back.getParent().isVisible() && back.getParent().isManaged(), "the way back is shown");
        assertEquals("← Back to IP Pools", back.getText());

        robot.clickOn(back);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(window.registry().page(PoolsPage.class), window.registry().current());
        assertEquals("wide", window.poolList().selected().name(), "back where the operator was");
        assertFalse(back.getParent().isVisible(), "back on the page, there is nowhere to go back to");

        robot.clickOn(map.localToScreen(centre(robot, map, held.toString())));
        robot.push(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(window.registry().page(PoolsPage.class), window.registry().current(), "Alt+Left goes back too");
    }

    @Test
    void choosingAPageItselfOffersNoWayBack(FxRobot robot) {
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        Node bar = robot.lookup("#back-bar").query();
        assertFalse(bar.isVisible());
    }
}
