package org.semper.ca.profile;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Keys a Semper certificate may certify: EC P-256, EC P-384, RSA with a modulus of at least 3072 bits. */
public final class KeyPolicy {

    public static final int MIN_RSA_BITS = 3072;

    private KeyPolicy() {
    }

    /** Empty if {@code key} may be certified under {@code profile} (key-agreement profiles: EC only), otherwise why not. */
    public static java.util.Optional<String> checkFor(CertificateProfile profile, PublicKey key) {
        if (profile.keyAgreement() && !(key instanceof ECPublicKey)) {
            return java.util.Optional.of("Profile " + profile.id() + " certifies EC key-agreement keys (P-256, P-384) only");
        }
        return java.util.Optional.empty();
    }

    /** Empty if acceptable, otherwise why not. */
    public static java.util.Optional<String> check(SubjectPublicKeyInfo info, PublicKey key) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            var params = info.getAlgorithm().getParameters();
            if (!(params instanceof ASN1ObjectIdentifier curve)) {
                return java.util.Optional.of("EC keys must name their curve (explicit parameters are not accepted)");
            }
            if (!curve.equals(SECObjectIdentifiers.secp256r1) && !curve.equals(SECObjectIdentifiers.secp384r1)) {
                return java.util.Optional.of("EC curve " + curve.getId() + " is not accepted; use P-256 or P-384");
            }
            return key instanceof ECPublicKey ? java.util.Optional.empty()
                    : java.util.Optional.of("The EC public key cannot be decoded");
        }
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS ? java.util.Optional.empty()
                    : java.util.Optional.of("RSA key of " + bits + " bits is too weak; at least " + MIN_RSA_BITS + " bits are required");
        }
        return java.util.Optional.of("Key algorithm " + algorithm.getId() + " is not accepted; use EC P-256, P-384 or RSA ≥ 3072");
    }
}
