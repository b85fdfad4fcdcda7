package io.pooldesk.views.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ConnectionState;
import io.pooldesk.cluster.LiveCluster;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.workspace.ChangedOnDiskException;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.RecoveryStore;
import io.pooldesk.model.workspace.ThreeWayMerge;
import io.pooldesk.model.workspace.Workspace;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import io.pooldesk.views.common.BackgroundWork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The open workspace every page shares: its objects, what the engine makes of them, the selected pool, the status
 * line, and the edits. Every committed edit (a saved form, a delete, an undo, a redo) is written to disk at once,
 * atomically, so that a crash or a closed window loses nothing.
 *
 * <p>Background work never sees the live {@link Workspace}'s objects while the UI thread may edit them: pages read
 * {@link #manifests()}, an immutable copy taken after each change; a save or a reload check hands the workspace to
 * the background thread, and edits made meanwhile wait in line until it is handed back.
 *
 * <p>A cluster can be the workspace instead of a folder ({@link #openCluster}): its objects come from a
 * {@link LiveCluster}, which watches them; changes are coalesced and analysed off the UI thread, so the pages follow
 * the cluster within a second. Edits then go to a change set held here, over the cluster's objects, never to the
 * cluster: the Cluster page diffs, dry-runs and applies it ({@link #toApply()}). Opening another workspace, or
 * {@link #closeCluster()}, stops the watches.
 */
public final class WorkspaceViewModel {
    private final BackgroundWork background;
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ReadOnlyObjectWrapper<WorkspaceAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ObjectProperty<PoolSummary> selectedPool = new SimpleObjectProperty<>(this, "selectedPool");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper clusterContext = new ReadOnlyStringWrapper(this, "clusterContext", "");
    private final ReadOnlyObjectWrapper<ConnectionState> connection = new ReadOnlyObjectWrapper<>(this, "connection");
    private final ReadOnlyStringWrapper clusterNotes = new ReadOnlyStringWrapper(this, "clusterNotes", "");
    private final javafx.beans.property.ReadOnlyLongWrapper clusterChanges =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "clusterChanges");

    /** Opens a gateway for a context: the kubeconfig's in the window, a mock server's in tests. */
    public interface ClusterConnector {
        ClusterGateway connect(String context) throws ClusterException;
    }

    private ClusterConnector clusterConnector = ClusterGateway::connect;
    private final Consumer<Runnable> uiThread;
    /** The live cluster that is the workspace, or null when a folder is (or nothing). */
    private LiveCluster live;
    /** Counts opens, so that an open that ends after a later one began is dropped. */
    private long opens;
    /** The edits made in the window over the live cluster's objects, by object, in the order first made. */
    private final Map<String, ObjectNode> changes = new LinkedHashMap<>();
    /** The cluster's objects the window deleted, by object: the change set's deletions. */
    private final Map<String, Manifest> deletions = new LinkedHashMap<>();
    /** The change set as it stood before each edit (Ctrl+Z), and before each undo (Ctrl+Shift+Z), latest first. */
    private final Deque<ChangeSetStep> changeSetUndo = new ArrayDeque<>();
    private final Deque<ChangeSetStep> changeSetRedo = new ArrayDeque<>();
    private final AtomicBoolean changePending = new AtomicBoolean();
    private boolean analysing;
    private boolean analyseAgain;

    private final RecoveryStore recovery;
    /** The workspace's objects as of the last change, copied: what pages and background work read. */
    private List<Manifest> snapshot = List.of();
    /** Edits made while the background holds the workspace; each runs once the one before is back. */
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private boolean saving;

    public WorkspaceViewModel(BackgroundWork background) {
        this(background, null);
    }

    /** @param recovery where copies of unsaved form edits go; null keeps none */
    public WorkspaceViewModel(BackgroundWork background, RecoveryStore recovery) {
        this(background, recovery, javafx.application.Platform::runLater);
    }

    /** @param uiThread runs work on the UI thread ({@code Platform::runLater} in the window): the watches call it */
    public WorkspaceViewModel(BackgroundWork background, RecoveryStore recovery, Consumer<Runnable> uiThread) {
        this.background = background;
        this.recovery = recovery;
        this.uiThread = uiThread;
    }

    /** How {@link #openCluster} connects; the kubeconfig's context unless a test says otherwise. */
    public void setClusterConnector(ClusterConnector connector) {
        this.clusterConnector = connector;
    }

    /** Where the window's long work runs: other pages run theirs the same way. */
    public BackgroundWork background() {
        return background;
    }

    /** Keeps a copy of a form's unsaved state; a later save or discard removes it. */
    public void keepUnsaved(String key, ObjectNode pool) {
        Workspace ws = workspace.get();
        if (recovery == null || ws == null) {
            return;
        }
        try {
            recovery.keep(key, ws.folder(), pool);
        } catch (IOException e) {
            status.set("Could not keep a recovery copy: " + e.getMessage());
        }
    }

    public void discardUnsaved(String key) {
        if (recovery == null) {
            return;
        }
        try {
            recovery.discard(key);
        } catch (IOException e) {
            status.set("Could not remove a recovery copy: " + e.getMessage());
        }
    }

    /** Form edits a crashed or killed run left for this workspace. */
    public List<RecoveryStore.Recovered> unsavedEditsLeft() {
        Workspace ws = workspace.get();
        if (recovery == null || ws == null) {
            return List.of();
        }
        try {
            return recovery.left(ws.folder());
        } catch (IOException e) {
            return List.of();
        }
    }

    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WorkspaceAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public ObjectProperty<PoolSummary> selectedPoolProperty() {
        return selectedPool;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The context of the live cluster that is the workspace; empty when a folder is. */
    public ReadOnlyStringProperty clusterContextProperty() {
        return clusterContext.getReadOnlyProperty();
    }

    /** How the live cluster's watches stand and whether it may be written; null when a folder is the workspace. */
    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /**
     * Per kind, how the live cluster's lists and watches stand: watching, resuming, relisted, or not watched and why
     * (not installed, forbidden). Empty when a folder is the workspace.
     */
    public ReadOnlyStringProperty clusterNotesProperty() {
        return clusterNotes.getReadOnlyProperty();
    }

    /**
     * Counts the changes the live cluster's watch reported (a burst counts once), set on the UI thread: the Cluster
     * page follows it rather than watching the same context over a second connection.
     */
    public javafx.beans.property.ReadOnlyLongProperty clusterChangesProperty() {
        return clusterChanges.getReadOnlyProperty();
    }

    public boolean isLive() {
        return live != null;
    }

    public void open(Path folder) {
        closeCluster();
        background.run("Opening " + folder, () -> {
            Workspace opened = Workspace.open(folder);
            List<Manifest> copy = copyOf(opened);
            return new Opened(opened, copy, WorkspaceAnalysis.of(copy));
        }, opened -> {
            waiting.clear();
            saving = false;
            snapshot = opened.snapshot();
            workspace.set(opened.workspace());
            show(opened.analysis());
            int unreadable = opened.workspace().problems().size();
            status.set("Opened " + folder + (unreadable == 0 ? "" : " (" + unreadable + " file(s) could not be read:"
                    + " " + opened.workspace().problems().get(0) + ")"));
        }, failure -> status.set("Could not open " + folder + ": " + failure.getMessage()));
    }

    private record Opened(Workspace workspace, List<Manifest> snapshot, WorkspaceAnalysis analysis) {
    }

    /**
     * Makes the cluster of kubeconfig context {@code context} the workspace: it is listed and watched (off the UI
     * thread), the pages follow its changes, and the folder open before is closed. Whether this context may write is
     * asked now; the answer is in {@link #connectionProperty()}.
     */
    public void openCluster(String context) {
        long open = ++opens;
        ClusterConnector connector = clusterConnector;
        background.run("Opening cluster " + context, () -> LiveCluster.open(connector.connect(context), context,
                new LiveCluster.Listener() {
                    @Override
                    public void changed() {
                        if (changePending.compareAndSet(false, true)) {
                            uiThread.accept(() -> {
                                changePending.set(false);
                                if (open == opens) {
                                    clusterChanges.set(clusterChanges.get() + 1);
                                    reanalyse();
                                }
                            });
                        }
                    }

                    @Override
                    public void state(ConnectionState state) {
                        uiThread.accept(() -> {
                            if (open == opens && live != null) {
                                connection.set(state);
                                clusterNotes.set(live.notes());
                            }
                        });
                    }
                }), opened -> {
            if (open != opens) {
                opened.close();
                return;
            }
            closeCluster();
            opens = open;
            live = opened;
            waiting.clear();
            saving = false;
            changes.clear();
            deletions.clear();
            changeSetUndo.clear();
            changeSetRedo.clear();
            workspace.set(null);
            snapshot = List.of();
            clusterContext.set(context);
            connection.set(opened.state());
            clusterNotes.set(opened.notes());
            updateHistory(null);
            status.set("Opened cluster " + context + " (" + opened.server() + "): " + opened.state().words());
            reanalyse();
        }, failure -> status.set("Could not open cluster " + context + ": " + (failure instanceof ClusterException
                // only the gateway's own words: another exception's text may quote a credential
                ? failure.getMessage() : failure.getClass().getSimpleName())));
    }

    /** Stops the live cluster's watches and forgets its change set; nothing when a folder is the workspace. */
    public void closeCluster() {
        // an open still under way is dropped when it ends
        opens++;
        if (live == null) {
            return;
        }
        live.close();
        live = null;
        changes.clear();
        deletions.clear();
        changeSetUndo.clear();
        changeSetRedo.clear();
        updateHistory(workspace.get());
        clusterContext.set("");
        connection.set(null);
        clusterNotes.set("");
    }

    /** A write to the live cluster was refused as forbidden: the workspace is read-only from now on, for that reason. */
    public void writeForbidden(String reason) {
        if (live != null) {
            live.writeForbidden(reason);
            connection.set(live.state());
        }
    }

    /**
     * What the Cluster page compares and applies: the change set's objects on a live cluster (the edits made here,
     * never the cluster's own objects), else the folder's objects.
     */
    public List<Manifest> toApply() {
        if (live == null) {
            return manifests();
        }
        List<Manifest> out = new java.util.ArrayList<>();
        for (ObjectNode object : changes.values()) {
            out.add(new Manifest(live.source(), out.size() + 1, object.deepCopy()));
        }
        return List.copyOf(out);
    }

    /** The change set's deletions: the cluster's objects deleted in the window; empty when a folder is open. */
    public List<Manifest> toDelete() {
        return List.copyOf(deletions.values());
    }

    /** The change set was applied: the cluster holds it now, and its watch brings the objects back. */
    public void changesApplied() {
        if (live != null) {
            changes.clear();
            deletions.clear();
            // the cluster holds what was applied: undoing an edit now would not take it back from the cluster
            changeSetUndo.clear();
            changeSetRedo.clear();
            updateHistory(null);
            reanalyse();
        }
    }

    /**
     * Analyses the live cluster's objects with the change set over them, off the UI thread; a change that arrives
     * meanwhile is taken by one more run after this one, so a burst of changes costs at most two.
     */
    private void reanalyse() {
        LiveCluster source = live;
        if (source == null) {
            return;
        }
        if (analysing) {
            analyseAgain = true;
            return;
        }
        analysing = true;
        Map<String, ObjectNode> edits = new LinkedHashMap<>(changes);
        java.util.Set<String> deleted = java.util.Set.copyOf(deletions.keySet());
        background.run("", () -> {
            List<Manifest> objects = overlay(source.snapshot(), edits, deleted, source.source());
            return new Analysed(objects, WorkspaceAnalysis.of(objects));
        }, analysed -> {
            analysing = false;
            if (source == live) {
                snapshot = analysed.objects();
                show(analysed.analysis());
            }
            if (analyseAgain) {
                analyseAgain = false;
                reanalyse();
            }
        }, failure -> {
            analysing = false;
            status.set("The cluster's objects could not be analysed (" + failure.getClass().getSimpleName() + ")");
            if (analyseAgain) {
                analyseAgain = false;
                reanalyse();
            }
        });
    }

    private record Analysed(List<Manifest> objects, WorkspaceAnalysis analysis) {
    }

    /** The cluster's objects with each edit in place of the object it names; new objects after them. */
    private static List<Manifest> overlay(List<Manifest> cluster, Map<String, ObjectNode> edits,
                                          java.util.Set<String> deleted, String source) {
        if (edits.isEmpty() && deleted.isEmpty()) {
            return cluster;
        }
        Map<String, ObjectNode> left = new LinkedHashMap<>(edits);
        List<Manifest> out = new java.util.ArrayList<>(cluster.size() + edits.size());
        for (Manifest m : cluster) {
            if (deleted.contains(identity(m))) {
                continue;
            }
            ObjectNode edit = left.remove(identity(m));
            out.add(edit == null ? m : new Manifest(m.source(), m.document(), edit.deepCopy()));
        }
        for (ObjectNode edit : left.values()) {
            out.add(new Manifest(source, out.size() + 1, edit.deepCopy()));
        }
        return List.copyOf(out);
    }

    private static String identity(Manifest m) {
        return m.group() + "/" + m.kind() + "/" + m.namespace() + "/" + m.name();
    }

    /** The open workspace's folder, or null before one is open. */
    public Path folder() {
        Workspace ws = workspace.get();
        return ws == null ? null : ws.folder();
    }

    /** The workspace's objects as of the last change: an immutable copy, safe to hand to background work. */
    public List<Manifest> manifests() {
        return snapshot;
    }

    /**
     * The object's document as its file holds it, its comments included; as Pooldesk would write it when the file's
     * text is not at hand (a save under way, an edit not yet written).
     */
    public String documentText(Manifest manifest) {
        Workspace ws = workspace.get();
        // a save or reload changes the workspace's texts on the background thread meanwhile
        java.util.Optional<String> own = ws == null || saving ? java.util.Optional.empty() : ws.documentText(manifest);
        return own.orElseGet(() -> Workspace.render(List.of(manifest.object())));
    }

    private static List<Manifest> copyOf(Workspace ws) {
        return ws.manifests().stream()
                .map(m -> new Manifest(m.source(), m.document(), m.object().deepCopy())).toList();
    }

    /**
     * Creates or replaces a pool (any kind: the object of the same kind, namespace and name is replaced where it
     * stands), and writes it to disk; only the values that differ from the saved object are rewritten.
     */
    public void savePool(ObjectNode pool, String label) {
        if (live != null) {
            keepForUndo(label);
            Manifest edit = new Manifest(live.source(), 0, pool.deepCopy());
            changes.put(identity(edit), edit.object());
            deletions.remove(identity(edit));
            snapshot = overlay(snapshot, Map.of(identity(edit), edit.object()), java.util.Set.of(), live.source());
            status.set(label + ": in the change set of " + live.context() + " (" + changes.size() + " object(s));"
                    + " nothing is written to the cluster before Apply on the Cluster page");
            reanalyse();
            return;
        }
        commit(ws -> ws.put(pool, label), label);
    }

    /**
     * Deletes a pool's object and writes the change. Whether the cluster would allow it is the engine's to say:
     * callers ask {@code PoolsViewModel} first.
     */
    public void removePool(PoolSummary pool) {
        if (live != null) {
            keepForUndo("Delete " + pool.name());
            String key = identity(pool.manifest());
            boolean onlyHere = changes.remove(key) != null && live.snapshot().stream()
                    .noneMatch(m -> identity(m).equals(key));
            if (!onlyHere) {
                deletions.put(key, new Manifest(live.source(), 0, pool.manifest().object().deepCopy()));
            }
            snapshot = overlay(snapshot, Map.of(), java.util.Set.of(key), live.source());
            status.set("Delete " + pool.name() + ": in the change set of " + live.context() + " (" + (changes.size()
                    + deletions.size()) + " object(s)); nothing is written to the cluster before Apply on the"
                    + " Cluster page");
            reanalyse();
            return;
        }
        commit(ws -> ws.remove(pool.manifest().kind(), pool.manifest().namespace(), pool.name(),
                "Delete " + pool.name()), "Delete " + pool.name());
    }

    public void undo() {
        if (live != null) {
            step(changeSetUndo, changeSetRedo, "Undo ");
            return;
        }
        Workspace ws = workspace.get();
        if (ws != null && ws.canUndo()) {
            String label = ws.undoLabel();
            commit(Workspace::undo, "Undo " + label);
        }
    }

    public void redo() {
        if (live != null) {
            step(changeSetRedo, changeSetUndo, "Redo ");
            return;
        }
        Workspace ws = workspace.get();
        if (ws != null && ws.canRedo()) {
            String label = ws.redoLabel();
            commit(Workspace::redo, "Redo " + label);
        }
    }

    /** The change set of a live cluster as it stood, and the edit that changed it next. */
    private record ChangeSetStep(String label, Map<String, ObjectNode> changes, Map<String, Manifest> deletions) {
    }

    private void keepForUndo(String label) {
        changeSetUndo.push(new ChangeSetStep(label, new LinkedHashMap<>(changes), new LinkedHashMap<>(deletions)));
        changeSetRedo.clear();
        updateHistory(null);
    }

    /** Puts back the change set {@code from} holds last, keeping the one it replaces in {@code to}. */
    private void step(Deque<ChangeSetStep> from, Deque<ChangeSetStep> to, String verb) {
        ChangeSetStep back = from.poll();
        if (back == null) {
            return;
        }
        to.push(new ChangeSetStep(back.label(), new LinkedHashMap<>(changes), new LinkedHashMap<>(deletions)));
        changes.clear();
        changes.putAll(back.changes());
        deletions.clear();
        deletions.putAll(back.deletions());
        updateHistory(null);
        status.set(verb + back.label() + ": the change set of " + live.context() + " holds " + (changes.size()
                + deletions.size()) + " object(s); nothing is written to the cluster before Apply on the Cluster page");
        reanalyse();
    }

    /** Writes the objects as one YAML file, atomically. */
    public void export(Path file, List<Manifest> objects) throws IOException {
        AtomicFiles.write(file, Workspace.render(objects.stream().map(Manifest::object).toList()));
        status.set("Exported " + objects.size() + " object(s) to " + file);
    }

    private interface Edit {
        void apply(Workspace workspace);
    }

    private record Committed(Workspace workspace, List<Manifest> snapshot, WorkspaceAnalysis analysis, String note,
                             List<ThreeWayMerge.Conflict> conflicts) {
    }

    /** Asks the operator about a field changed both here and on disk: true takes the disk's value. */
    public interface ConflictChooser {
        boolean takeTheirs(ThreeWayMerge.Conflict conflict);
    }

    private ConflictChooser conflictChooser = conflict -> false;

    /** The window's prompt for conflicting fields; without one, the operator's own value is kept and named. */
    public void setConflictChooser(ConflictChooser chooser) {
        this.conflictChooser = chooser;
    }

    /**
     * Applies the edit and saves. When another program changed a file meanwhile, nothing is overwritten: the disk is
     * read again and merged field by field with the edits (their changes and ours both kept); a field both changed
     * is put to the operator, then the result is saved. Undo and redo survive.
     */
    private void commit(Edit edit, String label) {
        if (saving) {
            waiting.add(() -> commit(edit, label));
            return;
        }
        Workspace ws = workspace.get();
        if (ws == null) {
            return;
        }
        edit.apply(ws);
        updateHistory(ws);
        snapshot = copyOf(ws);
        save(ws, label, "");
    }

    /** @param decided what the operator decided about conflicting fields before this save, said after it */
    private void save(Workspace ws, String label, String decided) {
        saving = true;
        background.run(label, () -> {
            try {
                ws.save();
                List<Manifest> copy = copyOf(ws);
                return new Committed(ws, copy, WorkspaceAnalysis.of(copy), "saved", List.of());
            } catch (ChangedOnDiskException e) {
                Workspace.Merge merge = ws.mergeFromDisk();
                if (merge.conflicts().isEmpty()) {
                    ws.save();
                }
                List<Manifest> copy = copyOf(ws);
                return new Committed(ws, copy, WorkspaceAnalysis.of(copy), e.getMessage()
                        + ": merged your change with theirs, field by field", merge.conflicts());
            }
        }, result -> {
            saving = false;
            snapshot = result.snapshot();
            show(result.analysis());
            if (result.conflicts().isEmpty()) {
                status.set(label + ": " + result.note() + (result.note().equals("saved") ? "" : "; saved") + decided);
                runWaiting();
                return;
            }
            List<String> kept = new java.util.ArrayList<>();
            for (ThreeWayMerge.Conflict conflict : result.conflicts()) {
                boolean theirs = conflictChooser.takeTheirs(conflict);
                result.workspace().resolve(conflict, theirs);
                kept.add(conflict.field() + (theirs ? " (theirs)" : " (yours)"));
            }
            status.set(label + ": changed on disk too: " + String.join(", ", kept));
            snapshot = copyOf(result.workspace());
            save(result.workspace(), label, "; changed on disk too, as you chose: " + String.join(", ", kept));
        }, failure -> {
            saving = false;
            status.set(label + ": not saved: " + failure.getMessage()
                    + " (your edit is kept; it is written at the next save)");
            runWaiting();
        });
    }

    private void runWaiting() {
        Runnable next = waiting.poll();
        if (next != null) {
            next.run();
        }
    }

    /**
     * Takes in what another program changed on disk when no edit of ours is pending; the same workspace is kept, so
     * undo and redo survive the reload.
     */
    public void reloadIfChangedOnDisk() {
        Workspace ws = workspace.get();
        if (ws == null || saving || ws.hasUnsavedChanges()) {
            return;
        }
        // it holds the workspace as a save does
        saving = true;
        // a quiet check every few seconds: no status line for it
        background.run("", () -> {
            List<Path> changed = ws.changedOnDisk();
            if (changed.isEmpty()) {
                return null;
            }
            Workspace disk = Workspace.open(ws.folder());
            return new Reloaded(disk, WorkspaceAnalysis.of(disk.manifests()), changed.size());
        }, result -> {
            saving = false;
            if (result != null && workspace.get() == ws && !ws.hasUnsavedChanges()) {
                ws.merge(result.disk());
                snapshot = copyOf(ws);
                show(result.analysis());
                status.set(result.changed() + " file(s) changed by another program: reloaded");
            }
            runWaiting();
        }, failure -> {
            saving = false;
            runWaiting();
        });
    }

    private record Reloaded(Workspace disk, WorkspaceAnalysis analysis, int changed) {
    }

    private void updateHistory(Workspace ws) {
        if (live != null) {
            canUndo.set(!changeSetUndo.isEmpty());
            canRedo.set(!changeSetRedo.isEmpty());
            return;
        }
        canUndo.set(ws != null && ws.canUndo());
        canRedo.set(ws != null && ws.canRedo());
    }

    private void show(WorkspaceAnalysis result) {
        String selected = selectedPool.get() == null ? null : selectedPool.get().name();
        analysis.set(result);
        updateHistory(workspace.get());
        selectedPool.set(result.pools().stream().filter(p -> p.name().equals(selected)).findFirst().orElse(null));
    }
}
