package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad input ends in exit 2 and a sentence naming the file, the object and the field; never "internal error". */
class BadInputCliTest {
    @TempDir
    Path dir;

    private static void refused(CliContractTest.Run run, String... words) {
        assertEquals(2, run.code(), run.all());
        assertFalse(run.all().contains("internal error"), run.all());
        assertFalse(run.all().contains("Exception"), run.all());
        for (String word : words) {
            assertTrue(run.err().contains(word), "\"" + word + "\" in:\n" + run.err());
        }
    }

    @Test
    void aScenariosLimitCountsAllItsStepsTogether() {
        StringBuilder scenario = new StringBuilder("""
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: many}
                steps:
                """);
        for (int i = 0; i < 3; i++) {
            scenario.append("""
                      - repeat:
                          count: 600000
                          namePrefix: web%d-
                          create:
                            apiVersion: loadbalancer.harvesterhci.io/v1beta1
                            kind: LoadBalancer
                            metadata: {name: x, namespace: prod}
                            spec: {ipam: pool}
                    """.formatted(i));
        }
        refused(CliContractTest.runWithStdin(scenario.toString(), "simulate", "-"), "Scenario/many", "steps",
                "together");
    }

    @Test
    void devZeroIsRefusedAtTheSizeCap() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        refused(CliContractTest.run("validate", "/dev/zero"), "/dev/zero", "larger than");
    }

    @Test
    void inputThatIsNotUtf8SaysSoWithTheByteOffset() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "kind: ConfigMap\napiVersion: v1\nmetadata: {name: \u00e9t\u00e9}\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        refused(CliContractTest.run("validate", file.toString()), "latin1.yaml", "not UTF-8", "byte offset 48");
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
        refused(CliContractTest.runWithStdin(bomb.toString(), "validate", "-"), "<stdin>", "alias");
    }

    @Test
    void anAliasReachesTheClusterAsItsValue() {
        CliContractTest.Run run = CliContractTest.runWithStdin("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: aliased, namespace: &ns metallb-system, labels: {home: *ns}}
                spec: {addresses: [10.1.0.0/24]}
                """, "convert", "--to", "metallb", "-");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("home: metallb-system"), run.out());
    }

    /**
     * Found by the full fuzz run: a list written as a mapping (a VM network config's networkConfigs, a Service's
     * status.loadBalancer.ingress) made validate's conflict check fail with an internal error while reading the
     * addresses the object holds; the reader's own words name the field instead.
     */
    @Test
    void aListWrittenAsAMappingIsNamedNotAnInternalError() {
        CliContractTest.Run config = CliContractTest.runWithStdin("""
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: VirtualMachineNetworkConfig
                metadata: {name: test-vm, namespace: default}
                spec:
                  networkConfigs:
                      networkName: default/net-48
                  vmName: test-vm
                status:
                  networkConfigs: {allocatedIPAddress: 10.0.0.5}
                """, "validate", "-");
        assertFalse(config.all().contains("internal error"), config.all());
        assertTrue(config.code() == 1 || config.code() == 2, config.all());
        assertTrue(config.all().contains("spec.networkConfigs"), config.all());
        CliContractTest.Run service = CliContractTest.runWithStdin("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                status: {loadBalancer: {ingress: {ip: 10.0.0.9}}}
                """, "validate", "-");
        assertFalse(service.all().contains("internal error"), service.all());
        assertTrue(service.code() <= 2, service.all());
    }
}
