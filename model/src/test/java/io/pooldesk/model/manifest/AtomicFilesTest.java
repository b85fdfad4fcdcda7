package io.pooldesk.model.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {

    @Test
    void aNewFileIsReadableByOthersAsAnEditorWouldWriteIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.csv");
        AtomicFiles.write(file, "a,b\r\n");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("a,b\r\n", Files.readString(file));
    }

    @Test
    void aReplacedFileKeepsItsOwnPermissions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret-pools.yaml");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(file, "new");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("new", Files.readString(file));
    }

    @Test
    void aSymbolicLinkIsWrittenThroughToItsTarget(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("real.yaml"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("real.yaml"));
        AtomicFiles.write(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(target));
        Path dangling = Files.createSymbolicLink(dir.resolve("to-be.yaml"), Path.of("later.yaml"));
        AtomicFiles.write(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("later.yaml")));
    }

    @Test
    void aFifoOrAFolderIsRefusedNotReplaced(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        IOException refused = assertThrows(IOException.class, () -> AtomicFiles.write(fifo, "x"));
        assertTrue(refused.getMessage().contains("not a regular file"), refused.getMessage());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO is still there");
        Path link = Files.createSymbolicLink(dir.resolve("out.yaml"), fifo);
        assertThrows(IOException.class, () -> AtomicFiles.write(link, "x"));
        assertFalse(Files.isRegularFile(fifo));
        assertThrows(IOException.class, () -> AtomicFiles.write(Files.createDirectory(dir.resolve("folder")), "x"));
    }

    @Test
    void aPrivateFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("copy.yaml"), "old");
        AtomicFiles.writePrivate(file, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
