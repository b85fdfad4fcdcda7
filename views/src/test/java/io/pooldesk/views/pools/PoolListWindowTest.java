package io.pooldesk.views.pools;

import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.shell.MainWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool list as operators expect it (issue 15), driven headless: the Ranges, State and Age columns, searching by
 * address, the Problems panel and Clone.
 */
@ExtendWith(ApplicationExtension.class)
class PoolListWindowTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private MainWindow window;
    private Stage stage;

    private static String pool(String name, String ranges, String created) {
        return """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: %s%s}
                spec:
                  ranges: %s
                  selector:
                    scope: [{project: "*", namespace: %s, guestCluster: "*"}]
                ---
                """.formatted(name, created == null ? "" : ", creationTimestamp: \"" + created + "\"", ranges, name);
    }

    private static String balancers(String namespace, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("""
                    apiVersion: loadbalancer.harvesterhci.io/v1beta1
                    kind: LoadBalancer
                    metadata: {name: lb-%d, namespace: %s}
                    spec:
                      ipam: pool
                      listeners: [{name: http, port: 80, backendPort: 8080, protocol: TCP}]
                    ---
                    """.formatted(i, namespace));
        }
        return out.toString();
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Path workspace = Files.createTempDirectory("pooldesk-list-test");
        String pools = pool("roomy", "[{subnet: 10.3.0.0/24, rangeStart: 10.3.0.10, rangeEnd: 10.3.0.19}, "
                + "{subnet: 10.3.1.0/24}, {subnet: 10.3.2.0/28}]", "2026-12-02T10:00:00Z")
                + pool("nearly", "[{subnet: 10.2.0.0/24, rangeStart: 10.2.0.10, rangeEnd: 10.2.0.19}]",
                "2026-12-07T07:00:00Z")
                + pool("full", "[{subnet: 10.1.0.0/24, rangeStart: 10.1.0.10, rangeEnd: 10.1.0.19}]", null)
                + pool("whole", "[{subnet: 10.0.0.0/24}]", "2026-12-07T09:40:00Z");
        // a second pool over whole's subnet: validate refuses the overlap, a problem planted for the list to show
        String clash = pool("clash", "[{subnet: 10.0.0.0/25}]", null);
        Files.writeString(workspace.resolve("pools.yaml"), pools);
        // read after pools.yaml: the pool that comes second is the one refused
        Files.writeString(workspace.resolve("zz-clash.yaml"), clash);
        Files.writeString(workspace.resolve("load-balancers.yaml"), balancers("roomy", 1) + balancers("nearly", 8)
                + balancers("full", 9));
        WorkspaceViewModel model = new WorkspaceViewModel(BackgroundWork.synchronous());
        window = new MainWindow(model);
        stage.setScene(window.createScene(stage));
        // the primary stage is shared by every test class: start at the window's own size, not the last test's
        stage.sizeToScene();
        stage.setWidth(1600);
        stage.setHeight(1000);
        stage.show();
        window.poolList().setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        model.open(workspace);
    }

    /** The text each shown pool's row has in the column of that title, by pool name. */
    private Map<String, String> column(FxRobot robot, String title) {
        Map<String, String> out = new HashMap<>();
        robot.interact(() -> {
            var table = window.poolList().table();
            table.applyCss();
            table.layout();
            TableColumn<PoolSummary, ?> wanted = table.getColumns().stream().filter(c -> c.getText().equals(title))
                    .findFirst().orElseThrow(() -> new AssertionError("no column " + title));
            for (Node node : table.lookupAll(".table-cell")) {
                if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() == wanted
                        && cell.getTableRow() != null && cell.getTableRow().getItem() instanceof PoolSummary p) {
                    out.put(p.name(), cell.getText());
                }
            }
        });
        return out;
    }

    private List<String> shownNames() {
        return window.poolList().table().getItems().stream().map(PoolSummary::name).sorted().toList();
    }

    private void filter(FxRobot robot, String text) {
        TextField field = window.poolList().filterField();
        robot.interact(() -> field.setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void rangesColumnShowsTheFirstRangeCompactlyAndHowManyMoreFollow(FxRobot robot) {
        Map<String, String> ranges = column(robot, "Ranges");
        assertEquals("10.0.0.0/24", ranges.get("whole"));
        assertEquals("10.3.0.10-10.3.0.19 +2", ranges.get("roomy"));
        assertEquals("10.2.0.10-10.2.0.19", ranges.get("nearly"));
    }

    /** NetBox's utilization_graph: amber from 75 %, red from 90 %; a refused pool is invalid, its problem the tooltip. */
    @Test
    void stateColumnSaysReadyNearlyFullFullOrInvalidWithValidatesProblem(FxRobot robot) {
        Map<String, String> state = column(robot, "State");
        assertEquals("ready", state.get("roomy"), "1 of 10 held");
        assertEquals("nearly full", state.get("nearly"), "8 of 10 held");
        assertEquals("full", state.get("full"), "9 of 10 held");
        assertEquals("invalid", state.get("clash"), "validate refuses the overlap");
        Map<String, javafx.scene.paint.Paint> fills = new HashMap<>();
        robot.interact(() -> robot.lookup(".table-cell").queryAll().forEach(n -> {
            if (n instanceof TableCell<?, ?> c && c.getText() != null && state.containsValue(c.getText())) {
                fills.put(c.getText(), c.getTextFill());
            }
        }));
        assertFalse(fills.get("ready").equals(fills.get("full")), "a full pool does not look like a roomy one");
        assertFalse(fills.get("ready").equals(fills.get("nearly full")), fills.toString());
        assertEquals(fills.get("full"), fills.get("invalid"), "both call for the operator, in the theme's danger colour");
        PoolSummary clash = window.poolList().table().getItems().stream().filter(p -> p.name().equals("clash"))
                .findFirst().orElseThrow();
        String problems = window.poolList().problemsOf(clash).toString();
        assertTrue(problems.contains("overlap"), problems);
        String tooltip = robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && "invalid".equals(c.getText())).<TableCell<?, ?>>query().getTooltip().getText();
        assertTrue(tooltip.contains("overlap"), tooltip);
    }

    /** kubectl's AGE (apimachinery duration.HumanDuration): 5d, 3h, 20m; "-" when the file has no timestamp. */
    @Test
    void ageColumnCountsFromCreationTimestampAsKubectlPrintsIt(FxRobot robot) {
        Map<String, String> age = column(robot, "Age");
        assertEquals("5d", age.get("roomy"));
        assertEquals("3h", age.get("nearly"));
        assertEquals("20m", age.get("whole"));
        assertEquals("-", age.get("full"));
    }

    @Test
    void searchingAnAddressFindsItsPoolAndWhoHoldsIt(FxRobot robot) {
        filter(robot, "10.3.0.10");
        assertEquals(List.of("roomy"), shownNames());
        String found = window.poolList().found().getText();
        assertTrue(window.poolList().found().isVisible());
        assertTrue(found.contains("roomy") && found.contains("held by") && found.contains("lb-0"), found);

        filter(robot, "10.2");
        assertEquals(List.of("nearly"), shownNames(), "the first octets find the pools inside them");
        filter(robot, "10.0.0.0/24");
        assertEquals(List.of("clash", "whole"), shownNames(), "a CIDR finds every pool it meets");
        filter(robot, "10.0.0.200");
        assertEquals(List.of("whole"), shownNames(), "an address past clash's /25 is only in whole");
        filter(robot, "roo");
        assertEquals(List.of("roomy"), shownNames(), "words still filter");
        assertFalse(window.poolList().found().isVisible());
        filter(robot, "");
        assertEquals(5, shownNames().size());
    }

    @Test
    void problemsPanelListsWhatValidateReportsAndAClickSelectsThePool(FxRobot robot) {
        ProblemsView problems = robot.lookup("#problems-panel").queryAs(ProblemsView.class);
        robot.interact(() -> problems.setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        var rows = problems.table().getItems();
        ProblemsView.Problem overlap = rows.stream().filter(p -> p.severity().equals("error")
                && p.message().contains("overlap")).findFirst().orElseThrow(() -> new AssertionError(rows.toString()));
        assertTrue(problems.getText().startsWith("Problems: "), problems.getText());
        String pool = overlap.object().substring(overlap.object().lastIndexOf('/') + 1);
        filter(robot, "roomy");
        robot.interact(() -> problems.table().scrollTo(overlap));
        Node row = robot.from(problems.table()).lookup(".table-row-cell").match(n -> n instanceof javafx.scene.control
                .TableRow<?> r && overlap.equals(r.getItem())).query();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.poolList().selected(), "the problem's pool is selected, the filter cleared to show it");
        assertEquals(pool, window.poolList().selected().name());
    }

    @Test
    void cloneOpensTheCreateFormPrefilledWithACopyNamedCopy(FxRobot robot) {
        robot.interact(() -> window.select("roomy"));
        robot.clickOn("#pool-clone");
        WaitForAsyncUtils.waitForFxEvents();
        Window form = robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Create")).findFirst().orElseThrow();
        robot.targetWindow(form);
        TextField name = robot.lookup("#pool-name").queryAs(TextField.class);
        assertEquals("roomy-copy", name.getText());
        TextField subnet = robot.lookup("#range-0-subnet").queryAs(TextField.class);
        assertEquals("10.3.0.0/24", subnet.getText());
        robot.clickOn("#cancel");
        robot.clickOn("OK");
    }

    /** The cell of that column in that pool's row. */
    private static TableCell<?, ?> cell(FxRobot robot, String title, String pool) {
        return robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && c.getTableColumn().getText().equals(title)
                && c.getTableRow() != null && c.getTableRow().getItem() instanceof PoolSummary p
                && p.name().equals(pool)).query();
    }

    /** What the cell shows: its text as laid out, an ellipsis where it was cut. */
    private static String shown(TableCell<?, ?> cell) {
        return cell.getChildrenUnmodifiable().stream().filter(n -> n instanceof javafx.scene.text.Text)
                .map(n -> ((javafx.scene.text.Text) n).getText()).findFirst().orElse("");
    }

    /** Points at the cell as the operator would and waits for its tooltip; returns what it says. */
    private static String hover(FxRobot robot, TableCell<?, ?> cell) {
        robot.moveTo((Node) cell);
        javafx.scene.control.Tooltip tip = cell.getTooltip();
        assertNotNull(tip, "the cell has a tooltip");
        try {
            WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, tip::isShowing);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the tooltip never showed", e);
        }
        // showing turns true before its onShowing handler has run on the UI thread: read the text after it
        WaitForAsyncUtils.waitForFxEvents();
        String[] text = new String[1];
        robot.interact(() -> text[0] = tip.getText());
        robot.moveTo((Node) robot.lookup("#pool-filter").query());
        return text[0];
    }

    /**
     * Issue 15: at 1024 pixels the Ranges and Free columns cut their text ("10.3.0.10-10...."); pointing at the cell
     * gives it whole: every range of the pool, and the exact free count.
     */
    @Test
    void rangesAndFreeCutAt1024PixelsGiveTheWholeTextInATooltip(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> ranges = cell(robot, "Ranges", "roomy");
        assertEquals("10.3.0.10-10.3.0.19 +2", ranges.getText());
        assertTrue(shown(ranges).endsWith("…") || shown(ranges).endsWith("..."),
                "the column cuts the text at 1024 pixels: " + shown(ranges));
        assertEquals("10.3.0.10-10.3.0.19\n10.3.1.0/24\n10.3.2.0/28", hover(robot, ranges));

        TableCell<?, ?> free = cell(robot, "Free", "roomy");
        PoolSummary roomy = window.poolList().table().getItems().stream().filter(p -> p.name().equals("roomy"))
                .findFirst().orElseThrow();
        assertEquals(String.format(java.util.Locale.ROOT, "%,d of %,d addresses free", roomy.available(),
                roomy.total()), hover(robot, free));
    }
}
