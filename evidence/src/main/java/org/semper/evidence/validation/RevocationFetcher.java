package org.semper.evidence.validation;

import java.security.cert.X509Certificate;

/**
 * Fetches revocation information for a certificate when none was supplied (from the CRL distribution point or the
 * OCSP responder named in the certificate). Only consulted when a {@link ValidationPolicy} enables it: by default
 * validation is offline and uses only the data supplied with the evidence.
 */
@FunctionalInterface
public interface RevocationFetcher {
    /**
     * Revocation data for {@code certificate}, issued by {@code issuer}; empty when none could be had. It is checked
     * like supplied data. Should not throw for network failures: return {@link RevocationData#empty()}.
     */
    RevocationData fetch(X509Certificate certificate, X509Certificate issuer);
}
