package io.pooldesk.views.shell;

import atlantafx.base.theme.Styles;
import io.pooldesk.model.harvester.lb.HarvesterLb;
import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.harvester.lb.LoadBalancer;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.Workspace;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.balancers.LoadBalancersView;
import io.pooldesk.views.pools.PoolDetailView;
import io.pooldesk.views.pools.PoolListView;
import io.pooldesk.views.pools.editor.PoolEditorView;
import io.pooldesk.views.pools.editor.PoolEditorViewModel;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one window: menus, the IP Pools list beside the selected pool, the load balancers, a status bar. */
public final class MainWindow {
    private final MainViewModel model;
    private final PoolListView poolList = new PoolListView();
    private final PoolDetailView detail;
    private final LoadBalancersView balancers = new LoadBalancersView();
    private final TabPane pages = new TabPane();
    private final Label status = new Label();
    private Stage stage;
    private boolean dark;

    private final io.pooldesk.views.cluster.ClusterViewModel cluster;
    private final io.pooldesk.views.planning.ScenarioViewModel scenario;
    private final io.pooldesk.views.planning.ForecastViewModel forecast;

    public MainWindow(MainViewModel model) {
        this(model, null);
    }

    /** @param cluster the Cluster page's model; null gives one connected through the kubeconfig */
    public MainWindow(MainViewModel model, io.pooldesk.views.cluster.ClusterViewModel cluster) {
        this.model = model;
        model.setConflictChooser(MainWindow::takeTheirs);
        this.cluster = cluster != null ? cluster : new io.pooldesk.views.cluster.ClusterViewModel(
                new FxBackgroundWork(), io.pooldesk.cluster.ClusterGateway::connect, model::manifests,
                javafx.application.Platform::runLater);
        if (cluster == null) {
            this.cluster.loadContexts(io.pooldesk.cluster.ClusterGateway.contexts());
        }
        this.scenario = new io.pooldesk.views.planning.ScenarioViewModel(model.background(), model::manifests,
                this::workspaceFolder);
        this.forecast = new io.pooldesk.views.planning.ForecastViewModel(model.background(), model::manifests,
                java.time.Clock.systemDefaultZone());
        model.workspaceProperty().addListener((o, old, ws) -> {
            if (ws != null && forecast.streams.isEmpty()) {
                forecast.suggestStreams(loadBalancers());
            }
        });
        this.detail = new PoolDetailView(holder -> {
            pages.getSelectionModel().select(1);
            balancers.select(holder);
        });
    }

    public MainViewModel model() {
        return model;
    }

    /** Closes what outlives the window: the Cluster page's watch on a cluster. */
    public void shutdown() {
        cluster.stopWatching();
    }

    public PoolListView poolList() {
        return poolList;
    }

    public PoolDetailView detail() {
        return detail;
    }

