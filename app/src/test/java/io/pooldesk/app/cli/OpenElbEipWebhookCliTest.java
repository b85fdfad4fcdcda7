package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenELB's Eip webhook and address maths (openelb/openelb f35d3f1 api/v1alpha2/types_test.go: Test GetSize,
 * Test IsOverlap, Test ValidateUpdate; and eip_types.go 163-280 for the texts the tests do not cover), through
 * {@code pooldesk validate} and, for updates, {@code pooldesk simulate} with an update step.
 */
class OpenElbEipWebhookCliTest {
    private static final String EIP = "apiVersion: network.kubesphere.io/v1alpha2\nkind: Eip\nmetadata: {name: %s}\n"
            + "spec: {address: \"%s\"}\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ;; ", textBlock = """
            T1 Test GetSize single address ;; 192.168.0.1 ;; - ;; 1
            T2 Test GetSize CIDR, host bits dropped ;; 192.168.0.1/24 ;; - ;; 256
            T3 Test GetSize range ;; 192.168.0.1-192.168.0.100 ;; - ;; 100
            T4 Test GetSize reversed range ;; 192.168.0.100-192.168.0.1 ;; invalid eip address format ;; -
            T5 Test GetSize not an address ;; xxxx ;; invalid eip address format ;; -
            T6 Test GetSize split on the first dash ;; 192.168.0.1-192.168.0.100-192.168.0.200 ;; invalid eip address format ;; -
            spaces around the dash are not trimmed (eip_types.go 72-101) ;; 192.168.0.1 - 192.168.0.9 ;; invalid eip address format ;; -
            """)
    void testGetSize(String name, String address, String error, String total) throws Exception {
        Path file = dir.resolve("eip.yaml");
        Files.writeString(file, EIP.formatted("eip", address));
        if (!error.equals("-")) {
            CliContractTest.Run run = CliContractTest.run("validate", file.toString());
            assertEquals(1, run.code(), run.all());
            assertTrue(run.err().lines().anyMatch(l -> l.startsWith("error:") && l.contains(error)), run.err());
            return;
        }
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json", file.toString());
        assertEquals(0, run.code(), run.all());
        JsonNode pool = new ObjectMapper().readTree(run.out()).path("pools").get(0);
        assertEquals(total, pool.path("total").asText(), pool.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ;; ", textBlock = """
            T8 Test IsOverlap below ;; 192.168.0.1-192.168.0.99 ;; ok
            T9 Test IsOverlap above ;; 192.168.0.201-192.168.0.250 ;; ok
            T10 Test IsOverlap overlapping start ;; 192.168.0.1-192.168.0.100 ;; eip address overlap with e
            T11 Test IsOverlap inclusive end ;; 192.168.0.200-192.168.0.250 ;; eip address overlap with e
            """)
    void testIsOverlap(String name, String second, String expected) throws Exception {
        Path file = dir.resolve("eips.yaml");
        Files.writeString(file, EIP.formatted("e", "192.168.0.100-192.168.0.200") + "---\n" + EIP.formatted("f", second));
        CliContractTest.Run run = CliContractTest.run("validate", file.toString());
        if (expected.equals("ok")) {
            assertEquals(0, run.code(), run.all());
        } else {
            assertEquals(1, run.code(), run.all());
            assertTrue(run.err().lines().anyMatch(l -> l.startsWith("error:") && l.contains("(Eip/f)")
                    && l.contains(expected)), run.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ;; ", textBlock = """
            T13 Test ValidateUpdate address changed ;; {address: 192.168.0.100} ;; the address field is not allowed to be modified
            T14 Test ValidateUpdate disable ;; {address: 192.168.0.100-192.168.0.200, disable: true} ;; ok
            layer2 without an interface (eip_types.go 188-200) ;; {address: 192.168.0.100-192.168.0.200, protocol: layer2} ;; if protocol is layer2 or vip, interface should not be empty
            """)
    void testValidateUpdate(String name, String spec, String expected) throws Exception {
        Path file = dir.resolve("update.yaml");
        Files.writeString(file, EIP.formatted("eip", "192.168.0.100-192.168.0.200") + "---\n"
                + "apiVersion: pooldesk.io/v1alpha1\nkind: Scenario\nmetadata: {name: edit}\nsteps:\n  - update:\n"
                + "      apiVersion: network.kubesphere.io/v1alpha2\n      kind: Eip\n      metadata: {name: eip}\n"
                + "      spec: " + spec + "\n");
        CliContractTest.Run run = CliContractTest.run("simulate", "--output", "json", file.toString());
        String all = run.all();
        if (expected.equals("ok")) {
            assertTrue(!all.contains("not allowed to be modified") && !all.contains("should not be empty"), all);
        } else {
            assertTrue(all.contains(expected), all);
        }
    }
}
