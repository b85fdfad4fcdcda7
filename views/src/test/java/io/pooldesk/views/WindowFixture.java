package io.pooldesk.views;

import io.pooldesk.model.workspace.RecoveryStore;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The window tests' shared set-up: a workspace folder of files written by the test, the main window on it with work
 * done synchronously (a test sees each result when the action returns), and the lookups and typing every window
 * test does.
 */
public final class WindowFixture {
    private WindowFixture() {
    }

    /** A new folder holding these files (name to text), in the order given. */
    public static Path workspace(String prefix, Map<String, String> files) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue());
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files in the order written: {@code files("a.yaml", A, "b.yaml", B)}. */
    public static Map<String, String> files(String... namesAndTexts) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndTexts.length; i += 2) {
            out.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return out;
    }

    /** The main window on {@code workspace}, shown on the test's stage; dialogs answered by {@code dialogs}. */
    public static MainWindow show(Stage stage, Path workspace, DialogService dialogs) {
        return show(stage, workspace, dialogs, new WorkspaceViewModel(BackgroundWork.synchronous()));
    }

    /** The same, with work run by {@code background} (one that records what it is given, say). */
    public static MainWindow show(Stage stage, Path workspace, DialogService dialogs, BackgroundWork background) {
        return show(stage, workspace, dialogs, new WorkspaceViewModel(background));
    }

    /** The same, with recovery copies of open forms kept in {@code recovery}. */
    public static MainWindow show(Stage stage, Path workspace, DialogService dialogs, Path recovery) {
        return show(stage, workspace, dialogs, new WorkspaceViewModel(BackgroundWork.synchronous(),
                new RecoveryStore(recovery)));
    }

    private static MainWindow show(Stage stage, Path workspace, DialogService dialogs, WorkspaceViewModel model) {
        MainWindow window = dialogs == null ? new MainWindow(model) : new MainWindow(model, null, dialogs);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.show();
        model.open(workspace);
        return window;
    }

    /** The node of that id in the robot's target window; fails when there is none. */
    public static <T extends Node> T find(FxRobot robot, String id) {
        T node = robot.lookup("#" + id).query();
        assertNotNull(node, "no node #" + id);
        return node;
    }

    /** Replaces a text field's text by typing, as the operator would. */
    public static void type(FxRobot robot, String id, String text) {
        TextField field = find(robot, id);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
    }

    /** A tab of the pool form ({@code tab-range}, {@code tab-selector}, ...). */
    public static Tab formTab(FxRobot robot, String id) {
        TabPane tabs = find(robot, "editor-tabs");
        return tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no tab " + id));
    }
}
