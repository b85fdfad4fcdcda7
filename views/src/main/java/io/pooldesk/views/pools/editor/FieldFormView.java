package io.pooldesk.views.pools.editor;

import atlantafx.base.theme.Styles;
import javafx.beans.property.StringProperty;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controls of a field-by-field form: a label and a control per field, on the field's tab; lists as rows with Add
 * and Remove; each control marked with its problem under it, and the problems no field shows listed under the tabs.
 */
final class FieldFormView {
    private FieldFormView() {
    }

    static PoolFormParts parts(FieldFormModel model) {
        GridPane basics = grid();
        Map<String, GridPane> tabs = new LinkedHashMap<>();
        for (FormField field : model.fields()) {
            GridPane grid = field.tab() == null ? basics : tabs.computeIfAbsent(field.tab(), t -> grid());
            int row = grid.getRowCount();
            Label label = new Label(field.label());
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            label.setPadding(new Insets(5, 0, 0, 0));
            Node control = control(model, field);
            if (!field.hint().isEmpty()) {
                Label hint = new Label(field.hint());
                hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                hint.setWrapText(true);
                control = new VBox(2, control, hint);
            }
            grid.addRow(row, label, control);
        }
        List<Tab> out = new ArrayList<>();
        tabs.forEach((title, grid) -> {
            Tab tab = new Tab(title);
            tab.setId("tab-" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
            VBox content = new VBox(12, grid);
            content.setPadding(new Insets(12));
            ScrollPane scroll = new ScrollPane(content);
            scroll.setFitToWidth(true);
            tab.setContent(scroll);
            out.add(tab);
        });
        Label unplaced = new Label();
        unplaced.setId("form-error");
        unplaced.getStyleClass().add(Styles.DANGER);
        unplaced.setWrapText(true);
        Runnable showUnplaced = () -> {
            List<String> lines = new ArrayList<>();
            model.errors().forEach((key, message) -> {
                if (!model.placed(key)) {
                    lines.add((key.isEmpty() ? "" : key + ": ") + message);
                }
            });
            unplaced.setText(String.join("\n", lines));
            unplaced.setVisible(!lines.isEmpty());
            unplaced.setManaged(!lines.isEmpty());
        };
        model.errors().addListener((MapChangeListener<String, String>) c -> showUnplaced.run());
        showUnplaced.run();
        return new PoolFormParts(basics, out, unplaced);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, controls);
        return grid;
    }

    private static Node control(FieldFormModel model, FormField field) {
        FieldFormModel.Value value = model.value(field.path());
        boolean identity = field.path().startsWith("metadata.") && !model.isNew();
        return switch (field.type()) {
            case FLAG -> {
                CheckBox check = new CheckBox();
                check.setId(field.id());
                check.selectedProperty().bindBidirectional(value.flag);
                yield FieldErrors.field(check, field.path(), model.errors());
            }
            case CHOICE -> {
                ComboBox<String> choice = new ComboBox<>();
                choice.getItems().setAll(field.options());
                choice.setId(field.id());
                choice.valueProperty().bindBidirectional(value.text);
                yield FieldErrors.field(choice, field.path(), model.errors());
            }
            case LIST, SELECTORS -> rows(model, field, value);
            default -> {
                TextField text = FieldErrors.text(value.text, field.id(), field.prompt());
                text.setDisable(identity);
                yield FieldErrors.field(text, field.path(), model.errors());
            }
        };
    }

    private static Node rows(FieldFormModel model, FormField field, FieldFormModel.Value value) {
        VBox rows = new VBox(6);
        RowList.rebuildOnAddOrRemove(value.rows, () -> {
            rows.getChildren().clear();
            for (int i = 0; i < value.rows.size(); i++) {
                StringProperty row = value.rows.get(i);
                TextField text = FieldErrors.text(row, field.id() + "-" + i, field.prompt());
                VBox marked = FieldErrors.field(text, field.path() + "[" + i + "]", model.errors());
                HBox.setHgrow(marked, Priority.ALWAYS);
                Button remove = FieldErrors.removeButton(field.id() + "-" + i + "-remove",
                        "row " + (i + 1) + " of " + field.label(), () -> value.rows.remove(row));
                HBox line = new HBox(6, marked, remove);
                line.setAlignment(Pos.TOP_LEFT);
                rows.getChildren().add(line);
            }
        });
        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setId(field.id() + "-add");
        add.setAccessibleText("Add a row to " + field.label());
        add.setOnAction(e -> model.addRow(field.path()));
        Label listError = new Label();
        listError.setId(field.id() + "-error");
        listError.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        listError.setWrapText(true);
        Runnable show = () -> {
            String message = model.errors().get(field.path());
            listError.setText(message == null ? "" : message);
            listError.setVisible(message != null);
            listError.setManaged(message != null);
        };
        model.errors().addListener((MapChangeListener<String, String>) c -> show.run());
        show.run();
        return new VBox(6, rows, listError, add);
    }
}
