package io.pooldesk.model.manifest;

import java.nio.file.Path;

/** Run in a child JVM under strace by {@link DurableRenameTest}: one atomic write, then exit. */
public final class AtomicWriteOnce {
    private AtomicWriteOnce() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: saved}\n");
    }
}
