package io.pooldesk.model.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies of edits not yet saved (a form still open), kept so that a crash or a killed window loses nothing. Each copy
 * records the workspace it belongs to; the next start offers to restore the copies of that workspace.
 */
public final class RecoveryStore {
    private final Path folder;

    /** An edit in progress: the workspace, the object as the form held it, and whether it was a new object. */
    public record Recovered(Path file, Path workspace, ObjectNode object) {
    }

    public RecoveryStore(Path folder) {
        this.folder = folder;
    }

    /** Writes (or replaces) the copy named {@code key}, atomically. */
    public void keep(String key, Path workspace, ObjectNode object) throws IOException {
        ObjectNode copy = Yaml.mapper().createObjectNode();
        copy.put("workspace", workspace.toAbsolutePath().toString());
        copy.set("object", object);
        // an edit in progress may hold what the operator has not decided to share: owner only, folder too
        createPrivateFolder();
        AtomicFiles.writePrivate(file(key), Yaml.mapper().writeValueAsString(copy)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void createPrivateFolder() throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder);
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    public void discard(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    /** The copies left for {@code workspace}; copies that cannot be read are skipped. */
    public List<Recovered> left(Path workspace) throws IOException {
        List<Recovered> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    JsonNode copy = Yaml.mapper().readTree(Files.readString(file));
                    if (workspace.toAbsolutePath().toString().equals(copy.path("workspace").asText())
                            && copy.path("object").isObject()) {
                        out.add(new Recovered(file, workspace, (ObjectNode) copy.get("object")));
                    }
                } catch (IOException e) {
                    // a copy written by a crashed run that cannot be read is of no use
                }
            }
        }
        return out;
    }

    private Path file(String key) {
        return folder.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml");
    }
}
