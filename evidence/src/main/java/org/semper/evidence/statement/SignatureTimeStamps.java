package org.semper.evidence.statement;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.evidence.timestamp.TimeStampQuery;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.validation.RevocationData;

/**
 * What a JAdES signature time-stamp ({@code sigTst}, making a statement B-T) covers, and how to ask a TSA for one.
 *
 * <p>ETSI TS 119 182-1 §5.3.4: "The input of the message imprint computation for the time-stamp tokens encapsulated
 * by sigTst JSON object shall be the base64url-encoded JWS Signature Value." So the imprint is the hash of the
 * ASCII bytes of the {@code signature} member exactly as it appears in the statement (not of the decoded
 * signature, not of the compact form). EU DSS computes it the same way.
 *
 * <pre>{@code
 * TimeStampQuery query = SignatureTimeStamps.query(statement).build();
 * byte[] token = TimeStampReply.parse(postToTsa(query.encoded())).token().orElseThrow();
 * SignedStatement bt = statement.withSignatureTimeStamp(token);      // same id()
 * }</pre>
 */
public final class SignatureTimeStamps {
    private SignatureTimeStamps() {
    }

    /** The bytes a {@code sigTst} imprint is computed over: ASCII of the base64url JWS signature value. */
    public static byte[] imprintInput(SignedStatement statement) {
        Objects.requireNonNull(statement, "statement");
        return statement.encodedSignature().getBytes(StandardCharsets.US_ASCII);
    }

    /** A query (SHA-256 imprint, random nonce, {@code certReq}) for a signature time-stamp of the statement. */
    public static TimeStampQuery.Builder query(SignedStatement statement) {
        return query(statement, ImprintAlgorithm.SHA_256);
    }

    /** A query with the given imprint algorithm; MD5 and SHA-1 are refused by {@link TimeStampQuery}. */
    public static TimeStampQuery.Builder query(SignedStatement statement, ImprintAlgorithm algorithm) {
        return TimeStampQuery.forData(algorithm, imprintInput(statement));
    }

    /** Verifies one token as a signature time-stamp of the statement. */
    public static TimeStampVerification verify(TimeStampTokenVerifier verifier, SignedStatement statement,
            byte[] tokenDer) {
        return verify(verifier, statement, tokenDer, List.of());
    }

    /** As {@link #verify(TimeStampTokenVerifier, SignedStatement, byte[])}, with untrusted certificates for the path. */
    public static TimeStampVerification verify(TimeStampTokenVerifier verifier, SignedStatement statement,
            byte[] tokenDer, Collection<? extends X509Certificate> untrustedCertificates) {
        Objects.requireNonNull(verifier, "verifier");
        return verifier.verify(tokenDer, imprintInput(statement), untrustedCertificates);
    }

    /**
     * As {@link #verify(TimeStampTokenVerifier, SignedStatement, byte[])}, with revocation data for the TSA
     * certificate's status (its certificates also help build the path).
     */
    public static TimeStampVerification verify(TimeStampTokenVerifier verifier, SignedStatement statement,
            byte[] tokenDer, RevocationData revocationData) {
        Objects.requireNonNull(verifier, "verifier");
        return verifier.verify(tokenDer, imprintInput(statement), revocationData);
    }
}
