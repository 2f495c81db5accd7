package org.semper.ca.local;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.issuance.CertificateStore;
import org.semper.ca.issuance.CertificationRequest;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.profile.Profiles;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.ca.revocation.RevocationReason;
import org.semper.ca.revocation.Revocations;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.local.LocalKeyStores;
import org.semper.runtime.local.LocalServiceKeys;
import org.semper.runtime.local.LocalServiceKeys.LocalServiceKey;
import org.semper.runtime.local.LocalTrustAnchor;

/**
 * The {@code local} profile's certificates of the other Semper services, issued by this CA so that the suite runs on
 * one trust anchor and this CA's database, OCSP responder and CRL know them. For each key in {@link LocalServiceKeys}
 * whose keystore does not exist yet, the CA generates the key pair, issues the certificate through {@link Issuance}
 * (the service's profile and its cover, CDP, AIA; recorded and logged like any certificate) and writes the PKCS#12
 * keystore and password file exactly where the service looks on the {@code local} profile; the service started later
 * simply finds it. A keystore that exists is never touched unless its service is named in {@code reissue}: then it
 * is replaced and the certificate it held, if this CA issued it, is revoked as superseded. Writes hold the keys
 * folder's lock ({@link LocalKeyStores#locked}), so that the CA and a service starting together create one key.
 */
@ApplicationScoped
public class LocalServiceCertificates {

    /** Reissue every service's keys. */
    public static final String ALL = "all";

    /** What happened to one keystore. */
    public enum Action {
        ISSUED, REISSUED, KEPT
    }

    /**
     * @param issuedHere whether {@code certificate} is one this CA issued and recorded (else: the service created its
     *                   key under the local root before this CA ran, or this CA's data was reset since)
     */
    public record Outcome(LocalServiceKey key, Path keyStore, Action action, X509Certificate certificate, boolean issuedHere) {

        /** One line for the startup log. */
        public String describe() {
            String who = issuedHere ? "serial " + certificate.getSerialNumber().toString(16)
                    : "not known to this CA, issued by " + certificate.getIssuerX500Principal().getName()
                            + " (the service created it before this CA ran, or this CA's data was reset; --reissue-local="
                            + key.service() + " replaces it)";
            String what = switch (action) {
                case ISSUED -> "issued";
                case REISSUED -> "reissued (restart " + key.module() + " to use it)";
                case KEPT -> "kept";
            };
            return String.format("  %-8s %-11s %s, %s: %s", key.service(), key.caProfile(), what, who, keyStore);
        }
    }

    private final IssuingCa ca;
    private final Issuance issuance;
    private final Profiles profiles;
    private final CertificateStore store;
    private final Revocations revocations;

    @Inject
    public LocalServiceCertificates(IssuingCa ca, Issuance issuance, Profiles profiles, CertificateStore store,
            Revocations revocations) {
        this.ca = ca;
        this.issuance = issuance;
        this.profiles = profiles;
        this.store = store;
        this.revocations = revocations;
    }

    /**
     * Issues the missing local service certificates under {@code dataRoot}, and replaces those of the services in
     * {@code reissue} ({@code tsa}, {@code notary}, {@code mail}, {@code arbiter} or {@value #ALL}).
     *
     * @throws IllegalStateException    if this CA's root is not the local trust anchor of {@code dataRoot}
     * @throws IllegalArgumentException for an unknown service name in {@code reissue}
     */
    public List<Outcome> provide(Path dataRoot, Set<String> reissue) {
        Set<String> services = LocalServiceKeys.ALL.stream().map(LocalServiceKey::service).collect(Collectors.toSet());
        for (String name : reissue) {
            if (!name.equals(ALL) && !services.contains(name)) {
                throw new IllegalArgumentException("--reissue-local: no Semper service \"" + name + "\"; services: "
                        + LocalServiceKeys.ALL.stream().map(LocalServiceKey::service).distinct().collect(Collectors.joining(", "))
                        + " or " + ALL);
            }
        }
        requireLocalRoot(dataRoot);
        List<Outcome> outcomes = new ArrayList<>();
        for (LocalServiceKey key : LocalServiceKeys.ALL) {
            outcomes.add(provide(dataRoot, key, reissue.contains(ALL) || reissue.contains(key.service())));
        }
        return outcomes;
    }

    private Outcome provide(Path dataRoot, LocalServiceKey key, boolean replace) {
        Path keyStore = key.keyStore(dataRoot);
        return LocalKeyStores.locked(keyStore, () -> {
            Optional<X509Certificate> existing = LocalKeyStores.chain(keyStore).map(chain -> chain.get(0));
            if (existing.isPresent() && !replace) {
                return new Outcome(key, keyStore, Action.KEPT, existing.get(), issuedHere(existing.get()));
            }
            ResolvedProfile profile = profiles.byId(key.caProfile()).orElseThrow(() -> new IllegalStateException(
                    "No profile " + key.caProfile() + " for the local key of " + key.module()));
            KeyPair pair = newKeyPair();
            Issuance.Issued issued = issuance.issue(
                    CertificationRequest.forGeneratedKey(new X500Name(key.spec().subject()), pair.getPublic()),
                    profile, profile.cover(), Issuance.InTransaction.NOTHING);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(issued.certificate());
            chain.addAll(issued.chain());
            LocalKeyStores.write(keyStore, key.spec().name(), pair.getPrivate(), chain);
            existing.filter(this::issuedHere).ifPresent(old -> supersede(old.getSerialNumber()));
            return new Outcome(key, keyStore, existing.isPresent() ? Action.REISSUED : Action.ISSUED, issued.certificate(), true);
        });
    }

    /** The keystores are only meaningful to services that trust this CA's root: the local trust anchor. */
    private void requireLocalRoot(Path dataRoot) {
        Path rootPem = LocalTrustAnchor.rootPem(dataRoot);
        if (!Files.exists(rootPem)) {
            throw new IllegalStateException("No local trust anchor at " + rootPem);
        }
        X509Certificate localRoot = KeySources.readPemChain(rootPem).get(0);
        if (!localRoot.equals(ca.root())) {
            throw new IllegalStateException("This CA's root " + ca.root().getSubjectX500Principal().getName()
                    + " is not the local trust anchor " + rootPem + "; local services would not trust its certificates");
        }
    }

    private boolean issuedHere(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())
                && store.find(certificate.getSerialNumber()).isPresent();
    }

    private void supersede(BigInteger serial) {
        if (store.find(serial).map(r -> !r.revoked()).orElse(false)) {
            revocations.revoke(serial, RevocationReason.SUPERSEDED, "local-bootstrap");
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
