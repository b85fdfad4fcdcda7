package io.pooldesk.views.pools;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.views.common.Columns;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code pooldesk validate} reports for the workspace, errors first: severity, file, document, object, field,
 * message. A click (or Enter) on a row goes to its object.
 */
public final class ProblemsView extends TitledPane {
    /** A warning's words start as a problem's do: {@code file: document N (kind/name): field: message}. */
    private static final Pattern WARNING = Pattern.compile("(.+?): document (\\d+) \\(([^)]*)\\): (.*)", Pattern.DOTALL);

    /** One line of the panel; {@code document} 0 when the warning did not name one. */
    public record Problem(String severity, String source, int document, String object, String field,
                          String message) {
        public String file() {
            return source.isEmpty() ? "" : Path.of(source).getFileName().toString();
        }
    }

    private final TableView<Problem> table = new TableView<>();
    private Consumer<Problem> onOpen = p -> { };

    public ProblemsView() {
        setId("problems-panel");
        setText("Problems");
        setExpanded(false);
        setAnimated(false);
        table.setId("problems-table");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("validate reports no problem in this workspace."));
        table.setPrefHeight(170);
        table.getColumns().setAll(List.of(
                Columns.text("Severity", Problem::severity, 70),
                Columns.text("File", Problem::file, 120),
                Columns.text("Doc", p -> p.document() > 0 ? Integer.toString(p.document()) : "", 40),
                Columns.text("Object", Problem::object, 150),
                Columns.text("Field", Problem::field, 110),
                Columns.longText("Message", Problem::message, 320)));
        table.setOnMouseClicked(e -> open());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                open();
            }
        });
        setContent(table);
    }

    private void open() {
        Problem chosen = table.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            onOpen.accept(chosen);
        }
    }

    /** What to do when the operator picks a problem: select its object. */
    public void setOnOpen(Consumer<Problem> action) {
        onOpen = action;
    }

    public void show(ValidationReport report) {
        show(report == null ? List.of() : rows(report));
    }

    /** Shows rows made by {@link #rows(ValidationReport)} (in the background, for a large workspace). */
    public void show(List<Problem> rows) {
        table.getItems().setAll(rows);
        long errors = rows.stream().filter(p -> p.severity().equals("error")).count();
        long warnings = rows.size() - errors;
        setText("Problems: " + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning" : " warnings"));
        pseudoClassStateChanged(Styles.STATE_DANGER, errors > 0);
    }

    /** The panel's rows for what validate reported: errors first, then warnings. */
    public static List<Problem> rows(ValidationReport report) {
        List<Problem> rows = new ArrayList<>();
        for (ManifestProblem p : report.errors()) {
            rows.add(new Problem("error", p.source(), p.document(), p.object() == null ? "" : p.object(),
                    p.field() == null ? "" : p.field(), p.message()));
        }
        for (String w : report.warnings()) {
            Matcher m = WARNING.matcher(w);
            if (m.matches()) {
                String rest = m.group(4);
                int colon = rest.indexOf(": ");
                boolean fielded = colon > 0 && rest.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]]+");
                rows.add(new Problem("warning", m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                        fielded ? rest.substring(0, colon) : "", fielded ? rest.substring(colon + 2) : rest));
            } else {
                rows.add(new Problem("warning", "", 0, "", "", w));
            }
        }
        return rows;
    }

    public TableView<Problem> table() {
        return table;
    }
}
