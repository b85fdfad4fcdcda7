package io.pooldesk.model.conversion;

import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section G of other-kinds.md, conversion cases 28 to 31, and every example to every kind and back. */
class ConversionTest {
    private static final Path EXAMPLES = Path.of("..", "resources", "examples");

    private static List<Manifest> parse(String yaml) {
        ManifestReader.Result read = ManifestReader.parse("input.yaml", yaml);
        assertTrue(read.ok(), read.errors().toString());
        return read.manifests();
    }

    /** Writes the objects as YAML text and reads them back, as a file would carry them. */
    private static List<Manifest> throughText(List<ObjectNode> objects) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectNode object : objects) {
            text.append("---\n").append(Yaml.mapper().writeValueAsString(object));
        }
        return parse(text.toString());
    }

    private static AddressSet usable(List<Manifest> pools) throws Exception {
        AddressSet all = AddressSet.empty();
        for (Manifest pool : pools) {
            all = all.union(Converter.read(pool).addresses());
        }
        return all;
    }

    private static boolean reportsAddressLoss(List<String> losses) {
        return losses.stream().anyMatch(l -> l.contains("not carried") || l.contains("cannot be written"));
    }

    @Test
    void case28_metallbAvoidBuggyBecomesTheExactOpenElbRange() throws Exception {
        ConversionResult result = Converter.convert(parse("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: p, namespace: metallb-system}
                spec: {addresses: [192.168.1.0/24], avoidBuggyIPs: true}
                """), PoolSystems.byId("openelb").orElseThrow());
        assertEquals("192.168.1.1-192.168.1.254", result.objects().get(0).at("/spec/address").asText());
        assertEquals(254, usable(throughText(result.objects())).size().intValue());
    }

    @Test
    void case29_excludedAddressSplitsTheMetallbRange() throws Exception {
        ConversionResult result = Converter.convert(parse("""
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: IPPool
                metadata: {name: net, namespace: default}
                spec:
                  networkName: default/net
                  ipv4Config: {cidr: 10.0.0.0/24, serverIP: 10.0.0.2, router: 10.0.0.1,
                               pool: {start: 10.0.0.10, end: 10.0.0.20, exclude: [10.0.0.15]}}
                """), PoolSystems.byId("metallb").orElseThrow());
        assertEquals("[\"10.0.0.10-10.0.0.14\",\"10.0.0.16-10.0.0.20\"]",
                result.objects().get(0).at("/spec/addresses").toString());
        assertEquals(10, usable(throughText(result.objects())).size().intValue());
        assertTrue(result.losses().stream().anyMatch(l -> l.contains("DHCP server address 10.0.0.2")));
    }

    @Test
    void case30_fullRangeIntoNovaedgeKeepsAll256() throws Exception {
        ConversionResult result = Converter.convert(parse("""
                apiVersion: network.kubesphere.io/v1alpha2
                kind: Eip
                metadata: {name: e}
                spec: {address: 10.0.0.0-10.0.0.255}
                """), PoolSystems.byId("novaedge").orElseThrow());
        assertEquals(256, usable(throughText(result.objects())).size().intValue());
        assertEquals("[\"10.0.0.0/24\"]", result.objects().get(0).at("/spec/cidrs").toString());
        assertEquals("[\"10.0.0.0/32\",\"10.0.0.255/32\"]", result.objects().get(0).at("/spec/addresses").toString());
    }

    @Test
    void case31_openelbPrioritiesKeepTheirOrderInMetallb() {
        ConversionResult result = Converter.convert(parse("""
                apiVersion: network.kubesphere.io/v1alpha2
                kind: Eip
                metadata: {name: E1}
                spec: {address: 10.0.1.0/24, namespaces: [prod], priority: 0}
                ---
                apiVersion: network.kubesphere.io/v1alpha2
                kind: Eip
                metadata: {name: E2}
                spec: {address: 10.0.2.0/24, namespaces: [prod], priority: 3}
                """), PoolSystems.byId("metallb").orElseThrow());
        assertEquals(1, result.objects().get(0).at("/spec/serviceAllocation/priority").asInt());
        assertEquals(4, result.objects().get(1).at("/spec/serviceAllocation/priority").asInt());
    }

    @Test
    void harvesterPrioritiesAreInvertedIntoRanks() {
        ConversionResult result = Converter.convert(parse("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: low}
                spec: {ranges: [{subnet: 10.0.1.0/24}], selector: {priority: 1, scope: [{namespace: a}]}}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: high}
                spec: {ranges: [{subnet: 10.0.2.0/24}], selector: {priority: 9, scope: [{namespace: a}]}}
                """), PoolSystems.byId("metallb").orElseThrow());
        int low = result.objects().get(0).at("/spec/serviceAllocation/priority").asInt();
        int high = result.objects().get(1).at("/spec/serviceAllocation/priority").asInt();
        assertTrue(high < low, "MetalLB's 1 is the highest: high=" + high + " low=" + low);
    }

    static Stream<Arguments> examplePoolsAndTargets() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.sorted().toList()) {
                for (Manifest manifest : ManifestReader.parse(file.toString(), Files.readString(file)).manifests()) {
                    PoolSystem source = PoolSystems.ofPool(manifest).orElse(null);
                    if (source == null) {
                        continue;
                    }
                    for (PoolSystem target : PoolSystems.all()) {
                        if (target != source) {
                            cases.add(Arguments.of(manifest.describe() + " " + source.id(), manifest, target));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {2} -> back")
    @MethodSource("examplePoolsAndTargets")
    void everyExampleConvertsAndComesBackWithItsAddressesOrSaysWhatWasLost(String label, Manifest pool,
                                                                         PoolSystem target) throws Exception {
        AddressSet original = Converter.read(pool).addresses();
        ConversionResult there = Converter.convert(List.of(pool), target);
        assertTrue(there.errors().isEmpty(), there.errors().toString());
        List<Manifest> converted = throughText(there.objects());
        if (!usable(converted).equals(original)) {
            assertTrue(reportsAddressLoss(there.losses()), label + " -> " + target.id() + " changed the address"
                    + " set silently: " + original + " became " + usable(converted));
        }
        ConversionResult back = Converter.convert(converted, PoolSystems.ofPool(pool).orElseThrow());
        AddressSet returned = usable(throughText(back.objects()));
        if (!returned.equals(original)) {
            List<String> allLosses = new ArrayList<>(there.losses());
            allLosses.addAll(back.losses());
            assertTrue(reportsAddressLoss(allLosses), label + " round trip through " + target.id()
                    + " changed the address set silently: " + original + " became " + returned);
        }
    }
}
