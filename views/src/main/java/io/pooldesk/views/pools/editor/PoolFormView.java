package io.pooldesk.views.pools.editor;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Consumer;

/**
 * The frame every pool form shares, as Harvester's IP Pools page lays it out: the title, the fields above the tabs,
 * the kind's tabs (a tab holding a problem is marked, with the count in its tooltip), a preview of what the pool
 * would serve, and Save, disabled while a rule fails, with the reason beside it.
 */
public final class PoolFormView extends BorderPane {

    public PoolFormView(String title, PoolFormModel model, PoolFormParts parts, Consumer<ObjectNode> onSave,
                        Runnable onCancel) {
        getStyleClass().add("pool-editor");
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        TabPane tabs = new TabPane();
        tabs.getTabs().setAll(parts.tabs());
        tabs.getTabs().forEach(tab -> tab.setClosable(false));
        Runnable markTabs = () -> markTabs(tabs, model);
        model.errors().addListener((MapChangeListener<String, String>) c -> markTabs.run());
        markTabs.run();
        tabs.setSide(Side.LEFT);
        tabs.setId("editor-tabs");
        tabs.getStyleClass().add(Styles.TABS_CLASSIC);
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
        save.setOnAction(e -> onSave.accept(model.toObject()));
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
        VBox top = new VBox(12, heading, parts.basics());
        top.setPadding(new Insets(16, 16, 8, 16));
        setTop(top);
        setCenter(tabs);
        VBox bottom = new VBox(8);
        if (parts.footer() != null) {
            bottom.getChildren().add(parts.footer());
        }
        bottom.getChildren().addAll(preview, buttons);
        bottom.setPadding(new Insets(8, 16, 16, 16));
        setBottom(bottom);
        setPrefSize(860, 560);
    }

    private static void markTabs(TabPane tabs, PoolFormModel model) {
        for (Tab tab : tabs.getTabs()) {
            long problems = model.errors().keySet().stream()
                    .filter(field -> tab.getText().equals(model.tabOf(field))).count();
            tab.getStyleClass().remove("has-error");
            if (problems > 0) {
                tab.getStyleClass().add("has-error");
                FontIcon mark = new FontIcon(Feather.ALERT_CIRCLE);
                mark.getStyleClass().add(Styles.DANGER);
                tab.setGraphic(mark);
                tab.setTooltip(new Tooltip(problems + (problems == 1 ? " problem" : " problems") + " on this tab"));
            } else {
                tab.setGraphic(null);
                tab.setTooltip(null);
            }
        }
    }
}
