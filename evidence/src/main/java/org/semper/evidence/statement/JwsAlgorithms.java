package org.semper.evidence.statement;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;

/** Which JWS algorithm goes with which public key (RFC 7518 §3.1). */
final class JwsAlgorithms {
    private JwsAlgorithms() {
    }

    /**
     * The algorithm a Semper signer uses for a key: ES256 for P-256, ES384 for P-384, PS256 for RSA of at least
     * 2048 bits.
     *
     * @throws IllegalArgumentException for any other key
     */
    static JWSAlgorithm forSigning(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (Curve.P_256.equals(curve)) {
                return JWSAlgorithm.ES256;
            } else if (Curve.P_384.equals(curve)) {
                return JWSAlgorithm.ES384;
            }
            throw new IllegalArgumentException("EC curve " + (curve == null ? "unnamed" : curve.getName())
                    + " is not used for statements; use P-256 or P-384");
        }
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("RSA key of " + rsa.getModulus().bitLength()
                        + " bits is too short; statements need at least 2048");
            }
            return JWSAlgorithm.PS256;
        }
        throw new IllegalArgumentException(key.getAlgorithm() + " keys are not used for statements; use EC or RSA");
    }

    /** Why {@code algorithm} cannot be verified with {@code key}, if it cannot. */
    static Optional<String> mismatch(JWSAlgorithm algorithm, PublicKey key) {
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            return Optional.of(algorithm + " is a MAC, not a signature: a certificate's public key cannot verify it");
        }
        if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            if (!(key instanceof ECPublicKey ec)) {
                return Optional.of(algorithm + " needs an EC key; the signer certificate holds " + key.getAlgorithm());
            }
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null || !Curve.forJWSAlgorithm(algorithm).contains(curve)) {
                return Optional.of(algorithm + " does not go with the signer certificate's curve "
                        + (curve == null ? "(unnamed)" : curve.getName()));
            }
            return Optional.empty();
        }
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return key instanceof RSAPublicKey ? Optional.empty() : Optional.of(algorithm
                    + " needs an RSA key; the signer certificate holds " + key.getAlgorithm());
        }
        return Optional.of(algorithm + " is not supported for statements");
    }
}
