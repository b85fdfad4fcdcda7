package io.pooldesk.views.conflicts;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.views.common.Columns;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** Every conflict in a table; the selected one's whole explanation below it, with a way to its pool. */
public final class ConflictsView extends BorderPane {
    private final TableView<ConflictsViewModel.Row> table;

    public ConflictsView(ConflictsViewModel model, Runnable showPool) {
        Label summary = new Label();
        summary.setId("conflicts-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        summary.setPadding(new Insets(8, 12, 8, 12));
        setTop(summary);

        table = new TableView<>(model.rows());
        table.setId("conflicts-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No conflicts in this workspace."));
        TableColumn<ConflictsViewModel.Row, String> count = Columns.text("Count", r -> r.count().toString(), 90);
        table.getColumns().setAll(List.of(
                Columns.text("Conflict", ConflictsViewModel.Row::kind, 130),
                Columns.text("Pool", ConflictsViewModel.Row::pool, 220),
                Columns.text("With", ConflictsViewModel.Row::other, 220),
                count,
                Columns.longText("Addresses", ConflictsViewModel.Row::addresses, 300)));
        setCenter(table);

        Label detail = new Label();
        detail.setId("conflict-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(detail, Priority.ALWAYS);
        Button open = new Button("Show pool");
        open.setId("conflict-show-pool");
        open.disableProperty().bind(model.selectedProperty().isNull());
        open.setOnAction(e -> showPool.run());
        // the explanation wraps; the button keeps its whole label beside it
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bottom = new HBox(12, detail, open);
        bottom.setPadding(new Insets(8, 12, 8, 12));
        setBottom(new VBox(bottom));

        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            model.selectedProperty().set(row);
            detail.setText(row == null ? "" : row.conflict().message());
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && model.selectedProperty().get() != null) {
                showPool.run();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.selectedProperty().get() != null) {
                showPool.run();
            }
        });
    }

    public TableView<ConflictsViewModel.Row> table() {
        return table;
    }
}
