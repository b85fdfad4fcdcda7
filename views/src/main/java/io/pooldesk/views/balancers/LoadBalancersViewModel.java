package io.pooldesk.views.balancers;

import io.pooldesk.model.workspace.LoadBalancerSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** The Load Balancers page's state: every request of the workspace as the engine served it, and the one selected. */
public final class LoadBalancersViewModel {
    private final ObservableList<LoadBalancerSummary> rows = FXCollections.observableArrayList();
    private final ObjectProperty<LoadBalancerSummary> selected = new SimpleObjectProperty<>(this, "selected");

    public LoadBalancersViewModel(ReadOnlyObjectProperty<WorkspaceAnalysis> analysis) {
        analysis.addListener((o, old, now) -> show(now));
        show(analysis.get());
    }

    private void show(WorkspaceAnalysis analysis) {
        rows.setAll(analysis == null ? List.of() : analysis.loadBalancers());
    }

    public ObservableList<LoadBalancerSummary> rows() {
        return rows;
    }

    public ObjectProperty<LoadBalancerSummary> selectedProperty() {
        return selected;
    }

    /** Selects the request held by {@code holder} ({@code namespace/name}); false when there is none. */
    public boolean select(String holder) {
        LoadBalancerSummary match = rows.stream().filter(lb -> (lb.namespace() + "/" + lb.name()).equals(holder))
                .findFirst().orElse(null);
        if (match != null) {
            selected.set(match);
        }
        return match != null;
    }
}
