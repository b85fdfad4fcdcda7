package io.pooldesk.views.balancers;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.model.workspace.LoadBalancerSummary;
import io.pooldesk.views.common.Columns;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

import java.util.List;

/** Every request: who holds which address from which pool, and for a pending one the reason in words. */
public final class LoadBalancersView extends BorderPane {
    private final TableView<LoadBalancerSummary> table;

    public LoadBalancersView(LoadBalancersViewModel model) {
        table = new TableView<>(model.rows());
        table.setId("lb-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No load balancers in this workspace."));
        TableColumn<LoadBalancerSummary, String> status = Columns.text("Status", lb -> lb.pending() ? "Pending" : "Ready", 75);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                pseudoClassStateChanged(Styles.STATE_DANGER, !empty && "Pending".equals(value));
                pseudoClassStateChanged(Styles.STATE_SUCCESS, !empty && "Ready".equals(value));
            }
        });
        // the address is what an operator looks for here: at 1024 pixels the squeezed columns cut it to "192.168.10..."
        // while Why pending stood empty for every served row; an IPv4 address keeps its width, a longer one its tooltip
        TableColumn<LoadBalancerSummary, String> address = Columns.longText("Address",
                lb -> lb.address() == null ? "-" : lb.address(), 140);
        address.setMinWidth(140);
        table.getColumns().setAll(List.of(status,
                Columns.text("Namespace", LoadBalancerSummary::namespace, 105),
                Columns.text("Name", LoadBalancerSummary::name, 120),
                Columns.text("Kind", LoadBalancerSummary::kind, 115),
                Columns.longText("Asks for", LoadBalancerSummary::requirements, 190),
                Columns.text("Pool", lb -> lb.pool() == null ? "-" : lb.pool(), 120),
                address,
                Columns.longText("Why pending", lb -> lb.reason() == null ? "" : lb.reason(), 320)));
        setCenter(table);
        model.selectedProperty().addListener((o, old, lb) -> {
            if (lb != null && lb != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(lb);
                table.scrollTo(lb);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, old, lb) -> model.selectedProperty().set(lb));
    }

    public TableView<LoadBalancerSummary> table() {
        return table;
    }
}
