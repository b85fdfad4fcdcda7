package io.pooldesk.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecoveryStoreTest {
    @TempDir
    Path dir;

    @Test
    void recoveryCopiesAreReadableByTheirOwnerOnly() throws Exception {
        Path folder = dir.resolve("recovery");
        RecoveryStore store = new RecoveryStore(folder);
        store.keep("pool/edge", dir, SaveCrashTest.pool("pool-1", "A"));
        try (var files = Files.list(folder)) {
            List<Path> copies = files.toList();
            assertEquals(1, copies.size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copies.get(0))));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals(1, store.left(dir).size());
    }
}
