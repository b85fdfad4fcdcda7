package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.NodeId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the plain YAML that manifests are nearly always written in, without SnakeYAML's scanner, parser and composer
 * (which take most of a large {@code simulate}): printable ASCII, block mappings and sequences indented with spaces,
 * one-line flow collections, one-line plain and quoted scalars, comments and {@code ---} between documents.
 *
 * <p>It answers only when it is sure to build the very tree {@link YamlDocuments#parse} builds: anything else (a tab,
 * a non-ASCII character, an anchor, an alias, a tag, a block scalar, a merge key, a scalar over two lines, an escape,
 * a duplicate key, a scalar that cannot be read as its type, any text SnakeYAML would refuse) gives {@code null}, and
 * the caller reads the whole text with SnakeYAML, so errors and their words stay SnakeYAML's and kubectl's. Scalars
 * are typed by the same resolver and constructor.
 */
final class YamlShortcut {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Deeper nesting than any manifest has goes to SnakeYAML, which bounds it with its own message. */
    private static final int MAX_DEPTH = 64;

    /** Thrown where the text leaves the subset; never seen outside, and without a stack trace. */
    private static final class NotPlain extends RuntimeException {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private final YamlDocuments.Shared shared;
    private final YamlDocuments.TypingResolver resolver = new YamlDocuments.TypingResolver();
    /** The content lines (not blank, not a comment, not a marker): where each starts, its indent, where it ends. */
    private int[] starts = new int[256];
    private int[] indents = new int[256];
    private int[] ends = new int[256];
    private int count;
    /** The content line being read, and the end of the document's lines. */
    private int line;
    private int limit;
    private int depth;

    private YamlShortcut(String text, YamlDocuments.Shared shared) {
        this.text = text;
        this.shared = shared;
    }

    /**
     * The documents' values in order, {@code null} for an empty document (comments only, or a {@code ---} with
     * nothing after it), as {@link YamlDocuments#parse} numbers them; or {@code null} when the text is not in the
     * subset and must be read by SnakeYAML.
     */
    static List<JsonNode> documents(String text, YamlDocuments.Shared shared) {
        if (text.length() > Yaml.MAX_SOURCE_CHARS) {
            return null;
        }
        try {
            return new YamlShortcut(text, shared).read();
        } catch (NotPlain e) {
            return null;
        } catch (RuntimeException e) {
            // a scalar its constructor refuses, say: SnakeYAML's reading says so in its words
            return null;
        }
    }

    private List<JsonNode> read() {
        List<int[]> documents = new ArrayList<>();
        int documentStart = 0;
        boolean explicit = false;
        int length = text.length();
        int lineStart = 0;
        while (lineStart < length) {
            int indent = 0;
            int i = lineStart;
            int end = lineStart;
            boolean blank = true;
            char first = 0;
            for (; i < length; i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    break;
                }
                if (c < ' ' || c > '~') {
                    throw NotPlain.INSTANCE;
                }
                if (c != ' ') {
                    if (blank) {
                        blank = false;
                        first = c;
                        indent = i - lineStart;
                    }
                    end = i + 1;
                }
            }
            if (i - lineStart > YamlDocuments.MAX_LINE) {
                throw NotPlain.INSTANCE;
            }
            if (!blank && first != '#') {
                if (indent == 0 && marker(lineStart, end, '-')) {
                    if (explicit || count > documentStart) {
                        documents.add(new int[] {documentStart, count});
                    }
                    documentStart = count;
                    explicit = true;
                } else if (indent == 0 && (marker(lineStart, end, '.') || first == '%')) {
                    throw NotPlain.INSTANCE;
                } else {
                    add(lineStart, indent, end);
                }
            }
            lineStart = i + 1;
        }
        if (explicit || count > documentStart) {
            documents.add(new int[] {documentStart, count});
        }
        List<JsonNode> values = new ArrayList<>(documents.size());
        for (int[] document : documents) {
            if (document[0] == document[1]) {
                values.add(null);
                continue;
            }
            line = document[0];
            limit = document[1];
            JsonNode root = block(indents[line]);
            if (line != limit) {
                throw NotPlain.INSTANCE;
            }
            values.add(root);
        }
        return values;
    }

    /** {@code ---} (or {@code ...}) alone on its line, or before a comment. */
    private boolean marker(int start, int end, char c) {
        if (end - start < 3 || text.charAt(start) != c || text.charAt(start + 1) != c || text.charAt(start + 2) != c) {
            return false;
        }
        if (end - start == 3) {
            return true;
        }
        if (text.charAt(start + 3) != ' ') {
            return false;
        }
        int rest = skipSpaces(start + 3, end);
        if (rest < end && text.charAt(rest) != '#') {
            throw NotPlain.INSTANCE;
        }
        return true;
    }

    private void add(int start, int indent, int end) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            indents = java.util.Arrays.copyOf(indents, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        indents[count] = indent;
        ends[count] = end;
        count++;
    }

