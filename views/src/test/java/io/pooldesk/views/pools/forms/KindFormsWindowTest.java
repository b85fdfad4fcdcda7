package io.pooldesk.views.pools.forms;

import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.views.common.ScriptedDialogs;
import io.pooldesk.views.shell.MainWindow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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
import java.util.List;

import io.pooldesk.views.WindowFixture;
import static io.pooldesk.views.WindowFixture.find;
import static io.pooldesk.views.WindowFixture.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MetalLB, OpenELB, managed-DHCP and NovaEdge forms driven as an operator would, headless: a field typed wrong
 * is marked with validate's own words and its tab is marked, Save says why it is off, and a fixed value is saved
 * into the file changing only that value, comments and layout kept byte for byte.
 */
@ExtendWith(ApplicationExtension.class)
class KindFormsWindowTest {
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
              serviceAllocation:
                priority: 5
                namespaces: [team-a]
            """;
    private static final String OPENELB = """
            apiVersion: network.kubesphere.io/v1alpha2
            kind: Eip
            metadata: {name: eip-lab}   # the lab's only Eip
            spec:
              address: 192.168.50.0/28  # announced by BGP
              protocol: bgp
              priority: 2               # after eip-main
              namespaces:
                - team-b
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
                  exclude: [172.19.0.100]
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
              addresses: [10.200.1.5]
            """;

    private Path workspace;
    private MainWindow window;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @Start
    void start(Stage stage) {
        workspace = WindowFixture.workspace("pooldesk-kind-forms", WindowFixture.files("metallb.yaml", METALLB,
                "openelb.yaml", OPENELB, "dhcp.yaml", DHCP, "novaedge.yaml", NOVAEDGE));
        window = WindowFixture.show(stage, workspace, dialogs);
    }

    @Test
    void metalLbPoolsAddressIsMarkedThenSavedAlone(FxRobot robot) throws IOException {
        editOneField(robot, "edge", "metallb.yaml", "tab-addresses", "spec-addresses-0", "10.0.10.0/24",
                "10.0.12.0/24");
    }

    @Test
    void openElbEipRefusesAMovedAddressAsItsWebhookDoesAndSavesAPriorityAlone(FxRobot robot) throws IOException {
        String before = Files.readString(workspace.resolve("openelb.yaml"));
        open(robot, "eip-lab");
        select(robot, "tab-address");
        type(robot, "spec-address", "192.168.50.0/33");
        expectRefused(robot, "tab-address", "spec-address",
                validateSays("openelb.yaml", before.replace("192.168.50.0/28", "192.168.50.0/33")));
        type(robot, "spec-address", "192.168.50.0/27");
        expectRefused(robot, "tab-address", "spec-address", "the address field is not allowed to be modified");
        type(robot, "spec-address", "192.168.50.0/28");
        select(robot, "tab-namespaces");
        type(robot, "spec-priority", "high");
        expectRefused(robot, "tab-namespaces", "spec-priority",
                validateSays("openelb.yaml", before.replace("priority: 2", "priority: high")));
        type(robot, "spec-priority", "3");
        saveAndExpect(robot, "openelb.yaml", before.replace("priority: 2", "priority: 3"));
    }

    @Test
    void dhcpPoolRefusesABadAndAMovedCidrAndSavesPausedAlone(FxRobot robot) throws IOException {
        String before = Files.readString(workspace.resolve("dhcp.yaml"));
        open(robot, "net-48");
        select(robot, "tab-network");
        type(robot, "spec-ipv4Config-cidr", "172.19.0.0/33");
        expectRefused(robot, "tab-network", "spec-ipv4Config-cidr",
                validateSays("dhcp.yaml", before.replace("172.19.0.0/16", "172.19.0.0/33")));
        type(robot, "spec-ipv4Config-cidr", "172.19.0.0/15");
        // the CRD's transition rule, in the API server's words
        expectRefused(robot, "tab-network", "spec-ipv4Config-cidr",
                "spec.ipv4Config.cidr: Invalid value: \"string\": CIDR is immutable");
        type(robot, "spec-ipv4Config-cidr", "172.19.0.0/16");
        select(robot, "tab-pool");
        robot.clickOn("#spec-paused");
        Button save = find(robot, "save");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(save.isDisabled(), robot.lookup("#save-blocked").queryLabeled().getText());
        robot.clickOn(save);
        WaitForAsyncUtils.waitForFxEvents();
        String after = Files.readString(workspace.resolve("dhcp.yaml"));
        List<String> added = new java.util.ArrayList<>(after.lines().toList());
        assertTrue(added.removeIf(line -> line.trim().equals("paused: true")), after);
        assertEquals(before.lines().toList(), added, "only paused: true was added, every other byte kept");
    }

    @Test
    void novaEdgePoolsCidrIsMarkedThenSavedAlone(FxRobot robot) throws IOException {
        editOneField(robot, "vips", "novaedge.yaml", "tab-addresses", "spec-cidrs-0", "10.200.0.0/28",
                "10.200.0.0/27");
    }

    @Test
    void aPoolOfEachKindIsCreatedThroughItsForm(FxRobot robot) throws IOException {
        create(robot, "metallb", "metallb.yaml", "lab", "tab-addresses", "spec-addresses-add", "spec-addresses-0",
                "10.0.20.0/24");
        create(robot, "openelb", "openelb.yaml", "eip-two", "tab-address", null, "spec-address", "192.168.60.0/28");
        create(robot, "novaedge", "novaedge.yaml", "vips-two", "tab-addresses", "spec-cidrs-add", "spec-cidrs-0",
                "10.201.0.0/28");
        create(robot, "harvester-dhcp", "dhcp.yaml", "net-50", "tab-network", null, "spec-networkName",
                "default/net-50", "spec-ipv4Config-cidr", "172.20.0.0/16", "spec-ipv4Config-serverIP", "172.20.0.2",
                "tab-pool", "spec-ipv4Config-pool-start", "172.20.0.10", "spec-ipv4Config-pool-end",
                "172.20.0.100");
        for (String file : new String[] {"metallb.yaml", "openelb.yaml", "novaedge.yaml", "dhcp.yaml"}) {
            String text = Files.readString(workspace.resolve(file));
            ValidationReport report = new ManifestValidator().validate(ManifestReader.parse(file, text).manifests());
            assertTrue(report.valid(), file + ": " + report.errors());
            assertEquals(2, report.checked(), file + " holds the saved pool and the new one");
        }
    }

    /**
     * Opens a new pool's form of the system, types the name, then each step: a tab id selects that tab, an
     * {@code -add} id clicks it, else the id is a field and the next value is typed into it; then saves.
     */
    private void create(FxRobot robot, String system, String file, String name, String... steps) throws IOException {
        robot.interact(() -> window.newPool(system));
        Window editor = robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith("Create ")).findFirst().orElseThrow();
        robot.targetWindow(editor);
        Button save = find(robot, "save");
        assertTrue(save.isDisabled(), "a blank pool cannot be saved");
        assertTrue(robot.lookup("#save-blocked").queryLabeled().getText().startsWith("Cannot save yet. Name: "),
                robot.lookup("#save-blocked").queryLabeled().getText());
        type(robot, "metadata-name", name);
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step == null) {
                continue;
            }
            if (step.startsWith("tab-")) {
                robot.interact(() -> ((TabPane) find(robot, "editor-tabs")).getSelectionModel()
                        .select(WindowFixture.formTab(robot, step)));
            } else if (step.endsWith("-add")) {
                robot.clickOn("#" + step);
            } else {
                type(robot, step, steps[++i]);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(save.isDisabled(), robot.lookup("#save-blocked").queryLabeled().getText());
        robot.clickOn(save);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.readString(workspace.resolve(file)).contains(name), file);
    }

    /**
     * Opens the pool's form, types a prefix beyond /32 into the field, expects validate's message for it under the
     * field and a marked tab, then types {@code fixed}, saves, and expects the file to differ only there.
     */
    private void editOneField(FxRobot robot, String pool, String file, String tabId, String fieldId, String saved,
                              String fixed) throws IOException {
        String before = Files.readString(workspace.resolve(file));
        open(robot, pool);
        select(robot, tabId);
        String bad = saved.substring(0, saved.indexOf('/')) + "/33";
        type(robot, fieldId, bad);
        expectRefused(robot, tabId, fieldId, validateSays(file, before.replace(saved, bad)));
        type(robot, fieldId, fixed);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(WindowFixture.formTab(robot, tabId).getStyleClass().contains("has-error"));
        saveAndExpect(robot, file, before.replace(saved, fixed));
        assertTrue(window.model().statusProperty().get().contains("saved"), window.model().statusProperty().get());
    }

    private void open(FxRobot robot, String pool) {
        robot.interact(() -> window.openEditorOn(pool));
        Window editor = robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith("Edit ") && s.getTitle().endsWith(" " + pool))
                .findFirst().orElseThrow();
        robot.targetWindow(editor);
        assertFalse(((Button) find(robot, "save")).isDisabled(), "the saved pool is valid");
    }

    private static void select(FxRobot robot, String tabId) {
        robot.interact(() -> ((TabPane) find(robot, "editor-tabs")).getSelectionModel().select(WindowFixture.formTab(robot, tabId)));
    }

    /** The field shows the message and is marked, its tab is marked, Save is off and says why beside it. */
    private static void expectRefused(FxRobot robot, String tabId, String fieldId, String message) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(message, ((Label) find(robot, fieldId + "-error")).getText());
        TextField field = find(robot, fieldId);
        assertTrue(field.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")),
                "the field is marked");
        assertTrue(WindowFixture.formTab(robot, tabId).getStyleClass().contains("has-error"), "its tab is marked");
        assertTrue(((Button) find(robot, "save")).isDisabled(), "Save is off while a rule fails");
        String why = robot.lookup("#save-blocked").queryLabeled().getText();
        assertTrue(why.startsWith("Cannot save yet. " + WindowFixture.formTab(robot, tabId).getText() + " tab: " + message), why);
    }

    private void saveAndExpect(FxRobot robot, String file, String expected) throws IOException {
        Button save = find(robot, "save");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(save.isDisabled(), robot.lookup("#save-blocked").queryLabeled().getText());
        robot.clickOn(save);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected, Files.readString(workspace.resolve(file)), "only the edited value changed, byte for byte");
    }

    /** The message {@code pooldesk validate} gives for the file's first error. */
    private static String validateSays(String file, String text) {
        ValidationReport report = new ManifestValidator().validate(ManifestReader.parse(file, text).manifests());
        assertFalse(report.valid(), "validate refuses the bad value");
        ManifestProblem first = report.errors().get(0);
        return first.message();
    }

}
