package io.pooldesk.model.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import io.pooldesk.model.manifest.YamlDocuments;
import io.pooldesk.model.manifest.YamlSplice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder of YAML manifests, edited in memory with undo and redo, and saved file by file atomically. Only files whose
 * objects changed are rewritten, and in them only the text of the values that changed ({@link YamlSplice}): comments,
 * anchors, aliases, quoting and layout of everything else stay byte for byte.
 */
public final class Workspace {
    /** Where new objects go when no file holds their kind yet. */
    public static final String NEW_OBJECTS_FILE = "pools.yaml";

    private final Path folder;
    private Map<Path, List<ObjectNode>> files;
    private final Set<Path> dirty = new LinkedHashSet<>();
    /** Each file's bytes as last read or written, as a digest; a file the workspace created and never wrote is absent. */
    private final Map<Path, String> onDisk = new LinkedHashMap<>();
    /** Each readable file's text as last read or written, parsed with positions: a save splices into it. */
    private final Map<Path, YamlDocuments.Parsed> parsed = new LinkedHashMap<>();
    private List<ManifestProblem> problems;
    /** Fields changed both here and on disk at the last merge, not yet decided; each with the file it stands in. */
    private final Map<ThreeWayMerge.Conflict, Located> conflicts = new LinkedHashMap<>();

    /** Where a conflict's object stands: its file and its identity (kind, group, namespace, name). */
    private record Located(Path file, String identity) {
    }
    private final Deque<Snapshot> undo = new ArrayDeque<>();
    private final Deque<Snapshot> redo = new ArrayDeque<>();

    private record Snapshot(Map<Path, List<ObjectNode>> files, Set<Path> dirty, String label) {
    }

    private Workspace(Path folder, Map<Path, List<ObjectNode>> files, List<ManifestProblem> problems,
                      Map<Path, String> digests, Map<Path, YamlDocuments.Parsed> parsed) {
        this.folder = folder;
        this.files = files;
        this.problems = problems;
        this.onDisk.putAll(digests);
        this.parsed.putAll(parsed);
    }

