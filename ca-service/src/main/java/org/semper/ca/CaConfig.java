package org.semper.ca;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.semper.runtime.keys.KeySourceConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the certificate authority ({@code semper.ca.*}). */
@ConfigMapping(prefix = "semper.ca")
public interface CaConfig {

    String ISSUING_KEY_PREFIX = "semper.ca.issuing-key";

    /** The issuing CA's key and chain (issuing certificate first, root last). PKCS#12 or PKCS#11. */
    KeySourceConfig issuingKey();

    /**
     * Public base URL of this CA, without a trailing slash: the CRL distribution point
     * ({@code <base>/crl/issuing.crl}), the AIA OCSP ({@code <base>/ocsp}) and caIssuers ({@code <base>/ca/issuing.crt})
     * URLs and the PKI disclosure statement ({@code <base>/pds/en.html}) in every certificate. Default
     * {@code http://127.0.0.1:8082}.
     */
    @WithDefault("http://127.0.0.1:8082")
    String baseUrl();

    /**
     * Per-profile overrides, keyed by profile id ({@code buyer}, {@code merchant}, {@code ttp-tsa}, ...), e.g.
     * {@code semper.ca.profile.merchant.cover-amount=50000}.
     */
    Map<String, ProfileOverride> profile();

    Crl crl();

    RootCrl rootCrl();

    PendingRequests enrollmentRequests();

    LocalServices localServices();

    Ocsp ocsp();

    interface Crl {
        /** Time from thisUpdate to nextUpdate; the CRL is regenerated after half of it. Default 1 h. */
        @WithDefault("1h")
        Duration validity();
    }

    /**
     * The root's CRL of CA certificates (ARL), served at {@code /crl/root.crl}: the revocation source the issuing CA
     * certificate names. The root key is offline, so the file comes from the key ceremony ({@code ceremony},
     * {@code ceremony arl}); the service signs it itself only when the root key is on disk beside the local trust
     * anchor ({@code local} profile).
     */
    interface RootCrl {
        /**
         * The ARL file (DER or PEM), re-read when it changes. Default: none, except on the {@code local} profile
         * ({@code <semper.local.data-dir>/local-ca/root.crl}).
         */
        Optional<java.nio.file.Path> path();

        /** Time from thisUpdate to nextUpdate of an ARL the service signs itself ({@code local} only). Default 365 d. */
        @WithDefault("365d")
        Duration validity();
    }

    interface PendingRequests {
        /**
         * Most enrollment requests waiting for an officer at once; a submission beyond it is refused with 503
         * {@code enrollment-queue-full} (the submission endpoint is open to anyone). Default 1000.
         */
        @WithDefault("1000")
        int maxPending();
    }

    /**
     * The {@code local} profile's bootstrap of the other Semper services' certificates
     * ({@link org.semper.ca.local.LocalServiceCertificates}).
     */
    interface LocalServices {
        /**
         * Whether to issue, at startup, the certificates of the Semper services whose local keystores do not exist yet
         * under {@code semper.local.data-dir}. Default false; true on the {@code local} profile.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Services whose local keystores are replaced at startup even if they exist ({@code tsa}, {@code notary},
         * {@code mail}, {@code arbiter}, or {@code all}); the certificate they held, if this CA issued it, is revoked
         * as superseded. Set by {@code --reissue-local[=tsa,...]}. Default: none.
         */
        Optional<java.util.List<String>> reissue();
    }

    interface Ocsp {
        /** Validity of a (cached, pre-signed) OCSP response: nextUpdate − thisUpdate. Default 10 min. */
        @WithDefault("10m")
        Duration responseValidity();

        /** Subject of the delegated OCSP responder certificate issued at startup. */
        @WithDefault("CN=Semper OCSP Responder,O=Semper")
        String responderSubject();

        /** Most certificate status requests in one OCSP request. Default 10. */
        @WithDefault("10")
        int maxRequests();
    }

    /** Overrides of one profile's defaults. */
    interface ProfileOverride {
        /** Validity of certificates of this profile. */
        Optional<Duration> validity();

        /** Cover amount (the QcEuLimitValue amount; value = amount × 10^exponent). */
        Optional<Integer> coverAmount();

        /** ISO 4217 alphabetic currency code, e.g. EUR. */
        Optional<String> coverCurrency();

        /** Cover exponent. */
        Optional<Integer> coverExponent();
    }
}
