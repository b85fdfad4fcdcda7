package io.pooldesk.views.pools.editor;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** The row lists of the form: their controls are rebuilt when a row is added or removed, not on every keystroke. */
public final class RowList {
    private RowList() {
    }

    public static <T> void rebuildOnAddOrRemove(ObservableList<T> rows, Runnable rebuild) {
        rows.addListener((ListChangeListener<T>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    rebuild.run();
                    return;
                }
            }
        });
        rebuild.run();
    }
}
