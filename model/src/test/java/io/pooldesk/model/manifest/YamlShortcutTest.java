package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The shortcut reader answers only with the tree SnakeYAML's composer and {@link YamlDocuments} build: the same
 * documents, numbered the same, the same values and types; and leaves every other text (every one SnakeYAML refuses
 * among them) to SnakeYAML. Compared on random texts, valid and not, and on the project's own manifests.
 */
class YamlShortcutTest {
    private static final String[] SCALARS = {"", "~", "null", "Null", "yes", "No", "on", "true", "FALSE", "y", "0",
            "1", "-1", "+12", "0x1F", "0o17", "017", "1_000", "1.5", ".5", "1e3", ".inf", "-.Inf", ".NaN", "190:20:30",
            "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "a", "a b", "a  b", "a: b", "a:b", "a #c",
            "a#b", "a # c", "'q'", "'it''s'", "'a' b", "\"d\"", "\"a\\nb\"", "\"a # b\"", "\"a: b\"", "'unclosed",
            "{a: b}", "{a: [1, 2], c: {d: e}}", "[a, b]", "[]", "{}", "[ ]", "{ }", "[a: b]", "{a:b}", "{a: }",
            "{a, b}", "[a, ]", "{a: b,}", "[fd00::1]", "fd00::/64", "10.0.0.0/24", "&x a", "*x", "!!str 1", "|", ">",
            "- a", "-", "-x", "--x", "a, b", "[a,", "?x", "? x", "@x", "%x", "`x", "a ", "{a: b} # c", "[a] x",
            "{a: b}x", "[a]#c", "it's", "a'b\"c", "x?y", "x!y", "x&y", "x*y", "x|y", "x>y", "x%y", "x@y", "a,b",
            "[a , b ]", "[ 'x' , \"y\" ]", "{ \"k\" : v}", "{'k': v}", "{k: 'v'}", "[[a], [b, [c]]]", "[{a: 1}, {b: 2}]",
            "loadbalancer.harvesterhci.io/v1beta1", "IPPool", "ns-1", "pool-0", "#", "\t", "a\tb", "\u00e9", "a\rb"};
    private static final String[] KEYS = {"a", "b", "c", "a.b/c", "k-1", "k_1", "1", "true", "null", "~", "<<", "a b",
            "\"q k\"", "'s''k'", "-x", "x-", "\"\"", "''", "?", "a:b", "a#b", "&a a", "!t a", "[a]", "{a: b}", "é", "."};
    private static final String[] LINE_STARTS = {"- ", "-", "-  ", "- - ", "---", "--- ", "--- # c", "--- x", "...",
            "# c", "", "%YAML 1.1", "? ", ": "};

