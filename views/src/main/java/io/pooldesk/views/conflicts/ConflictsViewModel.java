package io.pooldesk.views.conflicts;

import io.pooldesk.model.conflicts.Conflict;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's conflicts across pool systems and with the network, as {@code pooldesk validate} reports them:
 * the workspace analysis computes them off the UI thread, and the maps mark the same ones.
 */
public final class ConflictsViewModel {
    /** One conflict as the table shows it. */
    public record Row(Conflict conflict, String kind, String pool, String other, String addresses, BigInteger count) {
    }

    private final WorkspaceViewModel workspace;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    public ConflictsViewModel(WorkspaceViewModel workspace) {
        this.workspace = workspace;
        workspace.analysisProperty().addListener((o, old, analysis) -> refresh());
        refresh();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The pool of the selected conflict, as the Pools page lists it; empty when none is selected or it is gone. */
    public Optional<PoolSummary> selectedPool() {
        Row row = selected.get();
        if (row == null || workspace.analysisProperty().get() == null) {
            return Optional.empty();
        }
        // an address held outside its system's pools leads to the other system's pool that contains it, if any
        List<Manifest> candidates = new java.util.ArrayList<>(List.of(row.conflict().pool()));
        if (row.conflict().other() != null) {
            candidates.add(row.conflict().other());
        }
        for (Manifest pool : candidates) {
            Optional<PoolSummary> found = workspace.analysisProperty().get().pools().stream()
                    .filter(p -> p.manifest().source().equals(pool.source())
                            && p.manifest().document() == pool.document())
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The conflicts of the workspace's analysis: the same result the maps mark. */
    private void refresh() {
        io.pooldesk.model.workspace.WorkspaceAnalysis analysis = workspace.analysisProperty().get();
        List<Conflict> conflicts = analysis == null ? List.of() : analysis.conflicts();
        rows.setAll(conflicts.stream().map(ConflictsViewModel::row).toList());
        summary.set(conflicts.isEmpty()
                ? "No conflicts: no address can be handed out by two pool systems, none is a node's,"
                + " a pod CIDR's or another pool's gateway or DHCP server, and every address a load"
                + " balancer holds is in a pool of its own system."
                : conflicts.size() + (conflicts.size() == 1 ? " conflict" : " conflicts")
                + ": each is an address that can be handed out twice. pooldesk validate reports the same.");
    }

    private static Row row(Conflict conflict) {
        String kind = conflict.kind().label();
        String other = conflict.other() != null ? conflict.other().describe()
                : conflict.kind() == Conflict.Kind.SERVICE_CIDR ? "--service-cidr" : "";
        return new Row(conflict, kind, conflict.pool().describe(), other, Conflict.listed(conflict.addresses()),
                conflict.addresses().size());
    }
}
