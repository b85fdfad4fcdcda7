package io.pooldesk.views.pools.editor;

import atlantafx.base.theme.Styles;
import io.pooldesk.model.harvester.lb.IpPool;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The create/edit form, as Harvester's IP Pools page lays it out: Name and Description, then the Range and Selector
 * tabs; live validation, a preview of what the pool would serve, Save disabled while a rule fails.
 */
public final class PoolEditorView extends BorderPane {

    public PoolEditorView(PoolEditorViewModel model, Consumer<IpPool> onSave, Runnable onCancel) {
        getStyleClass().add("pool-editor");
        Label title = new Label(model.isNew() ? "Create IP Pool" : "Edit IP Pool " + model.name.get());
        title.getStyleClass().add(Styles.TITLE_3);
        TextField name = new TextField();
        name.setId("pool-name");
        name.setPromptText("a DNS name, such as prod-pool");
        name.textProperty().bindBidirectional(model.name);
        name.setDisable(!model.isNew());
        TextField description = new TextField();
        description.setId("pool-description");
        description.textProperty().bindBidirectional(model.description);
        GridPane basics = new GridPane();
        basics.setHgap(8);
        basics.setVgap(6);
        basics.addRow(0, new Label("Name *"), FieldErrors.field(name, "metadata.name", model.errors()));
        basics.addRow(1, new Label("Description"), description);
        GridPane.setHgrow(description, Priority.ALWAYS);
        RangeTab rangeTab = new RangeTab(model);
        SelectorTab selectorTab = new SelectorTab(model);
        TabPane tabs = new TabPane(rangeTab, selectorTab);
        Runnable markTabs = () -> {
            for (javafx.scene.control.Tab tab : tabs.getTabs()) {
                long problems = model.errors().keySet().stream()
                        .filter(field -> tab.getText().equals(PoolEditorViewModel.tabOf(field))).count();
                tab.getStyleClass().remove("has-error");
                if (problems > 0) {
                    tab.getStyleClass().add("has-error");
                    org.kordamp.ikonli.javafx.FontIcon mark = new org.kordamp.ikonli.javafx.FontIcon(
                            org.kordamp.ikonli.feather.Feather.ALERT_CIRCLE);
                    mark.getStyleClass().add(Styles.DANGER);
                    tab.setGraphic(mark);
                    tab.setTooltip(new javafx.scene.control.Tooltip(problems + (problems == 1 ? " problem" : " problems")
                            + " on this tab"));
                } else {
                    tab.setGraphic(null);
                    tab.setTooltip(null);
                }
            }
        };
        model.errors().addListener((javafx.collections.MapChangeListener<String, String>) c -> markTabs.run());
        markTabs.run();
        tabs.setSide(javafx.geometry.Side.LEFT);
        tabs.setId("editor-tabs");
        tabs.getStyleClass().add(Styles.TABS_CLASSIC);
        Label rangesError = new Label();
        rangesError.setId("ranges-error");
        rangesError.getStyleClass().add(Styles.DANGER);
        rangesError.setWrapText(true);
        Runnable showRangesError = () -> rangesError.setText(model.errors().getOrDefault("spec.ranges", ""));
        model.errors().addListener((javafx.collections.MapChangeListener<String, String>) c -> showRangesError.run());
        showRangesError.run();
        Label preview = new Label();
        preview.setId("pool-preview");
        preview.setWrapText(true);
        preview.getStyleClass().add(Styles.TEXT_MUTED);
        preview.textProperty().bind(model.previewProperty());
        Button save = new Button("Save");
        save.setId("save");
        save.setDefaultButton(true);
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.validProperty().not());
        save.setOnAction(e -> onSave.accept(model.toPool()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        save.setMinWidth(Region.USE_PREF_SIZE);
        Label blocked = new Label();
        blocked.setId("save-blocked");
        blocked.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        blocked.setWrapText(true);
        blocked.textProperty().bind(model.saveBlockedProperty());
        HBox.setHgrow(blocked, Priority.ALWAYS);
        blocked.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(8, blocked, cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox top = new VBox(12, title, basics);
        top.setPadding(new Insets(16, 16, 8, 16));
        setTop(top);
        setCenter(tabs);
        VBox bottom = new VBox(8, rangesError, preview, buttons);
        bottom.setPadding(new Insets(8, 16, 16, 16));
        setBottom(bottom);
        setPrefSize(860, 560);
    }
}
