package io.pooldesk.views.conflicts;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.views.common.Columns;
import io.pooldesk.views.map.CellState;
import io.pooldesk.views.map.MapModel;
import io.pooldesk.views.map.UtilisationMap;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.List;

/**
 * Every conflict in a table; the selected one's whole explanation below it, with a way to its pool, and the map of that
 * pool with every address in conflict marked.
 */
public final class ConflictsView extends BorderPane {
    private final TableView<ConflictsViewModel.Row> table;
    private final UtilisationMap map = new UtilisationMap();

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
                Columns.text("Pool or holder", ConflictsViewModel.Row::pool, 220),
                Columns.text("With", ConflictsViewModel.Row::other, 220),
                count,
                Columns.longText("Addresses", ConflictsViewModel.Row::addresses, 300)));
        map.setId("conflict-map");
        Label mapTitle = new Label("Select a conflict to see its pool's map.");
        mapTitle.setId("conflict-map-title");
        mapTitle.getStyleClass().add(Styles.TEXT_SMALL);
        VBox mapBox = new VBox(6, mapTitle, legend(map), map);
        VBox.setVgrow(map, Priority.ALWAYS);
        mapBox.setPadding(new Insets(8, 12, 0, 12));
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, mapBox);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.31);
        setCenter(split);

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
            var pool = model.selectedPool();
            map.setModel(pool.map(MapModel::of).orElse(null));
            mapTitle.setText(row == null ? "Select a conflict to see its pool's map."
                    : pool.map(p -> p.manifest().describe() + ": every address in conflict is marked; hover one for"
                    + " what it conflicts with").orElse(row.conflict().pool().describe() + " is in no pool."));
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

    private static FlowPane legend(UtilisationMap map) {
        FlowPane legend = new FlowPane(12, 4);
        for (CellState state : CellState.values()) {
            legend.getChildren().add(swatch(state.label(), map.paintProperty(state)));
        }
        Label conflict = swatch("In conflict (corner mark)", map.conflictPaintProperty());
        conflict.setId("legend-conflict");
        Label next = new Label("Next address (red outline)");
        next.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        legend.getChildren().addAll(conflict, next);
        return legend;
    }

    private static Label swatch(String text, javafx.beans.value.ObservableValue<javafx.scene.paint.Paint> paint) {
        Rectangle swatch = new Rectangle(12, 12);
        swatch.getStyleClass().add("legend-swatch");
        swatch.fillProperty().bind(paint);
        Label label = new Label(text, swatch);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        return label;
    }

    public UtilisationMap map() {
        return map;
    }

    public TableView<ConflictsViewModel.Row> table() {
        return table;
    }
}
