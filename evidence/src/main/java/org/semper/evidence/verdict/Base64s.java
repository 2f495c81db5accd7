package org.semper.evidence.verdict;

import java.util.Base64;

/** Base64 as the log endpoints write it (standard) and as payloads do (base64url). */
final class Base64s {
    private Base64s() {
    }

    static String std(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Standard or base64url, padded or not. */
    static byte[] decodeAny(String text) {
        String normal = text.trim().replace('-', '+').replace('_', '/');
        return Base64.getDecoder().decode(normal + "=".repeat((4 - normal.length() % 4) % 4));
    }
}
