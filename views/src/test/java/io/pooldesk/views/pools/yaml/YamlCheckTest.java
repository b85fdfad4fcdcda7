package io.pooldesk.views.pools.yaml;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The YAML editor's check without a window: what it refuses before the pool system's rules are asked. */
class YamlCheckTest {
    private static final String EDGE = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: edge, namespace: metallb-system}
            spec:
              addresses: [10.0.10.0/24]
            """;
    private static final Manifest SAVED = ManifestReader.parse("metallb.yaml", EDGE).manifests().get(0);

    private static List<String> problems(String text) {
        return YamlCheck.of(text, SAVED, List.of(SAVED)).problems().stream().map(YamlCheck.Problem::toString)
                .toList();
    }

    @Test
    void theSavedPoolChecksCleanAndIsTheObjectToSave() {
        YamlCheck check = YamlCheck.of(EDGE, SAVED, List.of(SAVED));
        assertEquals(List.of(), check.problems());
        assertNotNull(check.object());
    }

    @Test
    void aParseErrorKeepsTheReadersWordsWithItsLineAndColumnApart() {
        YamlCheck check = YamlCheck.of(EDGE.replace("[10.0.10.0/24]", "[10.0.10.0/24"), SAVED, List.of(SAVED));
        assertNull(check.object());
        assertEquals(1, check.problems().size());
        YamlCheck.Problem problem = check.problems().get(0);
        assertEquals(6, problem.line(), problem.toString());
        assertEquals("not valid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>",
                problem.message());
    }

    @Test
    void theTextMustHoldThisOnePoolOnly() {
        assertEquals(List.of("Line 1, column 1: the text holds no object: write the pool "
                + "IPAddressPool metallb-system/edge"), problems("# nothing\n"));
        assertEquals(List.of("Line 1, column 1: the text holds 2 objects; this editor saves one, the pool "
                + "IPAddressPool metallb-system/edge"), problems(EDGE + "---\n" + EDGE.replace("edge", "edge-2")));
        assertEquals(List.of("Line 3, column 12 · metadata.name: this editor saves IPAddressPool metallb-system/edge;"
                + " another kind, namespace or name would be another object (Clone makes a copy)"),
                problems(EDGE.replace("name: edge", "name: edge-2")));
    }
}