    private int skipSpaces(int i, int end) {
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A block node whose first line is the current one, at {@code indent}: a sequence or a mapping. */
    private JsonNode block(int indent) {
        if (++depth > MAX_DEPTH) {
            throw NotPlain.INSTANCE;
        }
        try {
            int at = starts[line] + indent;
            if (item(at, ends[line])) {
                return sequence(indent);
            }
            if (keyEnd(at, ends[line]) < 0) {
                throw NotPlain.INSTANCE;
            }
            return mapping(indent, at);
        } finally {
            depth--;
        }
    }

    /** Whether a sequence item starts here: a dash alone or before a space. */
    private boolean item(int at, int end) {
        return text.charAt(at) == '-' && (at + 1 == end || text.charAt(at + 1) == ' ');
    }

    private JsonNode sequence(int indent) {
        ArrayNode array = NODES.arrayNode();
        while (true) {
            int end = ends[line];
            int at = skipSpaces(starts[line] + indent + 1, end);
            JsonNode value;
            if (at == end || text.charAt(at) == '#') {
                line++;
                value = line < limit && indents[line] > indent ? block(indents[line]) : empty();
            } else if (item(at, end)) {
                throw NotPlain.INSTANCE;
            } else if (keyEnd(at, end) >= 0) {
                if (++depth > MAX_DEPTH) {
                    throw NotPlain.INSTANCE;
                }
                value = mapping(at - starts[line], at);
                depth--;
            } else {
                value = inline(at, end);
                line++;
                if (line < limit && indents[line] > indent) {
                    throw NotPlain.INSTANCE;
                }
            }
            array.add(value);
            if (line >= limit || indents[line] < indent) {
                return array;
            }
            if (indents[line] > indent) {
                throw NotPlain.INSTANCE;
            }
            if (!item(starts[line] + indent, ends[line])) {
                return array;
            }
        }
    }

    /** A block mapping at column {@code indent}; its first key starts at {@code at}, on the current line. */
    private JsonNode mapping(int indent, int at) {
        Map<String, JsonNode> own = new LinkedHashMap<>();
        while (true) {
            int end = ends[line];
            int keyEnd = keyEnd(at, end);
            if (keyEnd < 0) {
                throw NotPlain.INSTANCE;
            }
            String key = shared.key(keyText(at, keyEnd));
            int rest = skipSpaces(keyEnd + 1, end);
            JsonNode value;
            if (rest == end || text.charAt(rest) == '#') {
                line++;
                if (line < limit && indents[line] > indent) {
                    value = block(indents[line]);
                } else if (line < limit && indents[line] == indent && item(starts[line] + indent, ends[line])) {
                    if (++depth > MAX_DEPTH) {
                        throw NotPlain.INSTANCE;
                    }
                    value = sequence(indent);
                    depth--;
                } else {
                    value = empty();
                }
            } else {
                value = inline(rest, end);
                line++;
                if (line < limit && indents[line] > indent) {
                    throw NotPlain.INSTANCE;
                }
            }
            if (own.put(key, value) != null) {
                throw NotPlain.INSTANCE;
            }
            if (line >= limit || indents[line] < indent) {
                break;
            }
            if (indents[line] > indent) {
                throw NotPlain.INSTANCE;
            }
            at = starts[line] + indent;
            if (item(at, ends[line])) {
                // a sequence item where the mapping's next key should be: SnakeYAML's error, in its words
                throw NotPlain.INSTANCE;
            }
        }
        return new ObjectNode(NODES, own);
    }

    /**
     * Where the key that starts at {@code at} ends (the offset of its colon, which a space or the line's end follows),
     * or -1 when no key of the subset starts there: a plain key of letters, digits and {@code ._/-} (not first), or a
     * one-line quoted key.
     */
    private int keyEnd(int at, int end) {
        char first = text.charAt(at);
        int i;
        if (first == '"' || first == '\'') {
            i = quotedEnd(at, end);
            if (i < 0) {
                return -1;
            }
        } else {
            if (!keyChar(first) || first == '-') {
                return -1;
            }
            i = at + 1;
            while (i < end && keyChar(text.charAt(i))) {
                i++;
            }
        }
        // SnakeYAML refuses an implicit key longer than 1024 characters: such a line is its to answer
        if (i - at <= 1024 && i < end && text.charAt(i) == ':' && (i + 1 == end || text.charAt(i + 1) == ' ')) {
            return i;
        }
        return -1;
    }

    private static boolean keyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '/' || c == '-';
    }

    private String keyText(int at, int keyEnd) {
        char first = text.charAt(at);
        if (first == '"' || first == '\'') {
            return unquote(at, keyEnd);
        }
        return text.substring(at, keyEnd);
    }

