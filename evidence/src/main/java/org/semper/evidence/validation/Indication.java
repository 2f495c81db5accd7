package org.semper.evidence.validation;

/**
 * Main status of a validation, as ETSI EN 319 102-1 §5.1.3 and the EU DSS validator report it.
 */
public enum Indication {
    /** Every check passed: the object is valid under the verifier's constraints. */
    TOTAL_PASSED,
    /** At least one check proved the object invalid; more information cannot change that. */
    TOTAL_FAILED,
    /** The object could be neither proved valid nor proved invalid; more information (a chain, revocation
     * data, a proof of existence) might change the outcome. */
    INDETERMINATE
}
