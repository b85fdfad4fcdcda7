package io.pooldesk.views.pools.yaml;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YAML's colours for one line at a time: mapping keys, quoted strings, numbers, booleans and null, comments, and the
 * document and list markers. One regular expression per paragraph; no parse, so a half-typed line still reads.
 */
public final class YamlHighlighting {
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?:^|(?<=\\s))#.*$)"
                    + "|(?<DOCUMENT>^(?:---|\\.\\.\\.)(?=\\s|$))"
                    + "|(?<KEY>(?:(?<=^)|(?<=^\\s{1,200})|(?<=[-{,]\\s{0,200}))(?:\"[^\"]*\"|'[^']*'|[^\\s#:\"'{}\\[\\],-][^#:{}\\[\\],]*?)\\s*(?=:(?:\\s|$)))"
                    + "|(?<STRING>\"(?:[^\"\\\\]|\\\\.)*\"?|'(?:[^']|'')*'?)"
                    + "|(?<NUMBER>(?<=[\\s:\\[{,-]|^)[-+]?(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)(?=\\s*(?:$|[,\\]}#])))"
                    + "|(?<LITERAL>(?<=[\\s:\\[{,]|^)(?:true|false|null|True|False|Null|TRUE|FALSE|NULL|~)(?=\\s*(?:$|[,\\]}#])))"
                    + "|(?<MARKER>(?<=^\\s{0,200})-(?=\\s|$)|[{}\\[\\],]|[&*][^\\s,\\[\\]{}]+|\\|[-+]?|>[-+]?(?=\\s*$))",
            Pattern.MULTILINE);
    private static final List<String> GROUPS = List.of("COMMENT", "DOCUMENT", "KEY", "STRING", "NUMBER", "LITERAL",
            "MARKER");

    private YamlHighlighting() {
    }

    /** The style classes of one line (a paragraph, without its newline). */
    public static StyleSpans<Collection<String>> line(String paragraph) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher token = TOKENS.matcher(paragraph);
        int at = 0;
        while (token.find()) {
            String style = null;
            for (String group : GROUPS) {
                if (token.group(group) != null) {
                    style = "yaml-" + group.toLowerCase(java.util.Locale.ROOT);
                    break;
                }
            }
            spans.add(List.of(), token.start() - at);
            spans.add(List.of(style), token.end() - token.start());
            at = token.end();
        }
        spans.add(List.of(), paragraph.length() - at);
        return spans.create();
    }

    /** The style class a line of a unified diff takes: added, removed, a hunk header, or none. */
    public static String diffLine(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return "diff-file";
        }
        if (line.startsWith("@@")) {
            return "diff-hunk";
        }
        if (line.startsWith("+")) {
            return "diff-added";
        }
        if (line.startsWith("-")) {
            return "diff-removed";
        }
        return "diff-context";
    }
}
