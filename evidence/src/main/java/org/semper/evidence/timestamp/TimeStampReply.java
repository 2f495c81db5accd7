package org.semper.evidence.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * A TSA's answer as received over HTTP ({@code application/timestamp-reply}, RFC 3161 §3.4): the
 * {@code TimeStampResp} of RFC 3161 §2.4.2, decoded.
 *
 * <p>Immutable. Parsing checks the structure only: that the response is well-formed, that a token is present
 * exactly when the status grants one, and that the token is a well-formed time-stamp token. Whether the token
 * is trustworthy and answers the query is for {@link TimeStampTokenVerifier#verifyReplyTo}.
 */
public final class TimeStampReply {
    private final PkiStatus status;
    private final Set<FailureInfo> failureInfo;
    private final String statusText;
    private final byte[] token;

    private TimeStampReply(PkiStatus status, Set<FailureInfo> failureInfo, String statusText, byte[] token) {
        this.status = status;
        this.failureInfo = failureInfo;
        this.statusText = statusText;
        this.token = token;
    }

    /**
     * Decodes a DER (or BER) {@code TimeStampResp}.
     *
     * @throws MalformedTimeStampException if the bytes are not a {@code TimeStampResp}, the status is unknown,
     *                                     a granted response lacks its token, a refused one carries a token
     *                                     (both forbidden by RFC 3161 §2.4.2), or the token is malformed
     */
    public static TimeStampReply parse(byte[] der) throws MalformedTimeStampException {
        Objects.requireNonNull(der, "der");
        TimeStampResp response;
        PkiStatus status;
        Set<FailureInfo> failures;
        String text;
        try {
            response = TimeStampResp.getInstance(ASN1Primitive.fromByteArray(der));
            if (response == null) {
                throw new MalformedTimeStampException("empty input is not a TimeStampResp");
            }
            PKIStatusInfo info = response.getStatus();
            status = decodeStatus(info.getStatus());
            failures = decodeFailureInfo(info.getFailInfo());
            text = decodeText(info.getStatusString());
        } catch (IOException | RuntimeException e) {
            throw new MalformedTimeStampException("not a TimeStampResp: " + e.getMessage(), e);
        }

        ContentInfo tokenInfo = response.getTimeStampToken();
        if (status.granted() && tokenInfo == null) {
            throw new MalformedTimeStampException("status " + status + " but no timeStampToken (RFC 3161 §2.4.2)");
        }
        if (!status.granted() && tokenInfo != null) {
            throw new MalformedTimeStampException("status " + status + " yet a timeStampToken is present (RFC 3161 §2.4.2)");
        }
        byte[] token = null;
        if (tokenInfo != null) {
            try {
                new TimeStampToken(tokenInfo);
                token = tokenInfo.getEncoded(ASN1Encoding.DER);
            } catch (TSPException | IOException | RuntimeException e) {
                throw new MalformedTimeStampException("malformed timeStampToken: " + e.getMessage(), e);
            }
        }
        return new TimeStampReply(status, failures, text, token);
    }

    private static PkiStatus decodeStatus(BigInteger value) throws MalformedTimeStampException {
        if (value.bitLength() > 31) {
            throw new MalformedTimeStampException("unknown PKIStatus " + value);
        }
        int code = value.intValue();
        return PkiStatus.byCode(code)
                .orElseThrow(() -> new MalformedTimeStampException("unknown PKIStatus " + code));
    }

    private static Set<FailureInfo> decodeFailureInfo(ASN1BitString bits) {
        EnumSet<FailureInfo> set = EnumSet.noneOf(FailureInfo.class);
        if (bits != null) {
            byte[] bytes = bits.getBytes();
            for (FailureInfo info : FailureInfo.values()) {
                int index = info.bit() / 8;
                if (index < bytes.length && (bytes[index] & (0x80 >>> (info.bit() % 8))) != 0) {
                    set.add(info);
                }
            }
        }
        return Collections.unmodifiableSet(set);
    }

    private static String decodeText(PKIFreeText freeText) {
        if (freeText == null || freeText.size() == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < freeText.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(freeText.getStringAtUTF8(i).getString());
        }
        return text.toString();
    }

    public PkiStatus status() {
        return status;
    }

    /** Whether the TSA granted a token ({@link PkiStatus#granted()}); {@link #token()} is then present. */
    public boolean granted() {
        return status.granted();
    }

    /** The reasons given for a refusal, empty if none were given. */
    public Set<FailureInfo> failureInfo() {
        return failureInfo;
    }

    /** The {@code statusString} texts, one per line, if the TSA sent any. */
    public Optional<String> statusText() {
        return Optional.ofNullable(statusText);
    }

    /** The DER {@code TimeStampToken} (a CMS {@code ContentInfo}; a copy), present exactly when granted. */
    public Optional<byte[]> token() {
        return Optional.ofNullable(token).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "TimeStampReply[" + status + (failureInfo.isEmpty() ? "" : ", " + failureInfo)
                + (statusText == null ? "" : ", \"" + statusText + "\"") + "]";
    }
}
