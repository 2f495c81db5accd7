package org.semper.evidence.validation;

/** Whether a certificate must have revocation data to be accepted (see {@link ValidationPolicy#timeStampRevocation()}). */
public enum RevocationRequirement {
    /**
     * Revocation data must prove the certificate was not revoked; without usable data the result is
     * {@code INDETERMINATE/TRY_LATER}.
     */
    REQUIRED,
    /**
     * Revocation data is used when supplied or fetched: a certificate it shows revoked fails; without usable data the
     * certificate is accepted and the result says its status is unknown.
     */
    IF_AVAILABLE
}
