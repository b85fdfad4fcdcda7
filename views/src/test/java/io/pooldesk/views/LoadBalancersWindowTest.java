package io.pooldesk.views;

import io.pooldesk.views.balancers.LoadBalancersPage;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.shell.MainWindow;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Load Balancers page in the smallest window the README shows (1024x700), on the demo workspace. */
@ExtendWith(ApplicationExtension.class)
class LoadBalancersWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        Map<String, String> demo = new LinkedHashMap<>();
        try (var files = Files.list(Path.of("../resources/demo-workspace"))) {
            for (Path file : files.sorted().toList()) {
                demo.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        window = WindowFixture.show(stage, WindowFixture.workspace("pooldesk-balancers", demo), new ScriptedDialogs());
        stage.setWidth(1024);
        stage.setHeight(700);
    }

    /**
     * Found walking through the window at 1024x700 (issue 15): the squeezed columns cut every address of the demo's
     * default-pool to "192.168.10..." while Why pending stood empty beside it.
     */
    @Test
    void everyIpv4AddressIsShownWholeAt1024Pixels(FxRobot robot) {
        robot.interact(() -> window.show(LoadBalancersPage.class));
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> cell = robot.lookup("#lb-table .table-cell").queryAll().stream()
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "Address".equals(c.getTableColumn().getText()))
                .filter(c -> c.getText() != null && !c.getText().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no address on screen"));
        TableView<?> table = robot.lookup("#lb-table").queryAs(TableView.class);
        List<String> addresses = table.getItems().stream()
                .map(row -> String.valueOf(cell.getTableColumn().getCellData(table.getItems().indexOf(row))))
                .filter(a -> a.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")).toList();
        assertFalse(addresses.isEmpty(), "the demo's load balancers hold IPv4 addresses");
        double room = cell.getTableColumn().getWidth() - cell.snappedLeftInset() - cell.snappedRightInset();
        for (String address : addresses) {
            Text measure = new Text(address);
            measure.setFont(cell.getFont());
            assertTrue(measure.getLayoutBounds().getWidth() <= room, address + " is cut: "
                    + measure.getLayoutBounds().getWidth() + " pixels in a column of " + room);
        }
    }
}
