package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pooldesk validate -o json}: one document a CI job reads, naming the same file, object and field. */
class ValidateJsonCliTest {
    @TempDir
    Path dir;

    @Test
    void problemsAndWarningsAreOneJsonDocumentOnStandardOutput() throws Exception {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: services, namespace: metallb-system}
                spec: {addresses: [10.20.0.0/24]}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: vm-lbs}
                spec:
                  ranges: [{subnet: 10.20.0.0/25, rangeStart: 10.20.0.200}]
                  selector: {scope: [{namespace: default}]}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: other}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", "-o", "json", file.toString());
        assertEquals(1, run.code(), run.all());
        assertEquals("", run.err(), "nothing but JSON: " + run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(false, json.path("valid").asBoolean());
        assertEquals(2, json.path("checked").asInt());
        JsonNode first = json.path("errors").get(0);
        assertEquals(file.toString(), first.path("file").asText());
        assertEquals(2, first.path("document").asInt());
        assertEquals("IPPool/vm-lbs", first.path("object").asText());
        assertEquals("spec.ranges[0].rangeStart", first.path("field").asText(), first.toString());
        assertTrue(json.path("warnings").toString().contains("kind ConfigMap"), json.toString());
    }

    @Test
    void aValidFileIsValidTrueAndExitZero() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\n"
                + "metadata: {name: services, namespace: metallb-system}\nspec: {addresses: [10.20.0.0/24]}\n");
        CliContractTest.Run run = CliContractTest.run("validate", "--output", "json", file.toString());
        assertEquals(0, run.code(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(true, json.path("valid").asBoolean());
        assertEquals(0, json.path("errors").size());
    }

    @Test
    void unreadableYamlIsExitTwoWithTheProblemInTheDocument() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: [unclosed\n");
        CliContractTest.Run run = CliContractTest.run("validate", "-o", "json", file.toString());
        assertEquals(2, run.code(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(true, json.path("unreadable").asBoolean());
        assertTrue(json.path("errors").get(0).path("message").asText().contains("not valid YAML"), json.toString());
        assertEquals(2, CliContractTest.run("validate", "-o", "xml", file.toString()).code());
    }
}
