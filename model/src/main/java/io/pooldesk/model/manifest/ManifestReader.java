package io.pooldesk.model.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code FILE...} arguments of the command line: {@code -} for standard input, a file, or a folder (its
 * {@code *.yaml} and {@code *.yml} files, sorted by name). A source may hold many documents.
 */
public final class ManifestReader {
    public static final String STDIN = "-";

    /** What was read: the objects, and the sources or documents that could not be read at all. */
    public record Result(List<Manifest> manifests, List<ManifestProblem> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final InputStream stdin;

    public ManifestReader(InputStream stdin) {
        this.stdin = stdin;
    }

    public Result read(List<String> arguments) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        for (String argument : arguments) {
            if (STDIN.equals(argument)) {
                readSource("<stdin>", () -> readLimited(stdin), manifests, errors);
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                List<Path> files = yamlFilesIn(path, errors);
                for (Path file : files) {
                    readSource(file.toString(), () -> readFile(file), manifests, errors);
                }
            } else {
                readSource(argument, () -> readFile(path), manifests, errors);
            }
        }
        return new Result(manifests, errors);
    }

    /** Parses YAML text that came from {@code source}; used for files, standard input and the window's imports. */
    public static Result parse(String source, String text) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        parseInto(source, text, manifests, errors);
        return new Result(manifests, errors);
    }

    private interface TextSupplier {
        String get() throws IOException;
    }

    private static void readSource(String source, TextSupplier supplier, List<Manifest> manifests,
                                   List<ManifestProblem> errors) {
        String text;
        try {
            text = supplier.get();
        } catch (NoSuchFileException e) {
            errors.add(ManifestProblem.ofSource(source, 0, "no such file or folder"));
            return;
        } catch (IOException e) {
            errors.add(ManifestProblem.ofSource(source, 0, "cannot be read: " + e.getMessage()));
            return;
        }
        parseInto(source, text, manifests, errors);
    }

    /** Longer lines than any manifest has; SnakeYAML scans a long plain scalar in quadratic time, so they are refused. */
    static final int MAX_LINE = 1024 * 1024;

    private static void parseInto(String source, String text, List<Manifest> manifests,
                                  List<ManifestProblem> errors) {
        int lineStart = 0;
        int lineNumber = 1;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > MAX_LINE) {
                    errors.add(ManifestProblem.ofSource(source, 0, "line " + lineNumber + " holds " + (i - lineStart)
                            + " characters, more than any manifest (" + MAX_LINE + "); not read"));
                    return;
                }
                lineStart = i + 1;
                lineNumber++;
            }
        }
        int document = 0;
        try (JsonParser parser = Yaml.mapper().createParser(text);
             MappingIterator<JsonNode> documents = Yaml.mapper().readerFor(JsonNode.class).readValues(parser)) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                checkIsObject(source, document, node, manifests, errors);
            }
        } catch (JsonProcessingException e) {
            errors.add(ManifestProblem.ofSource(source, document + 1, "not valid YAML: " + describe(e)));
        } catch (IOException | RuntimeException e) {
            errors.add(ManifestProblem.ofSource(source, document + 1, "not valid YAML: " + e.getMessage()));
        } catch (StackOverflowError e) {
            errors.add(ManifestProblem.ofSource(source, document + 1, "not valid YAML: nested too deeply"));
        }
    }

    private static void checkIsObject(String source, int document, JsonNode node, List<Manifest> manifests,
                                      List<ManifestProblem> errors) {
        if (!(node instanceof ObjectNode object)) {
            errors.add(ManifestProblem.ofSource(source, document,
                    "not a Kubernetes object: expected a mapping with apiVersion and kind, found "
                            + node.getNodeType().toString().toLowerCase()));
            return;
        }
        Manifest manifest = new Manifest(source, document, object);
        if (!object.path("kind").isTextual() || manifest.kind().isBlank()) {
            errors.add(ManifestProblem.ofSource(source, document, "not a Kubernetes object: kind is missing"));
        } else if (!object.path("apiVersion").isTextual() || manifest.apiVersion().isBlank()) {
            errors.add(new ManifestProblem(source, document, manifest.describe(), "apiVersion",
                    "not a Kubernetes object: apiVersion is missing"));
        } else if (object.has("metadata") && !object.get("metadata").isObject()) {
            errors.add(new ManifestProblem(source, document, manifest.describe(), "metadata", "must be a mapping"));
        } else {
            manifests.add(manifest);
        }
    }

    /** SnakeYAML's message without its indented excerpt lines: "while parsing X; expected Y, but got Z". */
    private static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String original = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        StringBuilder message = new StringBuilder();
        for (String line : original.split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            message.append(message.length() == 0 ? "" : "; ").append(line.strip());
        }
        if (location != null && location.getLineNr() > 0) {
            return message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message.toString();
    }

    private static List<Path> yamlFilesIn(Path folder, List<ManifestProblem> errors) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            errors.add(ManifestProblem.ofSource(folder.toString(), 0, "folder cannot be read: " + e.getMessage()));
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static String readFile(Path path) throws IOException {
        if (Files.size(path) > Yaml.MAX_SOURCE_CHARS) {
            throw new IOException("larger than " + Yaml.MAX_SOURCE_CHARS / (1024 * 1024) + " MiB");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private String readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(Yaml.MAX_SOURCE_CHARS + 1);
        if (bytes.length > Yaml.MAX_SOURCE_CHARS) {
            throw new IOException("larger than " + Yaml.MAX_SOURCE_CHARS / (1024 * 1024) + " MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
