package org.semper.agent.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Files written whole: the bytes go to a temporary file beside the target ({@code <name>.<uuid>.tmp}), which is then
 * renamed over it (atomically where the file system can), so a reader sees the old content or the new, never a part.
 */
public final class WholeFiles {
    /** What temporary files end with (a directory's owner may delete leftovers of a crash). */
    public static final String TEMP_SUFFIX = ".tmp";

    private WholeFiles() {
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /** As {@link #write(Path, byte[])}, readable and writable by the owner only (on POSIX file systems). */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    private static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        Files.write(temp, content);
        if (ownerOnly) {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
