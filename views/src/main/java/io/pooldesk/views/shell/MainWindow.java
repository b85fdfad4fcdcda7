package io.pooldesk.views.shell;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The main window. A placeholder until the IP Pools page lands (issue 3). */
public final class MainWindow {

    public void show(Stage stage) {
        Label title = new Label("Pooldesk");
        title.setStyle("-fx-font-size: 24px; -fx-font-weight: bold;");
        Label body = new Label("The IP Pools window is being built. Meanwhile the command line answers:\n"
                + "pooldesk validate FILE...    pooldesk simulate --output json FILE...");
        VBox root = new VBox(12, title, body);
        root.setPadding(new Insets(24));
        stage.setTitle("Pooldesk");
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
    }
}
