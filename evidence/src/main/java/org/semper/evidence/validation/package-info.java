/**
 * Vocabulary shared by Semper's verifiers: the indications and sub-indications of ETSI EN 319 102-1 (the
 * ones the EU DSS validator reports), and the set of trust anchors a verifier is configured with.
 */
package org.semper.evidence.validation;
