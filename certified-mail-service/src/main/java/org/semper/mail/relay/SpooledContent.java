package org.semper.mail.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded ciphertext written to a spool file while it was hashed. Closing it deletes the file unless a
 * {@link ContentStore} has taken it over.
 *
 * @param file   the spool file
 * @param size   bytes received
 * @param sha256 {@code h(c)}, base64url
 */
public record SpooledContent(Path file, long size, String sha256) implements AutoCloseable {

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover spool file is removed with the spool directory's next clean-up
        }
    }
}
