package io.pooldesk.model.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A save changes only what the operator changed: every other byte of the file stays as it was. */
class WorkspaceSaveTest {
    @TempDir
    Path folder;

    static final String POOLS = """
            # Pools of the edge site. Ask #netops before changing a range.
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata:
              name: edge   # the first site
              labels: {site: "edge", tier: 'front'}
            spec:
              description: "Edge pool"
              ranges:
                - subnet: 10.1.0.0/24
                  gateway: 10.1.0.1   # the router
              selector:
                priority: 10
                scope:
                  - project: &project  shared
                    namespace: "*"
            ---
            # Second pool: its scope reuses its own anchor
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata:
              name: core
            spec:
              ranges:
              - subnet: 10.2.0.0/24
              selector:
                priority: 20
                scope:
                - project: &p core
                  namespace: *p     # an alias the save must keep
            """;

    private static ObjectNode pool(Workspace ws, String name) {
        return ws.manifests().stream().filter(m -> m.name().equals(name)).map(Manifest::object).findFirst()
                .orElseThrow().deepCopy();
    }

    private byte[] saveAfter(String original, java.util.function.Consumer<Workspace> edit) throws Exception {
        Path file = folder.resolve("pools.yaml");
        Files.writeString(file, original);
        Workspace ws = Workspace.open(folder);
        edit.accept(ws);
        ws.save();
        return Files.readAllBytes(file);
    }

    @Test
    void editingOnePoolsPriorityChangesOnlyThoseDigits() throws Exception {
        byte[] saved = saveAfter(POOLS, ws -> {
            ObjectNode edge = pool(ws, "edge");
            ((ObjectNode) edge.at("/spec/selector")).put("priority", 15);
            ws.put(edge, "priority");
        });
        assertArrayEquals(POOLS.replace("priority: 10", "priority: 15").getBytes(StandardCharsets.UTF_8), saved);
    }

    @Test
    void anEditBesideAnAliasKeepsTheAliasAndTheAnchor() throws Exception {
        byte[] saved = saveAfter(POOLS, ws -> {
            ObjectNode core = pool(ws, "core");
            ((ObjectNode) core.get("metadata")).put("name", "core");
            ((ObjectNode) core.at("/spec/ranges/0")).put("subnet", "10.3.0.0/24");
            ws.put(core, "range");
        });
        assertArrayEquals(POOLS.replace("10.2.0.0/24", "10.3.0.0/24").getBytes(StandardCharsets.UTF_8), saved);
    }

    @Test
    void aQuotedValueStaysQuotedAndANewFieldGoesAtTheEndOfItsMapping() throws Exception {
        byte[] saved = saveAfter(POOLS, ws -> {
            ObjectNode edge = pool(ws, "edge");
            ((ObjectNode) edge.get("spec")).put("description", "Edge pool, widened");
            ((ObjectNode) edge.at("/spec/ranges/0")).put("rangeEnd", "10.1.0.200");
            ws.put(edge, "widen");
        });
        String expected = POOLS.replace("\"Edge pool\"", "\"Edge pool, widened\"")
                .replace("gateway: 10.1.0.1   # the router\n",
                        "gateway: 10.1.0.1   # the router\n      rangeEnd: 10.1.0.200\n");
        assertEquals(expected, new String(saved, StandardCharsets.UTF_8));
    }

    @Test
    void removingAPoolRemovesOnlyItsDocument() throws Exception {
        byte[] saved = saveAfter(POOLS, ws -> ws.remove("IPPool", "", "edge", "delete"));
        String text = new String(saved, StandardCharsets.UTF_8);
        assertTrue(text.endsWith(POOLS.substring(POOLS.indexOf("# Second pool"))), text);
        assertTrue(!text.contains("edge"), text);
    }

    @Test
    void changingAnAliasedFieldChangesThatFieldAlone() throws Exception {
        byte[] saved = saveAfter(POOLS, ws -> {
            ObjectNode core = pool(ws, "core");
            ((ObjectNode) core.at("/spec/selector/scope/0")).put("namespace", "other");
            ws.put(core, "namespace");
        });
        assertArrayEquals(POOLS.replace("namespace: *p ", "namespace: other ").getBytes(StandardCharsets.UTF_8),
                saved);
    }

    @Test
    void thePoolEditorsRoundTripChangesOnlyTheFieldItEdits() throws Exception {
        byte[] saved = saveAfter(POOLS, ws -> {
            Manifest edge = ws.manifests().stream().filter(m -> m.name().equals("edge")).findFirst().orElseThrow();
            try {
                io.pooldesk.model.harvester.lb.IpPool pool = io.pooldesk.model.harvester.lb.HarvesterLbCodec
                        .readPool(edge);
                io.pooldesk.model.harvester.lb.PoolSelector s = pool.selector();
                ws.put(io.pooldesk.model.harvester.lb.HarvesterLbCodec.writePool(new io.pooldesk.model.harvester.lb
                        .IpPool(pool.name(), pool.description(), pool.ranges(), new io.pooldesk.model.harvester.lb
                        .PoolSelector(s.network(), 11, s.scope()), pool.status(), pool.original())), "priority");
            } catch (io.pooldesk.model.manifest.ManifestException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(POOLS.replace("priority: 10", "priority: 11"), new String(saved, StandardCharsets.UTF_8));
    }
}
