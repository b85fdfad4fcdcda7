package io.pooldesk.views.shell;

import atlantafx.base.theme.Styles;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.views.balancers.LoadBalancersPage;
import io.pooldesk.views.cluster.ClusterPage;
import io.pooldesk.views.conflicts.ConflictsPage;
import io.pooldesk.views.fleet.FleetPage;
import io.pooldesk.views.fleet.FleetViewModel;
import io.pooldesk.views.cluster.ClusterViewModel;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.FxBackgroundWork;
import io.pooldesk.views.common.FxDialogService;
import io.pooldesk.views.common.Page;
import io.pooldesk.views.common.Theme;
import io.pooldesk.views.planning.ForecastPage;
import io.pooldesk.views.planning.ForecastViewModel;
import io.pooldesk.views.planning.ScenarioPage;
import io.pooldesk.views.planning.ScenarioViewModel;
import io.pooldesk.views.pools.PoolDetailView;
import io.pooldesk.views.pools.PoolListView;
import io.pooldesk.views.pools.PoolsPage;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The one window: it lists the pages once, and puts them together with the menus and the status bar. What the
 * commands do lives in the pages' view-models.
 */
public final class MainWindow {
    private final WorkspaceViewModel model;
    private final DialogService dialogs;
    private final PageRegistry pages = new PageRegistry();
    private final PoolsPage pools;
    private final ClusterViewModel cluster;
    private final FleetViewModel fleet;
    private final Label status = new Label();
    private Stage stage;
    private HelpContent help = HelpContent.none();
    private final Menu recent = new Menu("Open _Recent");

    public MainWindow(WorkspaceViewModel model) {
        this(model, null);
    }

    /** @param cluster the Cluster page's model; null gives one connected through the kubeconfig */
    public MainWindow(WorkspaceViewModel model, ClusterViewModel cluster) {
        this(model, cluster, null);
    }

    /**
     * @param dialogs how questions are asked; null shows JavaFX dialogs owned by the window (tests pass a scripted
     *                one)
     */
    public MainWindow(WorkspaceViewModel model, ClusterViewModel cluster, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs != null ? dialogs : new FxDialogService(() -> stage);
        // a field another program changed while the operator changed it too: the operator decides
        model.setConflictChooser(conflict -> this.dialogs.choose(conflict.object() + ": " + conflict.field(),
                "Another program changed this field while you edited it:\n" + conflict, "Take the file's",
                "Keep mine"));
        if (cluster == null) {
            FxBackgroundWork clusterWork = new FxBackgroundWork();
            cluster = new ClusterViewModel(clusterWork, ClusterGateway::connect, model::toApply,
                    Platform::runLater);
            // reading the kubeconfig loads the Kubernetes client: off the UI thread, so the window shows first
            ClusterViewModel contexts = cluster;
            clusterWork.run("", ClusterGateway::contexts, contexts::loadContexts, failed -> { });
        }
        this.cluster = cluster;
        cluster.follow(model);
        // the pages, in the order of their tabs and of Shortcut+1..7
        pools = pages.add(new PoolsPage(model, this.dialogs, pages, () -> stage));
        pages.add(new LoadBalancersPage(model.analysisProperty()));
        pages.add(new ScenarioPage(model, this.dialogs));
        pages.add(new ForecastPage(model, Clock.systemDefaultZone()));
        pages.add(new ClusterPage(cluster, this.dialogs));
        pages.add(new ConflictsPage(model, pages));
        // each context of the fleet is read on its own thread: a slow cluster does not hold the others back
        fleet = new FleetViewModel(ClusterGateway::connect, FxBackgroundWork::new, Platform::runLater);
        new FxBackgroundWork().run("", ClusterGateway::contexts, fleet::loadContexts, failed -> { });
        pages.add(new FleetPage(fleet));
    }

    public WorkspaceViewModel model() {
        return model;
    }

    /** Closes what outlives the window: the Cluster page's watch on a cluster. */
    public void shutdown() {
        cluster.stopWatching();
        fleet.close();
        model.closeCluster();
    }

    public FleetViewModel fleet() {
        return fleet;
    }

    public PageRegistry registry() {
        return pages;
    }

    /** Brings the page of that type to the front and returns it. */
    public <P extends Page> P show(Class<P> page) {
        return pages.bringToFront(page);
    }

    public PoolListView poolList() {
        return pools.list();
    }

    public PoolDetailView detail() {
        return pools.detail();
    }

    public ScenarioViewModel scenario() {
        return pages.page(ScenarioPage.class).model();
    }

