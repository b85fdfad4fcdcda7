package io.pooldesk.views;

import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.shell.MainWindow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;

import static io.pooldesk.views.WindowFixture.find;
import static io.pooldesk.views.WindowFixture.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The defects an operator trying the window first met (issue 15), each driven as they met it. */
@ExtendWith(ApplicationExtension.class)
class DeskWindowTest {
    private static final String POOLS = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default-pool}
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector:
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: team-pool}
            spec:
              ranges: [{subnet: 10.9.0.0/24}]
              selector:
                scope: [{project: "*", namespace: team, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: LoadBalancer
            metadata: {name: web, namespace: default}
            spec: {ipam: pool}
            """;

    private Path workspace;
    private MainWindow window;
    private Stage stage;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        workspace = WindowFixture.workspace("pooldesk-desk-test", WindowFixture.files("pools.yaml", POOLS));
        window = WindowFixture.show(stage, workspace, dialogs);
    }

    /**
     * Issue 15: a new pool's form was invalid by default (its scope clashed with an existing pool) and Save was off
     * without saying why, the error on an unmarked tab. The default scope (namespace default, priority 0) is
     * default-pool's, so the form starts at the lowest free priority and saves once named and given a range; a clash
     * the operator makes says why Save is off and marks the Selector tab.
     */
    @Test
    void aNewPoolsFormStartsValidAndSaysWhySaveIsOffAndMarksTheTabHoldingTheError(FxRobot robot) {
        robot.interact(() -> window.newPool("harvester-lb"));
        Window editor = robot.listTargetWindows().stream().filter(w -> w instanceof Stage s
                && "Create IP Pool".equals(s.getTitle())).findFirst().orElseThrow();
        robot.targetWindow(editor);
        Button save = find(robot, "save");
        type(robot, "pool-name", "new-pool");
        type(robot, "range-0-subnet", "10.30.0.0/24");
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(save.isDisabled(), "named and given a range, the new pool can be saved");
        robot.clickOn("Selector");
        TextField priority = find(robot, "priority");
        assertEquals("1", priority.getText(), "namespace default at priority 0 is default-pool's: the lowest free one");

        type(robot, "priority", "0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(save.isDisabled(), "the scope (namespace default) at priority 0 clashes with default-pool");
        Label blocked = find(robot, "save-blocked");
        assertTrue(blocked.isVisible());
        assertTrue(blocked.getText().startsWith("Cannot save yet. Selector tab: "), blocked.getText());
        assertTrue(WindowFixture.formTab(robot, "tab-selector").getStyleClass().contains("has-error"), "the Selector tab is marked");
        assertNotNull(WindowFixture.formTab(robot, "tab-selector").getGraphic());
        assertFalse(WindowFixture.formTab(robot, "tab-range").getStyleClass().contains("has-error"), "the Range tab has no problem");

        type(robot, "scope-0-namespace", "fresh");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(save.isDisabled());
        assertEquals("", blocked.getText());
        assertFalse(WindowFixture.formTab(robot, "tab-selector").getStyleClass().contains("has-error"));
        dialogs.answer(true);
        robot.clickOn("#cancel");
    }

    @Test
    void theStatusBarShowsOnlyThePageInFrontsMessage(FxRobot robot) {
        Label status = find(robot, "status");
        robot.interact(() -> window.model().statusProperty().set(""));
        robot.clickOn("#pool-table");
        robot.interact(() -> window.poolList().table().getSelectionModel().clearSelection());
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Select a pool first: its map is saved.", status.getText());
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT4);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", status.getText(), "the Forecast page does not show the IP Pools page's message");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Select a pool first: its map is saved.", status.getText(), "back on its page, it is said again");
    }

    @Test
    void theFilterKeepsTheSelectionAndGivesBackWhatItHid(FxRobot robot) {
        robot.interact(() -> window.select("team-pool"));
        robot.clickOn("#pool-filter");
        robot.write("team");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.poolList().table().getItems().size());
        assertEquals("team-pool", window.poolList().selected() == null ? null : window.poolList().selected().name());
        assertEquals("team-pool", window.model().selectedPoolProperty().get() == null ? null
                : window.model().selectedPoolProperty().get().name(), "the detail stays on it");
        robot.eraseText(4);
        robot.write("default");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.poolList().table().getItems().size(), "the filter hides team-pool");
        robot.eraseText(7);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, window.poolList().table().getItems().size());
        assertEquals("team-pool", window.poolList().selected() == null ? null : window.poolList().selected().name(),
                "cleared, the filter gives the selection back");
    }

    @Test
    void downFromTheFilterMovesIntoTheList(FxRobot robot) {
        robot.interact(() -> window.poolList().table().getSelectionModel().clearSelection());
        robot.clickOn("#pool-filter");
        robot.write("team");
        robot.push(javafx.scene.input.KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.poolList().table().isFocused(), "the list has the keyboard");
        assertEquals("team-pool", window.poolList().selected().name(), "the first match is selected");
    }

    @Test
    void theMapDrawsAtItsNewSizeAfterTheWindowGrows(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1000);
            stage.setHeight(420);
        });
        robot.interact(() -> window.select("default-pool"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            stage.setWidth(1260);
            stage.setHeight(790);
        });
        WaitForAsyncUtils.waitForFxEvents();
        var map = window.detail().map();
        javafx.scene.canvas.Canvas canvas = (javafx.scene.canvas.Canvas) map.getChildrenUnmodifiable().get(0);
        assertEquals(map.getWidth(), canvas.getWidth());
        assertEquals(map.getHeight(), canvas.getHeight());
        assertEquals(256, map.visibleCells().size(), "the whole /24 is laid out");
        // what is painted must be what a map born at this size paints
        javafx.scene.image.Image[] pictures = new javafx.scene.image.Image[2];
        robot.interact(() -> {
            io.pooldesk.views.map.UtilisationMap born = new io.pooldesk.views.map.UtilisationMap();
            born.setModel(map.modelProperty().get());
            born.resize(map.getWidth(), map.getHeight());
            born.layout();
            pictures[0] = canvas.snapshot(null, null);
            pictures[1] = born.getChildrenUnmodifiable().get(0).snapshot(null, null);
        });
        int[] painted = paintedExtent(pictures[0]);
        assertTrue(painted[0] > 100 && Math.abs(painted[0] - painted[1]) <= 2, "a /24 is 16 rows of 16 square"
                + " cells, but " + painted[0] + " wide and " + painted[1] + " tall are painted: the drawing is clipped");
        int[] expected = paintedExtent(pictures[1]);
        assertTrue(expected[1] > 300, "at this size the cells are large: " + expected[1]);
        assertEquals(expected[0] + "x" + expected[1], painted[0] + "x" + painted[1], "the grown map is not clipped");
    }

    @Test
    void theForecastsTimeAxisIsNamedForTheDatesItShows(FxRobot robot) {
        robot.interact(() -> {
            window.show(io.pooldesk.views.planning.ForecastPage.class);
            window.forecast().run();
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.chart.LineChart<?, ?> chart = find(robot, "forecast-chart");
        javafx.scene.chart.NumberAxis axis = (javafx.scene.chart.NumberAxis) chart.getXAxis();
        String firstTick = axis.getTickLabelFormatter().toString(0);
        assertTrue(firstTick.matches("\\d{1,2} [A-Z][a-z]{2}"), "the ticks are dates: " + firstTick);
        assertTrue(axis.getLabel().startsWith("Date"), axis.getLabel());
    }

    @Test
    void theLegendShowsTheMapsColoursBeforeAPoolIsSelectedAndFollowsTheTheme(FxRobot robot) {
        javafx.scene.shape.Rectangle free = find(robot, "legend-free");
        var map = window.detail().map();
        assertEquals(null, window.model().selectedPoolProperty().get());
        assertFalse(javafx.scene.paint.Color.BLACK.equals(free.getFill()), "not black before a pool is selected");
        assertEquals(map.paint(io.pooldesk.views.map.CellState.FREE), free.getFill());
        javafx.scene.paint.Paint light = free.getFill();
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertFalse(light.equals(map.paint(io.pooldesk.views.map.CellState.FREE)), "the dark theme has its own");
            assertEquals(map.paint(io.pooldesk.views.map.CellState.FREE), free.getFill(), "the legend follows it");
        } finally {
            robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.D);
        }
    }

    /** The width and height of what is painted, from the top left corner. */
    private static int[] paintedExtent(javafx.scene.image.Image image) {
        var pixels = image.getPixelReader();
        int right = 0;
        int bottom = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                javafx.scene.paint.Color c = pixels.getColor(x, y);
                if (c.getOpacity() > 0 && !(c.getRed() > 0.99 && c.getGreen() > 0.99 && c.getBlue() > 0.99)) {
                    right = Math.max(right, x + 1);
                    bottom = Math.max(bottom, y + 1);
                }
            }
        }
        return new int[] {right, bottom};
    }

    /** The icon-only buttons of a window: a graphic and no words. */
    private static java.util.List<javafx.scene.control.Button> iconButtons(FxRobot robot) {
        return robot.lookup(".button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getGraphic() != null
                        && (b.getText() == null || b.getText().isEmpty()))
                .map(n -> (javafx.scene.control.Button) n).toList();
    }

    /**
     * Issue 15, "accessible names for icon buttons": the pool form's trash buttons (a Range row, a Scope row) had
     * neither a name for a screen reader nor a tooltip; each icon-only button of the window and of the form has both.
     */
    @Test
    void everyIconButtonHasANameForScreenReadersAndATooltip(FxRobot robot) {
        var main = iconButtons(robot);
        assertFalse(main.isEmpty(), "the pool list's Clone is one");
        robot.interact(() -> window.newPool("harvester-lb"));
        Window editor = robot.listTargetWindows().stream().filter(w -> w instanceof Stage s
                && "Create IP Pool".equals(s.getTitle())).findFirst().orElseThrow();
        robot.targetWindow(editor);
        var form = new java.util.ArrayList<>(iconButtons(robot));
        robot.clickOn("Selector");
        WaitForAsyncUtils.waitForFxEvents();
        form.addAll(iconButtons(robot));
        assertTrue(form.stream().anyMatch(b -> "range-0-remove".equals(b.getId())), "the Range row's trash button");
        assertTrue(form.stream().anyMatch(b -> "scope-0-remove".equals(b.getId())), "the Scope row's trash button");
        for (var button : concat(main, form)) {
            assertTrue(button.getAccessibleText() != null && !button.getAccessibleText().isBlank(),
                    "#" + button.getId() + " has no name a screen reader can say");
            assertNotNull(button.getTooltip(), "#" + button.getId() + " has no tooltip");
        }
        assertEquals("Remove range 1", form.stream().filter(b -> "range-0-remove".equals(b.getId())).findFirst()
                .orElseThrow().getAccessibleText());
        dialogs.answer(true);
        robot.clickOn("#cancel");
    }

    private static java.util.List<javafx.scene.control.Button> concat(java.util.List<javafx.scene.control.Button> a,
                                                                      java.util.List<javafx.scene.control.Button> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
