package io.pooldesk.views;

import io.pooldesk.model.address.Address;
import io.pooldesk.views.map.Cell;
import io.pooldesk.views.map.CellState;
import io.pooldesk.views.map.UtilisationMap;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import io.pooldesk.views.shell.MainWindow;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A /16 pool in the window: a Hilbert map that zooms from the whole range to single addresses. */
@ExtendWith(ApplicationExtension.class)
class BigMapWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        Path workspace = Files.createTempDirectory("pooldesk-big-map-test");
        StringBuilder yaml = new StringBuilder("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: wide}
                spec:
                  ranges: [{subnet: 10.99.0.0/16}]
                  selector:
                    scope: [{project: "*", namespace: "*", guestCluster: "*"}]
                """);
        for (int i = 1; i <= 3; i++) {
            yaml.append("""
                    ---
                    apiVersion: loadbalancer.harvesterhci.io/v1beta1
                    kind: LoadBalancer
                    metadata: {name: lb-%d, namespace: default}
                    spec: {ipam: pool}
                    """.formatted(i));
        }
        Files.writeString(workspace.resolve("pools.yaml"), yaml);
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model);
        stage.setScene(window.createScene(stage));
        stage.show();
        model.open(workspace);
    }

    @Test
    void aSlash16IsAHilbertMapThatZoomsDownToSingleAddresses(FxRobot robot) throws Exception {
        robot.interact(() -> window.select("wide"));
        WaitForAsyncUtils.waitForFxEvents();
        UtilisationMap map = window.detail().map();
        assertTrue(map.hilbertMode(), "65,536 addresses are drawn as a Hilbert layout");
        int whole = map.level();
        List<Cell> overview = map.visibleCells();
        assertEquals(65_536L >> whole, overview.size(), "the whole /16 is in view");
        assertTrue(map.scaleText().startsWith("1 cell = "), map.scaleText());

        Address first = Address.parse("10.99.0.2");
        robot.interact(() -> map.zoomTowards(first, 1 << 12));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, map.level(), "zoomed in, one cell is one address");
        List<Cell> close = map.visibleCells();
        assertEquals(3, close.stream().filter(c -> c.state() == CellState.ALLOCATED).count(),
                "the three load balancers at .2, .3 and .4 are in view");
        assertTrue(close.stream().anyMatch(c -> c.single() && c.span().first().equals(first)
                && "default/lb-1".equals(c.holder())));
        assertEquals(CellState.RESERVED, close.stream().filter(c -> c.span().first().toString().equals("10.99.0.1"))
                .findFirst().orElseThrow().state(), "the gateway");

        robot.interact(map::reset);
        assertEquals(whole, map.level(), "Home shows it all again");
    }
}
