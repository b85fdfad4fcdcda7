package io.pooldesk.views.cluster;

import atlantafx.base.theme.Styles;
import io.pooldesk.cluster.ObjectDiff;
import io.pooldesk.cluster.ObjectOutcome;
import io.pooldesk.views.common.Columns;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/** The Cluster page: a context picker, the diff per object and field, Dry run and Apply, and what happened. */
public final class ClusterView extends BorderPane {

    public ClusterView(ClusterViewModel model, io.pooldesk.views.common.DialogService dialogs) {
        ComboBox<String> contexts = new ComboBox<>(model.contexts);
        contexts.setId("cluster-context");
        contexts.setPromptText("kubeconfig context");
        contexts.valueProperty().bindBidirectional(model.context);
        Button compare = new Button("Compare");
        compare.setId("cluster-compare");
        compare.setOnAction(e -> model.compare());
        Button dryRun = new Button("Dry run");
        dryRun.setId("cluster-dry-run");
        dryRun.setOnAction(e -> model.apply(true));
        Button apply = new Button("Apply…");
        apply.setId("cluster-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> model.applyAfterConfirming(dialogs));
        dryRun.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.diffs));
        apply.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.diffs).or(model.readOnly.isNotEmpty()));
        Label message = new Label();
        message.setId("cluster-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message);
        HBox bar = new HBox(8, new Label("Context"), contexts, compare, dryRun, apply);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label live = new Label();
        live.setId("cluster-live");
        live.setWrapText(true);
        live.textProperty().bind(model.live);
        Label readOnly = new Label();
        readOnly.setId("cluster-read-only");
        readOnly.setWrapText(true);
        readOnly.getStyleClass().add(Styles.WARNING);
        readOnly.textProperty().bind(javafx.beans.binding.Bindings.when(model.readOnly.isEmpty()).then("")
                .otherwise(javafx.beans.binding.Bindings.concat("Read-only, Apply is off: ", model.readOnly)));
        readOnly.visibleProperty().bind(model.readOnly.isNotEmpty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        Label workspaceWatch = new Label();
        workspaceWatch.setId("cluster-workspace-watch");
        workspaceWatch.setWrapText(true);
        workspaceWatch.textProperty().bind(model.workspaceWatch);
        workspaceWatch.visibleProperty().bind(model.workspaceWatch.isNotEmpty());
        workspaceWatch.managedProperty().bind(workspaceWatch.visibleProperty());
        VBox top = new VBox(8, bar, message, readOnly, workspaceWatch, live);
        top.setPadding(new Insets(8));
        TableView<ObjectDiff> diffs = new TableView<>(model.diffs);
        diffs.setId("cluster-diffs");
        diffs.setPlaceholder(new Label("Compare the workspace with a cluster to see what would change."));
        diffs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        diffs.getColumns().setAll(List.of(
                Columns.text("Change", d -> d.change().name().toLowerCase(), 80),
                Columns.text("Object", ObjectDiff::describe, 260),
                Columns.text("Fields", d -> String.join("\n", d.fields()), 600)));
        TableView<ObjectOutcome> outcomes = new TableView<>(model.outcomes);
        outcomes.setId("cluster-outcomes");
        outcomes.setPlaceholder(new Label("No apply yet."));
        outcomes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        outcomes.getColumns().setAll(List.of(
                Columns.text("Object", (ObjectOutcome o) -> o.diff().describe(), 260),
                Columns.text("Result", (ObjectOutcome o) -> o.result().name().toLowerCase().replace('_', ' '), 120),
                Columns.text("Message", ObjectOutcome::message, 600)));
        outcomes.setPrefHeight(180);
        setTop(top);
        setCenter(diffs);
        setBottom(outcomes);
    }
}
