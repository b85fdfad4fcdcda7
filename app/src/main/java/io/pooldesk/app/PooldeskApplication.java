package io.pooldesk.app;

import io.pooldesk.views.shell.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The window. */
public final class PooldeskApplication extends Application {

    public static void main(String[] args) {
        launch(PooldeskApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        new MainWindow().show(stage);
    }
}