    public Scene createScene(Stage owner) {
        this.stage = owner;
        SplitPane poolsPage = new SplitPane(poolList, detail);
        poolsPage.setOrientation(Orientation.HORIZONTAL);
        poolsPage.setDividerPositions(0.64);
        Tab poolsTab = new Tab("IP Pools", poolsPage);
        poolsTab.setId("page-pools");
        Tab lbTab = new Tab("Load Balancers", balancers);
        lbTab.setId("page-balancers");
        Tab clusterTab = new Tab("Cluster", new io.pooldesk.views.cluster.ClusterView(cluster));
        clusterTab.setId("page-cluster");
        Tab scenarioTab = new Tab("Scenarios", new io.pooldesk.views.planning.ScenarioView(scenario,
                this::loadBalancerNames, () -> model.harvesterPools().stream().map(IpPool::name).toList(),
                this::saveScenario, this::loadScenario));
        scenarioTab.setId("page-scenarios");
        Tab forecastTab = new Tab("Forecast", new io.pooldesk.views.planning.ForecastView(forecast));
        forecastTab.setId("page-forecast");
        pages.getTabs().setAll(poolsTab, lbTab, scenarioTab, forecastTab, clusterTab);
        pages.getTabs().forEach(t -> t.setClosable(false));
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label workspaceLabel = new Label();
        workspaceLabel.getStyleClass().add(Styles.TEXT_MUTED);
        model.workspaceProperty().addListener((o, old, ws) -> workspaceLabel.setText(ws == null ? ""
                : "Workspace: " + ws.folder()));
        HBox statusBar = new HBox(8, status, spacer, workspaceLabel);
        statusBar.getStyleClass().add("status-bar");
        BorderPane root = new BorderPane(pages);
        root.setTop(menus());
        root.setBottom(statusBar);
        model.analysisProperty().addListener((o, old, analysis) -> show(analysis));
        poolList.table().getSelectionModel().selectedItemProperty().addListener((o, old, pool) ->
                model.selectedPoolProperty().set(pool));
        model.selectedPoolProperty().addListener((o, old, pool) -> detail.show(pool, yamlOf(pool)));
        poolList.table().setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                editSelected();
            }
        });
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(860, screen.getHeight()));
        Theme.apply(scene, dark);
        return scene;
    }

    private void show(WorkspaceAnalysis analysis) {
        poolList.setPools(analysis == null ? List.of() : analysis.pools());
        balancers.setLoadBalancers(analysis == null ? List.of() : analysis.loadBalancers());
        PoolSummary selected = model.selectedPoolProperty().get();
        detail.show(selected, yamlOf(selected));
    }

    private static String yamlOf(PoolSummary pool) {
        return pool == null ? "" : Workspace.render(List.of(pool.manifest().object()));
    }

    private MenuBar menus() {
        Menu file = new Menu("_File");
        file.getItems().addAll(
                item("_Open Workspace…", "Shortcut+O", this::openWorkspace),
                item("_Export Selected Pools…", "Shortcut+E", () -> export(true)),
                item("Export _Workspace…", "Shortcut+Shift+E", () -> export(false)),
                item("Export _Report (CSV, HTML, maps)…", "Shortcut+R", this::exportReport),
                item("Save _Map as PNG…", "Shortcut+Shift+P", this::saveMapPng),
                item("_Quit", "Shortcut+Q", () -> stage.close()));
        Menu edit = new Menu("_Edit");
        MenuItem undo = item("_Undo", "Shortcut+Z", model::undo);
        undo.disableProperty().bind(model.canUndoProperty().not());
        MenuItem redo = item("_Redo", "Shortcut+Shift+Z", model::redo);
        redo.disableProperty().bind(model.canRedoProperty().not());
        edit.getItems().addAll(undo, redo,
                item("_New Pool…", "Shortcut+N", () -> openEditor(null)),
                item("_Edit Pool…", "Enter", this::editSelected),
                item("_Delete Pool", "Delete", this::deleteSelected),
                item("_Find", "Shortcut+F", () -> poolList.filterField().requestFocus()),
                item("Save", "Shortcut+S", () -> model.statusProperty().set("Every change is already saved.")));
        Menu view = new Menu("_View");
        view.getItems().addAll(
                item("_IP Pools", "Shortcut+1", () -> pages.getSelectionModel().select(0)),
                item("_Load Balancers", "Shortcut+2", () -> pages.getSelectionModel().select(1)),
                item("_Scenarios", "Shortcut+3", () -> pages.getSelectionModel().select(2)),
                item("_Forecast", "Shortcut+4", () -> pages.getSelectionModel().select(3)),
                item("_Cluster", "Shortcut+5", () -> pages.getSelectionModel().select(4)),
                item("Toggle _Dark Theme", "Shortcut+D", () -> {
                    dark = !dark;
                    Theme.apply(stage.getScene(), dark);
                }));
        MenuBar bar = new MenuBar(file, edit, view);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator.equals("Enter")) {
            item.setAccelerator(new KeyCodeCombination(KeyCode.ENTER));
        } else if (accelerator.equals("Delete")) {
            item.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        } else {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void openWorkspace() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of YAML manifests");
        java.io.File folder = chooser.showDialog(stage);
        if (folder != null) {
            model.open(folder.toPath());
        }
    }

    public io.pooldesk.views.planning.ForecastViewModel forecast() {
        return forecast;
    }

    public io.pooldesk.views.planning.ScenarioViewModel scenario() {
        return scenario;
    }

    private List<String> loadBalancerNames() {
        return loadBalancers().stream().map(lb -> lb.namespace() + "/" + lb.name()).sorted().toList();
    }

    private void saveScenario() {
        try {
            scenario.save();
        } catch (IOException e) {
            model.statusProperty().set("The scenario could not be saved: " + e.getMessage());
        }
    }

    private void loadScenario() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load a Scenario document");
        Path folder = workspaceFolder();
        if (folder != null && java.nio.file.Files.isDirectory(
                io.pooldesk.model.planning.ScenarioDocument.folderOf(folder))) {
            chooser.setInitialDirectory(io.pooldesk.model.planning.ScenarioDocument.folderOf(folder).toFile());
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        java.io.File file = chooser.showOpenDialog(stage);
        if (file != null) {
            try {
                scenario.load(file.toPath());
            } catch (IOException e) {
                scenario.message.set("Cannot load " + file.getName() + ": " + e.getMessage());
            }
        }
    }

    /** The utilisation report into a folder: pools.csv, report.html (printable, maps included), maps/*.png. */
    private void exportReport() {
        WorkspaceAnalysis analysis = model.analysisProperty().get();
        if (analysis == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the utilisation report");
        java.io.File folder = chooser.showDialog(stage);
        if (folder == null) {
            return;
        }
        Path target = folder.toPath();
        List<PoolSummary> pools = analysis.pools();
        String title = "IP pool utilisation: " + workspaceFolder();
        model.background().run("Writing the report", () -> {
            io.pooldesk.views.report.ReportFiles.csv(target.resolve("pools.csv"), pools);
            io.pooldesk.views.report.ReportFiles.html(target.resolve("report.html"), title, pools);
            io.pooldesk.views.report.ReportFiles.maps(target.resolve("maps"), pools);
            return pools.size();
        }, count -> model.statusProperty().set("Report of " + count + " pools written to " + target),
                failed -> model.statusProperty().set("The report could not be written: " + failed.getMessage()));
    }

    private void saveMapPng() {
        PoolSummary pool = model.selectedPoolProperty().get();
        if (pool == null || pool.extent() == null) {
            model.statusProperty().set("Select a pool first: its map is saved.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(io.pooldesk.views.report.MapPicture.fileName(pool));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        java.io.File file = chooser.showSaveDialog(stage);
        if (file != null) {
            model.background().run("Saving the map of " + pool.name(), () -> {
                io.pooldesk.model.manifest.AtomicFiles.write(file.toPath(), io.pooldesk.views.report.MapPicture.png(pool));
                return file;
            }, done -> model.statusProperty().set("Map of " + pool.name() + " saved to " + done),
                    failed -> model.statusProperty().set("The map could not be saved: " + failed.getMessage()));
        }
    }

    private void export(boolean selectionOnly) {
        List<Manifest> objects = selectionOnly
                ? poolList.selection().stream().map(PoolSummary::manifest).toList()
                : model.manifests();
        if (objects.isEmpty()) {
            model.statusProperty().set("Nothing to export: select one or more pools first.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(selectionOnly ? "pools.yaml" : "workspace.yaml");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        java.io.File target = chooser.showSaveDialog(stage);
        if (target != null) {
            try {
                model.export(target.toPath(), objects);
            } catch (IOException e) {
                model.statusProperty().set("Export failed: " + e.getMessage());
            }
        }
    }

    private void editSelected() {
        PoolSummary selected = poolList.selected();
        if (selected == null) {
            return;
        }
        if (!HarvesterLb.isPool(selected.manifest())) {
            model.statusProperty().set(selected.kind() + " pools are edited as YAML for now; the form edits Harvester"
                    + " load-balancer pools.");
            return;
        }
        try {
            openEditor(HarvesterLbCodec.readPool(selected.manifest()));
        } catch (Exception e) {
            model.statusProperty().set("Cannot edit " + selected.name() + ": " + e.getMessage());
        }
    }

    /** Opens the form for a new pool (null) or an existing one, in a window of its own. */
    public Stage openEditor(IpPool pool) {
        return openEditor(pool, null);
    }

    /**
     * Opens the form; {@code recovered}, when given, is a pool a crashed run left unsaved, loaded into the form in
     * place of what the workspace holds.
     */
    public Stage openEditor(IpPool pool, IpPool recovered) {
        PoolEditorViewModel editor = new PoolEditorViewModel(pool, model.harvesterPools(), loadBalancers());
        if (recovered != null) {
            editor.load(recovered);
        }
        String recoveryKey = "pool-" + (pool == null ? "new" : pool.name());
        javafx.animation.PauseTransition keep = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        keep.setOnFinished(e -> model.keepUnsaved(recoveryKey, editor.toPool()));
        editor.name.addListener(o -> keep.playFromStart());
        editor.ranges.addListener((javafx.collections.ListChangeListener<Object>) c -> keep.playFromStart());
        editor.scope.addListener((javafx.collections.ListChangeListener<Object>) c -> keep.playFromStart());
        editor.network.addListener(o -> keep.playFromStart());
        editor.priority.addListener(o -> keep.playFromStart());
        editor.description.addListener(o -> keep.playFromStart());
        Stage dialog = new Stage();
        dialog.initOwner(stage);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(pool == null ? "Create IP Pool" : "Edit IP Pool " + pool.name());
        boolean[] saving = {false};
        PoolEditorView view = new PoolEditorView(editor, saved -> {
            saving[0] = true;
            keep.stop();
            model.savePool(saved, (pool == null ? "Create " : "Edit ") + saved.name());
            model.discardUnsaved(recoveryKey);
            dialog.close();
        }, () -> {
            if (confirmDiscard(dialog, editor)) {
                keep.stop();
                model.discardUnsaved(recoveryKey);
                dialog.close();
            }
        });
        dialog.setOnCloseRequest(e -> {
            if (!saving[0] && !confirmDiscard(dialog, editor)) {
                e.consume();
            } else {
                keep.stop();
                model.discardUnsaved(recoveryKey);
            }
        });
        Scene scene = new Scene(view);
        Theme.apply(scene, dark);
        dialog.setScene(scene);
        dialog.show();
        return dialog;
    }

    /** Offers to restore the form edits a crashed run left; each one accepted opens in its form. */
    public void offerRecovery() {
        List<io.pooldesk.model.workspace.RecoveryStore.Recovered> left = model.unsavedEditsLeft();
        if (left.isEmpty()) {
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Pooldesk closed before " + left.size()
                + " edit(s) were saved. Open them again?", ButtonType.YES, ButtonType.NO);
        ask.initOwner(stage);
        ask.setHeaderText("Unsaved edits found");
        boolean restore = ask.showAndWait().filter(ButtonType.YES::equals).isPresent();
        for (var edit : left) {
            try {
                Manifest manifest = new Manifest(edit.file().toString(), 1, edit.object());
                IpPool recovered = HarvesterLbCodec.readPool(manifest);
                String key = edit.file().getFileName().toString().replace(".yaml", "");
                model.discardUnsaved(key);
                if (restore) {
                    IpPool existing = model.harvesterPools().stream()
                            .filter(p -> p.name().equals(recovered.name())).findFirst().orElse(null);
                    openEditor(existing, recovered);
                }
            } catch (Exception e) {
                model.statusProperty().set("A recovery copy could not be read: " + e.getMessage());
            }
        }
    }

    /** A field another program changed while the operator changed it too: the operator decides. */
    private static boolean takeTheirs(io.pooldesk.model.workspace.ThreeWayMerge.Conflict conflict) {
        ButtonType mine = new ButtonType("Keep mine", javafx.scene.control.ButtonBar.ButtonData.NO);
        ButtonType theirs = new ButtonType("Take the file's", javafx.scene.control.ButtonBar.ButtonData.YES);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Another program changed this field while you edited"
                + " it:\n" + conflict, mine, theirs);
        ask.setHeaderText(conflict.object() + ": " + conflict.field());
        return ask.showAndWait().filter(theirs::equals).isPresent();
    }

    private static boolean confirmDiscard(Stage dialog, PoolEditorViewModel editor) {
        if (!editor.changedProperty().get()) {
            return true;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Discard the changes to this pool?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(dialog);
        return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    private List<LoadBalancer> loadBalancers() {
        List<LoadBalancer> out = new ArrayList<>();
        for (Manifest m : model.manifests()) {
            if (HarvesterLb.isLoadBalancer(m)) {
                try {
                    out.add(HarvesterLbCodec.readLoadBalancer(m));
                } catch (Exception ignored) {
                    // listed as unreadable by validate
                }
            }
        }
        return out;
    }

    private void deleteSelected() {
        PoolSummary selected = poolList.selected();
        if (selected == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete pool " + selected.name() + "?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(stage);
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> {
            String refusal = model.deletePool(selected);
            if (refusal != null) {
                Alert refused = new Alert(Alert.AlertType.ERROR, refusal, ButtonType.OK);
                refused.initOwner(stage);
                refused.setHeaderText("The cluster would refuse this delete");
                refused.showAndWait();
            }
        });
    }

    /** Points the detail at a pool (for screenshots and tests). */
    public void select(String poolName) {
        poolList.table().getItems().stream().filter(p -> p.name().equals(poolName)).findFirst()
                .ifPresent(p -> poolList.table().getSelectionModel().select(p));
    }

    public TabPane pages() {
        return pages;
    }

    public Path workspaceFolder() {
        Workspace ws = model.workspaceProperty().get();
        return ws == null ? null : ws.folder();
    }
}