    /** The offset just after the closing quote of the one-line quoted scalar at {@code at}, or -1. */
    private int quotedEnd(int at, int end) {
        char quote = text.charAt(at);
        for (int i = at + 1; i < end; i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                return -1;
            }
            if (c == quote) {
                if (quote == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return -1;
    }

    private String unquote(int at, int closed) {
        String inner = text.substring(at + 1, closed - 1);
        return text.charAt(at) == '\'' ? inner.replace("''", "'") : inner;
    }

    /** What follows a key or a dash on its line: a flow collection, a quoted scalar or a plain scalar. */
    private JsonNode inline(int at, int end) {
        char c = text.charAt(at);
        if (c == '{' || c == '[' || c == '"' || c == '\'') {
            int[] next = {at};
            JsonNode value = flow(next, end, 0);
            int rest = next[0];
            if (rest < end) {
                int after = skipSpaces(rest, end);
                if (after == rest || after < end && text.charAt(after) != '#') {
                    throw NotPlain.INSTANCE;
                }
            }
            return value;
        }
        if (!plainStart(at, end)) {
            throw NotPlain.INSTANCE;
        }
        int stop = end;
        for (int i = at + 1; i < end; i++) {
            char d = text.charAt(i);
            if (d == '#' && text.charAt(i - 1) == ' ') {
                stop = i;
                break;
            }
            if (d == ':' && (i + 1 == end || text.charAt(i + 1) == ' ')) {
                throw NotPlain.INSTANCE;
            }
        }
        while (text.charAt(stop - 1) == ' ') {
            stop--;
        }
        return plain(text.substring(at, stop));
    }

    /** Whether a plain scalar may start here: not with an indicator, nor a dash, question mark or colon and a space. */
    private boolean plainStart(int at, int end) {
        char c = text.charAt(at);
        if ("?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0) {
            return false;
        }
        return c != '-' || at + 1 < end && text.charAt(at + 1) != ' ';
    }

    /** A flow node on one line from {@code next[0]}; leaves {@code next[0]} just after it. */
    private JsonNode flow(int[] next, int end, int level) {
        if (level > MAX_DEPTH) {
            throw NotPlain.INSTANCE;
        }
        int at = skipSpaces(next[0], end);
        if (at == end) {
            throw NotPlain.INSTANCE;
        }
        char c = text.charAt(at);
        if (c == '"' || c == '\'') {
            int closed = quotedEnd(at, end);
            if (closed < 0) {
                throw NotPlain.INSTANCE;
            }
            next[0] = closed;
            return shared.text(unquote(at, closed));
        }
        if (c == '{') {
            Map<String, JsonNode> own = new LinkedHashMap<>();
            int i = skipSpaces(at + 1, end);
            if (i < end && text.charAt(i) == '}') {
                next[0] = i + 1;
                return new ObjectNode(NODES, own);
            }
            while (true) {
                int keyEnd = i < end ? keyEnd(i, end) : -1;
                if (keyEnd < 0) {
                    throw NotPlain.INSTANCE;
                }
                String key = shared.key(keyText(i, keyEnd));
                next[0] = keyEnd + 1;
                if (own.put(key, flow(next, end, level + 1)) != null) {
                    throw NotPlain.INSTANCE;
                }
                i = skipSpaces(next[0], end);
                if (i < end && text.charAt(i) == ',') {
                    i = skipSpaces(i + 1, end);
                    continue;
                }
                if (i < end && text.charAt(i) == '}') {
                    next[0] = i + 1;
                    return new ObjectNode(NODES, own);
                }
                throw NotPlain.INSTANCE;
            }
        }
        if (c == '[') {
            ArrayNode array = NODES.arrayNode();
            int i = skipSpaces(at + 1, end);
            if (i < end && text.charAt(i) == ']') {
                next[0] = i + 1;
                return array;
            }
            while (true) {
                next[0] = i;
                array.add(flow(next, end, level + 1));
                i = skipSpaces(next[0], end);
                if (i < end && text.charAt(i) == ',') {
                    i = skipSpaces(i + 1, end);
                    continue;
                }
                if (i < end && text.charAt(i) == ']') {
                    next[0] = i + 1;
                    return array;
                }
                throw NotPlain.INSTANCE;
            }
        }
        if (!plainStart(at, end)) {
            throw NotPlain.INSTANCE;
        }
        int i = at + 1;
        for (; i < end; i++) {
            char d = text.charAt(i);
            if (d == ',' || d == ']' || d == '}') {
                break;
            }
            if ("?:[{#'\"".indexOf(d) >= 0) {
                throw NotPlain.INSTANCE;
            }
        }
        int stop = i;
        while (text.charAt(stop - 1) == ' ') {
            stop--;
        }
        next[0] = i;
        return plain(text.substring(at, stop));
    }

    /** A plain scalar, typed as SnakeYAML types it. */
    private JsonNode plain(String value) {
        return YamlDocuments.typed(resolver.resolve(NodeId.scalar, value, true), value, shared);
    }

    /** The empty value of {@code key:} with nothing under it, or of a dash alone. */
    private JsonNode empty() {
        return plain("");
    }
}
