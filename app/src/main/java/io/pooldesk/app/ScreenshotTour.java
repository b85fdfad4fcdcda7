package io.pooldesk.app;

import io.pooldesk.views.shell.MainWindow;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Walks the real window through its main screens and writes a PNG of each, then quits: the screenshots in docs/ come
 * from here ({@code -Dpooldesk.screenshots=docs}).
 */
final class ScreenshotTour {
    private final MainWindow window;
    private final Stage stage;
    private final Path folder;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    ScreenshotTour(MainWindow window, Stage stage, Path folder) {
        this.window = window;
        this.stage = stage;
        this.folder = folder;
    }

    void start() {
        if (Boolean.getBoolean("pooldesk.screenshots.live")) {
            live();
            return;
        }
        String fleet = System.getProperty("pooldesk.screenshots.fleet", "");
        if (!fleet.isBlank()) {
            fleet(java.util.List.of(fleet.split(",")));
            return;
        }
        steps.add(() -> {
            window.select("default-pool");
            later(() -> {
                shoot(stage.getScene(), "pool-list-and-map-24.png");
                next();
            });
        });
        steps.add(() -> {
            window.select("global-pool");
            later(() -> {
                shoot(stage.getScene(), "map-16.png");
                next();
            });
        });
        steps.add(() -> {
            window.select("edge-v6");
            later(() -> {
                shoot(stage.getScene(), "map-ipv6-64.png");
                window.detail().map().zoomTowards(io.pooldesk.model.address.Address.of(
                        io.pooldesk.model.address.Family.IPV6, new java.math.BigInteger("fd000010002000300000000000000008", 16)),
                        Math.pow(2, 28));
                later(() -> {
                    shoot(stage.getScene(), "map-ipv6-64-zoomed.png");
                    next();
                });
            });
        });
        steps.add(() -> {
            window.select("prod-pool");
            Stage editor = window.openEditorOn("prod-pool");
            later(() -> {
                shoot(editor.getScene(), "editor-range.png");
                TabPane tabs = (TabPane) editor.getScene().lookup("#editor-tabs");
                tabs.getSelectionModel().select(1);
                later(() -> {
                    shoot(editor.getScene(), "editor-selector.png");
                    editor.close();
                    next();
                });
            });
        });
        steps.add(() -> {
            window.show(io.pooldesk.views.balancers.LoadBalancersPage.class);
            later(() -> {
                shoot(stage.getScene(), "load-balancers.png");
                next();
            });
        });
        steps.add(() -> {
            window.show(io.pooldesk.views.planning.ScenarioPage.class);
            var scenario = window.scenario();
            scenario.name.set("forty-in-prod");
            scenario.addLoadBalancers();
            scenario.namespace.set("team-a");
            scenario.count.set("5");
            scenario.namePrefix.set("batch-");
            scenario.addLoadBalancers();
            scenario.run();
            later(() -> later(() -> {
                shoot(stage.getScene(), "scenario-panel.png");
                next();
            }));
        });
        steps.add(() -> {
            window.show(io.pooldesk.views.planning.ForecastPage.class);
            window.forecast().run();
            later(() -> later(() -> {
                shoot(stage.getScene(), "forecast.png");
                next();
            }));
        });
        steps.add(() -> {
            var conflicts = window.show(io.pooldesk.views.conflicts.ConflictsPage.class);
            var table = conflicts.conflictsView().table();
            // the held address lies in default-pool, whose map then shows that mark and the MetalLB overlap's
            table.getItems().stream().filter(r -> r.conflict().kind()
                            == io.pooldesk.model.conflicts.Conflict.Kind.HELD_OUTSIDE_POOLS).findFirst()
                    .ifPresentOrElse(r -> table.getSelectionModel().select(r), () -> {
                        if (!table.getItems().isEmpty()) {
                            table.getSelectionModel().select(0);
                        }
                    });
            later(() -> later(() -> {
                shoot(stage.getScene(), "conflicts.png");
                next();
            }));
        });
        yamlEditor(false);
        yamlEditor(true);
        for (String size : System.getProperty("pooldesk.screenshots.sizes", "1024x700,1600x1000").split(",")) {
            if (size.isBlank()) {
                continue;
            }
            for (boolean dark : new boolean[] {false, true}) {
                variants(size.trim(), dark);
            }
        }
        steps.add(() -> {
            io.pooldesk.views.common.Theme.apply(stage.getScene(), false);
            Platform.exit();
        });
        waitForPools();
    }

