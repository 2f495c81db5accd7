package org.semper.ca.revocation.crl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.semper.ca.CaConfig;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.hierarchy.RootCrl;
import org.semper.ca.revocation.RevocationReason;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.local.LocalTrustAnchor;

import io.quarkus.runtime.StartupEvent;

/**
 * Serves the root's CRL of CA certificates ({@link RootCrl}) from its file, {@code semper.ca.root-crl.path}, re-read
 * whenever the file changes (the operator drops in the one the ceremony signed). Only a CRL the root signed is
 * served. When the root is the local trust anchor of {@code semper.local.data-dir} (the {@code local} profile and
 * the tests), its key is on disk: then the service signs the file itself ({@code <data>/local-ca/root.crl}) when it
 * is missing or half its validity has passed, keeping its entries; {@code ceremony arl data/local-ca --revoke=...}
 * revokes the local issuing CA.
 */
@ApplicationScoped
public class RootCrlPublisher {

    private static final Logger LOG = Logger.getLogger(RootCrlPublisher.class);
    private static final Duration WARN_BEFORE = Duration.ofDays(30);

    /** The file's bytes and what identified its version. */
    private record Loaded(Object version, byte[] der, X509CRL crl) {
    }

    private final X509Certificate root;
    private final Optional<Path> file;
    private final Optional<Path> localRootFolder;
    private final Duration validity;
    private Loaded loaded;

    @Inject
    public RootCrlPublisher(IssuingCa ca, CaConfig config,
            @ConfigProperty(name = "semper.local.data-dir") Optional<String> dataDir) {
        this(ca.root(), config.rootCrl().path(), dataDir.map(Path::of), config.rootCrl().validity());
    }

    RootCrlPublisher(X509Certificate root, Optional<Path> configured, Optional<Path> dataDir, Duration validity) {
        this.root = Objects.requireNonNull(root, "root");
        this.validity = validity;
        Optional<Path> local = dataDir.map(LocalTrustAnchor::directory).filter(this::holdsThisRoot);
        this.file = configured.or(() -> local.map(folder -> folder.resolve(RootCrl.FILE)));
        this.localRootFolder = local.filter(folder -> file.get().equals(folder.resolve(RootCrl.FILE)));
    }

    void start(@Observes StartupEvent event) {
        if (file.isEmpty()) {
            LOG.warn("No root CRL (semper.ca.root-crl.path): /crl/root.crl answers 404, and relying parties that need "
                    + "revocation data for the issuing CA certificate cannot validate this CA's certificates. Configure "
                    + "the root.crl of the key ceremony.");
            return;
        }
        Optional<X509CRL> crl = current().map(Loaded::crl);
        if (crl.isEmpty()) {
            LOG.warnf("The root CRL %s is missing or not signed by the root %s: /crl/root.crl answers 404", file.get(),
                    root.getSubjectX500Principal().getName());
        } else if (crl.get().getNextUpdate() != null
                && Instant.now().plus(WARN_BEFORE).isAfter(crl.get().getNextUpdate().toInstant())) {
            LOG.warnf("The root CRL %s expires at %s: sign the next one (ceremony arl)", file.get(),
                    crl.get().getNextUpdate().toInstant());
        } else {
            LOG.infof("Root CRL %s (number %s, until %s)%s", file.get(), RootCrl.number(crl.get()),
                    crl.get().getNextUpdate().toInstant(), localRootFolder.isPresent() ? ", signed here with the local root" : "");
        }
    }

    /** The root's CRL (DER), or empty if there is none (or the file is not the root's). */
    public Optional<byte[]> der() {
        return current().map(Loaded::der);
    }

    /** The root's CRL, or empty. */
    public Optional<X509CRL> crl() {
        return current().map(Loaded::crl);
    }

    private synchronized Optional<Loaded> current() {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (localRootFolder.isPresent()) {
                signIfDue(localRootFolder.get());
            }
            if (!Files.exists(file.get())) {
                loaded = null;
                return Optional.empty();
            }
            BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class);
            Object version = java.util.List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(),
                    attributes.size());
            if (loaded == null || !loaded.version().equals(version)) {
                X509CRL crl = RootCrl.parse(Files.readAllBytes(file.get()));
                crl.verify(root.getPublicKey());
                loaded = new Loaded(version, crl.getEncoded(), crl);
            }
            return Optional.of(loaded);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.errorf("Cannot serve the root CRL %s: %s", file.get(), e.getMessage());
            loaded = null;
            return Optional.empty();
        }
    }

    private void signIfDue(Path folder) throws IOException, GeneralSecurityException {
        Optional<X509CRL> existing = RootCrl.read(folder.resolve(RootCrl.FILE));
        if (existing.isEmpty() || RootCrl.due(existing.get(), Instant.now())) {
            X509CRL signed = RootCrl.reissue(folder, RootCrl.rootKey(folder, null), validity, Optional.empty(),
                    RevocationReason.UNSPECIFIED, Instant.now());
            LOG.infof("Signed the local root's CRL %s (number %s, until %s)", folder.resolve(RootCrl.FILE),
                    RootCrl.number(signed), signed.getNextUpdate().toInstant());
        }
    }

    /** Whether {@code folder} holds the key of this CA's root (the local trust anchor the issuing CA chains to). */
    private boolean holdsThisRoot(Path folder) {
        try {
            return Files.exists(folder.resolve(RootCrl.KEYSTORE)) && Files.exists(folder.resolve("root.pem"))
                    && KeySources.readPemChain(folder.resolve("root.pem")).get(0).equals(root);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
