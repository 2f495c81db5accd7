package org.semper.ca.profile;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.semper.ca.cover.Cover;

/**
 * The certificate profiles of the Semper CA. Each fixes key usage, extended key usages, default validity, default
 * liability cover and the subject attributes a request must carry. Validity and cover can be overridden per
 * profile in configuration ({@code semper.ca.profile.<id>.*}).
 */
public enum CertificateProfile {
    /** A buyer signing orders and payment commitments. */
    BUYER("buyer", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of(), false, Duration.ofDays(730),
            new Cover("EUR", 1000, 0), List.of("CN")),
    /** A merchant signing offers, invoices and receipts. */
    MERCHANT("merchant", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of(), false, Duration.ofDays(730),
            new Cover("EUR", 10, 3), List.of("CN", "O")),
    /** A time-stamp authority: sole, critical EKU timeStamping (RFC 3161 §2.3). */
    TTP_TSA("ttp-tsa", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of(KeyPurposeId.id_kp_timeStamping), true,
            Duration.ofDays(1095), new Cover("EUR", 1, 6), List.of("CN", "O")),
    /** A notary (evidence of receipt and content). */
    TTP_NOTARY("ttp-notary", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of(), false, Duration.ofDays(1095),
            new Cover("EUR", 1, 6), List.of("CN", "O")),
    /** A certified-mail service. */
    TTP_MAIL("ttp-mail", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of(), false, Duration.ofDays(1095),
            new Cover("EUR", 1, 6), List.of("CN", "O")),
    /** An arbiter (fair-exchange resolution). */
    TTP_ARBITER("ttp-arbiter", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of(), false, Duration.ofDays(1095),
            new Cover("EUR", 1, 6), List.of("CN", "O")),
    /**
     * A TTP's escrow encryption key (protocol notes, "Escrow": {@code ek = Enc_T(K, label)} by ECDH/HPKE): key usage
     * keyAgreement only, no EKU, EC P-256 or P-384 only. Never used to sign.
     */
    TTP_ESCROW("ttp-escrow", KeyUsage.keyAgreement, List.of(), false, Duration.ofDays(1095), new Cover("EUR", 1, 6),
            List.of("CN", "O")),
    /** A delegated OCSP responder (RFC 6960 §4.2.2.2): EKU OCSPSigning. */
    OCSP("ocsp", KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_OCSPSigning), false, Duration.ofDays(30),
            new Cover("EUR", 0, 0), List.of("CN"));

    private final String id;
    private final int keyUsage;
    private final List<KeyPurposeId> extendedKeyUsages;
    private final boolean criticalEku;
    private final Duration validity;
    private final Cover cover;
    private final List<String> requiredSubjectAttributes;

    CertificateProfile(String id, int keyUsage, List<KeyPurposeId> extendedKeyUsages, boolean criticalEku,
            Duration validity, Cover cover, List<String> requiredSubjectAttributes) {
        this.id = id;
        this.keyUsage = keyUsage;
        this.extendedKeyUsages = extendedKeyUsages;
        this.criticalEku = criticalEku;
        this.validity = validity;
        this.cover = cover;
        this.requiredSubjectAttributes = requiredSubjectAttributes;
    }

    public String id() {
        return id;
    }

    public int keyUsage() {
        return keyUsage;
    }

    public List<KeyPurposeId> extendedKeyUsages() {
        return extendedKeyUsages;
    }

    public boolean criticalEku() {
        return criticalEku;
    }

    public Duration defaultValidity() {
        return validity;
    }

    public Cover defaultCover() {
        return cover;
    }

    /** Short attribute names (CN, O) the subject must carry. */
    public List<String> requiredSubjectAttributes() {
        return requiredSubjectAttributes;
    }

    /** Whether the certified key is for key agreement (ECDH): then only EC keys are accepted. */
    public boolean keyAgreement() {
        return (keyUsage & KeyUsage.keyAgreement) != 0;
    }

    /** Whether anyone may enroll for it through the API ({@code ocsp} is issued by the CA itself only). */
    public boolean enrollable() {
        return this != OCSP;
    }

    /** The ids of the profiles anyone may enroll for, comma-separated (for messages). */
    public static String enrollableIds() {
        return String.join(", ", Arrays.stream(values()).filter(CertificateProfile::enrollable).map(CertificateProfile::id).toList());
    }

    public static Optional<CertificateProfile> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
