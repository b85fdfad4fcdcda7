package io.pooldesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pooldesk.app.cli.Cli;
import io.pooldesk.model.planning.ScenarioComparison.PoolChange;
import io.pooldesk.views.common.Counts;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import io.pooldesk.views.shell.MainWindow;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario panel driven as an operator would, on the bundled demo workspace: what it shows before and after 40 new
 * load balancers must be what {@code pooldesk simulate} prints for the scenario the panel saved.
 */
@ExtendWith(ApplicationExtension.class)
class ScenarioPanelTest {
    private Path workspace;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Files.createTempDirectory("pooldesk-scenario-test");
        try (var files = Files.list(Path.of("../resources/demo-workspace"))) {
            for (Path f : files.toList()) {
                Files.copy(f, workspace.resolve(f.getFileName()));
            }
        }
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
        model.open(workspace);
    }

    private static void type(FxRobot robot, String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(() -> field.setText(""));
        robot.write(text);
    }

    @Test
    void fortyNewLoadBalancersShowWhatTheCommandLinePrints(FxRobot robot) throws Exception {
        robot.clickOn("Scenarios");
        type(robot, "#scenario-name", "forty-in-prod");
        type(robot, "#scenario-count", "40");
        type(robot, "#scenario-prefix", "web-");
        type(robot, "#scenario-namespace", "prod");
        robot.clickOn("#scenario-add");
        robot.clickOn("#scenario-run");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#scenario-save");
        WaitForAsyncUtils.waitForFxEvents();

        Path saved = workspace.resolve("scenarios/forty-in-prod.yaml");
        assertTrue(Files.isRegularFile(saved), "the panel saves the scenario in the workspace");

        @SuppressWarnings("unchecked")
        TableView<PoolChange> table = robot.lookup("#scenario-pools").queryAs(TableView.class);
        Map<String, String[]> shown = new HashMap<>();
        for (PoolChange row : table.getItems()) {
            String before = (String) table.getColumns().get(2).getCellData(row);
            String after = (String) table.getColumns().get(3).getCellData(row);
            shown.put(row.name(), new String[] {before, after});
        }
        JsonNode today = simulate(workspace.toString());
        JsonNode whatIf = simulate(workspace.toString(), saved.toString());
        assertEquals(today.get("pools").size(), shown.size());
        for (JsonNode pool : whatIf.get("pools")) {
            String name = pool.get("name").asText();
            String[] row = shown.get(name);
            assertEquals(counts(pool), row[1], "after, pool " + name);
            JsonNode earlier = find(today, name);
            assertEquals(counts(earlier), row[0], "before, pool " + name);
        }
        assertEquals("24 / 26", shown.get("prod-pool")[0]);
        assertEquals("26 / 26", shown.get("prod-pool")[1]);

        long served = 0;
        long pending = 0;
        for (JsonNode allocation : whatIf.get("allocations")) {
            if (allocation.get("request").asText().startsWith("LoadBalancer/prod/web-")) {
                if (allocation.get("pool").isNull()) {
                    pending++;
                } else {
                    served++;
                }
            }
        }
        assertEquals(40, served + pending);
        String summary = robot.lookup("#scenario-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith(served + " served, " + pending + " pending"), summary);
    }

    private static String counts(JsonNode pool) {
        return Counts.compact(new java.math.BigInteger(pool.get("used").asText())) + " / "
                + Counts.compact(new java.math.BigInteger(pool.get("total").asText()));
    }

    private static JsonNode find(JsonNode report, String name) {
        for (JsonNode pool : report.get("pools")) {
            if (pool.get("name").asText().equals(name)) {
                return pool;
            }
        }
        throw new AssertionError("no pool " + name);
    }

    private static JsonNode simulate(String... files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[files.length + 3];
        args[0] = "simulate";
        args[1] = "--output";
        args[2] = "json";
        System.arraycopy(files, 0, args, 3, files.length);
        Cli.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
