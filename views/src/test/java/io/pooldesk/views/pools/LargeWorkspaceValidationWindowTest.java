package io.pooldesk.views.pools;

import io.pooldesk.views.common.FxBackgroundWork;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workspace of 10,000 objects or more is validated once the filter has been still for a second, not when it opens
 * (PoolsPage.LARGE): validating 200,000 load balancers takes seconds of a core, and started with the workspace it ran
 * through the operator's first keys in the filter (391 and 405 ms a key at 20,000 load balancers, 262 and 233 ms
 * with the wait). Smaller workspaces are validated at once (PoolListWindowTest's Problems panel).
 */
@ExtendWith(ApplicationExtension.class)
class LargeWorkspaceValidationWindowTest {
    private MainWindow window;
    private WorkspaceViewModel model;
    private Path workspace;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Files.createTempDirectory("pooldesk-large");
        // second overlaps first: validate refuses it, a problem for the list to show
        Files.writeString(workspace.resolve("a-pools.yaml"), """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: first}
                spec: {ranges: [{subnet: 10.0.0.0/24}]}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: second}
                spec: {ranges: [{subnet: 10.0.0.0/25}]}
                """);
        StringBuilder maps = new StringBuilder();
        for (int i = 0; i < 9_998; i++) {
            maps.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
                    .append(", namespace: default}\n");
        }
        Files.writeString(workspace.resolve("b-config-maps.yaml"), maps);
        // opened and validated off the UI thread, as in the app: the wait starts when the list shows the workspace
        model = new WorkspaceViewModel(new FxBackgroundWork());
        window = new MainWindow(model);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
    }

    private String secondState() {
        var list = window.poolList();
        return list.table().getItems().stream().filter(p -> p.name().equals("second")).findFirst()
                .map(p -> list.state(p).words()).orElse("not listed");
    }

    @Test
    void tenThousandObjectsAreValidatedOnlyOnceTheFilterHasBeenStillForASecond(FxRobot robot) throws Exception {
        robot.interact(() -> model.open(workspace));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.poolList().table().getItems().size() == 2);
        assertEquals(10_000, model.manifests().size());
        assertEquals("ready", secondState(), "not validated when the workspace opens");
        // keys every 400 ms, for longer than the wait: validation keeps waiting while the operator types
        long typing = System.nanoTime();
        for (String text : new String[] {"s", "se", "sec", "seco", "secon", "second"}) {
            robot.interact(() -> window.poolList().filterField().setText(text));
            Thread.sleep(400);
            assertEquals("ready", secondState(), "not validated while typing, after '" + text + "'");
        }
        assertTrue(System.nanoTime() - typing > 2_000_000_000L, "typed for longer than the wait");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> secondState().equals("invalid"));
        assertEquals("invalid", secondState(), "validated once the filter went still");
    }
}
