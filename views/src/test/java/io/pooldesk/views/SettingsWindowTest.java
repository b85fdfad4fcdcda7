package io.pooldesk.views;

import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.Theme;
import io.pooldesk.views.shell.DesktopSettings;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the window remembers between starts: closed and opened again on the same settings folder. */
@ExtendWith(ApplicationExtension.class)
class SettingsWindowTest {
    private Path workspace;
    private Path config;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Files.createTempDirectory("pooldesk-settings-ws");
        config = Files.createTempDirectory("pooldesk-settings-config");
        Files.writeString(workspace.resolve("pools.yaml"), """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: a-pool}
                spec:
                  ranges: [{subnet: 10.1.0.0/24}]
                  selector:
                    scope: [{project: "*", namespace: a, guestCluster: "*"}]
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: b-pool}
                spec:
                  ranges: [{subnet: 10.2.0.0/25}]
                  selector:
                    scope: [{project: "*", namespace: b, guestCluster: "*"}]
                """);
    }

    private MainWindow open(FxRobot robot, Stage[] stage) {
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
            window[0] = new MainWindow(model);
            stage[0] = new Stage();
            stage[0].setScene(window[0].createScene(stage[0]));
            window[0].remember(new DesktopSettings(config), stage[0]);
            stage[0].show();
            model.open(new DesktopSettings(config).lastWorkspace().orElse(workspace));
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window[0];
    }

    @Test
    void sizePlaceThemeWorkspaceColumnWidthsShownColumnsAndSortSurviveARestart(FxRobot robot) {
        Stage[] first = new Stage[1];
        MainWindow before = open(robot, first);
        TableView<PoolSummary> table = before.poolList().table();
        TableColumn<PoolSummary, ?> name = table.getColumns().stream().filter(c -> "Scope".equals(c.getText()))
                .findFirst().orElseThrow();
        String nameTitle = name.getText();
        robot.interact(() -> {
            first[0].setX(40);
            first[0].setY(30);
            first[0].setWidth(1111);
            first[0].setHeight(707);
            table.resizeColumn(name, 57);
            name.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(name);
            column(table, "Kind").setVisible(false);
            column(table, "Source").setVisible(true);
        });
        double width = name.getWidth();
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Theme.dark());
        robot.interact(() -> first[0].close());
        assertTrue(Files.isRegularFile(config.resolve("settings.properties")), "written where it was told, not in ~");

        robot.interact(() -> Theme.apply(first[0].getScene(), false));
        Stage[] second = new Stage[1];
        MainWindow after = open(robot, second);
        try {
            assertEquals(1111, second[0].getWidth(), 0.5);
            assertEquals(707, second[0].getHeight(), 0.5);
            assertEquals(40, second[0].getX(), 0.5);
            assertEquals(30, second[0].getY(), 0.5);
            assertTrue(Theme.dark(), "the dark theme again");
            assertEquals(workspace.toAbsolutePath(), after.workspaceFolder().toAbsolutePath(), "the last workspace");
            TableView<PoolSummary> again = after.poolList().table();
            TableColumn<PoolSummary, ?> column = again.getColumns().stream()
                    .filter(c -> nameTitle.equals(c.getText())).findFirst().orElseThrow();
            assertEquals(width, column.getWidth(), 1, "the column is as wide as it was left");
            assertEquals(1, again.getSortOrder().size());
            assertEquals(nameTitle, again.getSortOrder().get(0).getText());
            assertEquals(TableColumn.SortType.DESCENDING, again.getSortOrder().get(0).getSortType());
            assertEquals("b-pool", again.getItems().get(0).name(), "sorted as it was left");
            assertFalse(column(again, "Kind").isVisible(), "a column hidden stays hidden");
            assertTrue(column(again, "Source").isVisible(), "a column shown from the table's menu stays shown");
        } finally {
            robot.interact(() -> {
                Theme.apply(second[0].getScene(), false);
                second[0].close();
            });
        }
        assertFalse(Theme.dark());
    }

    private static TableColumn<PoolSummary, ?> column(TableView<PoolSummary> table, String title) {
        return table.getColumns().stream().filter(c -> title.equals(c.getText())).findFirst().orElseThrow();
    }

    @Test
    void theWorkspacesOpenedBeforeAreOfferedAfterARestart(FxRobot robot) throws IOException {
        Path other = Files.createTempDirectory("pooldesk-settings-other");
        Files.copy(workspace.resolve("pools.yaml"), other.resolve("pools.yaml"));
        Stage[] first = new Stage[1];
        MainWindow before = open(robot, first);
        robot.interact(() -> before.model().open(other));
        robot.interact(() -> first[0].close());

        Stage[] second = new Stage[1];
        MainWindow after = open(robot, second);
        try {
            assertEquals(other.toAbsolutePath(), after.workspaceFolder().toAbsolutePath(), "the last one opens");
            javafx.scene.control.Menu recent = (javafx.scene.control.Menu) ((javafx.scene.control.MenuBar)
                    second[0].getScene().lookup("#menu-bar")).getMenus().get(0).getItems().stream()
                    .filter(i -> "menu-recent".equals(i.getId())).findFirst().orElseThrow();
            assertEquals(java.util.List.of(workspace.toAbsolutePath().normalize().toString()),
                    recent.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList(),
                    "the one before is offered; the one open is not");
            robot.interact(() -> recent.getItems().get(0).fire());
            assertEquals(workspace.toAbsolutePath(), after.workspaceFolder().toAbsolutePath());
        } finally {
            robot.interact(() -> second[0].close());
        }
    }
}
