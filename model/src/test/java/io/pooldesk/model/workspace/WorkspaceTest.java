package io.pooldesk.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceTest {
    @TempDir
    Path folder;

    @Test
    void untouchedFilesKeepTheirTextAndComments() throws Exception {
        Files.writeString(folder.resolve("a.yaml"), "# keep me\n" + Workspace.render(List.of(SaveCrashTest.pool("pool-1", "A"))));
        Files.writeString(folder.resolve("b.yaml"), Workspace.render(List.of(SaveCrashTest.pool("pool-2", "A"))));
        Workspace ws = Workspace.open(folder);
        ws.put(SaveCrashTest.pool("pool-2", "B"), "edit");
        ws.save();
        assertTrue(Files.readString(folder.resolve("a.yaml")).startsWith("# keep me"));
        assertTrue(Files.readString(folder.resolve("b.yaml")).contains("version B"));
    }

    @Test
    void aNewObjectGoesToTheFileHoldingItsKindOfItsApiGroup() throws Exception {
        String harvester = "apiVersion: loadbalancer.harvesterhci.io/v1beta1\nkind: IPPool\nmetadata: {name: lb}\n"
                + "spec: {ranges: [{subnet: 10.1.0.0/24}]}\n";
        String dhcp = "apiVersion: network.harvesterhci.io/v1alpha1\nkind: IPPool\nmetadata: {name: net, namespace: default}\n"
                + "spec: {networkName: default/net}\n";
        Files.writeString(folder.resolve("a-lb.yaml"), harvester);
        Files.writeString(folder.resolve("b-dhcp.yaml"), dhcp);
        Workspace ws = Workspace.open(folder);
        com.fasterxml.jackson.databind.node.ObjectNode second = (com.fasterxml.jackson.databind.node.ObjectNode)
                ws.manifests().get(1).object().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) second.get("metadata")).put("name", "net-2");
        ws.put(second, "add");
        ws.save();
        assertEquals(harvester, Files.readString(folder.resolve("a-lb.yaml")));
        assertTrue(Files.readString(folder.resolve("b-dhcp.yaml")).contains("name: net-2"));
    }

    @Test
    void aFileChangedByAnotherProgramIsNeverOverwrittenSilently() throws Exception {
        Path file = folder.resolve("pools.yaml");
        Files.writeString(file, Workspace.render(List.of(SaveCrashTest.pool("pool-1", "A"))));
        Workspace ws = Workspace.open(folder);
        String theirs = Workspace.render(List.of(SaveCrashTest.pool("pool-1", "B")));
        Files.writeString(file, theirs);
        assertEquals(List.of(file), ws.changedOnDisk());
        ws.put(SaveCrashTest.pool("pool-9", "A"), "add");
        ChangedOnDiskException refused = assertThrows(ChangedOnDiskException.class, ws::save);
        assertEquals(List.of(file), refused.files());
        assertEquals(theirs, Files.readString(file), "the other program's text is intact");
    }

    @Test
    void undoAndRedoReachTheDisk() throws Exception {
        Files.writeString(folder.resolve("pools.yaml"), Workspace.render(List.of(SaveCrashTest.pool("pool-1", "A"))));
        Workspace ws = Workspace.open(folder);
        ws.put(SaveCrashTest.pool("pool-1", "B"), "edit");
        ws.save();
        ws.undo();
        ws.save();
        assertTrue(Files.readString(folder.resolve("pools.yaml")).contains("version A"));
        assertFalse(ws.canUndo());
        ws.redo();
        ws.save();
        assertTrue(Files.readString(folder.resolve("pools.yaml")).contains("version B"));
        assertFalse(ws.hasUnsavedChanges());
    }

    /** The YAML editor shows a pool's document as its file holds it: its own comments, not the model's rendering. */
    @Test
    void aDocumentsOwnTextIsItsLinesBetweenItsSeparatorsCommentsIncluded() throws Exception {
        String first = """
                # lab pools: the speakers' config refers to them
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: edge, namespace: metallb-system}   # where the speakers run
                spec:
                  addresses:
                    - 10.0.10.0/24   # rack A
                # after the pool, before the next document
                """;
        String second = """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: core, namespace: metallb-system}
                spec: {addresses: ["10.0.20.0/24"]}
                """;
        Path file = folder.resolve("pools.yaml");
        Files.writeString(file, first + "---\n# only a comment\n---\n" + second);
        Workspace ws = Workspace.open(folder);
        assertEquals(first, ws.documentText(ws.manifests().get(0)).orElseThrow());
        assertEquals(second, ws.documentText(ws.manifests().get(1)).orElseThrow(),
                "the second object, after a document of only a comment");

        com.fasterxml.jackson.databind.node.ObjectNode edited = ws.manifests().get(0).object().deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) edited.get("spec").get("addresses")).set(0, "10.0.12.0/24");
        ws.put(edited, "edit");
        assertTrue(ws.documentText(ws.manifests().get(0)).isEmpty(), "an edit not yet saved: the file's text is stale");
        ws.save();
        assertEquals(first.replace("10.0.10.0/24", "10.0.12.0/24"), ws.documentText(ws.manifests().get(0))
                .orElseThrow(), "after the save, the text written, comments kept");
    }
}
