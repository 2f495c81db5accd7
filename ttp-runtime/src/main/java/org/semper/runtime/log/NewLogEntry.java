package org.semper.runtime.log;

/**
 * A statement to log.
 *
 * @param kind  what it is, e.g. {@code tsa-token}, {@code abort-token}
 * @param ref   the service's own reference, e.g. a serial number or exchange id (for people; not hashed)
 * @param entry the exact bytes of the statement; its leaf hash is SHA-256(0x00 || entry) (RFC 9162 §2.1.1)
 */
public record NewLogEntry(String kind, String ref, byte[] entry) {
}
