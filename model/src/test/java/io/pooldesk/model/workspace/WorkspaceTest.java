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
}
