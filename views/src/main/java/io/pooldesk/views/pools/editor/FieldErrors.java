package io.pooldesk.views.pools.editor;

import atlantafx.base.theme.Styles;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The form's controls: text fields bound to a value, marked red with their message under them when the error map
 * holds one for their field path, and the rows' remove buttons.
 */
public final class FieldErrors {
    private FieldErrors() {
    }

    public static javafx.scene.control.TextField text(javafx.beans.property.StringProperty value, String id, String prompt) {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(14);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** A row's trash button; {@code what} names the row ("range 2") for screen readers and the tooltip. */
    public static javafx.scene.control.Button removeButton(String id, String what, Runnable action) {
        javafx.scene.control.Button remove = new javafx.scene.control.Button("",
                new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.TRASH_2));
        remove.setId(id);
        // an icon alone says nothing to a screen reader: it reads the accessible text
        remove.setAccessibleText("Remove " + what);
        remove.setTooltip(new javafx.scene.control.Tooltip("Remove " + what));
        remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        remove.setOnAction(e -> action.run());
        return remove;
    }

    /** A field with its message line, both watching {@code path} in {@code errors}. */
    public static VBox field(javafx.scene.control.Control input, String path, ObservableMap<String, String> errors) {
        Label message = new Label();
        message.getStyleClass().addAll("field-error", Styles.DANGER, Styles.TEXT_SMALL);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        // the message wraps at its field's width: a long one must not widen the field's column
        message.setMinWidth(0);
        message.setPrefWidth(1);
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
