package org.semper.ca.hierarchy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.CaConfig;

/** The public URLs put into certificates, all under {@code semper.ca.base-url}. */
@ApplicationScoped
public class CaUrls {

    private final String base;

    @Inject
    public CaUrls(CaConfig config) {
        this(config.baseUrl());
    }

    public CaUrls(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** CRL distribution point. */
    public String crl() {
        return base + "/crl/issuing.crl";
    }

    /** CRL distribution point of the issuing CA certificate: the root's CRL of CA certificates ({@link RootCrl}). */
    public String rootCrl() {
        return base + "/crl/root.crl";
    }

    /** AIA id-ad-ocsp. */
    public String ocsp() {
        return base + "/ocsp";
    }

    /** AIA id-ad-caIssuers: the issuing CA certificate (DER). */
    public String caIssuers() {
        return base + "/ca/issuing.crt";
    }

    /** QcEuPDS: the PKI disclosure statement. */
    public String pds() {
        return base + "/pds/en.html";
    }
}
