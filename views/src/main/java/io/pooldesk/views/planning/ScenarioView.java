package io.pooldesk.views.planning;

import atlantafx.base.theme.Styles;
import io.pooldesk.model.planning.PlanStep;
import io.pooldesk.model.planning.ScenarioComparison;
import io.pooldesk.model.planning.ScenarioComparison.PoolChange;
import io.pooldesk.model.planning.ScenarioComparison.RequestChange;
import io.pooldesk.views.map.MapModel;
import io.pooldesk.views.map.UtilisationMap;
import io.pooldesk.views.common.Counts;
import io.pooldesk.views.common.Columns;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The scenario panel: compose a what-if from steps on the left, run it on a copy of the workspace, and read the
 * result on the right: per pool before and after, per request what happened and why, the map with the addresses the
 * what-if changed outlined.
 */
public final class ScenarioView extends BorderPane {
    private final ScenarioViewModel model;
    private final TableView<PoolChange> pools = new TableView<>();
    private final TableView<RequestChange> requests = new TableView<>();
    private final UtilisationMap map = new UtilisationMap();
    private final Label summary = new Label("Compose a what-if on the left, then Run.");
    private final ComboBox<String> deleteTarget = new ComboBox<>();
    private final ComboBox<String> priorityPool = new ComboBox<>();

    /**
     * @param loadBalancers the workspace's load balancers as namespace/name, for the delete step
     * @param priorityPools the names of the pools the planner's requests choose from, for the priority step
     */
    public ScenarioView(ScenarioViewModel model, Supplier<List<String>> loadBalancers,
                        Supplier<List<String>> priorityPools, Runnable onRun, Runnable onSave, Runnable onLoad) {
        this.model = model;
        getStyleClass().add("scenario-view");
        setId("scenario-view");
        VBox composer = new VBox(8, heading(), loadBalancerStep(), deleteStep(loadBalancers), priorityStep(priorityPools),
                poolYamlStep());
        composer.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(composer);
        scroll.setFitToWidth(true);
        // Run, Save and the last message stay in sight however long the composer grows
        VBox footer = new VBox(6, stepList(), actions(onRun, onSave, onLoad), message());
        footer.setPadding(new Insets(8, 12, 12, 12));
        footer.getStyleClass().add("scenario-footer");
        BorderPane left = new BorderPane(scroll);
        left.setBottom(footer);
        left.setPrefWidth(380);
        left.setMinWidth(340);
        setLeft(left);
        setCenter(results());
        model.result.addListener((o, old, now) -> show(now));
    }

    private VBox heading() {
        Label title = new Label("What-if scenario");
        title.getStyleClass().add(Styles.TITLE_3);
        TextField name = new TextField();
        name.setId("scenario-name");
        name.textProperty().bindBidirectional(model.name);
        Label hint = new Label("Runs on a copy of the workspace: nothing here changes your pools.");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setWrapText(true);
        return new VBox(4, title, hint, labelled("Name", name));
    }

    private TitledPane loadBalancerStep() {
        GridPane grid = form();
        row(grid, 0, "Count", field("scenario-count", model.count));
        row(grid, 1, "Name prefix", field("scenario-prefix", model.namePrefix));
        row(grid, 2, "Namespace", field("scenario-namespace", model.namespace));
        row(grid, 3, "Network", field("scenario-network", model.network, "any (e.g. default/vlan100)"));
        row(grid, 4, "Project", field("scenario-project", model.project, "any"));
        row(grid, 5, "Guest cluster", field("scenario-cluster", model.cluster, "none: a VM load balancer"));
        row(grid, 6, "Pool", field("scenario-pool", model.pool, "chosen by selection"));
        Button add = new Button("Add step");
        add.setId("scenario-add");
        add.setOnAction(e -> model.addLoadBalancers());
        grid.add(add, 1, 7);
        TitledPane pane = new TitledPane("New load balancers", grid);
        pane.setExpanded(true);
        return pane;
    }

