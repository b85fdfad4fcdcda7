package io.pooldesk.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bundled demo workspace, copied once into the user's data folder so that a first start shows living pools. Every
 * file the build bundles from {@code resources/demo-workspace} is copied: the list is read from the jar (or the
 * classes folder), never written down here.
 */
public final class DemoWorkspace {
    private static final String RESOURCE_FOLDER = "io/pooldesk/app/demo-workspace/";

    private DemoWorkspace() {
    }

    /** {@code $XDG_DATA_HOME/pooldesk}, else {@code ~/.local/share/pooldesk}. */
    public static Path dataFolder() {
        return io.pooldesk.model.workspace.UserHome.userFolder("XDG_DATA_HOME", ".local/share");
    }

    /** The demo workspace folder, created from the bundled files the first time; later edits are left alone. */
    public static Path install(Path dataFolder) throws IOException {
        Path folder = dataFolder.resolve("demo-workspace");
        if (Files.isDirectory(folder)) {
            return folder;
        }
        List<String> files = bundledFiles();
        if (files.isEmpty()) {
            throw new IOException("the build lacks the demo workspace (" + RESOURCE_FOLDER + ")");
        }
        Path staging = Files.createDirectories(dataFolder).resolve(".demo-workspace.tmp");
        Files.createDirectories(staging);
        for (String name : files) {
            try (InputStream in = DemoWorkspace.class.getResourceAsStream("/" + RESOURCE_FOLDER + name)) {
                if (in == null) {
                    throw new IOException("the build lacks the demo workspace file " + name);
                }
                Path target = staging.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(staging, folder);
        return folder;
    }

    /** The demo workspace's files, relative to its folder, as the jar or the classes folder holds them. */
    static List<String> bundledFiles() throws IOException {
        Path codeSource;
        try {
            codeSource = Path.of(DemoWorkspace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the bundled demo workspace: " + e.getMessage(), e);
        }
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(codeSource)) {
            Path folder = codeSource.resolve(RESOURCE_FOLDER);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(Files::isRegularFile)
                            .forEach(p -> files.add(folder.relativize(p).toString().replace('\\', '/')));
                }
            }
        } else {
            try (ZipFile jar = new ZipFile(codeSource.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && entry.getName().startsWith(RESOURCE_FOLDER)) {
                        files.add(entry.getName().substring(RESOURCE_FOLDER.length()));
                    }
                }
            }
        }
        files.sort(null);
        return files;
    }
}
