package io.pooldesk.app;

import io.pooldesk.model.workspace.RecoveryStore;
import io.pooldesk.views.common.FxBackgroundWork;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import io.pooldesk.views.shell.DesktopSettings;
import io.pooldesk.views.shell.HelpContent;
import io.pooldesk.views.shell.MainWindow;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.util.Duration;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The window. It opens the cluster of {@code --context NAME} as a live workspace when given, else
 * {@code --workspace FOLDER} (or {@code -Dpooldesk.workspace=FOLDER}) when given, else the
 * workspace open when it last closed, else the demo workspace, copied into the user's data folder on first start.
 * It remembers its size, place, theme and tables in {@link DesktopSettings}; it logs to {@link WindowLog#file()}.
 */
public final class PooldeskApplication extends Application {

    public static void main(String[] args) {
        launch(PooldeskApplication.class, args);
    }

    private MainWindow window;

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }

    @Override
    public void start(Stage stage) {
        FxBackgroundWork background = new FxBackgroundWork();
        WorkspaceViewModel model = new WorkspaceViewModel(background,
                new RecoveryStore(DemoWorkspace.dataFolder().resolve("recovery")));
        window = new MainWindow(model);
        window.setHelp(new HelpContent(io.pooldesk.app.cli.Version.current(), WindowLog.file(), PooldeskApplication::readme));
        stage.setTitle("Pooldesk");
        stage.setScene(window.createScene(stage));
        DesktopSettings settings = DesktopSettings.forUser();
        if (System.getProperty("pooldesk.screenshots") == null) {
            // the screenshot tour sets its own sizes and theme, and must not change what the operator's window keeps
            window.remember(settings, stage);
        }
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PooldeskApplication.class);
        model.workspaceProperty().addListener((o, old, ws) -> {
            if (ws != null) {
                log.info("Workspace {}: {} manifests", ws.folder(), model.manifests().size());
            }
        });
        model.clusterContextProperty().addListener((o, old, context) -> {
            if (!context.isEmpty()) {
                log.info("Cluster workspace {}", context);
            }
        });
        background.runningProperty().addListener((o, old, now) -> {
            if (!now.isEmpty()) {
                model.statusProperty().set(now + "…");
            } else if ((old + "…").equals(model.statusProperty().get())) {
                model.statusProperty().set(old + ": done");
            }
        });
        stage.show();
        FirstFrameProbe.attach(System.getProperty("pooldesk.firstFrame", ""), stage.getScene(), model);
        model.workspaceProperty().addListener((o, old, ws) -> {
            if (old == null && ws != null && System.getProperty("pooldesk.screenshots") == null) {
                javafx.application.Platform.runLater(window::offerRecovery);
            }
        });
        // the window is drawn first: reading a large workspace would compete with the first frame for the CPU
        String[] arguments = getParameters().getRaw().toArray(String[]::new);
        Pulses.afterNextFrame(() -> {
            java.util.Optional<String> context = Launcher.contextArgument(arguments)
                    .or(() -> lastCluster(settings, arguments));
            if (context.isPresent()) {
                model.openCluster(context.get());
                return;
            }
            try {
                model.open(workspace(settings, arguments));
            } catch (IOException e) {
                model.statusProperty().set("The demo workspace could not be installed: " + e.getMessage()
                        + ". Open a folder of manifests with File > Open Workspace.");
            }
        });
        // another program may edit the manifests while the window is open: look every two seconds
        Timeline watch = new Timeline(new KeyFrame(Duration.seconds(2), e -> model.reloadIfChangedOnDisk()));
        watch.setCycleCount(Animation.INDEFINITE);
        watch.play();
        String screenshots = System.getProperty("pooldesk.screenshots");
        if (screenshots != null) {
            new ScreenshotTour(window, stage, Path.of(screenshots)).start();
        }
    }

    /**
     * The cluster that was the workspace when the window last closed, opened again as the last folder is when the
     * command line names no workspace (neither {@code --workspace} nor {@code --context}).
     */
    static java.util.Optional<String> lastCluster(DesktopSettings settings, String... args) {
        String chosen = System.getProperty("pooldesk.workspace");
        if (Launcher.workspaceArgument(args).isPresent() || Launcher.contextArgument(args).isPresent()
                || chosen != null && !chosen.isBlank() || System.getProperty("pooldesk.screenshots") != null) {
            return java.util.Optional.empty();
        }
        return settings.lastCluster();
    }

    private static Path workspace(DesktopSettings settings, String... args) throws IOException {
        java.util.Optional<String> argument = Launcher.workspaceArgument(args);
        if (argument.isPresent()) {
            return Path.of(argument.get());
        }
        String chosen = System.getProperty("pooldesk.workspace");
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        if (System.getProperty("pooldesk.screenshots") == null) {
            java.util.Optional<Path> last = settings.lastWorkspace();
            if (last.isPresent()) {
                return last.get();
            }
        }
        return DemoWorkspace.install(DemoWorkspace.dataFolder());
    }

    /** The README, bundled in the jar, for Help > Documentation. */
    private static String readme() {
        try (java.io.InputStream in = PooldeskApplication.class.getResourceAsStream("README.md")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
