package io.pooldesk.views.pools;

import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.RecoveryStore;
import io.pooldesk.model.workspace.Workspace;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.balancers.LoadBalancersPage;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.Navigator;
import io.pooldesk.views.common.Page;
import io.pooldesk.views.pools.editor.PoolEditorWindow;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Supplier;

/** The IP Pools page: the list beside the selected pool's numbers, map and YAML; the form in a window of its own. */
public final class PoolsPage implements Page {
    private final WorkspaceViewModel workspace;
    private final PoolsViewModel model;
    private final DialogService dialogs;
    private final Supplier<Window> owner;
    private final PoolListView list = new PoolListView();
    private final PoolDetailView detail;
    private final SplitPane view;

    public PoolsPage(WorkspaceViewModel workspace, DialogService dialogs, Navigator navigator, Supplier<Window> owner) {
        this.workspace = workspace;
        this.dialogs = dialogs;
        this.owner = owner;
        this.model = new PoolsViewModel(workspace, dialogs);
        this.detail = new PoolDetailView(holder -> navigator.show(LoadBalancersPage.class).select(holder));
        view = new SplitPane(list, detail);
        view.setOrientation(Orientation.HORIZONTAL);
        view.setDividerPositions(0.64);
        workspace.analysisProperty().addListener((o, old, analysis) -> show(analysis));
        list.table().getSelectionModel().selectedItemProperty().addListener((o, old, pool) ->
                workspace.selectedPoolProperty().set(pool));
        workspace.selectedPoolProperty().addListener((o, old, pool) -> detail.show(pool, yamlOf(pool)));
        list.table().setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                editSelected();
            }
        });
    }

    @Override
    public String id() {
        return "pools";
    }

    @Override
    public String title() {
        return "IP Pools";
    }

    @Override
    public Node view() {
        return view;
    }

    public PoolsViewModel model() {
        return model;
    }

    public PoolListView list() {
        return list;
    }

    public PoolDetailView detail() {
        return detail;
    }

    private void show(WorkspaceAnalysis analysis) {
        list.setPools(analysis == null ? List.of() : analysis.pools());
        PoolSummary selected = workspace.selectedPoolProperty().get();
        detail.show(selected, yamlOf(selected));
    }

    private static String yamlOf(PoolSummary pool) {
        return pool == null ? "" : Workspace.render(List.of(pool.manifest().object()));
    }

    public void editSelected() {
        model.editable(list.selected()).ifPresent(this::openEditor);
    }

    public void deleteSelected() {
        model.delete(list.selected());
    }

    /** Opens the form for a new pool (null) or an existing one. */
    public Stage openEditor(IpPool pool) {
        return openEditor(pool, null);
    }

    /** Opens the form with {@code recovered}, a pool a crashed run left unsaved, in place of what the workspace holds. */
    public Stage openEditor(IpPool pool, IpPool recovered) {
        return PoolEditorWindow.open(owner.get(), workspace, dialogs, pool, recovered);
    }

    /** Points the list (and so the detail) at a pool, and only at it. */
    public void select(String poolName) {
        var table = list.table();
        table.getItems().stream().filter(p -> p.name().equals(poolName)).findFirst()
                .ifPresent(p -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(p)));
    }

    /** Offers to restore the form edits a crashed run left; each one accepted opens in its form. */
    public void offerRecovery() {
        List<RecoveryStore.Recovered> left = workspace.unsavedEditsLeft();
        if (left.isEmpty()) {
            return;
        }
        boolean restore = dialogs.confirm("Unsaved edits found", "Pooldesk closed before " + left.size()
                + " edit(s) were saved. Open them again?");
        for (var edit : left) {
            try {
                IpPool recovered = HarvesterLbCodec.readPool(new Manifest(edit.file().toString(), 1, edit.object()));
                workspace.discardUnsaved(edit.file().getFileName().toString().replace(".yaml", ""));
                if (restore) {
                    IpPool existing = workspace.harvesterPools().stream()
                            .filter(p -> p.name().equals(recovered.name())).findFirst().orElse(null);
                    openEditor(existing, recovered);
                }
            } catch (Exception e) {
                workspace.statusProperty().set("A recovery copy could not be read: " + e.getMessage());
            }
        }
    }
}
