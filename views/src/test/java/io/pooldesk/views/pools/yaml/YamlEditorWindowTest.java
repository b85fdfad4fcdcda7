package io.pooldesk.views.pools.yaml;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.views.WindowFixture;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.shell.MainWindow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.VBox;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
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
import java.util.concurrent.TimeUnit;

import static io.pooldesk.views.WindowFixture.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The YAML tab's editor driven as an operator would, headless, on a pool of each of the five kinds: an error typed is
 * listed under the editor in the model's words with its line and field and Save says why it is off; a fixed text
 * shows its diff, and Write changes only the edited value in the file, every comment kept.
 */
@ExtendWith(ApplicationExtension.class)
class YamlEditorWindowTest {
    private static final String METALLB = """
            # lab pools: do not reorder, the speakers' config refers to them
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: edge
              namespace: metallb-system   # where the speakers run
            spec:
              addresses:
                - 10.0.10.0/24            # rack A
                - "10.0.11.10-10.0.11.20"
              autoAssign: true
            """;
    private static final String OPENELB = """
            apiVersion: network.kubesphere.io/v1alpha2
            kind: Eip
            metadata: {name: eip-lab}   # the lab's only Eip
            spec:
              address: 192.168.50.0/28  # announced by BGP
              protocol: bgp
              priority: 2               # after eip-main
            """;
    private static final String DHCP = """
            apiVersion: network.harvesterhci.io/v1alpha1
            kind: IPPool
            metadata:
              name: net-48
              namespace: default
            spec:
              networkName: default/net-48
              ipv4Config:
                serverIP: 172.19.0.2        # the DHCP server
                cidr: 172.19.0.0/16
                pool:
                  start: 172.19.0.10
                  end: 172.19.0.200
                router: 172.19.0.1
            """;
    private static final String NOVAEDGE = """
            apiVersion: novaedge.io/v1alpha1
            kind: ProxyIPPool
            metadata:
              name: vips
            spec:
              # the proxies' public addresses
              cidrs:
                - 10.200.0.0/28
            """;
    private static final String HARVESTER_LB = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default-pool}   # the cluster's first pool
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector:
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            """;

    private static final String LAB_CORE = """
            # the second lab pool
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: core, namespace: metallb-system}
            spec:
              addresses: [10.0.20.0/24]   # rack B
            """;
    private static final String LAB_SPARE = """
            # a document of its own, after core's
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: spare, namespace: metallb-system}
            spec: {addresses: [10.0.21.0/24]}
            """;

    private Path workspace;
    private MainWindow window;
    /** What background work said on the status line, in order. */
    private final List<String> statusLines = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        workspace = WindowFixture.workspace("pooldesk-yaml-editor", WindowFixture.files("metallb.yaml", METALLB,
                "openelb.yaml", OPENELB, "dhcp.yaml", DHCP, "novaedge.yaml", NOVAEDGE, "harvester.yaml", HARVESTER_LB,
                "metallb-lab.yaml", "---\n" + LAB_CORE + "---\n" + LAB_SPARE));
        BackgroundWork synchronous = BackgroundWork.synchronous();
        window = WindowFixture.show(stage, workspace, new ScriptedDialogs(), new BackgroundWork() {
            @Override
            public <T> void run(String what, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done,
                                java.util.function.Consumer<Throwable> failed) {
                if (!what.isEmpty()) {
                    statusLines.add(what);
                }
                synchronous.run(what, work, done, failed);
            }
        });
    }

    /** Selects the pool in the list and opens the YAML tab, as a click on the row and on the tab would. */
    private CodeArea openYaml(FxRobot robot, String pool) {
        robot.interact(() -> window.select(pool));
        TabPane tabs = find(robot, "detail-tabs");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        CodeArea area = find(robot, "yaml-editor");
        assertTrue(area.getText().contains("name: " + pool), area.getText());
        return area;
    }

    /** Selects {@code old} in the editor and types {@code typed} over it. */
    private static void replace(FxRobot robot, CodeArea area, String old, String typed) {
        int at = area.getText().indexOf(old);
        assertTrue(at >= 0, old + " not in " + area.getText());
        robot.clickOn(area);
        robot.interact(() -> area.selectRange(at, at + old.length()));
        robot.write(typed);
    }

    /** Waits until the check of what was typed is shown: Save says something other than "Checking". */
    private static String checked(FxRobot robot) {
        Label blocked = find(robot, "yaml-save-blocked");
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !blocked.getText().startsWith("Checking"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the check never ended: " + blocked.getText(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return blocked.getText();
    }

    private static String problems(FxRobot robot) {
        VBox list = find(robot, "yaml-problems");
        return list.getChildren().stream().map(n -> ((Labeled) n).getText()).toList().toString();
    }

    /** What {@code pooldesk validate} says of the file with this text, first error, without its source. */
    private static String validateSays(String file, String text) {
        ValidationReport report = new ManifestValidator().validate(ManifestReader.parse(file, text).manifests());
        assertFalse(report.valid(), text);
        return report.errors().get(0).message();
    }

    @Test
    void metalLbPoolEditedAsYamlShowsItsErrorsLiveThenItsDiffAndWritesOnlyTheEditedValue(FxRobot robot)
            throws IOException {
        String before = Files.readString(workspace.resolve("metallb.yaml"));
        CodeArea area = openYaml(robot, "edge");
        Button save = find(robot, "yaml-save");
        assertTrue(checked(robot).startsWith("Nothing to save"), "an unchanged pool has nothing to save");
        assertTrue(save.isDisabled());

        replace(robot, area, "10.0.10.0/24", "10.0.10.0/33");
        String reason = checked(robot);
        String says = validateSays("metallb.yaml", before.replace("10.0.10.0/24", "10.0.10.0/33"));
        assertTrue(problems(robot).contains("spec.addresses[0]: " + says), problems(robot));
        assertTrue(problems(robot).startsWith("[Line 9, column 7"), "the address is on the file's line 9: "
                + problems(robot));
        assertTrue(save.isDisabled(), "Save is off while a rule fails");
        assertEquals("Cannot save yet: 1 problem, at line 9.", reason);
        robot.interact(() -> area.moveTo(0));
        robot.clickOn(".yaml-problem");
        assertEquals(8, area.getCurrentParagraph(), "a click on the problem puts the caret on its line");
        assertEquals(6, area.getCaretColumn());

        replace(robot, area, "autoAssign: true", "autoAssign: [true");
        checked(robot);
        assertTrue(problems(robot).contains("not valid YAML"), problems(robot));
        assertTrue(problems(robot).matches("(?s)\\[Line \\d+, column \\d+: not valid YAML.*"), problems(robot));
        assertTrue(save.isDisabled());

        replace(robot, area, "autoAssign: [true", "autoAssign: true");
        replace(robot, area, "10.0.10.0/33", "10.0.12.0/24");
        assertEquals("", checked(robot), "the fixed pool can be saved");
        assertTrue(problems(robot).equals("[]"), problems(robot));
        assertFalse(save.isDisabled());

        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        YamlEditorView view = window.detail().yamlEditor();
        assertTrue(view.reviewing(), "Ctrl+S shows what will be written");
        CodeArea diff = find(robot, "yaml-diff");
        assertTrue(diff.getText().contains("\n-    - 10.0.10.0/24            # rack A\n"
                + "+    - 10.0.12.0/24            # rack A\n"), diff.getText());
        assertTrue(robot.lookup("#yaml-diff-summary").queryLabeled().getText().startsWith("1 line added, 1 line removed"));
        robot.clickOn("#yaml-write");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(before.replace("10.0.10.0/24", "10.0.12.0/24"), Files.readString(workspace.resolve("metallb.yaml")),
                "only the edited address changed; the comments, quotes and layout kept their bytes");
        assertFalse(view.reviewing());
        assertTrue(checked(robot).startsWith("Nothing to save"), "the editor holds what was written");
        assertTrue(window.poolList().table().getItems().stream().anyMatch(p -> p.name().equals("edge")
                && p.total().intValue() == 256 + 11), "the window shows the saved pool");
    }

    @Test
    void backFromTheDiffAndLeavingThePoolKeepTheTextAndRevertPutsTheSavedPoolBack(FxRobot robot) throws IOException {
        String before = Files.readString(workspace.resolve("novaedge.yaml"));
        CodeArea area = openYaml(robot, "vips");
        String saved = area.getText();
        replace(robot, area, "10.200.0.0/28", "10.200.0.0/27");
        assertEquals("", checked(robot));
        robot.clickOn("#yaml-save");
        assertTrue(window.detail().yamlEditor().reviewing());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.detail().yamlEditor().reviewing(), "Escape goes back to the editor");
        assertTrue(area.getText().contains("10.200.0.0/27"), "the text typed is still there");
        robot.interact(() -> window.select("edge"));
        robot.interact(() -> window.select("vips"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(area.getText().contains("10.200.0.0/27"), "edits left for another pool are there on coming back");
        assertNotNull(((javafx.scene.control.TabPane) find(robot, "detail-tabs")).getTabs().get(1).getGraphic(),
                "the YAML tab is marked while it holds unsaved edits");
        checked(robot);
        robot.interact(() -> area.moveTo(area.getText().indexOf("cidrs:")));
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(area.getText().contains("\n    cidrs:"), "Tab indents by two spaces: " + area.getText());
        assertEquals(List.of("key:cidrs"), area.getStyleSpans(area.getCurrentParagraph()).stream()
                .filter(span -> !span.getStyle().isEmpty())
                .map(span -> span.getStyle().iterator().next().replace("yaml-", "") + ":cidrs").toList(),
                "the typed line is coloured again");
        robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(area.isFocused(), "Ctrl+Tab leaves the editor");
        checked(robot);
        robot.clickOn("#yaml-revert");
        assertEquals(saved, area.getText(), "Revert puts the saved pool's YAML back");
        assertTrue(checked(robot).startsWith("Nothing to save"));
        assertEquals(before, Files.readString(workspace.resolve("novaedge.yaml")), "nothing was written");
    }

    @Test
    void everyKindOpensCleanAndAnEditIsCheckedByItsSystemsUpdateRules(FxRobot robot) {
        for (String pool : new String[] {"edge", "eip-lab", "net-48", "vips", "default-pool"}) {
            CodeArea area = openYaml(robot, pool);
            assertTrue(checked(robot).startsWith("Nothing to save"), pool + ": " + problems(robot));
            robot.clickOn(area);
            robot.interact(() -> area.moveTo(area.getLength()));
            robot.write("# checked\n");
            assertEquals("", checked(robot), pool + ": its saved YAML passes its system's rules: " + problems(robot));
            assertEquals("[]", problems(robot), pool);
            robot.clickOn("#yaml-revert");
        }
        // OpenELB's webhook refuses an update that moves the address (ValidateUpdate): validate alone never sees it
        CodeArea area = openYaml(robot, "eip-lab");
        replace(robot, area, "192.168.50.0/28", "192.168.50.0/27");
        checked(robot);
        assertTrue(problems(robot).contains("spec.address: the address field is not allowed to be modified"),
                problems(robot));
        // managed DHCP's CRD makes the CIDR immutable
        area = openYaml(robot, "net-48");
        replace(robot, area, "172.19.0.0/16", "172.19.0.0/15");
        checked(robot);
        assertTrue(problems(robot).contains("CIDR is immutable"), problems(robot));
        // a rename would be another object: the editor says so at the name
        area = openYaml(robot, "default-pool");
        replace(robot, area, "name: default-pool", "name: other-pool");
        checked(robot);
        assertTrue(problems(robot).contains("metadata.name: this editor saves IPPool default-pool"), problems(robot));
    }

    /**
     * Issue 15: the editor showed the pool as Pooldesk writes it, so the file's own comments were not there to read
     * while editing (they were kept on save). It shows the document's own text now, and a save still changes only the
     * edited value in the file.
     */
    @Test
    void theFilesOwnCommentsAreInTheEditorAndStayInTheFileAfterASave(FxRobot robot) throws IOException {
        String before = Files.readString(workspace.resolve("metallb.yaml"));
        CodeArea area = openYaml(robot, "edge");
        assertEquals(METALLB, area.getText(), "the editor holds the file's text, comments and layout included");
        assertTrue(checked(robot).startsWith("Nothing to save"));

        replace(robot, area, "10.0.10.0/24", "10.0.12.0/24");
        assertEquals("", checked(robot));
        assertTrue(statusLines.stream().noneMatch(s -> s.startsWith("Checking the YAML")),
                "the check is said beside Save, not on the status line, where it outlived the pool: " + statusLines);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#yaml-write");
        WaitForAsyncUtils.waitForFxEvents();

        String after = before.replace("10.0.10.0/24", "10.0.12.0/24");
        assertEquals(after, Files.readString(workspace.resolve("metallb.yaml")), "only the edited value changed");
        assertTrue(after.contains("# lab pools: do not reorder") && after.contains("# rack A"));
        assertEquals(after, area.getText(), "after the save the editor holds the file's text, its comments still there");
        assertTrue(checked(robot).startsWith("Nothing to save"));
    }

    /** A pool in a file of several documents shows its own document only, the comments between them included. */
    @Test
    void aPoolAmongOtherDocumentsShowsItsOwnDocumentWithItsComments(FxRobot robot) {
        assertEquals(LAB_CORE, openYaml(robot, "core").getText());
        assertEquals(LAB_SPARE, openYaml(robot, "spare").getText());
    }
}
