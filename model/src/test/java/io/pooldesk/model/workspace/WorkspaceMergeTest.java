package io.pooldesk.model.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An object changed on disk while the operator edits it: merged three ways, field by field. */
class WorkspaceMergeTest {
    @TempDir
    Path folder;

    private static final String POOL = """
            # edge pool
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata:
              name: edge
            spec:
              ranges:
                - subnet: 10.1.0.0/24
                  rangeEnd: 10.1.0.100
              selector:
                priority: 10
            """;

    private Path file() {
        return folder.resolve("pools.yaml");
    }

    private static ObjectNode withPriority(Workspace ws, int priority) {
        ObjectNode edge = ws.manifests().stream().filter(m -> m.name().equals("edge")).map(Manifest::object)
                .findFirst().orElseThrow().deepCopy();
        ((ObjectNode) edge.at("/spec/selector")).put("priority", priority);
        return edge;
    }

    private void anotherProgramWidensTheRange() throws Exception {
        Files.writeString(file(), Files.readString(file()).replace("rangeEnd: 10.1.0.100", "rangeEnd: 10.1.0.250"));
    }

    @Test
    void disjointChangesAreBothKeptAndTheStaleObjectIsNotWrittenBack() throws Exception {
        Files.writeString(file(), POOL);
        Workspace ws = Workspace.open(folder);
        ws.put(withPriority(ws, 15), "priority");
        anotherProgramWidensTheRange();
        assertThrows(ChangedOnDiskException.class, ws::save);
        Workspace.Merge merge = ws.mergeFromDisk();
        assertEquals(List.of(file()), merge.changedOnDisk());
        assertTrue(merge.conflicts().isEmpty(), merge.conflicts().toString());
        ws.save();
        assertEquals(POOL.replace("rangeEnd: 10.1.0.100", "rangeEnd: 10.1.0.250").replace("priority: 10",
                "priority: 15"), Files.readString(file()), "their widening and our priority, comments intact");
    }

    @Test
    void theSameFieldChangedOnBothSidesIsForTheOperatorToDecide() throws Exception {
        for (boolean takeTheirs : new boolean[]{true, false}) {
            Files.writeString(file(), POOL);
            Workspace ws = Workspace.open(folder);
            ws.put(withPriority(ws, 15), "priority");
            Files.writeString(file(), POOL.replace("priority: 10", "priority: 30"));
            Workspace.Merge merge = ws.mergeFromDisk();
            assertEquals(1, merge.conflicts().size());
            ThreeWayMerge.Conflict conflict = merge.conflicts().get(0);
            assertEquals("spec.selector.priority", conflict.field());
            assertEquals(15, conflict.ours().asInt());
            assertEquals(30, conflict.theirs().asInt());
            assertEquals(10, conflict.base().asInt());
            ws.resolve(conflict, takeTheirs);
            assertTrue(ws.conflicts().isEmpty());
            ws.save();
            assertEquals(POOL.replace("priority: 10", "priority: " + (takeTheirs ? 30 : 15)),
                    Files.readString(file()));
        }
    }

    @Test
    void undoAndRedoSurviveAReloadAndNeverUndoTheirChange() throws Exception {
        Files.writeString(file(), POOL);
        Workspace ws = Workspace.open(folder);
        ws.put(withPriority(ws, 15), "priority");
        ws.save();
        anotherProgramWidensTheRange();
        ws.mergeFromDisk();
        assertTrue(ws.canUndo(), "the history survives the reload");
        ws.undo();
        ws.save();
        assertEquals(POOL.replace("rangeEnd: 10.1.0.100", "rangeEnd: 10.1.0.250"), Files.readString(file()));
        assertTrue(ws.canRedo());
        ws.redo();
        ws.save();
        assertEquals(POOL.replace("rangeEnd: 10.1.0.100", "rangeEnd: 10.1.0.250").replace("priority: 10",
                "priority: 15"), Files.readString(file()));
    }

    @Test
    void aNewObjectOnDiskAndOneAddedHereAreBothKept() throws Exception {
        Files.writeString(file(), POOL);
        Workspace ws = Workspace.open(folder);
        ObjectNode mine = withPriority(ws, 10);
        ((ObjectNode) mine.get("metadata")).put("name", "mine");
        ws.put(mine, "add");
        Files.writeString(file(), POOL + "---\n" + POOL.replace("name: edge", "name: theirs"));
        assertTrue(ws.mergeFromDisk().conflicts().isEmpty());
        ws.save();
        List<String> names = Workspace.open(folder).manifests().stream().map(Manifest::name).toList();
        assertEquals(List.of("edge", "theirs", "mine"), names);
    }
}
