/**
 * Vocabulary and building blocks shared by Semper's verifiers: the indications and sub-indications of ETSI EN
 * 319 102-1 (the ones the EU DSS validator reports), the trust anchors a verifier is configured with, the one
 * certification-path builder ({@link org.semper.evidence.validation.CertificationPath}), revocation data supplied
 * with evidence and its checking ({@link org.semper.evidence.validation.RevocationData},
 * {@link org.semper.evidence.validation.RevocationChecker}), and the {@link
 * org.semper.evidence.validation.ValidationPolicy} of a validator.
 */
package org.semper.evidence.validation;
