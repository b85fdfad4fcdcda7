package io.pooldesk.views.pools.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every pool form shares, whatever its kind: the problems its pool system finds, keyed by field path so the
 * view marks the field and its tab; whether Save is possible, and if not, why, in words; whether anything was typed;
 * and the object to save.
 */
public abstract class PoolFormModel {
    /** Field path (such as {@code spec.ranges[0].subnet}) to the message shown beside that field, in found order. */
    private final ObservableMap<String, String> errors = FXCollections.observableMap(new LinkedHashMap<>());
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed");
    private final ReadOnlyStringWrapper saveBlocked = new ReadOnlyStringWrapper(this, "saveBlocked", "");
    private final ReadOnlyIntegerWrapper edits = new ReadOnlyIntegerWrapper(this, "edits");

    /** Whether the form creates a pool (else it edits a saved one). */
    public abstract boolean isNew();

    /** The pool's name as typed. */
    public abstract String name();

    /** The pool as the form describes it: the saved object with only the fields the operator changed replaced. */
    public abstract ObjectNode toObject();

    /** Fills the form from an object of its kind (a recovered copy of unsaved edits). */
    public abstract void load(ObjectNode object);

    /** The title of the tab that shows a field, or null for the fields above the tabs. */
    public abstract String tabOf(String field);

    /** How the reason under Save names a field above the tabs ({@code Name}). */
    protected String labelOf(String field) {
        return field.equals("metadata.name") ? "Name" : field.isEmpty() ? "Pool" : field;
    }

    public ObservableMap<String, String> errors() {
        return errors;
    }

    /** The message for a field, or null. */
    public String error(String field) {
        return errors.get(field);
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Whether the operator has typed anything since the form opened: closing it then asks first. */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    /** Why Save is off, in words, naming where the first problem is; empty when the pool can be saved. */
    public ReadOnlyStringProperty saveBlockedProperty() {
        return saveBlocked.getReadOnlyProperty();
    }

    /** What the pool would serve, in words. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Counts the operator's edits: the window keeps a recovery copy a moment after each. */
    public ReadOnlyIntegerProperty editsProperty() {
        return edits.getReadOnlyProperty();
    }

    /** Subclasses call this on every change the operator makes (after the form has opened). */
    protected void edited() {
        changed.set(true);
        edits.set(edits.get() + 1);
    }

    /** Shows a check's result: the problems by field, in the order found, and the preview. */
    protected void show(Map<String, String> found, String previewText) {
        errors.clear();
        errors.putAll(found);
        valid.set(found.isEmpty());
        saveBlocked.set(blockedText(found));
        preview.set(previewText);
    }

    private String blockedText(Map<String, String> found) {
        if (found.isEmpty()) {
            return "";
        }
        Map.Entry<String, String> first = found.entrySet().iterator().next();
        String tab = tabOf(first.getKey());
        String where = tab == null ? labelOf(first.getKey()) : tab + " tab";
        int more = found.size() - 1;
        return "Cannot save yet. " + where + ": " + first.getValue()
                + (more == 0 ? "" : " (and " + more + " more " + (more == 1 ? "problem" : "problems") + ")");
    }
}
