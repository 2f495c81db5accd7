/**
 * RFC 3161 time-stamps as Semper uses them (with the ESSCertIDv2 of RFC 5816): {@link
 * org.semper.evidence.timestamp.TimeStampQuery} builds a request, {@link org.semper.evidence.timestamp.TimeStampReply}
 * reads the TSA's answer and {@link org.semper.evidence.timestamp.TimeStampTokenVerifier} checks a token.
 * {@link org.semper.evidence.timestamp.ImprintAlgorithm} is the single rule for which hashes are accepted.
 */
package org.semper.evidence.timestamp;
