package io.pooldesk.views.balancers;

import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.common.Page;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;

/** The Load Balancers page: who holds which address from which pool, and why a request waits. */
public final class LoadBalancersPage implements Page {
    private final LoadBalancersViewModel model;
    private final LoadBalancersView view;

    public LoadBalancersPage(ReadOnlyObjectProperty<WorkspaceAnalysis> analysis) {
        model = new LoadBalancersViewModel(analysis);
        view = new LoadBalancersView(model);
    }

    @Override
    public String id() {
        return "balancers";
    }

    @Override
    public String title() {
        return "Load Balancers";
    }

    @Override
    public Node view() {
        return view;
    }

    public LoadBalancersViewModel model() {
        return model;
    }

    /** Selects the request held by {@code holder} ({@code namespace/name}). */
    public void select(String holder) {
        model.select(holder);
    }
}