    private TitledPane deleteStep(Supplier<List<String>> loadBalancers) {
        deleteTarget.setPromptText("namespace/name");
        deleteTarget.setMaxWidth(Double.MAX_VALUE);
        deleteTarget.setOnShowing(e -> deleteTarget.getItems().setAll(loadBalancers.get()));
        deleteTarget.setId("scenario-delete-target");
        deleteTarget.valueProperty().bindBidirectional(model.deleteTarget);
        Button add = new Button("Add step");
        add.setOnAction(e -> model.addDeleteStep());
        HBox row = new HBox(8, deleteTarget, add);
        HBox.setHgrow(deleteTarget, Priority.ALWAYS);
        TitledPane pane = new TitledPane("Delete a load balancer", row);
        pane.setExpanded(false);
        return pane;
    }

    private TitledPane priorityStep(Supplier<List<String>> priorityPools) {
        priorityPool.setPromptText("pool");
        priorityPool.setOnShowing(e -> priorityPool.getItems().setAll(priorityPools.get()));
        priorityPool.setId("scenario-priority-pool");
        priorityPool.valueProperty().bindBidirectional(model.priorityPool);
        TextField priority = field("scenario-priority", model.priority);
        priority.setPrefColumnCount(4);
        Button add = new Button("Add step");
        add.setOnAction(e -> model.addPriorityStep());
        HBox row = new HBox(8, priorityPool, new Label("priority"), priority, add);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TitledPane pane = new TitledPane("Change a pool's priority", row);
        pane.setExpanded(false);
        return pane;
    }

    private TitledPane poolYamlStep() {
        javafx.scene.control.TextArea yaml = new javafx.scene.control.TextArea();
        yaml.setId("scenario-pool-yaml");
        yaml.setPromptText("apiVersion: loadbalancer.harvesterhci.io/v1beta1\nkind: IPPool\nmetadata: {name: overflow}\n"
                + "spec:\n  ranges: [{subnet: 10.20.0.0/24}]\n  selector: {scope: [{namespace: prod}]}");
        yaml.setPrefRowCount(6);
        yaml.getStyleClass().add("yaml");
        yaml.textProperty().bindBidirectional(model.poolYaml);
        Button add = new Button("Add step");
        add.setOnAction(e -> model.addPoolYamlStep());
        TitledPane pane = new TitledPane("Add or change a pool (YAML)", new VBox(6, yaml, add));
        pane.setExpanded(false);
        return pane;
    }

