/**
 * The liability cover a certificate states (ETSI EN 319 412-5 {@code QcEuLimitValue}), read by relying parties and
 * the dispute arbiter to know up to what amount a certificate's CA answers for it.
 */
package org.semper.evidence.cover;
