package org.semper.mail.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import org.semper.mail.MailConfig;
import org.semper.evidence.exchange.Hashes;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Receives an upload into a spool file, 64 KiB at a time, hashing it on the way: a ciphertext is never held in
 * memory, whatever its size. Reading stops at the first byte over the limit.
 */
@ApplicationScoped
public class ContentSpool {

    static final int CHUNK = 64 * 1024;

    private final Path directory;
    private final long limit;

    @Inject
    public ContentSpool(MailConfig config) {
        this.limit = config.relay().maxContentSize().asLongValue();
        this.directory = config.relay().spoolDirectory().orElseGet(() -> config.relay().storage() == MailConfig.ContentStorage.DIRECTORY
                ? config.relay().directory().map(d -> d.resolve(".spool")).orElseThrow(() -> new IllegalStateException(
                        "Set semper.mail.relay.directory for semper.mail.relay.storage=directory"))
                : Path.of(System.getProperty("java.io.tmpdir"), "semper-mail-spool"));
        long ceiling = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10L << 20);
        if (ceiling <= limit) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + ceiling
                    + ") must be larger than semper.mail.relay.max-content-size (" + limit + ")");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the spool directory " + directory, e);
        }
    }

    /** Largest accepted ciphertext in bytes. */
    public long limit() {
        return limit;
    }

    /** Refuses an upload that declares more than {@link #limit()} bytes, before any of it is read. */
    public void requireDeclaredLength(Long declared) {
        if (declared != null && declared > limit) {
            throw tooLarge();
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(CommonProblem.PAYLOAD_TOO_LARGE,
                "The content is larger than this service accepts (" + limit + " bytes)");
    }

    /**
     * Reads {@code body} to its end into a new spool file, synced to disk.
     *
     * @throws ProblemException {@code payload-too-large} as soon as more than {@link #limit()} bytes arrive
     * @throws IOException      if the upload breaks off or the disk fails
     */
    public SpooledContent receive(InputStream body) throws IOException {
        Path file = Files.createTempFile(directory, "upload-", ".part");
        MessageDigest digest = sha256();
        long size = 0;
        boolean complete = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = body.read(buffer)) != -1) {
                size += n;
                if (size > limit) {
                    throw tooLarge();
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true);
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        return new SpooledContent(file, size, Hashes.b64u(digest.digest()));
    }

    /** A fresh SHA-256 digest, for hashing content as it streams. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
