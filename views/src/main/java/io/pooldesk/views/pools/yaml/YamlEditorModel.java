package io.pooldesk.views.pools.yaml;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML tab's editor of the selected pool: the text as typed, checked a moment after the operator stops typing
 * (off the UI thread, through {@link YamlCheck}); the problems found; whether Save is possible and, if not, why; the
 * diff of what Save writes; and Save itself, through the workspace exactly as a form's Save.
 */
public final class YamlEditorModel {
    /** Long enough that a check does not run for every key of a word typed, short enough to feel live. */
    static final Duration QUIET = Duration.millis(300);

    private final WorkspaceViewModel workspace;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper(this, "savedText", "");
    private final ObservableList<YamlCheck.Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper saveBlocked = new ReadOnlyStringWrapper(this, "saveBlocked",
            "Select a pool to edit it as YAML.");
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed");
    private final PauseTransition quiet = new PauseTransition(QUIET);
    /** What was typed into pools the operator left unsaved, by pool: it is there again when they come back. */
    private final Map<String, String> drafts = new HashMap<>();
    private Manifest saved;
    private YamlCheck last;
    private int checks;

    public YamlEditorModel(WorkspaceViewModel workspace) {
        this.workspace = workspace;
        quiet.setOnFinished(e -> check());
        text.addListener((o, old, now) -> {
            changed.set(!now.equals(savedText.get()));
            if (saved != null) {
                checkSoon();
            }
        });
    }

    /** The text in the editor. */
    public StringProperty textProperty() {
        return text;
    }

    /** The saved pool's YAML, which Revert brings back and the diff starts from. */
    public ReadOnlyStringProperty savedTextProperty() {
        return savedText.getReadOnlyProperty();
    }

    /** What the last check found, in the order found. */
    public ObservableList<YamlCheck.Problem> problems() {
        return problems;
    }

    /** Why Save is off, in words; empty when the text can be saved. */
    public ReadOnlyStringProperty saveBlockedProperty() {
        return saveBlocked.getReadOnlyProperty();
    }

    /** Whether the text differs from the saved pool's. */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    /** The pool's name, for titles; empty when none is shown. */
    public String name() {
        return saved == null ? "" : saved.name();
    }

    /**
     * Shows a pool, {@code yaml} being its saved YAML. The same pool shown again (the workspace was read again) keeps
     * what the operator typed; the diff then starts from the new saved text.
     */
    public void show(PoolSummary pool, String yaml) {
        Manifest next = pool == null ? null : pool.manifest();
        boolean samePool = next != null && saved != null && saved.sameObject(next);
        boolean keepTyped = samePool && changed.get();
        if (!samePool && saved != null && changed.get()) {
            drafts.put(key(saved), text.get());
            workspace.statusProperty().set("The YAML typed into " + saved.name() + " is kept, unsaved, until you"
                    + " come back to it.");
        }
        saved = next;
        savedText.set(next == null ? "" : yaml);
        String draft = next == null || samePool ? null : drafts.remove(key(next));
        if (draft != null) {
            text.set(draft);
        } else if (!keepTyped) {
            text.set(savedText.get());
        }
        changed.set(!text.get().equals(savedText.get()));
        if (next == null) {
            quiet.stop();
            last = null;
            problems.clear();
            saveBlocked.set("Select a pool to edit it as YAML.");
        } else {
            checkSoon();
        }
    }

    /**
     * Checks the text once typing pauses. The saved pool's own text is not checked (the Problems panel lists what
     * validate says of the workspace): selecting pools costs no background work until one is edited.
     */
    private void checkSoon() {
        last = null;
        if (!changed.get()) {
            quiet.stop();
            checks++;
            problems.clear();
            saveBlocked.set("Nothing to save: the text is the saved pool's.");
            return;
        }
        saveBlocked.set("Checking the YAML…");
        quiet.playFromStart();
    }

    /** Checks the text now, off the UI thread; the result is shown when it is still the text in the editor. */
    public void check() {
        quiet.stop();
        if (saved == null) {
            return;
        }
        int number = ++checks;
        String typed = text.get();
        Manifest pool = saved;
        List<Manifest> objects = workspace.manifests();
        // no words for the status line: "Checking the YAML of X: done" stayed there after moving to another pool, and
        // the editor says beside Save that it is checking
        workspace.background().run("", () -> YamlCheck.of(typed, pool, objects),
                result -> {
                    if (number == checks && typed.equals(text.get())) {
                        show(result);
                    }
                }, failed -> {
                    if (number == checks) {
                        saveBlocked.set("The YAML could not be checked: " + failed.getMessage());
                    }
                });
    }

    private void show(YamlCheck result) {
        last = result;
        problems.setAll(result.problems());
        if (!result.valid()) {
            // the problems are listed in full, with their fields, above Save: its reason stays short enough to sit beside it
            YamlCheck.Problem first = result.problems().get(0);
            int count = result.problems().size();
            saveBlocked.set("Cannot save yet: " + (count == 1 ? "1 problem, at " : count + " problems, the first at ")
                    + "line " + first.line() + ".");
        } else {
            saveBlocked.set("");
        }
    }

    /** What Save writes, as a unified diff of the saved YAML against the text; empty when nothing changed. */
    public List<String> diff() {
        return YamlDiff.unified(name(), savedText.get(), text.get());
    }

    /**
     * Writes the checked pool through the workspace, as a form's Save does: only the values that changed are spliced
     * into its file, so the file's comments and everything else keep their bytes. False when Save is off.
     */
    public boolean save() {
        if (!saveBlocked.get().isEmpty() || last == null || !last.valid() || !last.text().equals(text.get())) {
            return false;
        }
        String name = saved.name();
        var object = last.object();
        // the workspace shows the saved pool again once written: the editor then holds the file's text, the values
        // typed spliced in
        savedText.set(text.get());
        changed.set(false);
        checkSoon();
        workspace.savePool(object, "Edit " + name + " as YAML");
        return true;
    }

    private static String key(Manifest pool) {
        return pool.kind() + "\n" + pool.group() + "\n" + pool.namespace() + "\n" + pool.name();
    }

    /** Puts the saved pool's YAML back in the editor. */
    public void revert() {
        text.set(savedText.get());
    }
}
