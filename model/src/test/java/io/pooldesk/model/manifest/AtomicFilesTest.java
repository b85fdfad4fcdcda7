package io.pooldesk.model.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
