package io.pooldesk.views.fleet;

import atlantafx.base.theme.Styles;
import io.pooldesk.model.fleet.FleetSummary;
import io.pooldesk.model.workspace.PoolState;
import io.pooldesk.views.common.Columns;
import io.pooldesk.views.common.Counts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import java.util.List;
import java.util.Locale;

/**
 * The Fleet page: the kubeconfig's contexts as check boxes, a row per ticked cluster (its utilisation coloured as the
 * pool list colours a pool's, the fleet's first pool to run out marked), and a search for who holds an address.
 */
public final class FleetView extends BorderPane {
    /** The CSS class of the row holding the fleet's first pool to run out. */
    public static final String FIRST_TO_RUN_OUT = "fleet-first-to-run-out";

    private final FleetViewModel model;
    private final VBox contextBoxes = new VBox(6);
    private final TableView<FleetViewModel.Row> table;

    public FleetView(FleetViewModel model) {
        this.model = model;
        getStyleClass().add("fleet");
        contextBoxes.setId("fleet-contexts");
        model.contexts.addListener((ListChangeListener<String>) c -> boxes());
        model.chosen.addListener((ListChangeListener<String>) c -> boxes());
        boxes();
        Label contextsTitle = new Label("Contexts");
        contextsTitle.getStyleClass().add(Styles.TITLE_4);
        ScrollPane scroll = new ScrollPane(contextBoxes);
        scroll.setFitToWidth(true);
        VBox left = new VBox(8, contextsTitle, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        left.setPrefWidth(200);

        Label message = new Label();
        message.setId("fleet-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        Label first = new Label();
        first.setId("fleet-first-to-run-out");
        first.setWrapText(true);
        first.getStyleClass().add(Styles.WARNING);
        first.textProperty().bind(model.firstToRunOut);
        first.visibleProperty().bind(model.firstToRunOut.isNotEmpty());
        first.managedProperty().bind(first.visibleProperty());

        table = new TableView<>(model.rows);
        table.setId("fleet-clusters");
        table.setPlaceholder(new Label("Tick a context on the left to read its cluster."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<FleetViewModel.Row, FleetViewModel.Row> usage = new TableColumn<>("Utilisation");
        usage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        usage.setCellFactory(c -> new UsageCell());
        usage.setPrefWidth(200);
        table.getColumns().setAll(List.of(
                Columns.text("Cluster", FleetViewModel.Row::context, 140),
                Columns.text("Pools", r -> r.cluster() == null || r.failed() ? "" : String.valueOf(
                        r.cluster().pools().size()), 60),
                usage,
                Columns.text("Free", r -> r.cluster() == null || r.failed() ? "" : Counts.compact(
                        r.cluster().free()), 80),
                Columns.longText("Nearest to full", FleetView::nearest, 220),
                wrapped(Columns.text("State", FleetViewModel.Row::state, 300))));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FleetViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                mark(this, row);
            }
        });
        model.summaryProperty().addListener((o, old, now) -> table.refresh());

        TextField search = new TextField();
        search.setId("fleet-search");
        search.setPromptText("Who holds an address in the fleet: 10.0.0.5");
        search.textProperty().bindBidirectional(model.search);
        // one wrapped line per answer: a cluster's error can be long, and must be read whole
        VBox answers = new VBox(4);
        answers.setId("fleet-answers");
        answers.setPadding(new Insets(4));
        model.answers.addListener((ListChangeListener<String>) c -> answers.getChildren().setAll(
                model.answers.stream().map(text -> {
                    Label answer = new Label(text);
                    answer.setWrapText(true);
                    answer.getStyleClass().add("fleet-answer");
                    return answer;
                }).toList()));
        ScrollPane answersScroll = new ScrollPane(answers);
        answersScroll.setFitToWidth(true);
        answersScroll.setPrefHeight(130);
        answersScroll.setMinHeight(130);

        VBox center = new VBox(8, message, first, table, search, answersScroll);
        VBox.setVgrow(table, Priority.ALWAYS);
        center.setPadding(new Insets(8));
        setLeft(left);
        setCenter(center);
    }

    public TableView<FleetViewModel.Row> table() {
        return table;
    }

    /**
     * Cells that wrap their text, so that a cluster's error is read whole in its row. A Text node with a wrapping
     * width, not the cell's own wrapping: the table sizes a row by the cell's height at another width than it shows,
     * and cut the error after two lines.
     */
    private static <T> TableColumn<T, String> wrapped(TableColumn<T, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.getStyleClass().add("fleet-wrapped");
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
            }

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(null);
                text.setText(empty || value == null ? "" : value);
                setGraphic(empty ? null : text);
            }
        });
        return column;
    }

    private void boxes() {
        contextBoxes.getChildren().setAll(model.contexts.stream().map(name -> {
            CheckBox box = new CheckBox(name);
            box.setId("fleet-context-" + name);
            box.setSelected(model.chosen.contains(name));
            box.selectedProperty().addListener((o, was, on) -> model.choose(name, on));
            return box;
        }).toList());
        if (model.contexts.isEmpty()) {
            contextBoxes.getChildren().setAll(new Label("No kubeconfig context found."));
        }
    }

    private static String nearest(FleetViewModel.Row row) {
        if (row.cluster() == null || row.failed()) {
            return "";
        }
        return row.cluster().nearestToFull().map(p -> FleetViewModel.name(p) + ": " + Counts.compact(p.available())
                + " of " + Counts.compact(p.total()) + " free").orElse("no pool hands out an address");
    }

    private void mark(TableRow<FleetViewModel.Row> tableRow, FleetViewModel.Row row) {
        FleetSummary.ClusterPool soonest = model.firstProperty().get();
        boolean first = row != null && soonest != null && soonest.cluster().equals(row.context());
        tableRow.getStyleClass().remove(FIRST_TO_RUN_OUT);
        if (first) {
            tableRow.getStyleClass().add(FIRST_TO_RUN_OUT);
        }
        tableRow.pseudoClassStateChanged(Styles.STATE_DANGER, row != null && row.failed());
    }

    /** The pool list's bar: amber from 75 %, red from 90 % ({@link PoolState#byUtilisation}). */
    private static final class UsageCell extends TableCell<FleetViewModel.Row, FleetViewModel.Row> {
        private final ProgressBar bar = new ProgressBar(0);
        private final Label text = new Label();
        private final HBox box;

        UsageCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add(Styles.SMALL);
            text.getStyleClass().add(Styles.TEXT_SMALL);
            text.setMinWidth(Region.USE_PREF_SIZE);
            StackPane stack = new StackPane(bar);
            box = new HBox(8, stack, text);
            HBox.setHgrow(stack, Priority.ALWAYS);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(FleetViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            boolean shown = !empty && row != null && row.cluster() != null && !row.failed();
            setGraphic(shown ? box : null);
            if (!shown) {
                return;
            }
            double u = row.cluster().utilisation();
            bar.setProgress(u);
            PoolState state = PoolState.byUtilisation(u);
            bar.pseudoClassStateChanged(Styles.STATE_DANGER, state == PoolState.FULL);
            bar.pseudoClassStateChanged(Styles.STATE_WARNING, state == PoolState.NEARLY_FULL);
            text.setText(Counts.compact(row.cluster().used()) + " / " + Counts.compact(row.cluster().total())
                    + String.format(Locale.ROOT, " (%.1f %%)", 100 * u));
        }
    }
}
