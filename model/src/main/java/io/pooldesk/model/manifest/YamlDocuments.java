package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML stream read as kubectl reads it, keeping where each node stands in the text.
 *
 * <p>SnakeYAML's composer gives the node graph with start and end marks (so a save can splice only the text of what
 * changed, see {@link YamlSplice}); this class turns each document into a Jackson tree the way kubectl's YAML-to-JSON
 * step does: an alias is the anchored value, {@code <<} merges mappings, plain scalars take the YAML 1.1 types. Jackson's
 * own YAML tree reads an alias as the anchor's name, which is why it no longer reads manifests.
 */
public final class YamlDocuments {
    /**
     * Values that aliases may add to a document beyond its own text; an alias bomb ("billion laughs") stops here, long
     * before memory does.
     */
    public static final int MAX_ALIAS_EXPANSION = 100_000;

    /** One document: its node graph (null for an empty document), its value, and its text span. */
    public record Document(int number, Node node, JsonNode value, int start, int end) {
        public boolean empty() {
            return node == null;
        }
    }

    /**
     * The documents read, and the error that stopped reading (null when the whole stream was read). A text the
     * {@link YamlShortcut} reads has its values at once and its node graph (with positions, for a splice or a field's
     * line) only when first asked: SnakeYAML's graph of a large workspace took seconds and most of its memory.
     */
    public static final class Parsed {
        private final String source;
        private final String text;
        private final List<JsonNode> plain;
        private List<Document> documents;
        private ManifestProblem error;

        Parsed(String text, List<Document> documents, ManifestProblem error) {
            this.source = null;
            this.text = text;
            this.plain = null;
            this.documents = documents;
            this.error = error;
        }

        private Parsed(String source, String text, List<JsonNode> plain) {
            this.source = source;
            this.text = text;
            this.plain = plain;
        }

        public String text() {
            return text;
        }

        /** The documents with their nodes and text spans, in order, numbered from 1. */
        public synchronized List<Document> documents() {
            if (documents == null) {
                Parsed full = parseWithNodes(source, text);
                documents = full.documents;
                error = full.error;
            }
            return documents;
        }

        /** The error that stopped reading; the shortcut reads only what SnakeYAML reads whole. */
        public synchronized ManifestProblem error() {
            return plain != null ? null : error;
        }

        /** Each document's value, in order, {@code null} for an empty document; without nodes when it can. */
        public List<JsonNode> values() {
            if (plain != null) {
                return plain;
            }
            List<JsonNode> out = new ArrayList<>();
            for (Document document : documents()) {
                out.add(document.empty() ? null : document.value());
            }
            return out;
        }
    }

    private YamlDocuments() {
    }

    /** Longer lines than any manifest has; SnakeYAML scans a long plain scalar in quadratic time, so they are refused. */
    static final int MAX_LINE = 1024 * 1024;

    public static Parsed parse(String source, String text) {
        List<JsonNode> plain = plainValues(text);
        return plain != null ? new Parsed(source, text, plain) : parseWithNodes(source, text);
    }

