package io.pooldesk.model.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the YAML editor puts a problem: the line and column of the field the rule names. */
class FieldPositionsTest {
    private static final String POOL = """
            # a comment first
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: edge, namespace: metallb-system}
            spec:
              addresses:
                - 10.0.10.0/24
                - "10.0.11.10-10.0.11.20"
              serviceAllocation:
                namespaces: [team-a, team-b]
            """;

    @ParameterizedTest(name = "field ''{0}'' at line {1}, column {2}")
    @CsvSource({
            "kind, 3, 1",
            "metadata.name, 4, 12",
            "spec.addresses[1], 8, 7",
            "spec.serviceAllocation.namespaces[1], 10, 26",
            // not written: the closest mapping that is
            "spec.serviceAllocation.priority, 9, 3",
            "spec.addresses[7], 6, 3",
            "'', 2, 1",
    })
    void aFieldIsFoundWhereItIsWrittenOrAtTheClosestParentThatIs(String field, int line, int column) {
        YamlDocuments.Document document = YamlDocuments.parse("pool.yaml", POOL).documents().get(0);
        assertEquals(new FieldPositions.Position(line, column), FieldPositions.of(document, field).orElseThrow());
    }
}
