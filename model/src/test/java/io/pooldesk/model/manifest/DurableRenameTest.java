package io.pooldesk.model.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A save is durable only when the folder holding the renamed file is synced after the rename: otherwise a crash can
 * bring the old file back. Java cannot observe an fsync, so a child JVM saves once under strace and the system calls
 * it made are read. .ci/run installs strace; on a machine without it the test is skipped, and says so.
 */
class DurableRenameTest {

    @Test
    void theFolderIsSyncedAfterTheRename(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")),
                "SKIPPED: strace is not installed, so the folder fsync after a save cannot be observed"
                        + " (apt-get install strace; .ci/run does)");
        Path target = dir.resolve("pools.yaml");
        Path trace = dir.resolve("trace.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("/usr/bin/strace", "-f", "-qq", "-o", trace.toString(),
                "-e", "trace=openat,rename,renameat,renameat2,fsync,fdatasync,close",
                java, "-cp", System.getProperty("java.class.path"), AtomicWriteOnce.class.getName(),
                target.toString()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child saved within two minutes");
        assertEquals(0, child.exitValue(), new String(child.getInputStream().readAllBytes()));
        List<String> calls = Files.readAllLines(trace);
        int rename = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).matches(".*rename\\w*\\(.*\"" + Pattern.quote(target.toString()) + "\".*= 0.*")) {
                rename = i;
            }
        }
        assertTrue(rename >= 0, "the file was renamed into place: " + String.join("\n", calls));
        Pattern openFolder = Pattern.compile(".*openat\\(.*\"" + Pattern.quote(dir.toString()) + "\".*= (\\d+)$");
        Integer folderFd = null;
        boolean synced = false;
        for (String call : calls.subList(rename + 1, calls.size())) {
            Matcher open = openFolder.matcher(call);
            if (open.matches()) {
                folderFd = Integer.valueOf(open.group(1));
            } else if (folderFd != null && call.matches(".*\\bf(data)?sync\\(" + folderFd + "\\)\\s*= 0.*")) {
                synced = true;
                break;
            }
        }
        assertTrue(synced, "the folder was opened and synced after the rename: "
                + String.join("\n", calls.subList(rename, calls.size())));
        assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: saved}\n", Files.readString(target));
    }
}
