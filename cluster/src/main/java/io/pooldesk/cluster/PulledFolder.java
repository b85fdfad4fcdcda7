package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.workspace.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The folder {@code pull} writes into. Pull writes only into a new or empty folder, or into one it pulled into
 * before; there it replaces only the files it wrote, and only if nobody changed them since (it keeps their digests in
 * {@value #RECORD}). Anything else is refused before a byte is written. File names come from the kinds Pooldesk
 * knows, never from what the server sent, so every file stays inside the folder.
 */
public final class PulledFolder {
    /** The list of files pull wrote and their SHA-256, one {@code digest  name} a line. */
    public static final String RECORD = ".pooldesk-pull";

    private final Path folder;
    private final Map<String, String> recorded;
    private final boolean pulledBefore;

    /**
     * @param changes one line per object that differs from the previous pull ({@code + new}, {@code ~ changed},
     *                {@code - gone}); empty on a first pull
     * @param first   whether the folder was new or empty
     */
    public record Report(ClusterRead read, Path folder, List<String> changes, boolean first) {
    }

    private PulledFolder(Path folder, Map<String, String> recorded, boolean pulledBefore) {
        this.folder = folder;
        this.recorded = recorded;
        this.pulledBefore = pulledBefore;
    }

    static String fileName(ClusterKind kind) {
        return kind.kind().toLowerCase(java.util.Locale.ROOT) + (kind.group().isEmpty() ? ""
                : "-" + kind.group().replace('.', '-')) + ".yaml";
    }

    /** Checks that pull may write here at all; the cluster is asked nothing before this passes. */
    static PulledFolder open(Path folder) throws ClusterException, IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new PulledFolder(folder, Map.of(), false);
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw ClusterException.badInput(folder + " exists and is not a folder: pull writes into a new or empty"
                    + " folder, or one it pulled into before");
        }
        Path record = folder.resolve(RECORD);
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw ClusterException.badInput(folder + " is not empty and Pooldesk did not pull into it before:"
                            + " pull into a new or empty folder, so that no file of yours is overwritten");
                }
            }
            return new PulledFolder(folder, Map.of(), false);
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" {2}", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || !safeName(parts[1])) {
                throw ClusterException.badInput(record + " is not a list Pooldesk wrote: pull into a new folder");
            }
            recorded.put(parts[1], parts[0]);
        }
        return new PulledFolder(folder, recorded, true);
    }

    private static boolean safeName(String name) {
        return name.matches("[a-z0-9][a-z0-9.-]*\\.yaml") && !name.contains("..");
    }

    Report write(Map<String, List<ObjectNode>> files, ClusterRead read) throws ClusterException, IOException {
        Map<String, String> rendered = new TreeMap<>();
        files.forEach((name, objects) -> {
            List<ObjectNode> sorted = new ArrayList<>(objects);
            sorted.sort(Comparator.comparing((ObjectNode o) -> o.path("metadata").path("namespace").asText(""))
                    .thenComparing(o -> o.path("metadata").path("name").asText("")));
            rendered.put(name, Workspace.render(sorted));
        });
        List<String> touched = new ArrayList<>(rendered.keySet());
        recorded.keySet().stream().filter(name -> !rendered.containsKey(name)).forEach(touched::add);
        Map<String, String> previous = new LinkedHashMap<>();
        for (String name : touched) {
            Path file = inside(name);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !recorded.containsKey(name)) {
                throw ClusterException.badInput(file + " was not written by an earlier pull: move it away, or pull"
                        + " into a new folder; nothing was written");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!digest(bytes).equals(recorded.get(name))) {
                throw ClusterException.badInput(file + " was changed since the last pull: move it away, or pull into"
                        + " a new folder; nothing was written");
            }
            previous.put(name, new String(bytes, StandardCharsets.UTF_8));
        }
        boolean first = !pulledBefore;
        List<String> changes = first ? List.of() : changes(previous, rendered);
        Files.createDirectories(folder);
        StringBuilder record = new StringBuilder();
        for (var file : rendered.entrySet()) {
            AtomicFiles.write(inside(file.getKey()), file.getValue());
            record.append(digest(file.getValue().getBytes(StandardCharsets.UTF_8))).append("  ").append(file.getKey())
                    .append('\n');
        }
        for (String name : previous.keySet()) {
            if (!rendered.containsKey(name)) {
                Files.delete(inside(name));
            }
        }
        AtomicFiles.write(folder.resolve(RECORD), record.toString());
        return new Report(read, folder, changes, first);
    }

    private Path inside(String name) throws ClusterException {
        Path file = folder.resolve(name).normalize();
        if (!safeName(name) || !folder.normalize().equals(file.getParent())) {
            throw ClusterException.badInput("refused to write " + Kubeconfig.printable(name) + ": not a plain file"
                    + " name inside " + folder);
        }
        return file;
    }

    private static List<String> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> old = objects(before);
        Map<String, String> now = objects(after);
        List<String> out = new ArrayList<>();
        now.forEach((key, text) -> {
            if (!old.containsKey(key)) {
                out.add("+ " + key);
            } else if (!old.get(key).equals(text)) {
                out.add("~ " + key);
            }
        });
        old.keySet().stream().filter(key -> !now.containsKey(key)).forEach(key -> out.add("- " + key));
        return out;
    }

    /** {@code Kind/namespace/name} to the object's JSON, for every object in the files. */
    private static Map<String, String> objects(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((name, text) -> {
            for (Manifest m : ManifestReader.parse(name, text).manifests()) {
                out.put(m.kind() + "/" + (m.namespace().isEmpty() ? "" : m.namespace() + "/") + m.name(),
                        m.object().toString());
            }
        });
        return out;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

}
