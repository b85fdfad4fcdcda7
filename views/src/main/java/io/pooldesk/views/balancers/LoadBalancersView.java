package io.pooldesk.views.balancers;

import io.pooldesk.views.shell.Columns;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.model.workspace.LoadBalancerSummary;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

import java.util.List;

/** Every request: who holds which address from which pool, and for a pending one the reason in words. */
public final class LoadBalancersView extends BorderPane {
    private final ObservableList<LoadBalancerSummary> rows = FXCollections.observableArrayList();
    private final TableView<LoadBalancerSummary> table = new TableView<>(rows);

    public LoadBalancersView() {
        table.setId("lb-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No load balancers in this workspace."));
        TableColumn<LoadBalancerSummary, String> status = Columns.text("Status", lb -> lb.pending() ? "Pending" : "Ready", 80);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                pseudoClassStateChanged(Styles.STATE_DANGER, !empty && "Pending".equals(value));
                pseudoClassStateChanged(Styles.STATE_SUCCESS, !empty && "Ready".equals(value));
            }
        });
        table.getColumns().setAll(List.of(status,
                Columns.text("Namespace", LoadBalancerSummary::namespace, 100),
                Columns.text("Name", LoadBalancerSummary::name, 150),
                Columns.text("Kind", LoadBalancerSummary::kind, 100),
                Columns.text("Asks for", LoadBalancerSummary::requirements, 260),
                Columns.text("Pool", lb -> lb.pool() == null ? "-" : lb.pool(), 130),
                Columns.text("Address", lb -> lb.address() == null ? "-" : lb.address(), 120),
                Columns.text("Why pending", lb -> lb.reason() == null ? "" : lb.reason(), 320)));
        setCenter(table);
    }

    public void setLoadBalancers(List<LoadBalancerSummary> summaries) {
        rows.setAll(summaries);
    }

    /** Selects the request held by {@code holder} ({@code namespace/name}). */
    public void select(String holder) {
        rows.stream().filter(lb -> (lb.namespace() + "/" + lb.name()).equals(holder)).findFirst().ifPresent(lb -> {
            table.getSelectionModel().select(lb);
            table.scrollTo(lb);
        });
    }

    public TableView<LoadBalancerSummary> table() {
        return table;
    }
}
