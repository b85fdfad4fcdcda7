package io.pooldesk.views.pools.yaml;

import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The editor's colours for one line: what each piece of a YAML line is drawn as. */
class YamlHighlightingTest {

    /** The line's pieces as {@code style:text}, unstyled text left out. */
    private static List<String> pieces(String line) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : YamlHighlighting.line(line)) {
            if (!span.getStyle().isEmpty()) {
                out.add(span.getStyle().iterator().next().replace("yaml-", "") + ":"
                        + line.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        assertEquals(line.length(), at, "the spans cover the line");
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "apiVersion: metallb.io/v1beta1|key:apiVersion",
            "  priority: 5               # after eip-main|key:priority;number:5;comment:# after eip-main",
            "    - 10.0.10.0/24            # rack A|marker:-;comment:# rack A",
            "    - \"10.0.11.10-10.0.11.20\"|marker:-;string:\"10.0.11.10-10.0.11.20\"",
            "  autoAssign: true|key:autoAssign;literal:true",
            "metadata: {name: eip-lab}|key:metadata;marker:{;key:name;marker:}",
            "  name: 'a # not a comment'|key:name;string:'a # not a comment'",
            "# lab pools: do not reorder|comment:# lab pools: do not reorder",
            "---|document:---",
            "  - project: \"*\"|marker:-;key:project;string:\"*\"",
    })
    void eachPieceOfALineTakesItsColour(String line, String expected) {
        assertEquals(List.of(expected.split(";")), pieces(line));
    }

    @Test
    void aHalfTypedLineStillColoursWhatItCan() {
        assertEquals(List.of("key:spec", "string:\"unclosed"), pieces("spec: \"unclosed"));
    }
}
