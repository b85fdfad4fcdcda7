package io.pooldesk.views.pools.yaml;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.TwoDimensional.Bias;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/**
 * The YAML tab: the selected pool's YAML in a code area, coloured as YAML and checked as the operator types; the
 * problems under it (Enter or a double-click puts the caret on one); Revert, and Save with the reason when it is off.
 * Save first shows what will be written as a diff, and writes only when the operator confirms.
 */
public final class YamlEditorView extends StackPane {
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN);

    /** Problems listed under the editor; the rest are counted (the first is what Save's reason names). */
    private static final int SHOWN = 5;

    private final YamlEditorModel model;
    private final CodeArea area = new CodeArea();
    private final CodeArea diff = new CodeArea();
    private final VBox problems = new VBox(2);
    private final Button save = new Button("Save…");
    private final Button revert = new Button("Revert");
    private final Button write = new Button("Write");
    private final Label diffSummary = new Label();
    private final BorderPane editing = new BorderPane();
    private final BorderPane reviewing = new BorderPane();
    private boolean fromModel;

    public YamlEditorView(YamlEditorModel model) {
        this.model = model;
        getStyleClass().add("yaml-editor");
        area.setId("yaml-editor");
        area.getStyleClass().add("yaml-code");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setAccessibleRole(AccessibleRole.TEXT_AREA);
        area.setAccessibleText("The pool's YAML, editable");
        area.setWrapText(false);
        // only the lines a change touched are coloured again: a pool's status can run to thousands of lines
        area.plainTextChanges().subscribe(change -> {
            int first = area.offsetToPosition(change.getPosition(), Bias.Forward).getMajor();
            int last = area.offsetToPosition(change.getInsertionEnd(), Bias.Forward).getMajor();
            colour(area, first, last);
        });
        area.textProperty().addListener((o, old, now) -> {
            if (!fromModel) {
                model.textProperty().set(now);
            }
        });
        model.textProperty().addListener((o, old, now) -> {
            if (!now.equals(area.getText())) {
                fromModel = true;
                try {
                    area.replaceText(now);
                } finally {
                    fromModel = false;
                }
            }
        });
        area.replaceText(model.textProperty().get());
        area.addEventFilter(KeyEvent.KEY_PRESSED, this::keyInEditor);

        problems.setId("yaml-problems");
        problems.getStyleClass().add("yaml-problems");
        problems.setAccessibleRole(AccessibleRole.LIST_VIEW);
        problems.setAccessibleText("Problems in the YAML");
        Runnable showProblems = () -> {
            List<YamlCheck.Problem> found = List.copyOf(model.problems());
            problems.getChildren().setAll(found.stream().limit(SHOWN).map(this::problemButton).toList());
            if (found.size() > SHOWN) {
                Label more = new Label("… and " + (found.size() - SHOWN) + " more");
                more.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                problems.getChildren().add(more);
            }
            problems.setVisible(!found.isEmpty());
            problems.setManaged(!found.isEmpty());
            area.pseudoClassStateChanged(Styles.STATE_DANGER, !found.isEmpty());
            markLines(found);
        };
        model.problems().addListener((ListChangeListener<YamlCheck.Problem>) c -> showProblems.run());
        showProblems.run();

        Label blocked = new Label();
        blocked.setId("yaml-save-blocked");
        blocked.getStyleClass().addAll(Styles.TEXT_SMALL);
        blocked.setWrapText(true);
        blocked.textProperty().bind(model.saveBlockedProperty());
        blocked.setMaxWidth(Double.MAX_VALUE);
        blocked.setMinWidth(0);
        Runnable markBlocked = () -> {
            boolean problem = !model.problems().isEmpty();
            blocked.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
            blocked.getStyleClass().add(problem ? Styles.DANGER : Styles.TEXT_MUTED);
        };
        model.saveBlockedProperty().addListener(o -> markBlocked.run());
        markBlocked.run();
        HBox.setHgrow(blocked, Priority.ALWAYS);
        save.setId("yaml-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setMnemonicParsing(false);
        save.disableProperty().bind(model.saveBlockedProperty().isNotEmpty());
        save.setOnAction(e -> review());
        revert.setId("yaml-revert");
        revert.disableProperty().bind(model.changedProperty().not());
        revert.setOnAction(e -> model.revert());
        save.setMinWidth(Region.USE_PREF_SIZE);
        revert.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, blocked, revert, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(8, 0, 0, 0));
        VBox bottom = new VBox(6, problems, buttons);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        editing.setCenter(new VirtualizedScrollPane<>(area));
        editing.setBottom(bottom);

        diff.setId("yaml-diff");
        diff.getStyleClass().addAll("yaml-code", "yaml-diff-text");
        diff.setEditable(false);
        diff.setAccessibleRole(AccessibleRole.TEXT_AREA);
        diff.setAccessibleText("What Save will write, as a diff of the saved YAML against the edited text");
        Label heading = new Label("Review what will be written");
        heading.getStyleClass().add(Styles.TITLE_4);
        diffSummary.setId("yaml-diff-summary");
        diffSummary.getStyleClass().add(Styles.TEXT_MUTED);
        diffSummary.setWrapText(true);
        VBox top = new VBox(2, heading, diffSummary);
        top.setPadding(new Insets(8));
        Button back = new Button("Back to editing");
        back.setId("yaml-back");
        back.setCancelButton(false);
        back.setOnAction(e -> backToEditing());
        write.setId("yaml-write");
        write.getStyleClass().add(Styles.ACCENT);
        write.setOnAction(e -> {
            if (model.save()) {
                backToEditing();
            }
        });
        HBox confirm = new HBox(8, back, write);
        confirm.setAlignment(Pos.CENTER_RIGHT);
        confirm.setPadding(new Insets(8));
        reviewing.setTop(top);
        reviewing.setCenter(new VirtualizedScrollPane<>(diff));
        reviewing.setBottom(confirm);
        reviewing.getStyleClass().add("yaml-review");
        reviewing.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                backToEditing();
                e.consume();
            }
        });
        reviewing.setVisible(false);
        getChildren().addAll(editing, reviewing);
    }

    /** The code area (for tests and focus). */
    public CodeArea area() {
        return area;
    }

    /** Whether the diff of what Save writes is showing. */
    public boolean reviewing() {
        return reviewing.isVisible();
    }

    /** Shows the diff of what Save writes, with Write and Back; nothing when Save is off. */
    public void review() {
        if (save.isDisabled()) {
            return;
        }
        List<String> lines = model.diff();
        diff.replaceText(String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            diff.setParagraphStyle(i, List.of(YamlHighlighting.diffLine(lines.get(i))));
        }
        diffSummary.setText(YamlDiff.summary(lines) + " in " + model.name() + ". Write changes only these values"
                + " in its file; its comments and everything else stay as they are"
                + (model.textProperty().get().lines().anyMatch(l -> l.stripLeading().startsWith("#")
                || l.contains(" #")) ? ". Comments typed here are not written: the file keeps its own." : "."));
        editing.setVisible(false);
        reviewing.setVisible(true);
        write.requestFocus();
    }

    /** Leaves the diff for the editor, the text as it was. */
    public void backToEditing() {
        reviewing.setVisible(false);
        editing.setVisible(true);
        area.requestFocus();
    }

    private void keyInEditor(KeyEvent e) {
        if (SAVE.match(e)) {
            review();
            e.consume();
        } else if (NEXT.match(e)) {
            // Tab indents (YAML takes no tab characters); Ctrl+Tab leaves the editor, as in a text area
            (problems.isVisible() ? problems.getChildren().get(0) : revert.isDisabled() ? save.isDisabled() ? area : save : revert)
                    .requestFocus();
            e.consume();
        } else if (e.getCode() == KeyCode.TAB && !e.isShiftDown() && !e.isShortcutDown() && !e.isAltDown()) {
            area.replaceSelection("  ");
            e.consume();
        }
    }

    /** A problem as a button: Enter, Space or a click puts the caret where it is. */
    private Button problemButton(YamlCheck.Problem problem) {
        Button button = new Button(problem.toString(), new FontIcon(Feather.ALERT_CIRCLE));
        button.getStyleClass().addAll(Styles.FLAT, Styles.DANGER, Styles.SMALL, "yaml-problem");
        button.setWrapText(true);
        button.setMnemonicParsing(false);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setMinHeight(Region.USE_PREF_SIZE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setAccessibleText("Problem at " + problem);
        button.setOnAction(e -> goTo(problem));
        return button;
    }

    /** Marks the lines that hold a problem, so they show in the text as well as in the list. */
    private void markLines(List<YamlCheck.Problem> found) {
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            if (!area.getParagraph(i).getParagraphStyle().isEmpty()) {
                area.setParagraphStyle(i, List.of());
            }
        }
        for (YamlCheck.Problem problem : found) {
            if (problem.line() - 1 < area.getParagraphs().size()) {
                area.setParagraphStyle(problem.line() - 1, List.of("yaml-problem-line"));
            }
        }
    }

    private void goTo(YamlCheck.Problem problem) {
        int paragraph = Math.min(problem.line() - 1, area.getParagraphs().size() - 1);
        int column = Math.min(problem.column() - 1, area.getParagraphLength(paragraph));
        area.moveTo(paragraph, Math.max(0, column));
        area.requestFollowCaret();
        area.requestFocus();
    }

    private static void colour(CodeArea area, int first, int last) {
        for (int i = Math.max(0, first); i <= last && i < area.getParagraphs().size(); i++) {
            String line = area.getParagraph(i).getText();
            if (!line.isEmpty()) {
                area.setStyleSpans(i, 0, YamlHighlighting.line(line));
            }
        }
    }
}
