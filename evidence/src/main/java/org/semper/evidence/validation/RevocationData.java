package org.semper.evidence.validation;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * Revocation information supplied with a piece of evidence (an evidence bundle carries the CRLs and OCSP responses
 * it relies on): CRLs, OCSP responses, and extra certificates (intermediate CAs, delegated OCSP responders) that
 * may help build paths. Nothing here is trusted: a validator checks each item's signature and freshness.
 *
 * <p>Immutable.
 */
public final class RevocationData {
    private static final RevocationData EMPTY = new RevocationData(List.of(), List.of(), List.of());

    private final List<X509CRL> crls;
    private final List<BasicOCSPResp> ocspResponses;
    private final List<X509Certificate> certificates;

    private RevocationData(List<X509CRL> crls, List<BasicOCSPResp> ocspResponses, List<X509Certificate> certificates) {
        this.crls = List.copyOf(crls);
        this.ocspResponses = List.copyOf(ocspResponses);
        this.certificates = List.copyOf(certificates);
    }

    /** No revocation information at all. */
    public static RevocationData empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<X509CRL> crls() {
        return crls;
    }

    /** The OCSP responses, as the {@code BasicOCSPResponse} of each successful {@code OCSPResponse}. */
    public List<BasicOCSPResp> ocspResponses() {
        return ocspResponses;
    }

    /** Extra, untrusted certificates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return crls.isEmpty() && ocspResponses.isEmpty() && certificates.isEmpty();
    }

    /** This data and {@code other} together. */
    public RevocationData with(RevocationData other) {
        Objects.requireNonNull(other, "other");
        return builder().addAll(this).addAll(other).build();
    }

    @Override
    public String toString() {
        return "RevocationData[" + crls.size() + " CRL, " + ocspResponses.size() + " OCSP, " + certificates.size()
                + " certificates]";
    }

    /** Collects items; not thread-safe. */
    public static final class Builder {
        private final List<X509CRL> crls = new ArrayList<>();
        private final List<BasicOCSPResp> ocsp = new ArrayList<>();
        private final List<X509Certificate> certificates = new ArrayList<>();

        private Builder() {
        }

        public Builder crl(X509CRL crl) {
            crls.add(Objects.requireNonNull(crl, "crl"));
            return this;
        }

        public Builder ocsp(BasicOCSPResp response) {
            ocsp.add(Objects.requireNonNull(response, "response"));
            return this;
        }

        /**
         * Adds the basic response of a successful OCSP response; an unsuccessful one (RFC 6960 §2.3:
         * {@code tryLater}, {@code unauthorized}, ...) carries no status and is refused.
         *
         * @throws IllegalArgumentException if the response is not {@code successful} or not a basic response
         */
        public Builder ocsp(OCSPResp response) {
            Objects.requireNonNull(response, "response");
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new IllegalArgumentException("OCSP response status " + response.getStatus() + " is not successful");
            }
            Object body;
            try {
                body = response.getResponseObject();
            } catch (OCSPException e) {
                throw new IllegalArgumentException("unreadable OCSP response: " + e.getMessage(), e);
            }
            if (!(body instanceof BasicOCSPResp basic)) {
                throw new IllegalArgumentException("OCSP response is not an id-pkix-ocsp-basic response");
            }
            return ocsp(basic);
        }

        public Builder certificate(X509Certificate certificate) {
            certificates.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        public Builder addAll(RevocationData data) {
            crls.addAll(data.crls);
            ocsp.addAll(data.ocspResponses);
            certificates.addAll(data.certificates);
            return this;
        }

        public RevocationData build() {
            return new RevocationData(crls, ocsp, certificates);
        }
    }
}