    private VBox stepList() {
        ListView<PlanStep> list = new ListView<>(model.steps);
        list.setId("scenario-steps");
        list.setPrefHeight(110);
        list.setMinHeight(80);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PlanStep step, boolean empty) {
                super.updateItem(step, empty);
                setText(empty || step == null ? null : (getIndex() + 1) + ". " + step.describe());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        Button remove = new Button("Remove step");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.remove(list.getSelectionModel().getSelectedItem()));
        Label title = new Label("Steps, in order");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        return new VBox(4, title, list, remove);
    }

    private HBox actions(Runnable onRun, Runnable onSave, Runnable onLoad) {
        Button run = new Button("Run");
        run.setId("scenario-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(false);
        run.disableProperty().bind(model.running);
        run.setOnAction(e -> onRun.run());
        Button save = new Button("Save");
        save.setId("scenario-save");
        save.setOnAction(e -> onSave.run());
        Button load = new Button("Load…");
        load.setId("scenario-load");
        load.setOnAction(e -> onLoad.run());
        return new HBox(8, run, save, load);
    }

    private Label message() {
        Label message = new Label();
        message.setId("scenario-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        return message;
    }

    private SplitPane results() {
        summary.setId("scenario-summary");
        summary.getStyleClass().add(Styles.TITLE_4);
        pools.setId("scenario-pools");
        pools.getColumns().setAll(List.of(
                Columns.text("Pool", p -> p.name(), 130),
                Columns.text("Kind", p -> p.after().kind(), 80),
                Columns.text("Before", p -> Counts.compact(p.usedBefore()) + " / " + Counts.compact(
                        p.before() == null ? p.after().total() : p.before().total()), 100),
                Columns.text("After", p -> Counts.compact(p.usedAfter()) + " / " + Counts.compact(p.after().total()), 100),
                Columns.text("Change", p -> p.delta().signum() > 0 ? "+" + p.delta() : p.delta().toString(), 75),
                Columns.text("Left", p -> Counts.compact(p.after().available()), 70),
                Columns.text("", p -> p.full() ? "runs out" : p.changed().isEmpty() ? "" : "changed", 80)));
        pools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pools.setPlaceholder(new Label("No run yet"));
        pools.getSelectionModel().selectedItemProperty().addListener((o, old, pool) -> showMap(pool));
        requests.setId("scenario-requests");
        requests.getColumns().setAll(List.of(
                Columns.longText("Request", r -> r.request().toString(), 230),
                Columns.text("Result", r -> r.outcome().words(), 110),
                Columns.text("Pool", r -> r.outcome() == ScenarioComparison.Change.MOVED
                        ? name(r.poolBefore()) + " → " + name(r.pool())
                        : r.pool() == null ? name(r.poolBefore()) : name(r.pool()), 150),
                Columns.text("Address", r -> String.join(", ", r.addresses().stream().map(Object::toString).toList()),
                        130),
                Columns.longText("Why", r -> nullSafe(r.reason()), 360)));
        requests.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        requests.setPlaceholder(new Label("No run yet"));
        map.setId("scenario-map");
        Label mapHint = new Label("Outlined: addresses the what-if changed. Select a pool above.");
        mapHint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox mapBox = new VBox(4, mapHint, map);
        VBox.setVgrow(map, Priority.ALWAYS);
        mapBox.setPadding(new Insets(8));
        TabPane tabs = new TabPane(new Tab("Map after", mapBox), new Tab("Requests", requests));
        tabs.setId("scenario-tabs");
        tabs.getTabs().forEach(t -> t.setClosable(false));
        VBox top = new VBox(6, summary, pools);
        VBox.setVgrow(pools, Priority.ALWAYS);
        top.setPadding(new Insets(12, 12, 4, 12));
        SplitPane split = new SplitPane(top, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        return split;
    }

    private static String name(io.pooldesk.model.system.ObjectRef ref) {
        return ref == null ? "" : ref.name();
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    private void show(ScenarioComparison result) {
        if (result == null) {
            pools.getItems().clear();
            requests.getItems().clear();
            summary.setText("Compose a what-if on the left, then Run.");
            map.setModel(null);
            return;
        }
        List<PoolChange> ordered = result.pools().stream()
                .sorted(Comparator.comparing((PoolChange p) -> !result.changedPools().contains(p)))
                .toList();
        pools.getItems().setAll(ordered);
        requests.getItems().setAll(result.requests());
        summary.setText(ScenarioViewModel.summary(result));
        if (!ordered.isEmpty()) {
            pools.getSelectionModel().select(0);
        }
    }

    private void showMap(PoolChange pool) {
        if (pool == null || pool.after().extent() == null) {
            map.setModel(null);
            return;
        }
        map.setModel(MapModel.of(pool.after()).withChanged(pool.changed()));
    }

    public TableView<PoolChange> poolsTable() {
        return pools;
    }

    public Label summary() {
        return summary;
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, javafx.scene.Node field) {
        grid.add(new Label(label), 0, row);
        grid.add(field, 1, row);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        return field(id, property, "");
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static VBox labelled(String label, javafx.scene.Node node) {
        Label l = new Label(label);
        l.getStyleClass().add(Styles.TEXT_SMALL);
        return new VBox(2, l, node);
    }
}
