package io.pooldesk.views.pools;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.workspace.PoolState;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.RecoveryStore;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.balancers.LoadBalancersPage;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.Navigator;
import io.pooldesk.views.common.Page;
import io.pooldesk.views.pools.editor.PoolFormWindow;
import io.pooldesk.views.pools.forms.PoolForms;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.animation.PauseTransition;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The IP Pools page: the list beside the selected pool's numbers, map and YAML; the form in a window of its own. */
public final class PoolsPage implements Page {
    private final WorkspaceViewModel workspace;
    private final PoolsViewModel model;
    private final DialogService dialogs;
    private final Supplier<Window> owner;
    private final PoolListView list = new PoolListView();
    private final ProblemsView problems = new ProblemsView();
    private final PoolDetailView detail;
    private final SplitPane view;
    /** Which analysis the last validation started for: a slower, older one must not overwrite a newer answer. */
    private WorkspaceAnalysis validating;
    /** From this many objects, validation starts once the filter has been still for {@link #quiet}. */
    private static final int LARGE = 10_000;
    private final PauseTransition quiet = new PauseTransition(javafx.util.Duration.seconds(1));

    public PoolsPage(WorkspaceViewModel workspace, DialogService dialogs, Navigator navigator, Supplier<Window> owner) {
        this.workspace = workspace;
        this.dialogs = dialogs;
        this.owner = owner;
        this.model = new PoolsViewModel(workspace, dialogs);
        this.detail = new PoolDetailView(holder -> navigator.show(LoadBalancersPage.class).select(holder),
                workspace);
        BorderPane left = new BorderPane(list);
        left.setBottom(problems);
        view = new SplitPane(left, detail);
        view.setOrientation(Orientation.HORIZONTAL);
        view.setDividerPositions(0.64);
        workspace.analysisProperty().addListener((o, old, analysis) -> show(analysis));
        list.table().getSelectionModel().selectedItemProperty().addListener((o, old, pool) ->
                workspace.selectedPoolProperty().set(pool));
        workspace.selectedPoolProperty().addListener((o, old, pool) -> detail.show(pool, yamlOf(pool)));
        list.table().setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                editSelected();
            }
        });
        list.cloneButton().setOnAction(e -> cloneSelected());
        MenuItem edit = new MenuItem("Edit…");
        edit.setOnAction(e -> editSelected());
        MenuItem clone = new MenuItem("Clone…");
        clone.setId("pool-menu-clone");
        clone.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+C"));
        clone.setOnAction(e -> cloneSelected());
        MenuItem delete = new MenuItem("Delete");
        delete.setOnAction(e -> deleteSelected());
        ContextMenu menu = new ContextMenu(edit, clone, new SeparatorMenuItem(), delete);
        menu.getItems().forEach(i -> i.disableProperty().bind(
                list.table().getSelectionModel().selectedItemProperty().isNull()));
        list.table().setContextMenu(menu);
        problems.setOnOpen(this::open);
        list.filterField().textProperty().addListener((o, old, text) -> {
            if (quiet.getStatus() == javafx.animation.Animation.Status.RUNNING) {
                quiet.playFromStart();
            }
        });
    }

    @Override
    public String id() {
        return "pools";
    }

    @Override
    public String title() {
        return "IP Pools";
    }

    @Override
    public Node view() {
        return view;
    }

    public PoolsViewModel model() {
        return model;
    }

    public PoolListView list() {
        return list;
    }

    public PoolDetailView detail() {
        return detail;
    }

    private void show(WorkspaceAnalysis analysis) {
        list.setPools(analysis == null ? List.of() : analysis.pools());
        PoolSummary selected = workspace.selectedPoolProperty().get();
        detail.show(selected, yamlOf(selected));
        validate(analysis);
    }

    /** Runs what {@code pooldesk validate} runs on the workspace, off the UI thread; the list and panel show it. */
    private void validate(WorkspaceAnalysis analysis) {
        validating = analysis;
        quiet.stop();
        if (analysis == null) {
            list.setProblems(pool -> List.of());
            problems.show(List.of());
            return;
        }
        List<Manifest> objects = workspace.manifests();
        if (objects.size() >= LARGE) {
            // validating 200,000 objects takes seconds of a core and much garbage: it waits until the operator has
            // stopped typing in the filter for a moment, so the list answers the keys first
            quiet.setOnFinished(e -> validate(analysis, objects));
            quiet.playFromStart();
        } else {
            validate(analysis, objects);
        }
    }

    private void validate(WorkspaceAnalysis analysis, List<Manifest> objects) {
        if (validating != analysis) {
            return;
        }
        // the panel's rows and the problems by pool are made in the background too: a workspace of 200,000
        // requests can bring as many problems
        workspace.background().run("Validating the workspace", () -> {
            ValidationReport report = new ManifestValidator().validate(objects);
            return new Validated(PoolState.problemsOf(report), ProblemsView.rows(report));
        }, validated -> {
            if (validating == analysis) {
                list.setProblems(validated.byPool());
                problems.show(validated.rows());
            }
        }, failed -> workspace.statusProperty().set("The workspace could not be validated: "
                + failed.getMessage()));
    }

    private record Validated(Function<PoolSummary, List<ManifestProblem>> byPool, List<ProblemsView.Problem> rows) {
    }

    /** Goes to a problem's object: its pool in the list, else the status line names its file and document. */
    private void open(ProblemsView.Problem problem) {
        WorkspaceAnalysis analysis = workspace.analysisProperty().get();
        PoolSummary pool = analysis == null ? null : analysis.pools().stream()
                .filter(p -> p.manifest().source().equals(problem.source())
                        && p.manifest().document() == problem.document()).findFirst().orElse(null);
        if (pool != null && list.reveal(pool)) {
            select(pool);
            list.table().requestFocus();
            workspace.statusProperty().set(problem.severity() + " in " + pool.name() + ": " + problem.message());
        } else if (!problem.source().isEmpty()) {
            workspace.statusProperty().set((problem.object().isEmpty() ? "" : problem.object() + " is ")
                    + "in " + problem.file() + (problem.document() > 0 ? ", document " + problem.document() : "")
                    + ": " + problem.message());
        } else {
            workspace.statusProperty().set(problem.message());
        }
    }

    public ProblemsView problems() {
        return problems;
    }

    /** What the YAML tab shows: the pool's own text in its file, comments included. */
    private String yamlOf(PoolSummary pool) {
        return pool == null ? "" : workspace.documentText(pool.manifest());
    }

    /** Opens the selected pool in its system's form; null when it has none (the status line says why). */
    public Stage editSelected() {
        return model.edit(list.selected()).map(this::open).orElse(null);
    }

    public void deleteSelected() {
        model.delete(list.selected());
    }

    /** Opens a new pool's form, starting as a copy of the selected pool. */
    public Stage cloneSelected() {
        return model.cloneOf(list.selected()).map(this::open).orElse(null);
    }

    /** Opens a new pool's form: of the selected pool's system, or of the first form when none is selected. */
    public Stage newPool() {
        PoolSummary selected = list.selected();
        String system = selected == null ? null : PoolForms.of(selected.manifest()).map(f -> f.systemId())
                .orElse(null);
        return newPool(system != null ? system : PoolForms.all().get(0).systemId());
    }

    /** Opens a new pool's form for that pool system. */
    public Stage newPool(String systemId) {
        return model.create(systemId).map(this::open).orElse(null);
    }

    /** Opens the form on the workspace's pool of that name; null when there is none or it has no form. */
    public Stage editPool(String poolName) {
        select(poolName);
        PoolSummary pool = list.table().getItems().stream().filter(p -> p.name().equals(poolName)).findFirst()
                .orElse(null);
        return pool == null ? null : model.edit(pool).map(this::open).orElse(null);
    }

    private Stage open(PoolsViewModel.Editing editing) {
        return PoolFormWindow.open(owner.get(), workspace, dialogs, editing.form(), editing.model());
    }

    /** Points the list (and so the detail) at a pool, and only at it. */
    public void select(String poolName) {
        var table = list.table();
        table.getItems().stream().filter(p -> p.name().equals(poolName)).findFirst()
                .ifPresent(p -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(p)));
    }

    /** Points the list at that pool, found by identity: pools of two kinds may share a name. */
    public void select(PoolSummary pool) {
        var table = list.table();
        int index = table.getItems().indexOf(pool);
        if (index >= 0) {
            table.getSelectionModel().clearAndSelect(index);
            table.scrollTo(index);
        }
    }

    /** Offers to restore the form edits a crashed run left; each one accepted opens in its form. */
    public void offerRecovery() {
        List<RecoveryStore.Recovered> left = workspace.unsavedEditsLeft();
        if (left.isEmpty()) {
            return;
        }
        boolean restore = dialogs.confirm("Unsaved edits found", "Pooldesk closed before " + left.size()
                + " edit(s) were saved. Open them again?");
        for (var edit : left) {
            workspace.discardUnsaved(edit.file().getFileName().toString().replace(".yaml", ""));
            if (restore) {
                try {
                    model.recover(edit.object()).ifPresentOrElse(this::open, () -> workspace.statusProperty()
                            .set("A recovery copy is of no pool with a form: " + edit.file()));
                } catch (RuntimeException e) {
                    workspace.statusProperty().set("A recovery copy could not be read: " + e.getMessage());
                }
            }
        }
    }
}
