package io.pooldesk.views.pools;

import atlantafx.base.theme.Styles;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.common.Counts;
import io.pooldesk.views.map.CellState;
import io.pooldesk.views.map.MapModel;
import io.pooldesk.views.map.UtilisationMap;
import io.pooldesk.views.pools.yaml.YamlEditorModel;
import io.pooldesk.views.pools.yaml.YamlEditorView;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.function.Consumer;

/** One pool: its numbers, its utilisation map with a legend, and its YAML in an editor that checks as one types. */
public final class PoolDetailView extends BorderPane {
    private final Label title = new Label("Select a pool");
    private final Label numbers = new Label();
    private final Label next = new Label();
    private final UtilisationMap map = new UtilisationMap();
    private final YamlEditorModel yamlModel;
    /** Made when the YAML tab is first shown: RichTextFX's classes then load after the window's first frame. */
    private YamlEditorView yaml;
    private final Tab yamlTab = new Tab("YAML");
    private final FlowPane legend = new FlowPane(12, 4);
    private final java.util.Map<CellState, Rectangle> swatches = new java.util.EnumMap<>(CellState.class);

    public PoolDetailView(Consumer<String> onHolderSelected, WorkspaceViewModel workspace) {
        yamlModel = new YamlEditorModel(workspace);
        getStyleClass().add("pool-detail");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("detail-title");
        numbers.getStyleClass().add(Styles.TEXT_MUTED);
        numbers.setId("detail-numbers");
        next.setId("detail-next");
        next.setWrapText(true);
        numbers.setWrapText(true);
        map.setId("utilisation-map");
        map.setOnHolderSelected(onHolderSelected);
        for (CellState state : CellState.values()) {
            Rectangle swatch = new Rectangle(12, 12);
            swatch.getStyleClass().add("legend-swatch");
            // bound, not copied once a pool is shown: black until then, and stale after a theme change
            swatch.fillProperty().bind(map.paintProperty(state));
            swatch.setId("legend-" + state.name().toLowerCase(java.util.Locale.ROOT));
            swatches.put(state, swatch);
            Label label = new Label(state.label(), swatch);
            label.getStyleClass().add(Styles.TEXT_SMALL);
            legend.getChildren().add(label);
        }
        Rectangle conflictSwatch = new Rectangle(12, 12);
        conflictSwatch.fillProperty().bind(map.conflictPaintProperty());
        Label conflictLegend = new Label("In conflict (corner mark; see Conflicts)", conflictSwatch);
        conflictLegend.setId("legend-conflict");
        conflictLegend.getStyleClass().add(Styles.TEXT_SMALL);
        legend.getChildren().add(conflictLegend);
        Label nextLegend = new Label("Next address (red outline)");
        nextLegend.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        legend.getChildren().add(nextLegend);
        Label help = new Label("Wheel or +/- to zoom, arrows (or drag, on large maps) to move, Home to see it all;"
                + " double-click a block to zoom in; click an allocated address to select its holder.");
        help.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        help.setWrapText(true);
        VBox mapBox = new VBox(8, legend, map, help);
        VBox.setVgrow(map, javafx.scene.layout.Priority.ALWAYS);
        mapBox.setPadding(new Insets(8));
        yamlTab.setId("yaml-tab");
        yamlTab.selectedProperty().addListener((o, was, selected) -> {
            if (selected) {
                yamlEditor();
            }
        });
        javafx.beans.InvalidationListener markYaml = o -> markYamlTab(yamlTab);
        yamlModel.changedProperty().addListener(markYaml);
        yamlModel.problems().addListener(markYaml);
        TabPane tabs = new TabPane(new Tab("Utilisation map", mapBox), yamlTab);
        tabs.getTabs().forEach(t -> t.setClosable(false));
        tabs.setId("detail-tabs");
        VBox header = new VBox(4, title, numbers, next);
        header.setPadding(new Insets(12, 12, 4, 12));
        header.setAlignment(Pos.TOP_LEFT);
        setTop(header);
        setCenter(tabs);
        map.setMinHeight(200);
    }

    /** The YAML tab says when it holds unsaved edits, and when they have problems. */
    private void markYamlTab(Tab tab) {
        boolean problems = !yamlModel.problems().isEmpty();
        if (!yamlModel.changedProperty().get()) {
            tab.setGraphic(null);
            tab.setTooltip(null);
            return;
        }
        org.kordamp.ikonli.javafx.FontIcon mark = new org.kordamp.ikonli.javafx.FontIcon(problems
                ? org.kordamp.ikonli.feather.Feather.ALERT_CIRCLE : org.kordamp.ikonli.feather.Feather.EDIT_2);
        if (problems) {
            mark.getStyleClass().addAll(Styles.DANGER, "yaml-tab-problem");
        }
        tab.setGraphic(mark);
        tab.setTooltip(new javafx.scene.control.Tooltip(problems ? "Unsaved YAML edits with problems"
                : "Unsaved YAML edits"));
    }

    /** The YAML tab's editor. */
    public YamlEditorView yamlEditor() {
        if (yaml == null) {
            yaml = new YamlEditorView(yamlModel);
            yamlTab.setContent(yaml);
        }
        return yaml;
    }

    public YamlEditorModel yamlModel() {
        return yamlModel;
    }

    public UtilisationMap map() {
        return map;
    }

    /** Fragmentation in words: what a new subnet could still take, and how splintered the free space is. */
    static String fragmentationText(PoolSummary pool) {
        io.pooldesk.model.workspace.Fragmentation f = pool.fragmentation();
        if (f.largestBlock() == null) {
            return "No free address left.";
        }
        return "Largest free block " + f.largestBlock() + " · longest free run " + Counts.compact(f.longestRun().size())
                + " addresses · " + f.freeRuns() + (f.freeRuns() == 1 ? " free run" : " free runs");
    }

    public void show(PoolSummary pool, String yamlText) {
        if (pool == null) {
            title.setText("Select a pool");
            numbers.setText("");
            next.setText("");
            map.setModel(null);
            yamlModel.show(null, "");
            return;
        }
        title.setText(pool.name() + (pool.global() ? "  (global pool)" : ""));
        numbers.setText(pool.kind() + " · " + Counts.compact(pool.total()) + " usable · " + pool.used() + " used · "
                + Counts.compact(pool.available()) + " available · " + pool.history().size() + " in history"
                + (pool.description().isEmpty() ? "" : " · " + pool.description()));
        next.setText(fragmentationText(pool) + (pool.next() == null ? ""
                : "\nNext address the controller hands out: " + pool.next()));
        map.setModel(MapModel.of(pool));
        yamlModel.show(pool, yamlText);
    }
}
