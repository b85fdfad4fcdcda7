package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private static ManifestReader.Result parse(String text) {
        return ManifestReader.parse("pools.yaml", text);
    }

    @Test
    void anAliasIsTheAnchoredValueNotItsName() {
        ManifestReader.Result read = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first
                  namespace: &ns production
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: second
                  namespace: *ns
                """);
        // an anchor lives in one document only, as in kubectl; the second document's alias is an error
        assertFalse(read.ok());
        ManifestReader.Result same = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first
                  namespace: &ns production
                  labels: {team: *ns}
                """);
        assertTrue(same.ok(), same.errors().toString());
        assertEquals("production", same.manifests().get(0).namespace());
        assertEquals("production", same.manifests().get(0).object().at("/metadata/labels/team").asText());
    }

    @Test
    void mergeKeysMergeWithTheMappingsOwnKeysWinning() {
        ManifestReader.Result read = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: merged}
                base: &base {a: 1, b: 2}
                other: &other {b: 3, c: 4}
                data:
                  <<: [*base, *other]
                  a: own
                """);
        assertTrue(read.ok(), read.errors().toString());
        JsonNode data = read.manifests().get(0).object().get("data");
        assertEquals("own", data.get("a").asText());
        assertEquals(2, data.get("b").asInt(), "earlier merged mappings win over later ones");
        assertEquals(4, data.get("c").asInt());
        assertFalse(data.has("<<"));
    }

    @Test
    void anAliasBombIsRefusedInWords() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
        bomb.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        ManifestReader.Result read = parse(bomb.toString());
        assertFalse(read.ok());
        assertTrue(read.errors().get(0).message().contains("alias"), read.errors().toString());
    }

    @Test
    void aTrailingSeparatorOrALastDocumentOfCommentsIsAcceptedAsKubectlDoes() {
        String object = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n";
        for (String text : List.of(object + "---\n", object + "---\n# nothing more\n", object + "---\n---\n",
                "# header\n---\n" + object)) {
            ManifestReader.Result read = parse(text);
            assertTrue(read.ok(), text + " -> " + read.errors());
            assertEquals(1, read.manifests().size());
        }
    }

    @Test
    void aQuotedNumberWhereTheSchemaWantsAnIntegerIsRefused() throws Exception {
        JsonNode spec = parse("apiVersion: v1\nkind: X\nmetadata: {name: x}\nspec: {priority: \"5\", plain: 5}\n")
                .manifests().get(0).object().get("spec");
        ManifestException refused = assertThrows(ManifestException.class,
                () -> Fields.integer(spec, "priority", "spec.priority", BigInteger.ZERO, BigInteger.TEN));
        assertEquals("spec.priority", refused.field());
        assertTrue(refused.getMessage().contains("string"), refused.getMessage());
        assertEquals(BigInteger.valueOf(5), Fields.integer(spec, "plain", "spec.plain", BigInteger.ZERO,
                BigInteger.TEN));
    }

    @Test
    void inputThatIsNotUtf8SaysSoWithTheByteOffset() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        byte[] text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        ManifestReader.Result read = new ManifestReader(new ByteArrayInputStream(new byte[0]))
                .read(List.of(file.toString()));
        assertFalse(read.ok());
        int offset = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf".length();
        assertTrue(read.errors().get(0).message().contains("byte offset " + offset), read.errors().toString());
        assertTrue(read.errors().get(0).message().contains("not UTF-8"));
    }

    @Test
    void aDeviceIsReadOnlyUpToTheSizeCap() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        ManifestReader.Result read = new ManifestReader(new ByteArrayInputStream(new byte[0]))
                .read(List.of("/dev/zero"));
        assertFalse(read.ok());
        assertTrue(read.errors().get(0).message().contains("larger than"), read.errors().toString());
    }

    @Test
    void aFifoWithNoWriterTimesOutInWords() throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0);
        ManifestReader.Result read = new ManifestReader(new ByteArrayInputStream(new byte[0]),
                Duration.ofMillis(300)).read(List.of(fifo.toString()));
        assertFalse(read.ok());
        assertTrue(read.errors().get(0).message().contains("FIFO"), read.errors().toString());
    }
}
