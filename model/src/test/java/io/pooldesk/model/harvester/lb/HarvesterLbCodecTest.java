package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HarvesterLbCodecTest {
    private static final String WITH_EXTRAS = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata:
              name: rke2-default-lb-pool
              labels: {loadbalancer.harvesterhci.io/global-ip-pool: "false", team: blue}
              finalizers: [wrangler.cattle.io/harvester-ipam-controller]
            spec:
              description: guest clusters
              futureField: {kept: true}
              ranges:
                - {subnet: 192.168.178.0/24, rangeStart: 192.168.178.5, rangeEnd: 192.168.178.40, gateway: 192.168.178.1, type: range}
              selector:
                priority: 3
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            status:
              total: 36
              available: 35
              lastAllocated: 192.168.178.7
              allocated: {192.168.178.7: default/a}
              allocatedHistory: {192.168.178.8: default/b}
              conditions: [{type: Ready, status: "True"}]
            """;

    private static Manifest manifest(String yaml) {
        ManifestReader.Result read = ManifestReader.parse("pool.yaml", yaml);
        return read.manifests().get(0);
    }

    @Test
    void unchangedPoolWritesBackEveryFieldItRead() throws Exception {
        Manifest manifest = manifest(WITH_EXTRAS);
        ObjectNode written = HarvesterLbCodec.writePool(HarvesterLbCodec.readPool(manifest));
        assertEquals(manifest.object(), written);
    }

    @Test
    void editKeepsStatusAndUnknownFields() throws Exception {
        IpPool pool = HarvesterLbCodec.readPool(manifest(WITH_EXTRAS));
        IpPool edited = pool.withSelector(new PoolSelector("default/vlan9", 4, pool.selector().scope()));
        JsonNode written = Yaml.mapper().readTree(Yaml.mapper().writeValueAsString(HarvesterLbCodec.writePool(edited)));
        assertEquals("default/vlan9", written.at("/spec/selector/network").asText());
        assertEquals(4, written.at("/spec/selector/priority").asInt());
        assertEquals("default/a", written.at("/status/allocated").get("192.168.178.7").asText());
        assertEquals("default/b", written.at("/status/allocatedHistory").get("192.168.178.8").asText());
        assertEquals(true, written.at("/spec/futureField/kept").asBoolean());
        assertEquals("range", written.at("/spec/ranges/0/type").asText());
        assertEquals("wrangler.cattle.io/harvester-ipam-controller", written.at("/metadata/finalizers/0").asText());
    }

    @Test
    void documentedGroupIsWrittenAsTheServedOne() throws Exception {
        Manifest documented = manifest(WITH_EXTRAS.replace("loadbalancer.harvesterhci.io/v1beta1",
                "networking.harvesterhci.io/v1beta1"));
        assertEquals("loadbalancer.harvesterhci.io/v1beta1",
                HarvesterLbCodec.writePool(HarvesterLbCodec.readPool(documented)).get("apiVersion").asText());
    }

    @Test
    void newPoolIsWrittenWithoutEmptyFields() throws Exception {
        IpPool pool = new IpPool("fresh", "", List.of(PoolRangeSpec.ofSubnet("10.0.0.0/24")),
                new PoolSelector("", 0, List.of(new ScopeTuple("", "default", ""))), IpPoolStatus.EMPTY, null);
        String yaml = Yaml.mapper().writeValueAsString(HarvesterLbCodec.writePool(pool));
        assertEquals("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata:
                  name: fresh
                spec:
                  ranges:
                    - subnet: 10.0.0.0/24
                  selector:
                    scope:
                      - namespace: default
                """, yaml);
    }

    @Test
    void negativePriorityNamesTheField() {
        ManifestException e = assertThrows(ManifestException.class, () -> HarvesterLbCodec.readPool(
                manifest(WITH_EXTRAS.replace("priority: 3", "priority: -1"))));
        assertEquals("spec.selector.priority", e.field());
    }
}
