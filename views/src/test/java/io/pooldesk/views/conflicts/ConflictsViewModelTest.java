package io.pooldesk.views.conflicts;

import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Conflicts page lists what validate reports, follows the workspace, and leads to the pool to fix. */
class ConflictsViewModelTest {
    private static final String HARVESTER = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: shared}
            spec:
              ranges: [{subnet: 10.20.0.0/24}]
              selector: {scope: [{namespace: default}]}
            """;
    private static final String METALLB = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: shared, namespace: metallb-system}
            spec: {addresses: [%s]}
            """;
    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: worker-1}
            status: {addresses: [{type: InternalIP, address: 10.20.0.200}]}
            """;

    @TempDir
    Path dir;

    @Test
    void listsEachConflictWithItsAddressesAndLeadsToThePoolOfTheRightKind() throws IOException {
        Files.writeString(dir.resolve("pools.yaml"), HARVESTER + "---\n" + METALLB.formatted("10.20.0.192/26")
                + "---\n" + NODE);
        WorkspaceViewModel workspace = new WorkspaceViewModel(BackgroundWork.synchronous());
        workspace.open(dir);
        ConflictsViewModel model = new ConflictsViewModel(workspace);

        List<String> kinds = model.rows().stream().map(ConflictsViewModel.Row::kind).toList();
        assertEquals(List.of("Pools overlap", "Node address", "Node address"), kinds);
        ConflictsViewModel.Row overlap = model.rows().get(0);
        assertEquals("IPAddressPool/shared", overlap.pool());
        assertEquals("IPPool/shared", overlap.other());
        assertEquals("10.20.0.192-10.20.0.254", overlap.addresses());
        assertEquals(BigInteger.valueOf(63), overlap.count());
        assertTrue(model.summaryProperty().get().startsWith("3 conflicts"), model.summaryProperty().get());

        // both pools are named "shared": the way to the pool finds the MetalLB one, not the first of that name
        model.selectedProperty().set(overlap);
        assertEquals("IPAddressPool", model.selectedPool().orElseThrow().kind());
    }

    @Test
    void anAddressHeldOutsideItsSystemsPoolsLeadsToTheOtherSystemsPoolThatHandsItOut() throws IOException {
        Files.writeString(dir.resolve("pools.yaml"), HARVESTER + "---\n" + METALLB.formatted("10.30.0.0/24")
                + "---\n" + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: prod}
                spec: {type: LoadBalancer, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [{ip: 10.20.0.7}]}}
                """);
        WorkspaceViewModel workspace = new WorkspaceViewModel(BackgroundWork.synchronous());
        workspace.open(dir);
        ConflictsViewModel model = new ConflictsViewModel(workspace);

        ConflictsViewModel.Row held = model.rows().get(0);
        assertEquals(List.of("Held outside pools"), model.rows().stream().map(ConflictsViewModel.Row::kind).toList());
        assertEquals("Service/web", held.pool());
        assertEquals("IPPool/shared", held.other());
        model.selectedProperty().set(held);
        assertEquals("IPPool", model.selectedPool().orElseThrow().kind());
    }

    @Test
    void followsTheWorkspaceWhenAFileChanges() throws IOException {
        Path pools = dir.resolve("pools.yaml");
        Files.writeString(pools, HARVESTER + "---\n" + METALLB.formatted("10.20.0.192/26"));
        WorkspaceViewModel workspace = new WorkspaceViewModel(BackgroundWork.synchronous());
        workspace.open(dir);
        ConflictsViewModel model = new ConflictsViewModel(workspace);
        assertEquals(1, model.rows().size());

        Files.writeString(pools, HARVESTER + "---\n" + METALLB.formatted("10.30.0.0/26"));
        workspace.open(dir);
        assertEquals(List.of(), model.rows());
        assertTrue(model.summaryProperty().get().startsWith("No conflicts"), model.summaryProperty().get());
    }
}
