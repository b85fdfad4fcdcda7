package io.pooldesk.views;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.map.Cell;
import io.pooldesk.views.map.CellState;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import io.pooldesk.views.shell.MainWindow;
import javafx.scene.control.Button;
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

import static io.pooldesk.views.WindowFixture.find;
import static io.pooldesk.views.WindowFixture.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IP Pools window driven as an operator would, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class PoolsWindowTest {
    private Path workspace;
    private Path recovery;

    private MainWindow window;

    private static final String POOLS = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default-pool}
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector:
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            """;

    private static String loadBalancers(String namespace, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            out.append("""
                    ---
                    apiVersion: loadbalancer.harvesterhci.io/v1beta1
                    kind: LoadBalancer
                    metadata: {name: lb-%d, namespace: %s}
                    spec:
                      ipam: pool
                      listeners: [{name: http, port: 80, backendPort: 8080, protocol: TCP}]
                    """.formatted(i, namespace));
        }
        return out.toString();
    }

    @Start
    void start(Stage stage) throws IOException {
        workspace = WindowFixture.workspace("pooldesk-window-test", WindowFixture.files("pools.yaml", POOLS,
                "load-balancers.yaml", loadBalancers("default", 5) + loadBalancers("team", 3)));
        recovery = Files.createTempDirectory("pooldesk-recovery");
        window = WindowFixture.show(stage, workspace, null, recovery);
    }

    private Window editorWindow(FxRobot robot) {
        return robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Create IP Pool")).findFirst().orElseThrow();
    }

    @Test
    void createPoolThroughRangeAndSelectorTabsWithLiveValidation(FxRobot robot) throws IOException {
        robot.interact(() -> window.newPool("harvester-lb"));
        Window editor = editorWindow(robot);
        robot.targetWindow(editor);
        Button save = find(robot, "save");

        type(robot, "pool-name", "team-pool");
        type(robot, "range-0-subnet", "192.168.100.0/25");
        WaitForAsyncUtils.waitForFxEvents();
        TextField subnet = find(robot, "range-0-subnet");
        assertTrue(subnet.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")),
                "the overlapping subnet is marked");
        assertTrue(robot.lookup("#range-0-subnet-error").queryLabeled().getText().contains("overlap with other pools"));
        assertTrue(save.isDisabled(), "Save is refused while a rule fails");

        type(robot, "range-0-subnet", "10.20.0.0/24");
        robot.clickOn("Selector");
        type(robot, "scope-0-namespace", "team");
        type(robot, "priority", "5");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(save.isDisabled(), "a valid pool can be saved");
        assertTrue(robot.lookup("#pool-preview").queryLabeled().getText().contains("253 usable addresses"));
        assertTrue(robot.lookup("#pool-preview").queryLabeled().getText().contains("3 load balancer(s) would choose it"));
        robot.clickOn(save);
        WaitForAsyncUtils.waitForFxEvents();

        String written = Files.readString(workspace.resolve("pools.yaml"));
        assertTrue(written.contains("name: team-pool"), written);
        assertTrue(written.contains("subnet: 10.20.0.0/24"), written);
        assertTrue(written.contains("namespace: team"), written);
        ValidationReport report = new ManifestValidator()
                .validate(ManifestReader.parse("pools.yaml", written).manifests());
        assertTrue(report.valid(), report.errors().toString());

        PoolSummary created = window.poolList().table().getItems().stream()
                .filter(p -> p.name().equals("team-pool")).findFirst().orElseThrow();
        assertEquals(3, created.used().intValue(), "the team load balancers moved to the new pool");
    }

    @Test
    void mapOfASlash24ShowsEveryAllocatedCell(FxRobot robot) {
        robot.interact(() -> window.select("default-pool"));
        WaitForAsyncUtils.waitForFxEvents();
        List<Cell> cells = window.detail().map().visibleCells();
        assertEquals(0, window.detail().map().level(), "a /24 shows one cell per address");
        assertEquals(256, cells.size(), "the whole subnet, network to broadcast");
        assertEquals(5, cells.stream().filter(c -> c.state() == CellState.ALLOCATED).count());
        assertEquals(CellState.RESERVED, cells.get(1).state(), "the gateway .1");
        assertEquals(CellState.OUTSIDE, cells.get(0).state(), "the network address");
        assertEquals(248, cells.stream().filter(c -> c.state() == CellState.FREE).count());
        assertEquals("192.168.100.2", cells.stream().filter(c -> c.state() == CellState.ALLOCATED).findFirst()
                .orElseThrow().span().first().toString());
    }

    @Test
    void exportWritesYamlThatValidateAccepts(FxRobot robot) throws IOException {
        Path out = workspace.resolve("export").resolve("pools.yaml");
        robot.interact(() -> {
            try {
                window.model().export(out, window.model().manifests());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ValidationReport report = new ManifestValidator()
                .validate(ManifestReader.parse(out.toString(), Files.readString(out)).manifests());
        assertTrue(report.valid(), report.errors().toString());
        assertEquals(9, report.checked());
    }

    @Test
    void anOpenFormKeepsARecoveryCopyThatOutlivesACrash(FxRobot robot) throws Exception {
        robot.interact(() -> window.newPool("harvester-lb"));
        robot.targetWindow(editorWindow(robot));
        type(robot, "pool-name", "half-done");
        type(robot, "range-0-subnet", "10.60.0.0/24");
        WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WorkspaceViewModel afterCrash = new WorkspaceViewModel(BackgroundWork.synchronous(),
                new io.pooldesk.model.workspace.RecoveryStore(recovery));
        robot.interact(() -> afterCrash.open(workspace));
        List<io.pooldesk.model.workspace.RecoveryStore.Recovered> left = afterCrash.unsavedEditsLeft();
        assertEquals(1, left.size(), "the unsaved form was kept");
        assertEquals("half-done", left.get(0).object().at("/metadata/name").asText());
        assertEquals("10.60.0.0/24", left.get(0).object().at("/spec/ranges/0/subnet").asText());
        robot.clickOn("#cancel");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(afterCrash.unsavedEditsLeft().isEmpty(), "a discarded form leaves no copy");
    }

    @Test
    void anEditOnDiskByAnotherProgramIsMergedNotOverwritten(FxRobot robot) throws IOException {
        String theirs = POOLS + "---\n"
                + "apiVersion: loadbalancer.harvesterhci.io/v1beta1\n"
                + "kind: IPPool\n"
                + "metadata: {name: added-elsewhere}\n"
                + "spec:\n"
                + "  ranges: [{subnet: 10.40.0.0/24}]\n"
                + "  selector:\n"
                + "    scope: [{project: \"*\", namespace: elsewhere, guestCluster: \"*\"}]\n";
        Files.writeString(workspace.resolve("pools.yaml"), theirs);
        robot.interact(() -> window.model().savePool(io.pooldesk.model.harvester.lb.HarvesterLbCodec.writePool(
                new io.pooldesk.model.harvester.lb.IpPool("mine", "",
                List.of(io.pooldesk.model.harvester.lb.PoolRangeSpec.ofSubnet("10.50.0.0/24")),
                new io.pooldesk.model.harvester.lb.PoolSelector("", 0,
                        List.of(new io.pooldesk.model.harvester.lb.ScopeTuple("*", "mine", "*"))),
                io.pooldesk.model.harvester.lb.IpPoolStatus.EMPTY, null)), "Create mine"));
        String merged = Files.readString(workspace.resolve("pools.yaml"));
        assertTrue(merged.contains("name: added-elsewhere"), merged);
        assertTrue(merged.contains("name: mine"), merged);
        assertTrue(window.model().statusProperty().get().contains("changed by another program"));
    }

    @Test
    void undoRestoresTheFileOnDisk(FxRobot robot) throws IOException {
        robot.interact(() -> window.select("default-pool"));
        String before = Files.readString(workspace.resolve("pools.yaml"));
        robot.interact(() -> window.model().savePool(io.pooldesk.model.harvester.lb.HarvesterLbCodec.writePool(
                new io.pooldesk.model.harvester.lb.IpPool("extra", "",
                List.of(io.pooldesk.model.harvester.lb.PoolRangeSpec.ofSubnet("10.30.0.0/24")),
                new io.pooldesk.model.harvester.lb.PoolSelector("", 0,
                        List.of(new io.pooldesk.model.harvester.lb.ScopeTuple("*", "other", "*"))),
                io.pooldesk.model.harvester.lb.IpPoolStatus.EMPTY, null)), "Create extra"));
        assertTrue(Files.readString(workspace.resolve("pools.yaml")).contains("name: extra"));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Files.readString(workspace.resolve("pools.yaml")).contains("name: extra"));
        assertEquals(ManifestReader.parse("a", before).manifests().get(0).object(),
                ManifestReader.parse("b", Files.readString(workspace.resolve("pools.yaml"))).manifests().get(0).object());
    }
}
