package org.semper.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@code local} profile keeps a service's keys and how they are written: {@code
 * <data>/<service>/keys/<name>.p12}, its password in {@code <name>.p12.pass} (both owner-only).
 *
 * <p>Two writers may create a service's keystore: the service itself on first start ({@link
 * LocalTrustAnchor#ensureKeyStore}, certified by the local root) and the local certificate authority, which issues the
 * Semper services' certificates ahead of their start ({@link LocalServiceKeys}). Both write while holding the keys
 * folder's lock ({@link #locked}), so that a keystore is created once, and never replaced under a service that is
 * reading it. A keystore file is replaced atomically, and an existing password is kept, so that keystore and password
 * file always agree.
 */
public final class LocalKeyStores {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** File locks are per process; this serialises the threads of one JVM (a second lock() would throw). */
    private static final Object JVM_LOCK = new Object();

    private LocalKeyStores() {
    }

    /** Work done while holding a keys folder's lock. */
    @FunctionalInterface
    public interface LockedAction<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    /** {@code <dataRoot>/<service>/keys/<name>.p12}. */
    public static Path path(Path dataRoot, String service, String name) {
        return dataRoot.resolve(service).resolve("keys").resolve(name + ".p12");
    }

    public static Path passwordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".pass");
    }

    /** The password of a complete keystore (keystore and password file both present), or empty. */
    public static Optional<String> password(Path keystore) {
        try {
            Path passwordFile = passwordFile(keystore);
            if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(passwordFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the password of " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** The certificate chain (leaf first) of the key in a complete keystore, or empty if there is none yet. */
    public static Optional<List<X509Certificate>> chain(Path keystore) {
        Optional<String> password = password(keystore);
        if (password.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.get().toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return Optional.of(chain);
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} holding the lock of {@code keystore}'s folder: an exclusive file lock on {@code keys/.lock}
     * (other processes: a service and the local CA starting together) and a JVM-wide monitor. Not reentrant.
     */
    public static <T> T locked(Path keystore, LockedAction<T> action) {
        Path folder = keystore.toAbsolutePath().getParent();
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(folder);
                try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    return action.run();
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot write keystore " + keystore + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes {@code key} with {@code chain} (leaf first) under {@code alias} to {@code keystore}, replacing the file
     * atomically, and returns its password: the existing one if there is a password file, else a new random one
     * (written first, so that a keystore never exists without its password). Hold {@link #locked} around it.
     */
    public static String write(Path keystore, String alias, PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(keystore.toAbsolutePath().getParent());
        Path passwordFile = passwordFile(keystore);
        String password;
        if (Files.exists(passwordFile)) {
            password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
        } else {
            password = newPassword();
            writeSecret(passwordFile, password);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
        Path tmp = keystore.resolveSibling(keystore.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, password.toCharArray());
        }
        restrictToOwner(tmp);
        Files.move(tmp, keystore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return password;
    }

    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void writeSecret(Path file, String secret) throws IOException {
        Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
        restrictToOwner(file);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing more we can do
        }
    }
}
