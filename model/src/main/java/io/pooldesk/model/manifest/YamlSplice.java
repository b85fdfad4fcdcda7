package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a YAML file back after an edit, changing only the text of what changed.
 *
 * <p>Why a splice and not a round-trip library: no YAML library served here keeps comments, anchors, quoting and
 * layout through a load and dump (SnakeYAML's comment support drops anchors' text and re-flows the rest; Jackson keeps
 * none of it). SnakeYAML's composer does give every node its exact start and end in the text, so a save compares the
 * objects as read with the objects as edited and replaces only the spans of the values that differ: a scalar's text,
 * a key's lines, a list whose length changed. Everything else, other objects, comments, anchors and aliases included,
 * is copied byte for byte. The result is read back and compared with the edited objects; should a splice ever read
 * back differently, that document alone is written whole.
 */
public final class YamlSplice {
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private YamlSplice() {
    }

    /** Whether two trees hold the same values (5 written as an int or a long is the same 5). */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(SAME_VALUE, b);
    }

    /**
     * The text of {@code original} with its objects replaced by {@code objects}: objects of the same identity keep
     * their place and text, with only their changed values spliced; removed objects lose their document; new ones
     * are appended.
     */
    public static String rewrite(YamlDocuments.Parsed original, List<ObjectNode> objects) {
        if (original.error() != null) {
            return render(objects);
        }
        String spliced = splice(original, objects, false);
        if (spliced != null && readsAs(spliced, objects)) {
            return spliced;
        }
        String wholeDocuments = splice(original, objects, true);
        if (wholeDocuments != null && readsAs(wholeDocuments, objects)) {
            return wholeDocuments;
        }
        return render(objects);
    }

    private static boolean readsAs(String text, List<ObjectNode> objects) {
        YamlDocuments.Parsed parsed = YamlDocuments.parse("", text);
        if (parsed.error() != null) {
            return false;
        }
        List<JsonNode> read = parsed.values().stream().filter(v -> v != null && !v.isNull()).toList();
        if (read.size() != objects.size()) {
            return false;
        }
        for (int i = 0; i < read.size(); i++) {
            if (!sameValue(read.get(i), objects.get(i))) {
                return false;
            }
        }
        return true;
    }

    private record Edit(int start, int end, String text) {
    }

    private static String splice(YamlDocuments.Parsed original, List<ObjectNode> objects, boolean wholeDocuments) {
        String text = original.text();
        List<YamlDocuments.Document> documents = original.documents().stream()
                .filter(d -> !d.empty() && d.value() instanceof ObjectNode).toList();
        if (documents.size() != original.documents().stream().filter(d -> !d.empty() && !d.value().isNull())
                .count()) {
            return null;
        }
        // which original document each object is, by identity (kind, group, namespace, name)
        int[] match = new int[objects.size()];
        boolean[] used = new boolean[documents.size()];
        int last = -1;
        for (int i = 0; i < objects.size(); i++) {
            match[i] = -1;
            Manifest now = new Manifest("", 0, objects.get(i));
            for (int d = 0; d < documents.size(); d++) {
                if (!used[d] && new Manifest("", 0, (ObjectNode) documents.get(d).value()).sameObject(now)) {
                    match[i] = d;
                    used[d] = true;
                    break;
                }
            }
            if (match[i] >= 0) {
                if (match[i] < last) {
                    return null;
                }
                last = match[i];
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (match[i] < 0) {
                continue;
            }
            YamlDocuments.Document document = documents.get(match[i]);
            if (sameValue(document.value(), objects.get(i))) {
                continue;
            }
            int end = contentEnd(document.node(), text);
            if (wholeDocuments || !new Patch(text, edits).value(document.node(), document.value(), objects.get(i),
                    null)) {
                edits.removeIf(e -> e.start >= document.start() && e.end <= end);
                if (document.node().getNodeId() != NodeId.mapping
                        || ((MappingNode) document.node()).getFlowStyle() != DumperOptions.FlowStyle.BLOCK
                        || column(text, document.start()) != 0) {
                    return null;
                }
                edits.add(new Edit(document.start(), end, stripNewline(render(List.of(objects.get(i))))));
            }
        }
        for (int d = 0; d < documents.size(); d++) {
            if (!used[d]) {
                Edit removal = removal(text, documents.get(d));
                if (removal == null) {
                    return null;
                }
                edits.add(removal);
            }
        }
        StringBuilder out = new StringBuilder(apply(text, edits));
        for (int i = 0; i < objects.size(); i++) {
            if (match[i] < 0) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                if (!out.toString().isBlank()) {
                    out.append("---\n");
                }
                out.append(render(List.of(objects.get(i))));
            }
        }
        return out.toString();
    }

    private static String apply(String text, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        StringBuilder out = new StringBuilder();
        int cursor = 0;
        for (Edit edit : sorted) {
            if (edit.start < cursor) {
                throw new IllegalStateException("overlapping edits");
            }
            out.append(text, cursor, edit.start).append(edit.text);
            cursor = edit.end;
        }
        return out.append(text.substring(cursor)).toString();
    }

    /** A removed object's document and one separator next to it; comments above it go with it. */
    private static Edit removal(String text, YamlDocuments.Document document) {
        int start = lineStart(text, document.start());
        int before = separatorBefore(text, start);
        start = before < 0 ? 0 : lineEnd(text, before);
        int end = lineEnd(text, contentEnd(document.node(), text));
        int next = separatorAfter(text, end);
        if (next >= 0) {
            return new Edit(start, lineEnd(text, next), "");
        }
        int previous = separatorBefore(text, start);
        if (previous >= 0) {
            return new Edit(previous, end, "");
        }
        return new Edit(start, end, "");
    }

    private static int separatorAfter(String text, int from) {
        int line = from;
        while (line < text.length()) {
            if (text.startsWith("---", line) && (line + 3 == text.length()
                    || Character.isWhitespace(text.charAt(line + 3)))) {
                return line;
            }
            line = lineEnd(text, line);
        }
        return -1;
    }

    private static int separatorBefore(String text, int before) {
        int found = -1;
        int line = 0;
        while (line < before) {
            if (text.startsWith("---", line) && (line + 3 == text.length()
                    || Character.isWhitespace(text.charAt(line + 3)))) {
                found = line;
            }
            line = lineEnd(text, line);
        }
        return found;
    }

    /** Where a node's own text ends: a block collection's end mark lies past the comments that follow it. */
    static int contentEnd(Node node, String text) {
        CodePointIndex index = new CodePointIndex(text);
        return contentEnd(node, index);
    }

    private static int contentEnd(Node node, CodePointIndex index) {
        if (node instanceof MappingNode mapping && mapping.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !mapping.getValue().isEmpty()) {
            NodeTuple lastTuple = mapping.getValue().get(mapping.getValue().size() - 1);
            int key = contentEnd(lastTuple.getKeyNode(), index);
            return Math.max(key, ownEnd(lastTuple.getValueNode(), key, index));
        }
        if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !sequence.getValue().isEmpty()) {
            return contentEnd(sequence.getValue().get(sequence.getValue().size() - 1), index);
        }
        return index.chars(node.getEndMark().getIndex());
    }

    /** The end of a value that may be an alias: an alias written after {@code after} ends at its name. */
    private static int ownEnd(Node value, int after, CodePointIndex index) {
        int start = index.chars(value.getStartMark().getIndex());
        if (start < after) {
            int alias = aliasStart(index.text, after);
            return alias < 0 ? after : aliasEnd(index.text, alias);
        }
        return contentEnd(value, index);
    }

    private static int aliasStart(String text, int after) {
        int i = after;
        while (i < text.length() && (text.charAt(i) == ':' || text.charAt(i) == ' ' || text.charAt(i) == '\t'
                || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '?')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '*' ? i : -1;
    }

    private static int aliasEnd(String text, int start) {
        int i = start + 1;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ",[]{}".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static final class CodePointIndex {
        final String text;
        final YamlDocuments.CodePoints points;

        CodePointIndex(String text) {
            this.text = text;
            this.points = new YamlDocuments.CodePoints(text);
        }

        int chars(int codePoints) {
            return points.chars(codePoints);
        }
    }

    /** Collects the edits that turn one node's text from {@code before} into {@code after}; false if it cannot. */
    private static final class Patch {
        private final String text;
        private final List<Edit> edits;
        private final CodePointIndex index;
        private final Map<Node, Integer> references = new IdentityHashMap<>();

        Patch(String text, List<Edit> edits) {
            this.text = text;
            this.edits = edits;
            this.index = new CodePointIndex(text);
        }

        private int start(Node node) {
            return index.chars(node.getStartMark().getIndex());
        }

        private int end(Node node) {
            return contentEnd(node, index);
        }

        /**
         * @param keyEnd where the key before this value ends, or null for a list item or a document: it tells an
         *               alias ({@code *name}, which shares its anchor's node) from the anchored text itself
         */
        boolean value(Node node, JsonNode before, JsonNode after, Integer keyEnd) {
            if (sameValue(before, after)) {
                return true;
            }
            if (keyEnd != null && start(node) < keyEnd) {
                int alias = aliasStart(text, keyEnd);
                if (alias < 0) {
                    return false;
                }
                return replace(alias, aliasEnd(text, alias), after, null);
            }
            if (countReferences(node) > 1) {
                return false; // an anchored value that aliases elsewhere share: changing it here would change them
            }
            if (node instanceof MappingNode mapping && before.isObject() && after.isObject()) {
                return mapping(mapping, (ObjectNode) before, (ObjectNode) after);
            }
            if (node instanceof SequenceNode sequence && before.isArray() && after.isArray()
                    && before.size() == after.size()) {
                List<Node> items = sequence.getValue();
                int previousEnd = start(sequence);
                for (int i = 0; i < items.size(); i++) {
                    Node item = items.get(i);
                    if (start(item) < previousEnd) {
                        if (!sameValue(before.get(i), after.get(i))) {
                            return false;
                        }
                        continue;
                    }
                    if (!value(item, before.get(i), after.get(i), null)) {
                        return false;
                    }
                    previousEnd = end(item);
                }
                return true;
            }
            return replace(start(node), end(node), after, node);
        }

        private int countReferences(Node node) {
            if (references.isEmpty()) {
                return 1;
            }
            return references.getOrDefault(node, 1);
        }

        void countIn(Node root) {
            count(root);
        }

        private void count(Node node) {
            int seen = references.merge(node, 1, Integer::sum);
            if (seen > 1) {
                return;
            }
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    count(tuple.getKeyNode());
                    count(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(this::count);
            }
        }

        private boolean mapping(MappingNode mapping, ObjectNode before, ObjectNode after) {
            if (references.isEmpty()) {
                countIn(mapping);
            }
            boolean block = mapping.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
            List<NodeTuple> own = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    return false;
                }
                if (key.getTag().equals(Tag.MERGE)) {
                    continue;
                }
                own.add(tuple);
            }
            for (NodeTuple tuple : own) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                JsonNode was = before.get(key);
                JsonNode now = after.get(key);
                if (now == null) {
                    if (!block || !removeEntry(tuple)) {
                        return false;
                    }
                } else if (!value(tuple.getValueNode(), was, now, end(tuple.getKeyNode()))) {
                    return false;
                }
            }
            List<String> added = new ArrayList<>();
            Iterator<String> names = after.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                boolean isOwn = own.stream().anyMatch(t -> ((ScalarNode) t.getKeyNode()).getValue().equals(name));
                if (!isOwn && !sameValue(before.get(name), after.get(name))) {
                    added.add(name); // new, or came through a merge key (<<) and now differs: an own key overrides
                }
            }
            Iterator<String> gone = before.fieldNames();
            while (gone.hasNext()) {
                String name = gone.next();
                boolean isOwn = own.stream().anyMatch(t -> ((ScalarNode) t.getKeyNode()).getValue().equals(name));
                if (!isOwn && !after.has(name)) {
                    return false; // a merged key cannot be removed by editing this mapping's text
                }
            }
            if (added.isEmpty()) {
                return true;
            }
            if (!block || own.isEmpty()) {
                return false;
            }
            NodeTuple lastTuple = own.get(own.size() - 1);
            int column = column(text, start(own.get(0).getKeyNode()));
            int at = lineEnd(text, Math.max(end(lastTuple.getKeyNode()), ownEnd(lastTuple.getValueNode(),
                    end(lastTuple.getKeyNode()), index)));
            StringBuilder entries = new StringBuilder();
            if (at == text.length() && !text.endsWith("\n")) {
                entries.append('\n');
            }
            ObjectNode addition = after.objectNode();
            added.forEach(name -> addition.set(name, after.get(name)));
            for (String line : stripNewline(render(List.of(addition))).split("\n", -1)) {
                entries.append(" ".repeat(column)).append(line).append('\n');
            }
            edits.add(new Edit(at, at, entries.toString()));
            return true;
        }

        private boolean removeEntry(NodeTuple tuple) {
            int keyStart = start(tuple.getKeyNode());
            int start = lineStart(text, keyStart);
            if (!text.substring(start, keyStart).isBlank()) {
                return false; // the key shares its line with a list's dash or another key
            }
            int valueEnd = ownEnd(tuple.getValueNode(), end(tuple.getKeyNode()), index);
            edits.add(new Edit(start, lineEnd(text, Math.max(valueEnd, end(tuple.getKeyNode()))), ""));
            return true;
        }

        /** Replaces a value's text; a scalar keeps its anchor and, where the new text allows, its quoting. */
        private boolean replace(int start, int end, JsonNode after, Node original) {
            String anchor = original != null && original.getAnchor() != null ? "&" + original.getAnchor() + " " : "";
            String replacement;
            if (after.isValueNode()) {
                replacement = scalar(after, original instanceof ScalarNode scalar ? scalar : null);
                if (start == end && start > 0 && text.charAt(start - 1) == ':') {
                    replacement = " " + replacement;
                }
            } else if (original != null && original.getNodeId() != NodeId.scalar && isBlock(original)
                    && !after.isEmpty()) {
                int column = column(text, start);
                String block = stripNewline(render(List.of(after)));
                replacement = block.replace("\n", "\n" + " ".repeat(column));
                if (!anchor.isEmpty()) {
                    return false;
                }
            } else {
                replacement = flow(after);
                if (start == end && start > 0 && text.charAt(start - 1) == ':') {
                    replacement = " " + replacement;
                }
            }
            edits.add(new Edit(start, end, anchor + replacement));
            return true;
        }
    }

    private static boolean isBlock(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
        }
        return false;
    }

    private static final Resolver RESOLVER = new YamlDocuments.TypingResolver();

    /** A scalar as YAML text: plain where it reads back as the same string, else in the quotes it had, else JSON's. */
    static String scalar(JsonNode value, ScalarNode original) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isNumber()) {
            return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        String text = value.asText();
        DumperOptions.ScalarStyle style = original == null ? DumperOptions.ScalarStyle.PLAIN
                : original.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED && text.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (style != DumperOptions.ScalarStyle.DOUBLE_QUOTED && plainReadsBack(text)) {
            return text;
        }
        return flow(value);
    }

    private static boolean plainReadsBack(String text) {
        return !text.isEmpty() && text.matches("[A-Za-z0-9_./][A-Za-z0-9_./:@=+-]*")
                && !text.contains("::") && !text.endsWith(":")
                && RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR);
    }

    /** JSON is YAML's flow style: valid in any position, and unambiguous. */
    private static String flow(JsonNode value) {
        try {
            return Yaml.compactJson().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /** The objects as one YAML stream, documents separated by {@code ---}. */
    public static String render(List<? extends JsonNode> objects) {
        StringBuilder text = new StringBuilder();
        for (JsonNode object : objects) {
            if (text.length() > 0) {
                text.append("---\n");
            }
            try {
                text.append(Yaml.mapper().writeValueAsString(object));
            } catch (IOException e) {
                throw new IllegalStateException("a tree always serialises", e);
            }
        }
        return text.toString();
    }

    private static String stripNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static int lineStart(String text, int at) {
        int newline = text.lastIndexOf('\n', Math.max(0, at - 1));
        return at == 0 ? 0 : newline + 1;
    }

    /** The index just past the end of the line holding {@code at} (past its newline). */
    private static int lineEnd(String text, int at) {
        int newline = text.indexOf('\n', at);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static int column(String text, int at) {
        return at - lineStart(text, at);
    }
}
