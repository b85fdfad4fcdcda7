package io.pooldesk.views.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import io.pooldesk.views.common.BackgroundWork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The open workspace every page shares: its objects, what the engine makes of them, the selected pool, the status
 * line, and the edits. Every committed edit (a saved form, a delete, an undo, a redo) is written to disk at once,
 * atomically, so that a crash or a closed window loses nothing.
 *
 * <p>Background work never sees the live {@link Workspace}'s objects while the UI thread may edit them: pages read
 * {@link #manifests()}, an immutable copy taken after each change; a save or a reload check hands the workspace to
 * the background thread, and edits made meanwhile wait in line until it is handed back.
 */
public final class WorkspaceViewModel {
    private final BackgroundWork background;
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ReadOnlyObjectWrapper<WorkspaceAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ObjectProperty<PoolSummary> selectedPool = new SimpleObjectProperty<>(this, "selectedPool");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");

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
        this.background = background;
        this.recovery = recovery;
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

    public void open(Path folder) {
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

    /** The open workspace's folder, or null before one is open. */
    public Path folder() {
        Workspace ws = workspace.get();
        return ws == null ? null : ws.folder();
    }

    /** The workspace's objects as of the last change: an immutable copy, safe to hand to background work. */
    public List<Manifest> manifests() {
        return snapshot;
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
        commit(ws -> ws.put(pool, label), label);
    }

    /**
     * Deletes a pool's object and writes the change. Whether the cluster would allow it is the engine's to say:
     * callers ask {@code PoolsViewModel} first.
     */
    public void removePool(PoolSummary pool) {
        commit(ws -> ws.remove(pool.manifest().kind(), pool.manifest().namespace(), pool.name(),
                "Delete " + pool.name()), "Delete " + pool.name());
    }

    public void undo() {
        Workspace ws = workspace.get();
        if (ws != null && ws.canUndo()) {
            String label = ws.undoLabel();
            commit(Workspace::undo, "Undo " + label);
        }
    }

    public void redo() {
        Workspace ws = workspace.get();
        if (ws != null && ws.canRedo()) {
            String label = ws.redoLabel();
            commit(Workspace::redo, "Redo " + label);
        }
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
        canUndo.set(ws.canUndo());
        canRedo.set(ws.canRedo());
    }

    private void show(WorkspaceAnalysis result) {
        String selected = selectedPool.get() == null ? null : selectedPool.get().name();
        analysis.set(result);
        updateHistory(workspace.get());
        selectedPool.set(result.pools().stream().filter(p -> p.name().equals(selected)).findFirst().orElse(null));
    }
}