    public ForecastViewModel forecast() {
        return pages.page(ForecastPage.class).model();
    }

    public Scene createScene(Stage owner) {
        this.stage = owner;
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label workspaceLabel = new Label();
        workspaceLabel.getStyleClass().add(Styles.TEXT_MUTED);
        workspaceLabel.setId("workspace-label");
        Runnable where = () -> {
            var ws = model.workspaceProperty().get();
            String context = model.clusterContextProperty().get();
            var connection = model.connectionProperty().get();
            if (!context.isEmpty()) {
                String state = connection == null ? "" : connection.words();
                workspaceLabel.setText("Cluster: " + context + (state.isEmpty() ? "" : " (" + state + ")"));
                owner.setTitle(context + (connection == null ? "" : " (" + (connection.isReadOnly() ? "read-only, " : "")
                        + connection.link().name().toLowerCase(java.util.Locale.ROOT) + ")") + " – Pooldesk");
                return;
            }
            workspaceLabel.setText(ws == null ? "" : "Workspace: " + ws.folder());
            // the title names the workspace, as an editor's names its file: two windows stay apart in the task bar
            owner.setTitle(ws == null || ws.folder().getFileName() == null ? "Pooldesk"
                    : ws.folder().getFileName() + " – Pooldesk");
        };
        model.workspaceProperty().addListener((o, old, ws) -> where.run());
        model.clusterContextProperty().addListener((o, old, ctx) -> where.run());
        model.connectionProperty().addListener((o, old, state) -> where.run());
        HBox statusBar = new HBox(8, status, spacer, workspaceLabel);
        statusBar.getStyleClass().add("status-bar");
        keepStatusPerPage();
        BorderPane root = new BorderPane(new javafx.scene.layout.VBox(backBar(), pages.tabs()));
        javafx.scene.layout.VBox.setVgrow(pages.tabs(), Priority.ALWAYS);
        root.setTop(menus());
        root.setBottom(statusBar);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(860, screen.getHeight()));
        Theme.apply(scene);
        return scene;
    }

    /**
     * The status line says what happened on the page in front: each page keeps its last message, shown again when
     * the operator comes back to it, and a page never shows another's.
     */
    private void keepStatusPerPage() {
        java.util.Map<Page, String> said = new java.util.HashMap<>();
        model.statusProperty().addListener((o, old, text) -> {
            Page current = pages.current();
            if (current != null) {
                said.put(current, text);
            }
        });
        pages.tabs().getSelectionModel().selectedItemProperty().addListener((o, old, tab) ->
                model.statusProperty().set(said.getOrDefault(pages.current(), "")));
    }

    /**
     * Shown after a link took the operator to another page (a click on a map cell opens its load balancer): the way
     * back to where they were, as a breadcrumb; Alt+Left does the same.
     */
    private HBox backBar() {
        javafx.scene.control.Hyperlink back = new javafx.scene.control.Hyperlink();
        back.setId("back-link");
        Label trail = new Label();
        trail.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(6, back, trail);
        bar.setId("back-bar");
        bar.getStyleClass().add("back-bar");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        pages.cameFromProperty().addListener((o, old, from) -> {
            bar.setVisible(from != null);
            bar.setManaged(from != null);
            if (from != null) {
                back.setText("← Back to " + from.title());
                trail.setText(from.title() + " › " + pages.current().title());
            }
        });
        bar.setVisible(false);
        bar.setManaged(false);
        back.setOnAction(e -> pages.back());
        return bar;
    }

    private MenuBar menus() {
        var poolsModel = pools.model();
        Menu file = new Menu("_File");
        file.getItems().addAll(
                item("_Open Workspace…", "Shortcut+O", () -> dialogs.chooseFolder("Open a folder of YAML manifests")
                        .ifPresent(model::open)),
                recent,
                item("Open _Cluster…", "Shortcut+Shift+O", this::openCluster),
                item("_Export Selected Pools…", "Shortcut+E", () -> poolsModel.export(pools.list().selection())),
                item("Export _Workspace…", "Shortcut+Shift+E", () -> poolsModel.export(null)),
                item("Export _Report (CSV, HTML, maps)…", "Shortcut+R", poolsModel::exportReport),
                item("Save _Map as PNG…", "Shortcut+Shift+P", () -> poolsModel.saveMapPng(
                        model.selectedPoolProperty().get())),
                item("_Quit", "Shortcut+Q", () -> stage.close()));
        Menu edit = new Menu("_Edit");
        MenuItem undo = item("_Undo", "Shortcut+Z", model::undo);
        undo.disableProperty().bind(model.canUndoProperty().not());
        MenuItem redo = item("_Redo", "Shortcut+Shift+Z", model::redo);
        redo.disableProperty().bind(model.canRedoProperty().not());
        edit.getItems().addAll(undo, redo,
                item("_New Pool…", "Shortcut+N", pools::newPool),
                newPoolOfKind(),
                item("_Edit Pool…", "Enter", pools::editSelected),
                item("_Clone Pool…", "Shortcut+Shift+C", pools::cloneSelected),
                item("_Delete Pool", "Delete", pools::deleteSelected),
                item("_Find", "Shortcut+F", () -> {
                    pages.bringToFront(PoolsPage.class);
                    pools.list().filterField().requestFocus();
                }),
                item("Save", "Shortcut+S", () -> model.statusProperty().set("Every change is already saved.")));
        Menu view = new Menu("_View");
        MenuItem back = item("_Back", "Alt+Left", pages::back);
        back.setId("menu-back");
        back.disableProperty().bind(pages.cameFromProperty().isNull());
        view.getItems().addAll(pages.menuItems());
        view.getItems().addAll(new SeparatorMenuItem(), back);
        view.getItems().addAll(new SeparatorMenuItem(),
                item("Toggle _Dark Theme", "Shortcut+D", () -> Theme.apply(stage.getScene(), !Theme.dark())));
        Menu helpMenu = new Menu("_Help");
        MenuItem documentation = item("_Documentation", "F1", this::showDocumentation);
        documentation.setId("menu-documentation");
        MenuItem log = item("Show _Log", "Shortcut+L", this::showLog);
        log.setId("menu-log");
        MenuItem about = new MenuItem("_About Pooldesk");
        about.setId("menu-about");
        about.setOnAction(e -> showAbout());
        helpMenu.getItems().addAll(documentation, log, new SeparatorMenuItem(), about);
        MenuBar bar = new MenuBar(file, edit, view, helpMenu);
        bar.setId("menu-bar");
        return bar;
    }

    /** File > Open Cluster: one of the kubeconfig's contexts becomes the workspace, live. */
    private void openCluster() {
        java.util.List<String> contexts = java.util.List.copyOf(cluster.contexts);
        if (contexts.isEmpty()) {
            dialogs.showError("No kubeconfig context", "Pooldesk found no context in KUBECONFIG or ~/.kube/config.");
            return;
        }
        dialogs.chooseOne("Open Cluster", "The cluster of context:", contexts).ifPresent(model::openCluster);
    }

    /** What Help shows: the version, the log file, the README. Call before {@link #createScene}. */
    public void setHelp(HelpContent content) {
        this.help = content;
    }

    /** The About box's words: the version (the one the command line prints), the runtime, where the files are. */
    public String aboutText() {
        return "Pooldesk " + help.version() + "\n\n"
                + "Plans and checks the IP pools of " + String.join(", ", io.pooldesk.model.registry.PoolSystems.all()
                .stream().map(io.pooldesk.model.system.PoolSystem::title).toList()) + ".\n\n"
                + "Java " + System.getProperty("java.version") + " · JavaFX " + System.getProperty("javafx.runtime.version",
                System.getProperty("javafx.version", "?")) + "\n"
                + "Log: " + (help.logFile() == null ? "none" : help.logFile()) + "\n"
                + "Workspace: " + (model.folder() == null ? "none" : model.folder());
    }

    private void showAbout() {
        javafx.scene.control.Alert about = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.NONE,
                aboutText(), javafx.scene.control.ButtonType.CLOSE);
        about.setTitle("About Pooldesk");
        about.setHeaderText("Pooldesk " + help.version());
        about.initOwner(stage);
        Theme.apply(about.getDialogPane().getScene());
        about.show();
    }

    private void showDocumentation() {
        String text = help.documentation().get();
        showText("Pooldesk documentation", text == null || text.isBlank()
                ? "The documentation is the README.md at the top of Pooldesk's sources." : text);
    }

    private void showLog() {
        Path log = help.logFile();
        String text;
        try {
            text = log == null ? "This window writes no log file." : java.nio.file.Files.isRegularFile(log)
                    ? java.nio.file.Files.readString(log) : "Nothing logged yet: " + log + " does not exist.";
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            text = "The log " + log + " cannot be read: " + e.getMessage();
        }
        showText("Pooldesk log" + (log == null ? "" : ": " + log), text);
    }

    /** A window of read-only text (the README, the log), opened at its end for a log. */
    private Stage showText(String title, String text) {
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
        area.setId("help-text");
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("yaml");
        Stage window = new Stage();
        window.setTitle(title);
        window.initOwner(stage);
        Scene scene = new Scene(new BorderPane(area), 860, 640);
        Theme.apply(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                window.close();
            }
        });
        window.setScene(scene);
        window.show();
        if (title.startsWith("Pooldesk log")) {
            area.positionCaret(text.length());
        }
        return window;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator.equals("Enter")) {
            item.setAccelerator(new KeyCodeCombination(KeyCode.ENTER));
        } else if (accelerator.equals("F1")) {
            item.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        } else if (accelerator.equals("Delete")) {
            item.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        } else {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    /** One "New Pool" item per pool form, in the order of the views' form registry. */
    private Menu newPoolOfKind() {
        Menu kinds = new Menu("New Pool of _Kind");
        for (var form : io.pooldesk.views.pools.forms.PoolForms.all()) {
            MenuItem item = new MenuItem(io.pooldesk.views.pools.forms.PoolForms.systemTitle(form) + ": "
                    + form.title() + "…");
            item.setOnAction(e -> pools.newPool(form.systemId()));
            kinds.getItems().add(item);
        }
        return kinds;
    }

    /** Opens the form on the workspace's pool of that name (the screenshot tour's way in). */
    public Stage openEditorOn(String poolName) {
        return pools.editPool(poolName);
    }

    /** Opens the form of a new pool of that pool system ({@code PoolSystem#id()}), in a window of its own. */
    public Stage newPool(String systemId) {
        return pools.newPool(systemId);
    }

    /** Offers to restore the form edits a crashed run left; each one accepted opens in its form. */
    public void offerRecovery() {
        pools.offerRecovery();
    }

    /** Points the detail at a pool (for screenshots and tests). */
    public void select(String poolName) {
        pools.select(poolName);
    }

    /**
     * Makes the window remember itself in {@code settings}: the size, place and theme it had are given back now,
     * the tables' column widths and sort once shown; all of it, with the workspace open, is written when it closes.
     * Call before the stage is shown.
     */
    public void remember(DesktopSettings settings, Stage owner) {
        settings.restore(owner);
        if (settings.darkTheme() != Theme.dark() && owner.getScene() != null) {
            Theme.apply(owner.getScene(), settings.darkTheme());
        }
        recent.setId("menu-recent");
        showRecent(settings);
        model.workspaceProperty().addListener((o, old, ws) -> {
            if (ws != null) {
                settings.opened(ws.folder());
                showRecent(settings);
            }
        });
        model.clusterContextProperty().addListener((o, old, context) -> {
            if (!context.isEmpty()) {
                settings.openedCluster(context);
            }
            showRecent(settings);
        });
        owner.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> {
            for (var table : DesktopSettings.tables(owner.getScene())) {
                settings.restore(table.getId(), table);
            }
        });
        owner.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> {
            settings.record(owner);
            for (var table : DesktopSettings.tables(owner.getScene())) {
                settings.record(table.getId(), table);
            }
            settings.put("theme", Theme.dark() ? "dark" : "light");
            if (model.folder() != null) {
                settings.opened(model.folder());
            } else if (!model.clusterContextProperty().get().isEmpty()) {
                settings.openedCluster(model.clusterContextProperty().get());
            }
            try {
                settings.save();
            } catch (java.io.IOException failed) {
                // closing anyway: the next start is a first start again, which loses nothing of the operator's
                System.getLogger("io.pooldesk.window").log(System.Logger.Level.WARNING,
                        "the window's settings could not be saved in " + settings.file() + ": " + failed.getMessage());
            }
        });
    }

    /** File > Open Recent: the folders and clusters opened last, the one open now left out. */
    private void showRecent(DesktopSettings settings) {
        Path open = model.folder() == null ? null : model.folder().toAbsolutePath().normalize();
        String cluster = model.clusterContextProperty().get();
        recent.getItems().setAll(settings.recent().stream()
                .filter(r -> r.folder() == null ? !r.context().equals(cluster) : !r.folder().equals(open)).map(r -> {
                    MenuItem item = new MenuItem(r.label());
                    item.setMnemonicParsing(false);
                    item.setOnAction(e -> {
                        if (r.folder() == null) {
                            model.openCluster(r.context());
                        } else {
                            model.open(r.folder());
                        }
                    });
                    return item;
                }).toList());
        recent.setDisable(recent.getItems().isEmpty());
    }

    public Path workspaceFolder() {
        return model.folder();
    }
}
