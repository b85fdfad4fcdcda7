package io.pooldesk.views.pools;

import io.pooldesk.views.common.Columns;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.common.Counts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Locale;

/** The IP Pools list: name, kind, network, scope, priority, a utilisation bar, available, source file; filter as you type. */
public final class PoolListView extends BorderPane {
    private final ObservableList<PoolSummary> pools = FXCollections.observableArrayList();
    private final FilteredList<PoolSummary> filtered = new FilteredList<>(pools);
    private final TableView<PoolSummary> table = new TableView<>();
    private final CustomTextField filter = new CustomTextField();
    /** What the operator selected, by kind, namespace and name; a filter hides rows but does not unselect them. */
    private List<String> chosen = List.of();
    private String chosenFocus;
    private boolean filtering;

    public PoolListView() {
        getStyleClass().add("pool-list");
        filter.setId("pool-filter");
        filter.setPromptText("Filter pools (Ctrl+F)");
        filter.setLeft(new FontIcon(Feather.SEARCH));
        filter.textProperty().addListener((obs, old, text) -> {
            String needle = text.toLowerCase(Locale.ROOT).trim();
            // the operator's selection outlives the filter: rows it hides come back selected when it shows them
            filtering = true;
            try {
                filtered.setPredicate(p -> needle.isEmpty() || String.join(" ", p.name(), p.kind(), p.network(),
                        p.scope(), p.description(), p.namespace()).toLowerCase(Locale.ROOT).contains(needle));
                reselect();
            } finally {
                filtering = false;
            }
        });
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<PoolSummary>) c -> {
                    if (!filtering) {
                        chosen = table.getSelectionModel().getSelectedItems().stream().map(PoolListView::key)
                                .toList();
                        PoolSummary focused = table.getSelectionModel().getSelectedItem();
                        chosenFocus = focused == null ? null : key(focused);
                    }
                });
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DOWN && !table.getItems().isEmpty()) {
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
                table.getFocusModel().focus(table.getSelectionModel().getSelectedIndex());
                table.requestFocus();
                e.consume();
            }
        });
        table.setId("pool-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.STRIPED);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No pools in this workspace. Create one with Ctrl+N."));
        TableColumn<PoolSummary, PoolSummary> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setComparator((a, b) -> a.name().compareTo(b.name()));
        name.setCellFactory(c -> new NameCell());
        name.setPrefWidth(160);
        TableColumn<PoolSummary, PoolSummary> usage = new TableColumn<>("Used / total");
        usage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        usage.setComparator((a, b) -> Double.compare(a.utilisation(), b.utilisation()));
        usage.setCellFactory(c -> new UsageCell());
        usage.setPrefWidth(130);
        SortedList<PoolSummary> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().setAll(List.of(name,
                Columns.text("Kind", PoolSummary::kind, 125),
                Columns.text("Network", p -> p.network().isEmpty() ? "-" : p.network(), 80),
                Columns.text("Scope", p -> p.scope().isEmpty() ? "-" : p.scope(), 100),
                Columns.text("Prio", p -> p.priority().isEmpty() ? "-" : p.priority(), 55),
                usage,
                Columns.text("Free", p -> Counts.compact(p.available()), 80),
                // the exact size written; "Used / total" beside it counts what this pool's system can hand out
                Columns.text("Size", p -> Counts.compact(p.size()), 70),
                Columns.text("Source", PoolSummary::sourceFile, 95)));
        HBox bar = new HBox(8, filter);
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.setPadding(new Insets(8));
        setTop(bar);
        setCenter(table);
    }

    private static String key(PoolSummary pool) {
        return pool.kind() + "/" + pool.namespace() + "/" + pool.name();
    }

    private void reselect() {
        List<PoolSummary> visible = table.getItems().stream().filter(p -> chosen.contains(key(p))).toList();
        List<PoolSummary> now = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (visible.equals(now)) {
            return;
        }
        table.getSelectionModel().clearSelection();
        PoolSummary focus = visible.stream().filter(p -> key(p).equals(chosenFocus)).findFirst().orElse(null);
        visible.stream().filter(p -> p != focus).forEach(p -> table.getSelectionModel().select(p));
        if (focus != null) {
            table.getSelectionModel().select(focus);
        }
    }

    public void setPools(List<PoolSummary> summaries) {
        filtering = true;
        try {
            pools.setAll(summaries);
            reselect();
        } finally {
            filtering = false;
        }
    }

    public TableView<PoolSummary> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    public PoolSummary selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    public List<PoolSummary> selection() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private static final class NameCell extends TableCell<PoolSummary, PoolSummary> {
        @Override
        protected void updateItem(PoolSummary pool, boolean empty) {
            super.updateItem(pool, empty);
            if (empty || pool == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(pool.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            HBox box = new HBox(6, name);
            box.setAlignment(Pos.CENTER_LEFT);
            if (pool.global()) {
                Label global = new Label("global");
                global.getStyleClass().addAll("tag", "tag-global");
                box.getChildren().add(global);
            }
            setGraphic(box);
            setText(null);
        }
    }

    private static final class UsageCell extends TableCell<PoolSummary, PoolSummary> {
        @Override
        protected void updateItem(PoolSummary pool, boolean empty) {
            super.updateItem(pool, empty);
            if (empty || pool == null) {
                setGraphic(null);
                return;
            }
            ProgressBar bar = new ProgressBar(pool.utilisation());
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add(Styles.SMALL);
            double u = pool.utilisation();
            bar.pseudoClassStateChanged(Styles.STATE_DANGER, u >= 0.9);
            bar.pseudoClassStateChanged(Styles.STATE_WARNING, u >= 0.7 && u < 0.9);
            Label text = new Label(Counts.compact(pool.used()) + " / " + Counts.compact(pool.total()));
            text.getStyleClass().add(Styles.TEXT_SMALL);
            text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            StackPane stack = new StackPane(bar);
            HBox box = new HBox(8, stack, text);
            HBox.setHgrow(stack, Priority.ALWAYS);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
        }
    }
}
