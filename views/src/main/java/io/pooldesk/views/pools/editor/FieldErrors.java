package io.pooldesk.views.pools.editor;

import atlantafx.base.theme.Styles;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Binds a text field to the form's error map: the field turns red and the message appears under it. */
final class FieldErrors {
    private FieldErrors() {
    }

    /** A field with its message line, both watching {@code path} in {@code errors}. */
    static VBox field(TextField input, String path, ObservableMap<String, String> errors) {
        Label message = new Label();
        message.getStyleClass().addAll("field-error", Styles.DANGER, Styles.TEXT_SMALL);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setId(input.getId() == null ? null : input.getId() + "-error");
        Runnable update = () -> {
            String text = errors.get(path);
            input.pseudoClassStateChanged(Styles.STATE_DANGER, text != null);
            message.setText(text == null ? "" : text);
            message.setVisible(text != null);
            message.setManaged(text != null);
        };
        errors.addListener((MapChangeListener<String, String>) c -> update.run());
        update.run();
        return new VBox(2, input, message);
    }
}
