package io.pooldesk.views.conflicts;

import io.pooldesk.views.common.Navigator;
import io.pooldesk.views.common.Page;
import io.pooldesk.views.pools.PoolsPage;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.Node;

/** The Conflicts page: addresses two pool systems can both hand out, or that a node, pods or a gateway use. */
public final class ConflictsPage implements Page {
    private final ConflictsViewModel model;
    private final ConflictsView view;

    public ConflictsPage(WorkspaceViewModel workspace, Navigator navigator) {
        model = new ConflictsViewModel(workspace);
        view = new ConflictsView(model, () -> model.selectedPool()
                .ifPresent(pool -> navigator.show(PoolsPage.class).select(pool)));
    }

    @Override
    public String id() {
        return "conflicts";
    }

    @Override
    public String title() {
        return "Conflicts";
    }

    @Override
    public Node view() {
        return view;
    }

    public ConflictsViewModel model() {
        return model;
    }

    public ConflictsView conflictsView() {
        return view;
    }
}
