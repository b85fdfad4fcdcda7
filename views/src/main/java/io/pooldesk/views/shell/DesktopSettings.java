package io.pooldesk.views.shell;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the window remembers between starts, as a desktop application does: its size and place, the theme, the last
 * workspace, each table's column widths and sort. One small properties file in the user's config folder
 * ({@code $XDG_CONFIG_HOME/pooldesk}, else {@code ~/.config/pooldesk}; {@code -Dpooldesk.config=FOLDER} chooses
 * another, as the tests do so that they never write into the real home). A file that cannot be read is ignored: the
 * window then starts as on first use.
 */
public final class DesktopSettings {
    private static final String FILE = "settings.properties";
    private static final int RECENT = 6;
    private final Path file;
    private final Properties values = new Properties();

    public DesktopSettings(Path folder) {
        this.file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    /** The user's settings, in the folder {@link #folder()} names. */
    public static DesktopSettings forUser() {
        return new DesktopSettings(folder());
    }

    /** {@code -Dpooldesk.config}, else {@code $XDG_CONFIG_HOME/pooldesk}, else {@code ~/.config/pooldesk}. */
    public static Path folder() {
        String chosen = System.getProperty("pooldesk.config");
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        return io.pooldesk.model.workspace.UserHome.userFolder("XDG_CONFIG_HOME", ".config");
    }

    public Path file() {
        return file;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    /** The workspace open when the window last closed, if it was a folder that is still there. */
    public Optional<Path> lastWorkspace() {
        return last().map(Recent::folder).filter(Files::isDirectory);
    }

    /** The kubeconfig context whose cluster was the workspace when the window last closed; empty when a folder was. */
    public Optional<String> lastCluster() {
        return last().map(Recent::context).filter(context -> !context.isEmpty());
    }

    private Optional<Recent> last() {
        return get("workspace.last").map(Recent::read);
    }

    /** The workspaces opened last, most recent first, those still there. */
    public List<Path> recentWorkspaces() {
        return recent().stream().map(Recent::folder).filter(folder -> folder != null).toList();
    }

    /** The folders (those still there) and clusters opened last, most recent first. */
    public List<Recent> recent() {
        List<Recent> out = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            get("workspace.recent." + i).map(Recent::read)
                    .filter(r -> r.folder() == null || Files.isDirectory(r.folder())).ifPresent(out::add);
        }
        return out;
    }

    /** Puts a workspace first among the recent ones (and as the last one open). */
    public void opened(Path workspace) {
        opened(new Recent(workspace.toAbsolutePath().normalize(), ""));
    }

    /** Puts the cluster of a kubeconfig context first among the recent workspaces (and as the last one open). */
    public void openedCluster(String context) {
        opened(new Recent(null, context));
    }

    private void opened(Recent opened) {
        List<String> recent = new ArrayList<>(List.of(opened.written()));
        for (int i = 0; i < RECENT; i++) {
            get("workspace.recent." + i).filter(p -> !p.equals(opened.written())).ifPresent(recent::add);
        }
        for (int i = 0; i < RECENT; i++) {
            put("workspace.recent." + i, i < recent.size() ? recent.get(i) : null);
        }
        put("workspace.last", opened.written());
    }

    /**
     * A workspace opened before: a folder, or the cluster of a kubeconfig context (written {@code cluster:NAME}, as a
     * live workspace names its objects' source; a folder is written as an absolute path).
     */
    public record Recent(Path folder, String context) {
        private static final String CLUSTER = "cluster:";

        static Recent read(String written) {
            return written.startsWith(CLUSTER) ? new Recent(null, written.substring(CLUSTER.length()))
                    : new Recent(Path.of(written), "");
        }

        String written() {
            return folder == null ? CLUSTER + context : folder.toString();
        }

        /** As File > Open Recent lists it. */
        public String label() {
            return folder == null ? "Cluster " + context : folder.toString();
        }
    }

    public boolean darkTheme() {
        return get("theme").map("dark"::equals).orElse(false);
    }

    /** Writes the file: a temporary file beside it, then a rename, so a crash never leaves half a file. */
    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                values.store(out, "Pooldesk: what the window remembers between starts");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    // --- the window ---

    /**
     * Puts the stage where it was and as large as it was, when that place is still on a screen (a monitor unplugged
     * since would otherwise leave the window out of sight); maximised if it was.
     */
    public void restore(Stage stage) {
        Optional<Double> x = number("window.x");
        Optional<Double> y = number("window.y");
        Optional<Double> width = number("window.width");
        Optional<Double> height = number("window.height");
        if (width.isPresent() && height.isPresent() && width.get() >= 400 && height.get() >= 300) {
            stage.setWidth(width.get());
            stage.setHeight(height.get());
        }
        if (x.isPresent() && y.isPresent()) {
            Rectangle2D title = new Rectangle2D(x.get() + 20, y.get(), Math.max(1, stage.getWidth() - 40), 30);
            boolean onScreen = Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(title));
            if (onScreen) {
                stage.setX(x.get());
                stage.setY(y.get());
            }
        }
        stage.setMaximized(get("window.maximized").map(Boolean::parseBoolean).orElse(false));
    }

