package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** How long a FIFO or device may take to deliver its content. */
    public static final Duration NON_REGULAR_DEADLINE = Duration.ofSeconds(10);

    private final InputStream stdin;
    private final Duration nonRegularDeadline;

    public ManifestReader(InputStream stdin) {
        this(stdin, NON_REGULAR_DEADLINE);
    }

    public ManifestReader(InputStream stdin, Duration nonRegularDeadline) {
        this.stdin = stdin;
        this.nonRegularDeadline = nonRegularDeadline;
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

    private void readSource(String source, TextSupplier supplier, List<Manifest> manifests,
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


    private static void parseInto(String source, String text, List<Manifest> manifests,
                                  List<ManifestProblem> errors) {
        readInto(source, YamlDocuments.parse(source, text), manifests, errors);
    }

    /** The objects of an already parsed source (the workspace keeps the parse to splice its saves). */
    public static Result read(String source, YamlDocuments.Parsed parsed) {
        List<Manifest> manifests = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        readInto(source, parsed, manifests, errors);
        return new Result(manifests, errors);
    }

    private static void readInto(String source, YamlDocuments.Parsed parsed, List<Manifest> manifests,
                                 List<ManifestProblem> errors) {
        List<JsonNode> values = parsed.values();
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (value != null && !value.isNull()) {
                checkIsObject(source, i + 1, value, manifests, errors);
            }
        }
        if (parsed.error() != null) {
            errors.add(parsed.error());
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

    private String readFile(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            if (Files.size(path) > Yaml.MAX_SOURCE_CHARS) {
                throw new IOException(tooLarge());
            }
            return utf8(Files.readAllBytes(path));
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return readNonRegular(path);
    }

    /**
     * A device, a FIFO or a process substitution: read with the same cap as a file, and with a deadline, since a FIFO
     * that nobody writes to blocks its reader forever (even its open call), and {@code /dev/zero} never ends.
     */
    private String readNonRegular(Path path) throws IOException {
        FutureTask<byte[]> read = new FutureTask<>(() -> {
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(Yaml.MAX_SOURCE_CHARS + 1);
            }
        });
        Thread reader = new Thread(read, "read " + path);
        reader.setDaemon(true);
        reader.start();
        byte[] bytes;
        try {
            bytes = read.get(nonRegularDeadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new IOException("nothing to read after " + nonRegularDeadline.toSeconds()
                    + " s: it is not a regular file (a FIFO with no writer?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("reading was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage());
        }
        if (bytes.length > Yaml.MAX_SOURCE_CHARS) {
            throw new IOException(tooLarge() + " (not a regular file; read up to the limit and stopped)");
        }
        return utf8(bytes);
    }

    private String readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(Yaml.MAX_SOURCE_CHARS + 1);
        if (bytes.length > Yaml.MAX_SOURCE_CHARS) {
            throw new IOException(tooLarge());
        }
        return utf8(bytes);
    }

    private static String tooLarge() {
        return "larger than " + Yaml.MAX_SOURCE_CHARS / (1024 * 1024) + " MiB";
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes UTF-8 strictly: Kubernetes objects are UTF-8, and a replacement character silently put into a name
     * would be sent to the cluster. A byte-order mark is dropped, as kubectl does.
     *
     * @throws IOException naming the byte offset of the first byte that is not UTF-8
     */
    public static String utf8(byte[] bytes) throws IOException {
        if (ascii(bytes)) {
            // ASCII is UTF-8 byte for byte, and holds no byte-order mark: no decoder, one copy
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IOException(String.format("not UTF-8: byte 0x%02X at byte offset %d is not valid UTF-8",
                    bytes[in.position()] & 0xFF, in.position()));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
