package io.pooldesk.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bundled demo workspace, copied once into the user's data folder so that a first start shows living pools. */
public final class DemoWorkspace {
    static final List<String> FILES = List.of("pools.yaml", "load-balancers.yaml");
    private static final String RESOURCE_FOLDER = "/io/pooldesk/app/demo-workspace/";

    private DemoWorkspace() {
    }

    /** {@code $XDG_DATA_HOME/pooldesk}, else {@code ~/.local/share/pooldesk}. */
    public static Path dataFolder() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("pooldesk");
    }

    /** The demo workspace folder, created from the bundled files the first time; later edits are left alone. */
    public static Path install(Path dataFolder) throws IOException {
        Path folder = dataFolder.resolve("demo-workspace");
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path staging = Files.createDirectories(dataFolder).resolve(".demo-workspace.tmp");
        Files.createDirectories(staging);
        for (String name : FILES) {
            try (InputStream in = DemoWorkspace.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
                if (in == null) {
                    throw new IOException("the build lacks the demo workspace file " + name);
                }
                Files.copy(in, staging.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(staging, folder);
        return folder;
    }
}
