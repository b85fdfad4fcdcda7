package io.pooldesk.model.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file so that a reader, or a crash, only ever sees the old content or the new, never a part. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A temporary file is private (rw-------); the file it replaces keeps its own permissions, and a new file gets
     * rw-r--r--, as an editor would create it, so a saved manifest or report can be shared.
     */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (!Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temporary, permissions);
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    /** As {@link #write(Path, byte[])}, for a file only its owner may read (rw-------), whatever it was before. */
    public static void writePrivate(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    private static void write(Path link, byte[] content, boolean ownerOnly) throws IOException {
        Path target = throughLinks(link);
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IOException(kindOf(target) + ", not a regular file: refusing to replace it"
                    + (target.equals(link) ? "" : " (" + link + " links to " + target + ")"));
        }
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            if (!ownerOnly) {
                keepPermissions(target, temporary);
            } else if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The file a path names once symbolic links are followed, even a link to a file not yet there: a save through a
     * link writes its target (as an editor does) instead of replacing the link with a file.
     */
    static Path throughLinks(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int hops = 0; hops < 40; hops++) {
            if (!Files.isSymbolicLink(current)) {
                return current;
            }
            current = current.getParent().resolve(Files.readSymbolicLink(current)).normalize();
        }
        throw new IOException(path + ": too many levels of symbolic links");
    }

    private static String kindOf(Path path) {
        if (Files.isDirectory(path)) {
            return path + " is a folder";
        }
        String device = path.startsWith("/dev") ? " (a device)" : "";
        return path + " is a device, FIFO or socket" + device;
    }

    /** The rename is durable only once the folder itself is on disk: without this a crash can bring the old file back. */
    private static void syncFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some platforms cannot open a folder for syncing; the rename itself stays atomic there
        }
    }
}
