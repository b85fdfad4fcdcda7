package io.pooldesk.app;

import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;

/**
 * For the benchmarks ({@code -Dpooldesk.firstFrame=print|workspace}): prints when the window drew its first frame,
 * counted from the start of the JVM the operator launched, then quits. With {@code workspace} it goes on to the first frame that shows the opened
 * workspace's pools (opened off the UI thread), then types {@code -Dpooldesk.firstFrame.filter} (default
 * {@code pool-4321}) into the pool filter and prints the time until the frame that shows the filtered list.
 */
final class FirstFrameProbe {
    private FirstFrameProbe() {
    }

    static void attach(String mode, Scene scene, WorkspaceViewModel model) {
        if ("print".equals(mode)) {
            Pulses.afterNextFrame(() -> {
                System.out.println("first frame after " + sinceStart() + " ms");
                Platform.exit();
            });
        } else if ("workspace".equals(mode)) {
            Pulses.afterNextFrame(() -> System.out.println("first frame after " + sinceStart() + " ms"));
            model.workspaceProperty().addListener((o, old, ws) -> {
                if (old == null && ws != null) {
                    Pulses.afterNextFrame(() -> {
                        System.out.println("workspace shown after " + sinceStart() + " ms, "
                                + model.manifests().size() + " objects");
                        filter(scene);
                    });
                }
            });
        }
    }

    private static void filter(Scene scene) {
        TextInputControl filter = (TextInputControl) scene.lookup("#pool-filter");
        TableView<?> table = (TableView<?>) scene.lookup("#pool-table");
        long started = System.nanoTime();
        filter.setText(System.getProperty("pooldesk.firstFrame.filter", "pool-4321"));
        Pulses.afterNextFrame(() -> {
            System.out.printf("filter shown after %.1f ms, %d rows%n", (System.nanoTime() - started) / 1e6,
                    table.getItems().size());
            Platform.exit();
        });
    }

    /** From the start of the JVM the operator launched (the one that started this window's JVM, if any). */
    private static long sinceStart() {
        return System.currentTimeMillis() - Launcher.launchedAt();
    }
}