    /**
     * The window's pages at one size and theme: {@code window-PAGE-WxH-THEME.png}. The load balancers are reached
     * the way an operator does, by a link from the pool's map, so the way back shows.
     */
    private void variants(String size, boolean dark) {
        String[] wh = size.split("x");
        double width = Double.parseDouble(wh[0]);
        double height = Double.parseDouble(wh[1]);
        String suffix = "-" + size + "-" + (dark ? "dark" : "light") + ".png";
        steps.add(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            io.pooldesk.views.common.Theme.apply(stage.getScene(), dark);
            window.registry().bringToFront(io.pooldesk.views.pools.PoolsPage.class);
            window.select("default-pool");
            later(() -> {
                shoot(stage.getScene(), "window-pools" + suffix);
                var pool = window.model().selectedPoolProperty().get();
                String holder = pool == null || pool.allocated().isEmpty() ? null
                        : pool.allocated().firstEntry().getValue();
                window.registry().show(io.pooldesk.views.balancers.LoadBalancersPage.class).select(holder);
                later(() -> {
                    shoot(stage.getScene(), "window-load-balancers" + suffix);
                    window.show(io.pooldesk.views.planning.ScenarioPage.class);
                    later(() -> {
                        shoot(stage.getScene(), "window-scenario" + suffix);
                        window.show(io.pooldesk.views.planning.ForecastPage.class);
                        later(() -> {
                            shoot(stage.getScene(), "window-forecast" + suffix);
                            next();
                        });
                    });
                });
            });
        });
    }

    /**
     * The YAML tab's editor on team-a-v2 at 1600x1000 (prod-pool holds a screenshot node's address, a problem of its
     * own that every edit of it would list): a range end typed wrong (its problem listed, Save off with the
     * reason), then a good one and the diff Save shows; nothing is written, and the text is put back.
     */
    private void yamlEditor(boolean dark) {
        String theme = dark ? "-dark" : "";
        steps.add(() -> {
            stage.setWidth(1600);
            stage.setHeight(1000);
            io.pooldesk.views.common.Theme.apply(stage.getScene(), dark);
            window.registry().bringToFront(io.pooldesk.views.pools.PoolsPage.class);
            window.select("team-a-v2");
            TabPane tabs = (TabPane) stage.getScene().lookup("#detail-tabs");
            tabs.getSelectionModel().select(1);
            var yaml = window.detail().yamlModel();
            String saved = yaml.textProperty().get();
            yaml.textProperty().set(saved.replace("rangeEnd: 192.168.51.200", "rangeEnd: 192.168.51.300"));
            later(() -> later(() -> {
                shoot(stage.getScene(), "yaml-editor-error" + theme + ".png");
                yaml.textProperty().set(saved.replace("rangeEnd: 192.168.51.200", "rangeEnd: 192.168.51.250"));
                later(() -> later(() -> {
                    window.detail().yamlEditor().review();
                    later(() -> {
                        shoot(stage.getScene(), "yaml-editor-diff" + theme + ".png");
                        window.detail().yamlEditor().backToEditing();
                        yaml.revert();
                        tabs.getSelectionModel().select(0);
                        io.pooldesk.views.common.Theme.apply(stage.getScene(), false);
                        next();
                    });
                }));
            }));
        });
    }

    /**
     * The window on a live cluster workspace (started with {@code --context}): once every kind is watched, the pool
     * list and a map, with the context and the connection's state in the title and the status bar.
     */
    private void live() {
        steps.add(() -> waitForLive(() -> {
            window.select("default-pool");
            later(() -> later(() -> {
                shoot(stage.getScene(), "live-cluster-workspace.png");
                Platform.exit();
            }));
        }));
        waitForPools();
    }

    /**
     * The Fleet page with the given contexts ticked, once each is read or says why it cannot be, and an address
     * searched across them: {@code fleet.png}, and {@code fleet-dark.png} in the dark theme.
     */
    private void fleet(java.util.List<String> contexts) {
        steps.add(() -> {
            window.show(io.pooldesk.views.fleet.FleetPage.class);
            var fleet = window.fleet();
            waitFor(() -> fleet.contexts.containsAll(contexts), () -> {
                contexts.forEach(c -> fleet.choose(c, true));
                waitFor(() -> fleet.rows.size() == contexts.size()
                        && fleet.rows.stream().allMatch(r -> r.cluster() != null), () -> {
                    fleet.search.set(System.getProperty("pooldesk.screenshots.fleet.search", ""));
                    later(() -> later(() -> {
                        shoot(stage.getScene(), "fleet.png");
                        io.pooldesk.views.common.Theme.apply(stage.getScene(), true);
                        later(() -> {
                            shoot(stage.getScene(), "fleet-dark.png");
                            io.pooldesk.views.common.Theme.apply(stage.getScene(), false);
                            Platform.exit();
                        });
                    }));
                });
            });
        });
        waitForPools();
    }

    private void waitFor(java.util.function.BooleanSupplier ready, Runnable then) {
        if (!ready.getAsBoolean()) {
            PauseTransition wait = new PauseTransition(Duration.millis(200));
            wait.setOnFinished(e -> waitFor(ready, then));
            wait.play();
        } else {
            then.run();
        }
    }

    private void waitForLive(Runnable then) {
        var state = window.model().connectionProperty().get();
        if (state == null || state.link() != io.pooldesk.cluster.ConnectionState.Link.LIVE) {
            PauseTransition wait = new PauseTransition(Duration.millis(200));
            wait.setOnFinished(e -> waitForLive(then));
            wait.play();
        } else {
            then.run();
        }
    }

    private void waitForPools() {
        if (window.poolList().table().getItems().isEmpty()) {
            PauseTransition wait = new PauseTransition(Duration.millis(200));
            wait.setOnFinished(e -> waitForPools());
            wait.play();
        } else {
            next();
        }
    }

    private void next() {
        Runnable step = steps.poll();
        if (step != null) {
            step.run();
        }
    }

    private void later(Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.millis(600));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    private void shoot(Scene scene, String name) {
        try {
            Files.createDirectories(folder);
            WritableImage image = scene.snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", folder.resolve(name).toFile());
            System.out.println("wrote " + folder.resolve(name));
        } catch (IOException e) {
            System.err.println("screenshot " + name + " failed: " + e.getMessage());
        }
    }

}
