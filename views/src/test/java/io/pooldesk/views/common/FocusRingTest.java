package io.pooldesk.views.common;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A keyboard user sees where the focus is: on icon buttons, links and tab headers, in both themes. */
@ExtendWith(ApplicationExtension.class)
class FocusRingTest {
    private Scene scene;
    private TextField field;
    private Button icon;
    private Hyperlink link;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        field = new TextField();
        icon = new Button("", new FontIcon(Feather.TRASH_2));
        icon.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        link = new Hyperlink("← Back to IP Pools");
        tabs = new TabPane(new Tab("Range", new Label("range")), new Tab("Selector", new Label("selector")));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        scene = new Scene(new VBox(8, field, icon, link, tabs), 400, 300);
        Theme.apply(scene, false);
        stage.setScene(scene);
        stage.show();
        field.requestFocus();
    }

    @Test
    void tabbingShowsARingOnIconButtonsLinksAndTabHeadersInBothThemes(FxRobot robot) {
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> {
                Theme.apply(scene, dark);
                field.requestFocus();
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            assertSame(icon, scene.getFocusOwner());
            assertRing(icon, dark ? "dark" : "light");

            robot.push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            assertSame(link, scene.getFocusOwner());
            assertRing(link, dark ? "dark" : "light");
            assertEquals(null, visibleBorder(icon), "the ring leaves with the focus");

            robot.push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            assertSame(tabs, scene.getFocusOwner());
            Node header = tabs.lookup(".tab:selected > .tab-container");
            assertNotNull(header);
            assertRing((Region) header, (dark ? "dark" : "light") + " tab header");
        }
        robot.interact(() -> Theme.apply(scene, false));
    }

    private static void assertRing(Region node, String where) {
        BorderStroke stroke = visibleBorder(node);
        assertNotNull(stroke, "no focus ring on " + node + " (" + where + ")");
        assertTrue(stroke.getWidths().getTop() >= 2, where + ": a ring of " + stroke.getWidths().getTop() + " px");
    }

    /** The first border stroke that can be seen: opaque enough and at least a pixel wide. */
    private static BorderStroke visibleBorder(Region node) {
        Border border = node.getBorder();
        if (border == null) {
            return null;
        }
        return border.getStrokes().stream()
                .filter(s -> s.getTopStroke() instanceof Color c && c.getOpacity() > 0.5 && s.getWidths().getTop() >= 1)
                .findFirst().orElse(null);
    }
}