    /** Read by SnakeYAML alone, with every node and position. */
    static Parsed parseWithNodes(String source, String text) {
        List<Document> documents = new ArrayList<>();
        int lineStart = 0;
        int lineNumber = 1;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > MAX_LINE) {
                    return new Parsed(text, documents, ManifestProblem.ofSource(source, 0, "line " + lineNumber
                            + " holds " + (i - lineStart) + " characters, more than any manifest (" + MAX_LINE
                            + "); not read"));
                }
                lineStart = i + 1;
                lineNumber++;
            }
        }
        CodePoints offsets = new CodePoints(text);
        int number = 0;
        try {
            LoaderOptions options = loaderOptions();
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    new TypingResolver(), options);
            Shared shared = new Shared();
            while (composer.checkNode()) {
                Node node = composer.getNode();
                number++;
                if (node == null || isEmptyDocument(node)) {
                    documents.add(new Document(number, null, null, -1, -1));
                    continue;
                }
                JsonNode value = new Converter(source, number, shared).convert(node);
                documents.add(new Document(number, node, value, offsets.chars(node.getStartMark()),
                        offsets.chars(node.getEndMark())));
            }
            return new Parsed(text, documents, null);
        } catch (Unreadable e) {
            return new Parsed(text, documents, new ManifestProblem(source, e.document, null, e.field, e.getMessage()));
        } catch (MarkedYAMLException e) {
            return new Parsed(text, documents, ManifestProblem.ofSource(source, number + 1, "not valid YAML: "
                    + describe(e)));
        } catch (RuntimeException e) {
            return new Parsed(text, documents, ManifestProblem.ofSource(source, number + 1, "not valid YAML: "
                    + e.getMessage()));
        } catch (StackOverflowError e) {
            return new Parsed(text, documents, ManifestProblem.ofSource(source, number + 1,
                    "not valid YAML: nested too deeply"));
        }
    }

    /**
     * The documents' values, in the order and numbering of {@link #parse} ({@code null} for an empty document), when
     * the text is the plain YAML {@link YamlShortcut} reads; {@code null} when it is not, and {@link #parse} must read it.
     */
    static List<JsonNode> plainValues(String text) {
        return YamlShortcut.documents(text, new Shared());
    }

    /** A document of only comments, or a trailing {@code ---}: kubectl skips it, and so do we. */
    private static boolean isEmptyDocument(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL) && scalar.getValue().isEmpty()
                && scalar.getAnchor() == null;
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(Yaml.MAX_ALIASES);
        loader.setNestingDepthLimit(Yaml.MAX_NESTING);
        loader.setCodePointLimit(Yaml.MAX_SOURCE_CHARS);
        loader.setAllowDuplicateKeys(false);
        loader.setAllowRecursiveKeys(false);
        return loader;
    }

    /** SnakeYAML's message on one line, with where it happened. */
    private static String describe(MarkedYAMLException e) {
        StringBuilder message = new StringBuilder();
        for (String part : new String[]{e.getContext(), e.getProblem()}) {
            if (part != null && !part.isBlank()) {
                message.append(message.length() == 0 ? "" : "; ").append(part.strip());
            }
        }
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        if (mark != null) {
            message.append(" (line ").append(mark.getLine() + 1).append(", column ").append(mark.getColumn() + 1)
                    .append(')');
        }
        return message.toString();
    }

    static final class Unreadable extends RuntimeException {
        final int document;
        final String field;

        Unreadable(int document, String field, String message) {
            super(message);
            this.document = document;
            this.field = field;
        }
    }

    /**
     * SnakeYAML's resolver with the same answers, minus its regular expressions for most scalars: a plain scalar whose
     * first character starts no implicit type is a string (SnakeYAML tries its empty-value pattern on every such
     * scalar, which only matches the empty one), and so is one that starts with a letter and is longer than the
     * longest word a letter starts (the booleans' "false", the nulls' "null"): most keys, names and namespaces.
     */
    static final class TypingResolver extends Resolver {
        private static final int LONGEST_WORD = 5;

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && !value.isEmpty()) {
                char first = value.charAt(0);
                if (!yamlImplicitResolvers.containsKey(first) && first > ' '
                        || value.length() > LONGEST_WORD && first < 128 && Character.isLetter(first)) {
                    return Tag.STR;
                }
            }
            return super.resolve(kind, value, implicit);
        }
    }

    /**
     * What the documents of one stream share: one SnakeYAML constructor for typed scalars (made when one is first
     * met), and one copy of each key and short text value. A workspace repeats apiVersion, kind, names and namespaces
     * in every object; sharing them keeps 200,000 objects in a fraction of the memory. Jackson's text nodes are
     * immutable, so sharing one between objects is safe.
     */
    static final class Shared {
        private static final int SHORT = 64;
        private static final int MAX_ENTRIES = 100_000;
        private final Map<String, String> keys = new java.util.HashMap<>();
        private final Map<String, JsonNode> texts = new java.util.HashMap<>();
        private Scalars scalars;

        Scalars scalars() {
            if (scalars == null) {
                scalars = new Scalars();
            }
            return scalars;
        }

        String key(String key) {
            if (keys.size() >= MAX_ENTRIES) {
                return key;
            }
            String known = keys.putIfAbsent(key, key);
            return known == null ? key : known;
        }

        JsonNode text(String text) {
            if (text.length() > SHORT || texts.size() >= MAX_ENTRIES) {
                return Converter.NODES.textNode(text);
            }
            return texts.computeIfAbsent(text, Converter.NODES::textNode);
        }
    }

    /** Where a value stands in its document ({@code spec.ranges[0].subnet}), spelled out only for an error. */
    private record At(At parent, String key, int index) {
        static String of(At at) {
            return at == null ? null : at.toString();
        }

        At child(String name) {
            return new At(this, name, -1);
        }

        At item(int i) {
            return new At(this, null, i);
        }

        @Override
        public String toString() {
            String own = key != null ? key : "[" + index + "]";
            if (parent == null) {
                return own;
            }
            return parent + (key != null ? "." : "") + own;
        }
    }

    /** Node graph to Jackson tree: aliases expanded (and counted), merge keys applied, scalars typed. */
    private static final class Converter {
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
        private final String source;
        private final int document;
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private long expanded;
        private final Shared shared;

        Converter(String source, int document, Shared shared) {
            this.source = source;
            this.document = document;
            this.shared = shared;
        }

        JsonNode convert(Node node) {
            return value(node, null);
        }

        private At child(At at, String name) {
            return at == null ? new At(null, name, -1) : at.child(name);
        }

        private JsonNode value(Node node, At at) {
            if (!open.add(node)) {
                throw new Unreadable(document, At.of(at),
                        "an alias refers to the value that holds it; such a value has no end");
            }
            if (!seen.add(node) && ++expanded > MAX_ALIAS_EXPANSION) {
                throw new Unreadable(document, At.of(at), "aliases expand to more than "
                        + MAX_ALIAS_EXPANSION + " values (an alias bomb?); not read");
            }
            try {
                if (node instanceof ScalarNode scalar) {
                    return scalar(scalar, at);
                }
                if (node instanceof SequenceNode sequence) {
                    List<Node> items = sequence.getValue();
                    ArrayNode array = NODES.arrayNode(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        array.add(value(items.get(i), at == null ? new At(null, null, i) : at.item(i)));
                    }
                    return array;
                }
                return mapping((MappingNode) node, at);
            } finally {
                open.remove(node);
            }
        }

        private ObjectNode mapping(MappingNode node, At at) {
            List<NodeTuple> tuples = node.getValue();
            Map<String, JsonNode> own = new LinkedHashMap<>(tuples.size() * 4 / 3 + 1);
            List<ObjectNode> merged = new ArrayList<>();
            for (NodeTuple tuple : tuples) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode instanceof ScalarNode key && key.getTag().equals(Tag.MERGE)) {
                    merged.addAll(mergeSources(tuple.getValueNode(), child(at, "<<")));
                    continue;
                }
                if (!(keyNode instanceof ScalarNode key)) {
                    throw new Unreadable(document, At.of(at),
                            "a key must be a plain value, not a list or a mapping (line "
                                    + (keyNode.getStartMark().getLine() + 1) + ")");
                }
                String name = shared.key(key.getValue());
                if (own.containsKey(name)) {
                    throw new Unreadable(document, child(at, name).toString(), "the key appears twice in one mapping"
                            + " (line " + (key.getStartMark().getLine() + 1) + "); kubectl refuses that too");
                }
                own.put(name, value(tuple.getValueNode(), child(at, name)));
            }
            // YAML's merge: the mapping's own keys win, then the merged mappings in the order written
            if (merged.isEmpty()) {
                return new ObjectNode(NODES, own);
            }
            ObjectNode object = NODES.objectNode();
            for (ObjectNode source : merged) {
                source.fields().forEachRemaining(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue());
                    }
                });
            }
            own.forEach(object::set);
            return object;
        }

        private List<ObjectNode> mergeSources(Node value, At at) {
            List<Node> sources = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
            List<ObjectNode> out = new ArrayList<>();
            for (Node source : sources) {
                JsonNode converted = value(source, at);
                if (!(converted instanceof ObjectNode object)) {
                    throw new Unreadable(document, At.of(at),
                            "a merge key (<<) takes a mapping or a list of mappings");
                }
                out.add(object);
            }
            return out;
        }

        private JsonNode scalar(ScalarNode node, At at) {
            try {
                return typed(node.getTag(), node.getValue(), shared);
            } catch (RuntimeException e) {
                throw new Unreadable(document, At.of(at), "\"" + node.getValue()
                        + "\" cannot be read as its type (" + node.getTag().getValue() + ")");
            }
        }

        @Override
        public String toString() {
            return source + "#" + document;
        }
    }

    /**
     * A scalar's value in the Jackson tree, from the tag SnakeYAML's rules give it: text, null, a boolean, an integer
     * as small as fits, or a float. Throws a RuntimeException when the text cannot be read as its type.
     */
    static JsonNode typed(Tag tag, String text, Shared shared) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (tag.equals(Tag.STR)) {
            return shared.text(text);
        }
        if (tag.equals(Tag.NULL)) {
            return nodes.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return nodes.booleanNode((Boolean) shared.scalars().construct(tag, text));
        }
        if (tag.equals(Tag.INT)) {
            Object number = shared.scalars().construct(tag, text);
            if (number instanceof Integer i) {
                return nodes.numberNode(i);
            }
            if (number instanceof Long l) {
                return nodes.numberNode(l);
            }
            return nodes.numberNode((BigInteger) number);
        }
        if (tag.equals(Tag.FLOAT)) {
            return nodes.numberNode((Double) shared.scalars().construct(tag, text));
        }
        return shared.text(text);
    }

    /** SnakeYAML's own YAML 1.1 scalar rules (0x1F, 0o17, 1_000, yes/no), used only for single scalars. */
    private static final class Scalars extends SafeConstructor {
        Scalars() {
            super(loaderOptions());
        }

        Object construct(Tag tag, String text) {
            return constructObject(new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN));
        }
    }

    /** SnakeYAML marks count code points; Java strings count chars. The two differ only past U+FFFF. */
    static final class CodePoints {
        private final String text;
        private final boolean same;

        CodePoints(String text) {
            this.text = text;
            this.same = text.codePoints().count() == text.length();
        }

        int chars(Mark mark) {
            return chars(mark.getIndex());
        }

        int chars(int codePoints) {
            return same ? codePoints : text.offsetByCodePoints(0, codePoints);
        }
    }
}