    private static void assertSameAsSnakeYaml(String text) {
        List<JsonNode> shortcut = YamlDocuments.plainValues(text);
        if (shortcut == null) {
            return;
        }
        YamlDocuments.Parsed parsed = YamlDocuments.parseWithNodes("f.yaml", text);
        assertNull(parsed.error(), () -> "the shortcut read what SnakeYAML refuses:\n" + text);
        List<JsonNode> expected = new ArrayList<>();
        for (YamlDocuments.Document document : parsed.documents()) {
            assertEquals(expected.size() + 1, document.number());
            expected.add(document.empty() ? null : document.value());
        }
        assertEquals(expected, shortcut, () -> "read differently:\n" + text);
        // what a workspace keeps: the values now, the nodes and spans SnakeYAML gives when a splice asks
        YamlDocuments.Parsed lazy = YamlDocuments.parse("f.yaml", text);
        assertEquals(expected, lazy.values());
        assertEquals(parsed.documents().size(), lazy.documents().size());
        for (int i = 0; i < expected.size(); i++) {
            YamlDocuments.Document a = parsed.documents().get(i);
            YamlDocuments.Document b = lazy.documents().get(i);
            assertEquals(List.of(a.number(), a.start(), a.end(), a.empty()), List.of(b.number(), b.start(), b.end(),
                    b.empty()));
        }
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) != null) {
                assertEquals(types(expected.get(i)), types(shortcut.get(i)), text);
            }
        }
    }

    /** Jackson's equals takes 1 and 1L as equal; the types are part of what the engine reads. */
    private static String types(JsonNode node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
        if (node.isContainerNode()) {
            out.append('(');
            node.fields().forEachRemaining(e -> out.append(e.getKey()).append('=').append(types(e.getValue())).append(','));
            if (node.isArray()) {
                node.forEach(item -> out.append(types(item)).append(','));
            }
            out.append(')');
        }
        return out.toString();
    }

    @Test
    void randomLinesAreReadAsSnakeYamlReadsThemOrLeftToIt() {
        Random random = new Random(17);
        int read = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(8);
            for (int l = 0; l < lines; l++) {
                text.append(" ".repeat(random.nextInt(3) == 0 ? random.nextInt(7) : 2 * random.nextInt(3)));
                int shape = random.nextInt(10);
                if (shape < 2) {
                    text.append(pick(random, LINE_STARTS));
                }
                if (shape < 3) {
                    text.append(pick(random, SCALARS));
                } else if (shape < 8) {
                    text.append(pick(random, KEYS)).append(random.nextInt(6) == 0 ? ":" : ": ")
                            .append(random.nextInt(3) == 0 ? "" : pick(random, SCALARS));
                } else {
                    text.append("- ").append(pick(random, KEYS)).append(": ").append(pick(random, SCALARS));
                }
                text.append(random.nextInt(12) == 0 ? "   # note" : "").append(random.nextInt(15) == 0 ? "  " : "")
                        .append('\n');
            }
            String yaml = random.nextInt(5) == 0 ? text.toString().stripTrailing() : text.toString();
            if (YamlDocuments.plainValues(yaml) != null) {
                read++;
            }
            assertSameAsSnakeYaml(yaml);
        }
        System.out.println("random lines read by the shortcut: " + read + " of 30000");
    }

    @Test
    void randomNestedDocumentsAreReadAsSnakeYamlReadsThem() {
        Random random = new Random(29);
        int read = 0;
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int documents = 1 + random.nextInt(3);
            for (int d = 0; d < documents; d++) {
                if (d > 0 || random.nextBoolean()) {
                    text.append(random.nextInt(4) == 0 ? "--- # doc\n" : "---\n");
                }
                if (random.nextInt(8) == 0) {
                    text.append("# only a comment\n");
                    continue;
                }
                mapping(random, text, 0, 0, 3);
            }
            String yaml = text.toString();
            if (YamlDocuments.plainValues(yaml) != null) {
                read++;
            }
            assertSameAsSnakeYaml(yaml);
        }
        // most of these are plain: the shortcut must not leave them all to SnakeYAML
        assertEquals(true, read > 1_000, "read by the shortcut: " + read);
    }

    private static final String[] PLAIN_KEYS = {"apiVersion", "kind", "metadata", "name", "namespace", "spec",
            "ranges", "subnet", "a.io/b", "k-1", "1", "true", "\"quoted key\"", "'single'"};
    private static final String[] PLAIN_VALUES = {"v1", "IPPool", "pool-1", "10.0.0.0/24", "fd00::/64", "fd00::1",
            "1", "-3", "0x10", "1.5", "yes", "off", "null", "~", "\"text\"", "'it''s'", "two words", "a#b",
            "{a: b, c: [1, 2]}", "[x, y]", "[]", "{}", "[{subnet: 10.0.0.0/24}]", "{scope: [{namespace: ns-0}]}",
            "value   # comment", "2001-12-14", "1_000"};

    private static void mapping(Random random, StringBuilder text, int indent, int firstIndent, int depth) {
        int keys = 1 + random.nextInt(4);
        List<String> used = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String key = pick(random, PLAIN_KEYS);
            if (used.contains(key)) {
                continue;
            }
            used.add(key);
            text.append(" ".repeat(k == 0 ? firstIndent : indent)).append(key).append(':');
            value(random, text, indent, depth);
            if (random.nextInt(10) == 0) {
                text.append(" ".repeat(random.nextInt(6))).append("# between\n");
            }
            if (random.nextInt(12) == 0) {
                text.append('\n');
            }
        }
    }

    private static void value(Random random, StringBuilder text, int indent, int depth) {
        int shape = depth == 0 ? 0 : random.nextInt(5);
        if (shape <= 1) {
            text.append(random.nextInt(10) == 0 ? "" : " " + pick(random, PLAIN_VALUES)).append('\n');
        } else if (shape == 2) {
            text.append(random.nextInt(5) == 0 ? " # under\n" : "\n");
            int inner = indent + 1 + random.nextInt(4);
            mapping(random, text, inner, inner, depth - 1);
        } else {
            text.append('\n');
            int dash = random.nextBoolean() ? indent : indent + 2;
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
                text.append(" ".repeat(dash)).append('-');
                int kind = random.nextInt(3);
                if (kind == 0) {
                    text.append(' ').append(pick(random, PLAIN_VALUES)).append('\n');
                } else if (kind == 1) {
                    mapping(random, text.append(' '), dash + 2, 0, depth - 1);
                } else {
                    text.append('\n');
                    int inner = dash + 1 + random.nextInt(3);
                    mapping(random, text, inner, inner, depth - 1);
                }
            }
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void theProjectsOwnManifestsAreReadByTheShortcutAsSnakeYamlReadsThem() throws IOException {
        Path root = Path.of("..", "resources");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int read = 0;
        for (Path file : files) {
            String text = ManifestReader.utf8(Files.readAllBytes(file));
            assertSameAsSnakeYaml(text);
            if (YamlDocuments.plainValues(text) != null) {
                read++;
            }
        }
        assertEquals(true, read * 2 > files.size(), "read by the shortcut: " + read + " of " + files.size());
    }

    @Test
    void aWorkspaceInFlowStyleIsReadByTheShortcut() {
        String text = "---\napiVersion: loadbalancer.harvesterhci.io/v1beta1\nkind: IPPool\nmetadata: {name: pool-0}\n"
                + "spec:\n  ranges: [{subnet: 10.0.0.0/24}]\n  selector: {scope: [{namespace: ns-0}]}\n"
                + "---\napiVersion: loadbalancer.harvesterhci.io/v1beta1\nkind: LoadBalancer\n"
                + "metadata: {name: lb-0, namespace: ns-0}\nspec: {ipam: pool}\n";
        assertNotNull(YamlDocuments.plainValues(text));
        assertSameAsSnakeYaml(text);
    }

    @Test
    void textSnakeYamlMustAnswerIsLeftToIt() {
        for (String text : List.of("a: &x 1\nb: *x\n", "a: |\n  text\n", "a: b\n  c\n", "a: 1\na: 2\n",
                "a: \"x\\ty\"\n", "a:\tb\n", "a: é\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "<<: {a: 1}\n",
                "a: [1,\n  2]\n", "a: !!str 1\n", "? a\n: b\n", "- - a\n", "a: b: c\n")) {
            assertNull(YamlDocuments.plainValues(text), text);
        }
    }
}