    /** Reads every {@code *.yaml} and {@code *.yml} of the folder; files that do not parse are reported, not lost. */
    public static Workspace open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        Map<Path, List<ObjectNode>> files = new LinkedHashMap<>();
        Map<Path, String> digests = new LinkedHashMap<>();
        Map<Path, YamlDocuments.Parsed> parses = new LinkedHashMap<>();
        List<ManifestProblem> problems = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> entries = Files.list(folder)) {
            paths = entries.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        for (Path path : paths) {
            byte[] bytes;
            String text;
            try {
                if (Files.size(path) > Yaml.MAX_SOURCE_CHARS) {
                    throw new IOException("larger than " + Yaml.MAX_SOURCE_CHARS / (1024 * 1024) + " MiB");
                }
                bytes = Files.readAllBytes(path);
                digests.put(path, digest(bytes));
                text = ManifestReader.utf8(bytes);
            } catch (IOException e) {
                // one file that cannot be read is said for that file; the rest of the workspace opens
                problems.add(ManifestProblem.ofSource(path.toString(), 0, "cannot be read: " + describe(e)));
                digests.putIfAbsent(path, UNREADABLE);
                continue;
            }
            YamlDocuments.Parsed parse = YamlDocuments.parse(path.toString(), text);
            ManifestReader.Result read = ManifestReader.read(path.toString(), parse);
            problems.addAll(read.errors());
            if (read.ok()) {
                parses.put(path, parse);
                files.put(path, new ArrayList<>(read.manifests().stream().map(Manifest::object).toList()));
            }
        }
        return new Workspace(folder, files, problems, digests, parses);
    }

    public Path folder() {
        return folder;
    }

    /** Files that could not be read; they are left as they are on disk. */
    public List<ManifestProblem> problems() {
        return List.copyOf(problems);
    }

    public List<Manifest> manifests() {
        List<Manifest> out = new ArrayList<>();
        files.forEach((path, objects) -> {
            for (int i = 0; i < objects.size(); i++) {
                out.add(new Manifest(path.toString(), i + 1, objects.get(i)));
            }
        });
        return out;
    }

    /**
     * The object's document as its file holds it, comments and layout included: from the line after the {@code ---}
     * before it (or the file's start) to the next {@code ---}. Empty when the file is not as last read or written here
     * (an edit not yet saved) or no longer holds this object there.
     */
    public Optional<String> documentText(Manifest manifest) {
        Path path = Path.of(manifest.source());
        YamlDocuments.Parsed parse = parsed.get(path);
        if (parse == null || dirty.contains(path) || manifest.document() < 1) {
            return Optional.empty();
        }
        // Manifest numbers count objects; the parse also counts empty documents (only comments, a trailing ---)
        YamlDocuments.Document document = parse.documents().stream().filter(d -> !d.empty())
                .skip(manifest.document() - 1).findFirst().orElse(null);
        if (document == null || !YamlSplice.sameValue(document.value(), manifest.object())) {
            return Optional.empty();
        }
        String text = parse.text();
        int start = lineStart(text, document.start());
        if (separator(text, start)) {
            // the object starts on its --- line (--- {kind: ...}): no text of its own to show apart
            return Optional.empty();
        }
        while (start > 0 && !separator(text, start)) {
            start = lineStart(text, start - 1);
        }
        if (separator(text, start)) {
            int next = text.indexOf('\n', start);
            start = next < 0 ? text.length() : next + 1;
        }
        int end = lineStart(text, Math.min(document.end(), text.length()));
        while (end < text.length() && !separator(text, end)) {
            int next = text.indexOf('\n', end);
            end = next < 0 ? text.length() : next + 1;
        }
        String own = text.substring(start, end);
        return Optional.of(own.endsWith("\n") || own.isEmpty() ? own : own + "\n");
    }

    private static int lineStart(String text, int at) {
        return at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
    }

    /** A line that starts a document ({@code ---}) or ends one ({@code ...}). */
    private static boolean separator(String text, int line) {
        for (String marker : new String[] {"---", "..."}) {
            if (text.startsWith(marker, line) && (line + 3 == text.length()
                    || Character.isWhitespace(text.charAt(line + 3)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts an object in the workspace: it replaces the object of the same kind, namespace and name where that one
     * stands, or is appended to the file that holds objects of its kind and API group (else
     * {@value #NEW_OBJECTS_FILE}).
     */
    public void put(ObjectNode object, String label) {
        checkpoint(label);
        Manifest incoming = new Manifest("", 0, object);
        for (Map.Entry<Path, List<ObjectNode>> file : files.entrySet()) {
            List<ObjectNode> objects = file.getValue();
            for (int i = 0; i < objects.size(); i++) {
                Manifest existing = new Manifest("", 0, objects.get(i));
                if (existing.sameObject(incoming)) {
                    objects.set(i, object.deepCopy());
                    dirty.add(file.getKey());
                    return;
                }
            }
        }
        // kind and API group: Harvester's load-balancer and managed-DHCP pools are both an IPPool
        Path target = files.entrySet().stream()
                .filter(f -> f.getValue().stream().anyMatch(o -> {
                    Manifest there = new Manifest("", 0, o);
                    return incoming.kind().equals(there.kind()) && incoming.group().equals(there.group());
                }))
                .map(Map.Entry::getKey).findFirst().orElse(folder.resolve(NEW_OBJECTS_FILE));
        files.computeIfAbsent(target, p -> new ArrayList<>()).add(object.deepCopy());
        dirty.add(target);
    }

    /** Removes the object; returns false when there is none. */
    public boolean remove(String kind, String namespace, String name, String label) {
        for (Map.Entry<Path, List<ObjectNode>> file : files.entrySet()) {
            List<ObjectNode> objects = file.getValue();
            for (int i = 0; i < objects.size(); i++) {
                Manifest m = new Manifest("", 0, objects.get(i));
                if (m.kind().equals(kind) && m.namespace().equals(namespace) && m.name().equals(name)) {
                    checkpoint(label);
                    file.getValue().remove(i);
                    dirty.add(file.getKey());
                    return true;
                }
            }
        }
        return false;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public String undoLabel() {
        return undo.isEmpty() ? "" : undo.peek().label();
    }

    public String redoLabel() {
        return redo.isEmpty() ? "" : redo.peek().label();
    }

    public void undo() {
        if (!undo.isEmpty()) {
            Snapshot snapshot = undo.pop();
            redo.push(current(snapshot.label()));
            restore(snapshot);
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            Snapshot snapshot = redo.pop();
            undo.push(current(snapshot.label()));
            restore(snapshot);
        }
    }

    public boolean hasUnsavedChanges() {
        return !dirty.isEmpty();
    }

    /**
     * Writes every changed file atomically; a file left with no object is removed.
     *
     * @throws ChangedOnDiskException when another program changed one of those files since it was read: nothing is
     *                                written then, and the edits stay in memory
     */
    public void save() throws IOException {
        List<Path> changed = changedOnDisk().stream().filter(dirty::contains).toList();
        if (!changed.isEmpty()) {
            throw new ChangedOnDiskException(changed);
        }
        for (Path path : new ArrayList<>(dirty)) {
            List<ObjectNode> objects = files.get(path);
            if (objects == null || objects.isEmpty()) {
                Files.deleteIfExists(path);
                onDisk.remove(path);
                parsed.remove(path);
            } else {
                YamlDocuments.Parsed before = parsed.get(path);
                String text = before == null ? render(objects) : YamlSplice.rewrite(before, objects);
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                AtomicFiles.write(path, bytes);
                onDisk.put(path, digest(bytes));
                parsed.put(path, YamlDocuments.parse(path.toString(), text));
            }
            dirty.remove(path);
        }
    }

    /** Files whose text on disk is no longer what this workspace last read or wrote (new YAML files included). */
    public List<Path> changedOnDisk() throws IOException {
        Set<Path> candidates = new LinkedHashSet<>(onDisk.keySet());
        candidates.addAll(dirty);
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).forEach(candidates::add);
        }
        List<Path> changed = new ArrayList<>();
        for (Path path : candidates) {
            String now;
            try {
                now = Files.isRegularFile(path) ? digest(Files.readAllBytes(path)) : null;
            } catch (IOException e) {
                now = UNREADABLE;
            }
            if (!java.util.Objects.equals(now, onDisk.get(path))) {
                changed.add(path);
            }
        }
        return changed;
    }

    private static final String UNREADABLE = "unreadable";

    private static String digest(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The objects as one YAML stream, documents separated by {@code ---}. */
    public static String render(List<ObjectNode> objects) {
        return YamlSplice.render(objects);
    }

    /** What reading the disk again did: the files another program changed, and the fields both sides changed. */
    public record Merge(List<Path> changedOnDisk, List<ThreeWayMerge.Conflict> conflicts) {
    }

    /** Reads the folder again and merges it in: {@link #merge(Workspace)}. */
    public Merge mergeFromDisk() throws IOException {
        return merge(open(folder));
    }

    /**
     * Takes in what another program changed on disk ({@code disk}, the folder read again), keeping the edits made
     * here: each object is merged three ways, field by field, with base = the object as last read or saved here,
     * ours = the object now, theirs = the object on disk. Disjoint changes are both kept; a field both sides changed
     * differently keeps our value and is returned as a conflict to decide ({@link #resolve}). Undo and redo survive:
     * each step of the history is moved onto the disk the same way, so undoing an edit never undoes theirs.
     * Afterwards, the disk's state is the base, so a save writes only our changes on top of theirs.
     */
    public Merge merge(Workspace disk) {
        List<Path> changed = new ArrayList<>();
        Set<Path> paths = new LinkedHashSet<>(onDisk.keySet());
        paths.addAll(disk.onDisk.keySet());
        for (Path path : paths) {
            if (!java.util.Objects.equals(onDisk.get(path), disk.onDisk.get(path))) {
                changed.add(path);
            }
        }
        Map<ThreeWayMerge.Conflict, Located> found = new LinkedHashMap<>();
        Map<Path, List<ObjectNode>> merged = mergeFiles(files, disk, found);
        rebase(undo, disk);
        rebase(redo, disk);
        files = merged;
        parsed.clear();
        parsed.putAll(disk.parsed);
        onDisk.clear();
        onDisk.putAll(disk.onDisk);
        problems = new ArrayList<>(disk.problems);
        dirty.clear();
        dirty.addAll(differing(files, disk.files));
        conflicts.clear();
        conflicts.putAll(found);
        return new Merge(changed, List.copyOf(found.keySet()));
    }

    /** Fields changed both here and on disk, not yet decided. */
    public List<ThreeWayMerge.Conflict> conflicts() {
        return List.copyOf(conflicts.keySet());
    }

    /** Decides a conflict: the disk's value ({@code takeTheirs}) or ours, which the merge left in place. */
    public void resolve(ThreeWayMerge.Conflict conflict, boolean takeTheirs) {
        Located located = conflicts.remove(conflict);
        if (located == null || !takeTheirs) {
            return;
        }
        Path path = located.file();
        List<ObjectNode> objects = files.computeIfAbsent(path, p -> new ArrayList<>());
        for (int i = 0; i < objects.size(); i++) {
            if (identity(objects.get(i)).equals(located.identity())) {
                ObjectNode decided = ThreeWayMerge.set(objects.get(i), conflict.path(), conflict.theirs());
                if (decided == null) {
                    objects.remove(i);
                } else {
                    objects.set(i, decided);
                }
                dirty.add(path);
                return;
            }
        }
        if (conflict.path().isEmpty() && conflict.theirs() instanceof ObjectNode theirs) {
            objects.add(theirs.deepCopy());
            dirty.add(path);
        }
    }

    private Map<Path, List<ObjectNode>> mergeFiles(Map<Path, List<ObjectNode>> ours, Workspace disk,
                                                   Map<ThreeWayMerge.Conflict, Located> found) {
        Map<Path, List<ObjectNode>> out = new LinkedHashMap<>();
        Set<Path> paths = new LinkedHashSet<>(disk.files.keySet());
        paths.addAll(ours.keySet());
        for (Path path : paths) {
            List<ObjectNode> base = baseObjects(path);
            List<ObjectNode> mine = ours.getOrDefault(path, List.of());
            List<ObjectNode> theirs = disk.files.get(path);
            if (theirs == null && disk.onDisk.containsKey(path)) {
                out.put(path, copies(mine)); // on disk but unreadable now: nothing to merge with, ours stays
                continue;
            }
            List<ObjectNode> theirObjects = theirs == null ? List.of() : theirs;
            if (sameObjects(mine, base)) {
                if (theirs != null) {
                    out.put(path, copies(theirObjects));
                }
                continue;
            }
            List<ObjectNode> merged = mergeObjects(path, base, mine, theirObjects, found);
            if (!merged.isEmpty() || theirs != null) {
                out.put(path, merged);
            }
        }
        return out;
    }

    private List<ObjectNode> mergeObjects(Path path, List<ObjectNode> base, List<ObjectNode> mine,
                                          List<ObjectNode> theirs, Map<ThreeWayMerge.Conflict, Located> found) {
        Map<String, ObjectNode> baseById = byIdentity(base);
        Map<String, ObjectNode> mineById = byIdentity(mine);
        Map<String, ObjectNode> theirsById = byIdentity(theirs);
        Set<String> order = new LinkedHashSet<>(theirsById.keySet());
        order.addAll(mineById.keySet());
        List<ObjectNode> merged = new ArrayList<>();
        for (String id : order) {
            ObjectNode b = baseById.get(id);
            ObjectNode o = mineById.get(id);
            ObjectNode t = theirsById.get(id);
            String name = new Manifest(path.toString(), 0, o != null ? o : t).describe();
            ThreeWayMerge.Result result = ThreeWayMerge.merge(name, b, o, t);
            for (ThreeWayMerge.Conflict conflict : result.conflicts()) {
                found.put(conflict, new Located(path, id));
            }
            if (result.merged() instanceof ObjectNode object) {
                merged.add(object);
            }
        }
        return merged;
    }

    private void rebase(Deque<Snapshot> history, Workspace disk) {
        List<Snapshot> rebased = new ArrayList<>();
        for (Snapshot snapshot : history) {
            Map<Path, List<ObjectNode>> merged = mergeFiles(snapshot.files(), disk, new LinkedHashMap<>());
            rebased.add(new Snapshot(merged, new LinkedHashSet<>(differing(merged, disk.files)), snapshot.label()));
        }
        history.clear();
        history.addAll(rebased);
    }

    private List<ObjectNode> baseObjects(Path path) {
        YamlDocuments.Parsed parse = parsed.get(path);
        if (parse == null) {
            return List.of();
        }
        return ManifestReader.read(path.toString(), parse).manifests().stream().map(Manifest::object).toList();
    }

    private static Set<Path> differing(Map<Path, List<ObjectNode>> a, Map<Path, List<ObjectNode>> b) {
        Set<Path> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        Set<Path> out = new LinkedHashSet<>();
        for (Path path : paths) {
            if (!sameObjects(a.getOrDefault(path, List.of()), b.getOrDefault(path, List.of()))) {
                out.add(path);
            }
        }
        return out;
    }

    private static boolean sameObjects(List<ObjectNode> a, List<ObjectNode> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!YamlSplice.sameValue(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, ObjectNode> byIdentity(List<ObjectNode> objects) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            out.putIfAbsent(identity(object), object);
        }
        return out;
    }

    private static String identity(ObjectNode object) {
        Manifest m = new Manifest("", 0, object);
        return m.kind() + "\u0000" + m.group() + "\u0000" + m.namespace() + "\u0000" + m.name();
    }

    private static List<ObjectNode> copies(List<ObjectNode> objects) {
        return new ArrayList<>(objects.stream().map(ObjectNode::deepCopy).toList());
    }

    private void checkpoint(String label) {
        undo.push(current(label));
        redo.clear();
    }

    private Snapshot current(String label) {
        Map<Path, List<ObjectNode>> copy = new LinkedHashMap<>();
        files.forEach((path, objects) -> copy.put(path,
                new ArrayList<>(objects.stream().map(ObjectNode::deepCopy).toList())));
        return new Snapshot(copy, new LinkedHashSet<>(dirty), label);
    }

    private void restore(Snapshot snapshot) {
        Set<Path> touched = new LinkedHashSet<>(files.keySet());
        touched.addAll(snapshot.files().keySet());
        for (Path path : touched) {
            if (!java.util.Objects.equals(files.get(path), snapshot.files().get(path))) {
                dirty.add(path);
            }
        }
        files = snapshot.files();
    }
}
