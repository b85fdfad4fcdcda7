package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import javafx.scene.AccessibleRole;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A screen reader reads the map cell by cell: the arrow keys move a keyboard cursor over the cells of a map in rows,
 * and the map's accessible text is the cursor's cell as its tooltip describes it (address, state, holder); its
 * accessible help sums the whole pool up.
 */
@ExtendWith(ApplicationExtension.class)
class MapAccessibilityTest {
    private UtilisationMap map;
    private PoolSummary pool;

    @Start
    void start(Stage stage) throws Exception {
        String yaml = """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: edge}
                spec:
                  ranges: [{subnet: 10.40.0.0/24}]
                  selector: {scope: [{project: "*", namespace: default, guestCluster: "*"}]}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: web, namespace: default}
                spec: {ipam: pool}
                """;
        WorkspaceAnalysis analysis = WorkspaceAnalysis.of(ManifestReader.parse("pools.yaml", yaml).manifests());
        pool = analysis.pools().stream().filter(p -> p.extent() != null).findFirst().orElseThrow();
        map = new UtilisationMap();
        map.setModel(MapModel.of(pool));
        stage.setScene(new Scene(map, 400, 400));
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void theArrowKeysMoveACursorWhoseCellIsTheMapsAccessibleText(FxRobot robot) {
        Map.Entry<Address, String> held = pool.allocated().firstEntry();
        int octet = held.getKey().value().intValue() & 0xff;
        assertEquals(AccessibleRole.IMAGE_VIEW, map.getAccessibleRole());
        assertTrue(map.getAccessibleHelp().startsWith("Utilisation map of 10.40.0.0-10.40.0.255: "), map.getAccessibleHelp());
        assertTrue(map.getAccessibleHelp().contains(": 253 usable addresses, 1 allocated, 252 free."), map.getAccessibleHelp());

        robot.interact(map::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(map.getAccessibleText().startsWith("10.40.0.0 "), map.getAccessibleText());
        for (int i = 0; i < octet; i++) {
            robot.type(KeyCode.RIGHT);
        }
        WaitForAsyncUtils.waitForFxEvents();
        String text = map.getAccessibleText();
        assertTrue(text.startsWith(held.getKey() + " ") && text.endsWith(": " + held.getValue()), text);

        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(map.getAccessibleText().startsWith("10.40.0." + (octet + 16) + " "), map.getAccessibleText());
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(map.getAccessibleText().startsWith("10.40.0." + (octet + 15) + " "), map.getAccessibleText());
    }
}
