package io.pooldesk.app.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses with spaces around them: refused where the reference's webhook refuses them, with the field named. */
class AddressSpacesCliTest {
    private static final String HARVESTER = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: spaced}
            spec:
              ranges: [{subnet: "%s"}]
            """;
    private static final String METALLB = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: spaced, namespace: metallb-system}
            spec:
              addresses: ["%s"]
            """;
    private static final String OPENELB = """
            apiVersion: network.kubesphere.io/v1alpha2
            kind: Eip
            metadata: {name: spaced}
            spec: {address: "%s"}
            """;

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "harvester|' 10.1.0.0/24'|spec.ranges[0].subnet",
            "harvester|'10.1.0.0/24 '|spec.ranges[0].subnet",
            "metallb|' 10.1.0.0/24'|spec.addresses[0]",
            "metallb|'10.1.0.0/24 '|spec.addresses[0]",
            "openelb|' 10.1.0.1-10.1.0.9'|spec.address",
            "openelb|10.1.0.1 - 10.1.0.9|spec.address",
            "openelb|'10.1.0.0/24 '|spec.address"})
    void anAddressWithSurroundingSpacesIsRefusedAsTheWebhookRefusesIt(String kind, String address, String field) {
        String template = switch (kind) {
            case "harvester" -> HARVESTER;
            case "metallb" -> METALLB;
            default -> OPENELB;
        };
        CliContractTest.Run run = CliContractTest.runWithStdin(template.formatted(address), "validate", "-");
        assertEquals(1, run.code(), run.all());
        assertTrue(run.err().contains(field), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10.1.0.1 - 10.1.0.9", "' 10.1.0.1-10.1.0.9 '"})
    void metalLbTrimsTheEndsOfARangeAsItsConfigDoes(String range) {
        CliContractTest.Run run = CliContractTest.runWithStdin(METALLB.formatted(range), "validate", "-");
        assertEquals(0, run.code(), run.all());
    }
}
