package org.semper.mail.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;

/**
 * Ciphertexts as files in a directory (shared by all replicas), named by exchange id. Keeping is an atomic
 * rename from the spool folder inside the same directory, followed by a sync of the directory.
 */
public final class DirectoryStore implements ContentStore {

    private final Path directory;

    public DirectoryStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the content directory " + directory, e);
        }
    }

    @Override
    public Location keep(Connection connection, SpooledContent content, String exchangeId) throws IOException {
        // exchange ids are base64url: safe as file names
        String name = exchangeId + ".bin";
        Files.move(content.file(), directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        return new Location(null, name);
    }

    @Override
    public void forget(Location location) {
        try {
            Files.deleteIfExists(directory.resolve(location.file()));
        } catch (IOException e) {
            // an orphan file: overwritten if the EOO is submitted again
        }
    }

    @Override
    public InputStream open(Connection connection, MailMessage message) throws IOException {
        return Files.newInputStream(directory.resolve(message.contentFile()));
    }

    @Override
    public void delete(Connection connection, MailMessage message) throws IOException {
        if (message.contentFile() != null) {
            Files.deleteIfExists(directory.resolve(message.contentFile()));
        }
    }

    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be synced
        }
    }
}
