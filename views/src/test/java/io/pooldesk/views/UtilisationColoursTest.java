package io.pooldesk.views;

import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.control.TableRow;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A nearly full pool's bar is amber and a full one's red, in both themes; a pool with room keeps the accent. */
@ExtendWith(ApplicationExtension.class)
class UtilisationColoursTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        Path workspace = Files.createTempDirectory("pooldesk-colours-test");
        StringBuilder yaml = new StringBuilder();
        Map<String, Integer> held = Map.of("full", 9, "nearly", 8, "roomy", 1);
        held.forEach((name, count) -> {
            int third = name.equals("full") ? 1 : name.equals("nearly") ? 2 : 3;
            yaml.append("""
                    apiVersion: loadbalancer.harvesterhci.io/v1beta1
                    kind: IPPool
                    metadata: {name: %s}
                    spec:
                      ranges: [{subnet: 10.%d.0.0/24, rangeStart: 10.%d.0.10, rangeEnd: 10.%d.0.19}]
                      selector:
                        scope: [{project: "*", namespace: %s, guestCluster: "*"}]
                    ---
                    """.formatted(name, third, third, third, name));
            for (int i = 0; i < count; i++) {
                yaml.append("""
                        apiVersion: loadbalancer.harvesterhci.io/v1beta1
                        kind: LoadBalancer
                        metadata: {name: lb-%d, namespace: %s}
                        spec: {ipam: pool}
                        ---
                        """.formatted(i, name));
            }
        });
        Files.writeString(workspace.resolve("pools.yaml"), yaml);
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
        model.open(workspace);
    }

    /** Each pool's bar fill, by pool name. */
    private Map<String, Color> fills(FxRobot robot) {
        Map<String, Color> out = new HashMap<>();
        robot.interact(() -> {
            window.poolList().table().applyCss();
            window.poolList().table().layout();
            for (var node : window.poolList().table().lookupAll(".table-row-cell")) {
                TableRow<?> row = (TableRow<?>) node;
                if (!(row.getItem() instanceof PoolSummary pool)) {
                    continue;
                }
                Region bar = (Region) row.lookup(".usage-bar");
                Region fill = (Region) bar.lookup(".bar");
                assertNotNull(fill.getBackground(), pool.name());
                out.put(pool.name(), (Color) fill.getBackground().getFills().get(0).getFill());
            }
        });
        return out;
    }

    @Test
    void aFullPoolIsRedANearlyFullOneAmberInBothThemes(FxRobot robot) {
        for (boolean dark : new boolean[] {false, true}) {
            if (dark) {
                robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.D);
                WaitForAsyncUtils.waitForFxEvents();
            }
            try {
                Map<String, Color> fills = fills(robot);
                assertEquals(3, fills.size(), fills.toString());
                Color full = fills.get("full");
                Color nearly = fills.get("nearly");
                Color roomy = fills.get("roomy");
                assertTrue(full.getRed() > full.getBlue() + 0.2 && full.getRed() > full.getGreen() + 0.2,
                        "90 % full is red: " + full);
                assertTrue(nearly.getRed() > nearly.getBlue() + 0.2 && nearly.getGreen() > nearly.getBlue(),
                        "80 % full is amber: " + nearly);
                assertTrue(roomy.getBlue() > roomy.getRed(), "10 % keeps the accent: " + roomy);
            } finally {
                if (dark) {
                    robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.D);
                }
            }
        }
    }
}
