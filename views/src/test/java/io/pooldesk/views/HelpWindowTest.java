package io.pooldesk.views;

import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.shell.HelpContent;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help: the version in About, the README in Documentation, the log in Show Log; the title names the workspace. */
@ExtendWith(ApplicationExtension.class)
class HelpWindowTest {
    private Path workspace;
    private Path log;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        workspace = Files.createTempDirectory("pooldesk-help-test");
        log = Files.createTempDirectory("pooldesk-help-log").resolve("pooldesk.log");
        Files.writeString(log, "2026-12-04 INFO io.pooldesk: Pooldesk 9.9.9 starting\n");
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        MainWindow window = new MainWindow(model);
        window.setHelp(new HelpContent("9.9.9", log, () -> "# Pooldesk\nThe README."));
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
        model.open(workspace);
    }

    private Window window(FxRobot robot, String title) {
        return robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith(title)).findFirst().orElseThrow(() -> new AssertionError("no " + title));
    }

    @Test
    void aboutSaysTheVersionAndDocumentationShowsTheReadme(FxRobot robot) {
        assertEquals(workspace.getFileName() + " – Pooldesk", stage.getTitle(), "the title names the workspace");
        robot.clickOn("Help").clickOn("About Pooldesk");
        WaitForAsyncUtils.waitForFxEvents();
        Stage about = (Stage) window(robot, "About Pooldesk");
        String text = about.getScene().getRoot().lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(text.contains("Pooldesk 9.9.9"), text);
        assertTrue(text.contains(log.toString()), "About says where the log is: " + text);
        robot.interact(about::close);

        robot.push(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        Stage docs = (Stage) window(robot, "Pooldesk documentation");
        assertTrue(((TextArea) docs.getScene().lookup("#help-text")).getText().contains("The README."));
        robot.interact(docs::close);

        robot.clickOn("Help").clickOn("Show Log");
        WaitForAsyncUtils.waitForFxEvents();
        Stage shown = (Stage) window(robot, "Pooldesk log");
        assertTrue(((TextArea) shown.getScene().lookup("#help-text")).getText().contains("Pooldesk 9.9.9 starting"));
        robot.interact(shown::close);
    }
}