    /** Records the stage's size and place (the size before maximising, when maximised). */
    public void record(Stage stage) {
        put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            put("window.x", Double.toString(stage.getX()));
            put("window.y", Double.toString(stage.getY()));
            put("window.width", Double.toString(stage.getWidth()));
            put("window.height", Double.toString(stage.getHeight()));
        }
    }

    /** Gives a table the column widths, shown columns and sort it had; columns are known by their titles. */
    public void restore(String tableId, TableView<?> table) {
        restoreColumns(tableId, table);
    }

    private <S> void restoreColumns(String tableId, TableView<S> table) {
        // which columns show first: the table shares its width among those
        for (TableColumn<S, ?> column : table.getColumns()) {
            get("table." + tableId + ".visible." + key(column)).map(Boolean::parseBoolean)
                    .ifPresent(column::setVisible);
        }
        for (TableColumn<S, ?> column : table.getColumns()) {
            // down to a column's least width: a last column squeezed there must come back so, or the others shrink
            number("table." + tableId + ".width." + key(column)).filter(w -> w >= column.getMinWidth() && w <= 4000)
                    .ifPresent(column::setPrefWidth);
        }
        List<TableColumn<S, ?>> order = new ArrayList<>();
        for (String entry : get("table." + tableId + ".sort").orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            boolean descending = entry.startsWith("-");
            String title = descending ? entry.substring(1) : entry;
            table.getColumns().stream().filter(c -> key(c).equals(title)).findFirst().ifPresent(c -> {
                c.setSortType(descending ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                order.add(c);
            });
        }
        if (!order.isEmpty()) {
            table.getSortOrder().setAll(order);
        }
    }

    /** Records a table's column widths, which columns are shown, and its sort. */
    public void record(String tableId, TableView<?> table) {
        List<String> sort = new ArrayList<>();
        for (TableColumn<?, ?> column : table.getColumns()) {
            put("table." + tableId + ".width." + key(column), Double.toString(column.getWidth()));
            put("table." + tableId + ".visible." + key(column), Boolean.toString(column.isVisible()));
        }
        for (TableColumn<?, ?> column : table.getSortOrder()) {
            sort.add((column.getSortType() == TableColumn.SortType.DESCENDING ? "-" : "") + key(column));
        }
        put("table." + tableId + ".sort", String.join(",", sort));
    }

    /** The tables of a scene that have an id: the ones remembered. */
    public static List<TableView<?>> tables(Scene scene) {
        List<TableView<?>> out = new ArrayList<>();
        scene.getRoot().lookupAll(".table-view").forEach(n -> {
            if (n instanceof TableView<?> table && table.getId() != null) {
                out.add(table);
            }
        });
        return out;
    }

    private static String key(TableColumn<?, ?> column) {
        String title = column.getId() != null ? column.getId() : column.getText();
        return (title == null || title.isBlank() ? "column" + column.getTableView().getColumns().indexOf(column)
                : title).replaceAll("[^A-Za-z0-9]+", "-");
    }

    private Optional<Double> number(String key) {
        try {
            return get(key).map(Double::parseDouble).filter(d -> !d.isNaN() && !d.isInfinite());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
