package org.semper.runtime.local;

import java.nio.file.Path;
import java.util.List;

/**
 * The local keys of the Semper TTP services that the local certificate authority ({@code ca-service}) certifies, so
 * that the whole suite runs on one trust anchor and the CA's database, OCSP responder and CRL know every local
 * certificate. This is the contract between the CA and the services: the CA writes each keystore where the service's
 * {@link LocalServiceSetup} makes it look ({@link #keyStore}), with a certificate of profile {@link
 * LocalServiceKey#caProfile()}; a service started without the CA creates the same keystore itself, certified by the
 * local root ({@link LocalTrustAnchor#ensureKeyStore}). A service must therefore use exactly the {@link LocalKeySpec}
 * listed here for these keys (module name and key name fix the path).
 */
public final class LocalServiceKeys {

    /** One key of one service: short service name (as in {@code --reissue-local=tsa}), module, key, CA profile. */
    public record LocalServiceKey(String service, String module, LocalKeySpec spec, String caProfile) {

        /** {@code <dataRoot>/<module>/keys/<name>.p12}. */
        public Path keyStore(Path dataRoot) {
            return LocalKeyStores.path(dataRoot, module, spec.name());
        }
    }

    /** The time-stamp authority's signing key (sole, critical EKU timeStamping). */
    public static final LocalServiceKey TSA = new LocalServiceKey("tsa", "tsa-service",
            LocalKeySpec.timeStamping("semper.tsa.signing-key", "tsa", "CN=Semper Local TSA,O=Semper"), "ttp-tsa");

    /** The fair-exchange notary's signing key. */
    public static final LocalServiceKey NOTARY = new LocalServiceKey("notary", "fair-exchange-notary",
            LocalKeySpec.documentSigning("semper.notary.signing-key", "notary", "CN=Semper Local Notary,O=Semper"),
            "ttp-notary");

    /** The notary's escrow encryption key (protocol notes §2: {@code ek = Enc_T(K, label)}). */
    public static final LocalServiceKey NOTARY_ESCROW = new LocalServiceKey("notary", "fair-exchange-notary",
            LocalKeySpec.escrow("semper.notary.escrow-key", "escrow", "CN=Semper Local Notary,O=Semper"), "ttp-escrow");

    /** The certified-mail service's signing key. */
    public static final LocalServiceKey MAIL = new LocalServiceKey("mail", "certified-mail-service",
            LocalKeySpec.documentSigning("semper.mail.signing-key", "mail", "CN=Semper Local Certified Mail,O=Semper"),
            "ttp-mail");

    /** The certified-mail service's escrow encryption key (protocol notes §3: T decrypts {@code ek} on resolve). */
    public static final LocalServiceKey MAIL_ESCROW = new LocalServiceKey("mail", "certified-mail-service",
            LocalKeySpec.escrow("semper.mail.escrow-key", "escrow", "CN=Semper Local Certified Mail,O=Semper"),
            "ttp-escrow");

    /** The dispute arbiter's signing key (verdicts, court transcripts). */
    public static final LocalServiceKey ARBITER = new LocalServiceKey("arbiter", "dispute-arbiter",
            LocalKeySpec.documentSigning("semper.arbiter.signing-key", "arbiter", "CN=Semper Local Arbiter,O=Semper"),
            "ttp-arbiter");

    /** Every key the local CA issues, in issuing order. */
    public static final List<LocalServiceKey> ALL = List.of(TSA, NOTARY, NOTARY_ESCROW, MAIL, MAIL_ESCROW, ARBITER);

    private LocalServiceKeys() {
    }
}
