package io.pooldesk.views.pools.forms.harvesterlb;

import atlantafx.base.theme.Styles;
import io.pooldesk.views.pools.editor.FieldErrors;
import io.pooldesk.views.pools.editor.RowList;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Selector tab: VM network, priority, and scope rows of Project, Namespace and Guest Cluster. */
final class SelectorTab extends Tab {
    private final IpPoolFormModel model;
    private final GridPane scopeRows = new GridPane();

    SelectorTab(IpPoolFormModel model) {
        super("Selector");
        this.model = model;
        setClosable(false);
        setId("tab-selector");
        TextField network = FieldErrors.text(model.network, "network", "namespace/name");
        TextField priority = FieldErrors.text(model.priority, "priority", "0");
        GridPane top = new GridPane();
        top.setHgap(8);
        top.setVgap(6);
        top.addRow(0, new Label("Virtual Machine Network"),
                FieldErrors.field(network, "spec.selector.network", model.errors()));
        top.addRow(1, new Label("Priority"), FieldErrors.field(priority, "spec.selector.priority", model.errors()));
        Label scopeTitle = new Label("Scope");
        scopeTitle.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label("* means all. One row with * everywhere makes the global pool: the fallback for every"
                + " namespace and network.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        Label scopeError = new Label();
        scopeError.setId("scope-error");
        scopeError.getStyleClass().add(Styles.DANGER);
        scopeError.setWrapText(true);
        model.errors().addListener((javafx.collections.MapChangeListener<String, String>) c ->
                scopeError.setText(model.errors().getOrDefault("spec.selector.scope", "")));
        scopeError.setText(model.errors().getOrDefault("spec.selector.scope", ""));
        scopeRows.setHgap(8);
        scopeRows.setVgap(6);
        Button add = new Button("Add Scope", new FontIcon(Feather.PLUS));
        add.setId("add-scope");
        add.setOnAction(e -> model.addScope());
        VBox content = new VBox(12, top, scopeTitle, hint, scopeRows, scopeError, add);
        content.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setContent(scroll);
        RowList.rebuildOnAddOrRemove(model.scope, this::rebuild);
    }

    private void rebuild() {
        scopeRows.getChildren().clear();
        String[] headers = {"Project", "Namespace", "Guest Kubernetes Cluster"};
        for (int c = 0; c < headers.length; c++) {
            Label header = new Label(headers[c]);
            header.getStyleClass().add(Styles.TEXT_BOLD);
            scopeRows.add(header, c, 0);
        }
        for (int i = 0; i < model.scope.size(); i++) {
            ScopeRow row = model.scope.get(i);
            String path = "spec.selector.scope[" + i + "]";
            scopeRows.add(FieldErrors.field(FieldErrors.text(row.project, "scope-" + i + "-project", "* or c-x/p-y"),
                    path + ".project", model.errors()), 0, i + 1);
            scopeRows.add(FieldErrors.field(FieldErrors.text(row.namespace, "scope-" + i + "-namespace", "* or a namespace"),
                    path + ".namespace", model.errors()), 1, i + 1);
            scopeRows.add(FieldErrors.field(FieldErrors.text(row.guestCluster, "scope-" + i + "-cluster", "* or a cluster"),
                    path + ".guestCluster", model.errors()), 2, i + 1);
            Button remove = FieldErrors.removeButton("scope-" + i + "-remove", "scope " + (i + 1), () -> model.scope.remove(row));
            scopeRows.add(remove, 3, i + 1);
        }
    }

}
