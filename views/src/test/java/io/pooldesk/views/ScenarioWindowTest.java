package io.pooldesk.views;

import io.pooldesk.model.planning.ScenarioComparison.RequestChange;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.planning.ScenarioPage;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario panel as an operator fills it: nothing filled in is silently left out, no reason is cut short. */
@ExtendWith(ApplicationExtension.class)
class ScenarioWindowTest {
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Path workspace;
    /** A scenario saved earlier in this workspace, by another run of the panel. */
    private static final String DRILL = """
            apiVersion: pooldesk.io/v1alpha1
            kind: Scenario
            metadata: {name: drill}
            steps:
              - delete: {kind: LoadBalancer, namespace: prod, name: svc-1}
            """;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Files.createTempDirectory("pooldesk-scenario-window-test");
        try (var files = Files.list(Path.of("../resources/demo-workspace"))) {
            for (Path f : files.toList()) {
                Files.copy(f, workspace.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(workspace.resolve("scenarios"));
        Files.writeString(workspace.resolve("scenarios/drill.yaml"), DRILL);
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model, null, dialogs);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
        model.open(workspace);
        window.show(ScenarioPage.class);
    }

    private static void type(FxRobot robot, String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
    }

    @Test
    void aFilledButUnaddedStepIsOfferedBeforeTheRun(FxRobot robot) {
        type(robot, "#scenario-count", "3");
        type(robot, "#scenario-prefix", "web-");
        dialogs.answer(true);
        robot.clickOn("#scenario-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(0).contains("Filled in but not added") && dialogs.asked.get(0).contains("3"),
                dialogs.asked.get(0));
        assertEquals(1, window.scenario().steps.size(), "the filled step was added");
        assertNotNull(window.scenario().result.get(), "and the run went ahead");
        assertEquals(3, window.scenario().result.get().requests().size(), window.scenario().message.get());

        robot.clickOn("#scenario-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size(), "added, it is not asked about again");
    }

    @Test
    void runningWithoutTheFilledStepLeavesItOut(FxRobot robot) {
        type(robot, "#scenario-count", "3");
        dialogs.answer(false);
        robot.clickOn("#scenario-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size());
        assertTrue(window.scenario().steps.isEmpty());
        assertTrue(window.scenario().message.get().startsWith("Add a step first"), window.scenario().message.get());
    }

    @Test
    void aPendingReasonTooLongForItsColumnIsWholeInItsTooltip(FxRobot robot) {
        type(robot, "#scenario-count", "300");
        type(robot, "#scenario-namespace", "prod");
        robot.clickOn("#scenario-add");
        robot.clickOn("#scenario-run");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Requests");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<RequestChange> requests = robot.lookup("#scenario-requests").queryTableView();
        assertTrue(requests.getItems().stream().anyMatch(r -> r.reason() != null && !r.reason().isEmpty()),
                "300 new load balancers in prod leave some pending");
        List<TableCell<?, ?>> why = robot.lookup("#scenario-requests .table-cell").queryAll().stream()
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "Why".equals(c.getTableColumn().getText()))
                .filter(c -> c.getItem() instanceof String text && !text.isEmpty()).toList();
        assertFalse(why.isEmpty(), "reasons are on screen");
        for (TableCell<?, ?> cell : why) {
            assertNotNull(cell.getTooltip(), "the reason " + cell.getItem() + " has a tooltip");
            assertEquals(cell.getItem(), cell.getTooltip().getText());
        }
    }

    /** Issue 15: Save overwrote a scenario saved earlier under the same name without a word. */
    @Test
    void savingUnderTheNameOfAnotherSavedScenarioAsksBeforeReplacingIt(FxRobot robot) throws IOException {
        type(robot, "#scenario-name", "drill");
        type(robot, "#scenario-count", "3");
        robot.clickOn("#scenario-add");
        dialogs.answer(false);
        robot.clickOn("#scenario-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(0).startsWith("confirm: A scenario named drill is already saved"),
                dialogs.asked.get(0));
        assertEquals(DRILL, Files.readString(workspace.resolve("scenarios/drill.yaml")), "the saved scenario is kept");
        String message = robot.lookup("#scenario-message").queryLabeled().getText();
        assertTrue(message.startsWith("Not saved: drill.yaml is kept"), message);

        dialogs.answer(true);
        robot.clickOn("#scenario-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Files.readString(workspace.resolve("scenarios/drill.yaml")).equals(DRILL),
                "replaced once the operator says so");
    }
}
