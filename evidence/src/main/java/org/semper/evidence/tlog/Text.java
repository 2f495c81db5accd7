package org.semper.evidence.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The text rules shared by notes, checkpoints and proof bundles. */
final class Text {
    private Text() {
    }

    /** Strict UTF-8 decoding: malformed or unmappable input is refused, not replaced. */
    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * A description of the first character that a signed note may not contain (an ASCII control character other
     * than newline, or a lone surrogate, which has no UTF-8 encoding), or {@code null} if there is none.
     */
    static String forbiddenCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return String.format("control character U+%04X at offset %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("lone surrogate U+%04X at offset %d", (int) c, i);
            }
        }
        return null;
    }

    /**
     * The signed-note rule for key names: non-empty, no Unicode space (White_Space property) and no plus sign.
     */
    static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty() || forbiddenCharacter(name) != null || name.indexOf('\n') >= 0) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || isUnicodeSpace(cp));
    }

    private static boolean isUnicodeSpace(int cp) {
        // Character.isWhitespace misses NEL and the no-break spaces; isSpaceChar misses the ASCII controls.
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /**
     * Decodes standard, padded base64 (RFC 4648 §4) and accepts it only in its canonical form, the one an encoder
     * writes: no missing padding, no non-zero bits after the last byte. Two spellings of the same bytes would let
     * a signed text change without its signature failing.
     *
     * @throws IllegalArgumentException if the text is not canonical base64
     */
    static byte[] decodeBase64(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical base64");
        }
        return bytes;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Parses a decimal number written as the checkpoint and proof formats require: ASCII digits, no sign, no
     * leading zero unless the number is 0, at most {@link Long#MAX_VALUE}; -1 if the text is not such a number.
     */
    static long parseCanonicalDecimal(String text) {
        if (text.isEmpty() || text.length() > 19 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
