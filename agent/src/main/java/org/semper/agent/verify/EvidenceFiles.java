package org.semper.agent.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.evidence.timestamp.MalformedTimeStampException;
import org.semper.evidence.timestamp.TimeStampReply;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;

/**
 * Reads the files and values a user hands to the verifiers, and says precisely what is wrong when one cannot be
 * used ({@link InvalidInputException}). Only decoding happens here; every rule is the evidence library's.
 */
public final class EvidenceFiles {
    private static final HexFormat HEX = HexFormat.of();

    private EvidenceFiles() {
    }

    /** A time-stamp token as read from a file: the DER token, and the reply it came in, if it came in one. */
    public record TokenInput(byte[] tokenDer, Optional<TimeStampReply> reply) {
        public TokenInput {
            tokenDer = tokenDer.clone();
        }

        @Override
        public byte[] tokenDer() {
            return tokenDer.clone();
        }
    }

    /** The bytes of {@code file}; {@code what} names it in errors ("the token", "--data"). */
    public static byte[] read(Path file, String what) throws InvalidInputException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(what + " " + file + " is a directory, not a file", "give the path of a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + file + ": no such file",
                    "check the path (relative paths start from " + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(what + " " + file + " cannot be read: " + e.getMessage(),
                    "check that the file exists and is readable", e);
        }
    }

    /** The text of {@code file} as UTF-8. */
    public static String readText(Path file, String what) throws InvalidInputException {
        return new String(read(file, what), StandardCharsets.UTF_8);
    }

    /** Trust anchors from a PEM file of certificates. */
    public static TrustAnchors trustAnchors(Path pem, String option) throws InvalidInputException {
        byte[] bytes = read(pem, option);
        try {
            return TrustAnchors.fromPem(new ByteArrayInputStream(bytes));
        } catch (CertificateException | IOException e) {
            throw new InvalidInputException(option + " " + pem + " holds no usable certificate: " + e.getMessage(),
                    "give the trusted root CA certificate(s) in PEM form (-----BEGIN CERTIFICATE-----), e.g. "
                            + "data/local-ca/root.pem for the local profile", e);
        }
    }

    /** Certificates from a PEM file (any number of CERTIFICATE blocks) or a DER certificate. */
    public static List<X509Certificate> certificates(Path file, String option) throws InvalidInputException {
        byte[] bytes = read(file, option);
        try {
            return new ArrayList<>(TrustAnchors.fromPem(new ByteArrayInputStream(bytes)).certificates());
        } catch (CertificateException | IOException pemFailure) {
            try {
                List<X509Certificate> certificates = new ArrayList<>();
                for (var certificate : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(bytes))) {
                    certificates.add((X509Certificate) certificate);
                }
                if (!certificates.isEmpty()) {
                    return certificates;
                }
            } catch (CertificateException | RuntimeException derFailure) {
                // fall through to the PEM message, the usual form
            }
            throw new InvalidInputException(option + " " + file + " holds no certificate: " + pemFailure.getMessage(),
                    "give certificates in PEM form (-----BEGIN CERTIFICATE-----) or one DER certificate", pemFailure);
        }
    }

    /** A CRL in DER or PEM form (RFC 5280 {@code CertificateList}). */
    public static X509CRL crl(Path file) throws InvalidInputException {
        byte[] bytes = read(file, "--crl");
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
            if (crl == null) {
                throw new CRLException("empty file");
            }
            return crl;
        } catch (CertificateException | CRLException | RuntimeException e) {
            throw new InvalidInputException("--crl " + file + " is not a CRL: " + e.getMessage(),
                    "give an X.509 CRL in DER or PEM form (-----BEGIN X509 CRL-----), as the CA publishes it", e);
        }
    }

    /**
     * An OCSP response in DER: a whole {@code OCSPResponse} (as a responder sends it, {@code openssl ocsp -respout})
     * or a bare {@code BasicOCSPResponse}, added to {@code builder}.
     */
    public static void addOcsp(Path file, RevocationData.Builder builder) throws InvalidInputException {
        byte[] bytes = read(file, "--ocsp");
        OCSPResp response = null;
        try {
            response = new OCSPResp(bytes);
        } catch (IOException | RuntimeException notAnOcspResponse) {
            try {
                builder.ocsp(new BasicOCSPResp(BasicOCSPResponse.getInstance(ASN1Primitive.fromByteArray(bytes))));
                return;
            } catch (IOException | RuntimeException notABasicResponse) {
                throw new InvalidInputException("--ocsp " + file + " is neither an OCSPResponse nor a BasicOCSPResponse",
                        "give the DER response as the OCSP responder returned it (e.g. openssl ocsp -respout FILE)",
                        notAnOcspResponse);
            }
        }
        try {
            builder.ocsp(response);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--ocsp " + file + ": " + e.getMessage()
                    + " (it carries no certificate status)", "ask the responder again, or leave this response out", e);
        }
    }

    /**
     * A time-stamp token from a file holding either a whole {@code TimeStampResp} (a {@code .tsr} as the TSA returns
     * it) or a bare DER {@code TimeStampToken}; either may also be base64 text (as a {@code sigTst} is).
     *
     * @throws InvalidInputException if the reply is a refusal (it has no token), or the bytes are neither
     */
    public static TokenInput timeStampToken(Path file) throws InvalidInputException {
        byte[] bytes = decodeIfBase64(read(file, "--token"));
        TimeStampReply reply;
        try {
            reply = TimeStampReply.parse(bytes);
        } catch (MalformedTimeStampException replyFailure) {
            try {
                ContentInfo.getInstance(ASN1Primitive.fromByteArray(bytes));
            } catch (IOException | RuntimeException tokenFailure) {
                throw new InvalidInputException("--token " + file + " is neither a TimeStampResp (" + replyFailure.getMessage()
                        + ") nor a TimeStampToken (" + tokenFailure.getMessage() + ")",
                        "give the .tsr file the TSA returned, or the DER token", tokenFailure);
            }
            return new TokenInput(bytes, Optional.empty());
        }
        if (!reply.granted()) {
            throw new InvalidInputException("--token " + file + " is a TimeStampResp that refuses the request (status "
                    + reply.status() + (reply.failureInfo().isEmpty() ? "" : ", " + reply.failureInfo())
                    + reply.statusText().map(text -> ", \"" + text + "\"").orElse("") + "): it carries no token",
                    "request a new time-stamp; the TSA's status text says why it refused");
        }
        return new TokenInput(reply.token().orElseThrow(), Optional.of(reply));
    }

    /** Bytes that are base64 text (standard or base64url, whitespace allowed) decoded; anything else unchanged. */
    static byte[] decodeIfBase64(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (Character.isWhitespace(c)) {
                continue;
            }
            boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '-' || c == '_' || c == '=';
            if (!base64) {
                return bytes;
            }
            text.append(c);
        }
        try {
            return Base64.getMimeDecoder().decode(text.toString().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            return bytes;
        }
    }

    /** An imprint algorithm by name ({@code SHA-256}, {@code sha384}, {@code SHA3-256}...). */
    public static ImprintAlgorithm imprintAlgorithm(String name) throws InvalidInputException {
        return ImprintAlgorithm.byName(name).orElseThrow(() -> new InvalidInputException(
                "--alg " + name + " is not a known hash algorithm", "use one of " + acceptedAlgorithms()));
    }

    /** A digest given in hexadecimal (colons and spaces allowed), as long as {@code algorithm}'s output. */
    public static byte[] hexDigest(String hex, ImprintAlgorithm algorithm) throws InvalidInputException {
        String clean = hex.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
        byte[] digest;
        try {
            digest = HEX.parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--digest is not hexadecimal: " + e.getMessage(),
                    "give the digest as hex, e.g. the output of sha256sum FILE", e);
        }
        if (digest.length != algorithm.digestLength()) {
            throw new InvalidInputException("--digest has " + digest.length + " bytes; a " + algorithm.jcaName()
                    + " digest has " + algorithm.digestLength(), "check --alg (default SHA-256) and the digest");
        }
        return digest;
    }

    /** A Merkle leaf hash given as base64 or base64url: 32 bytes. */
    public static byte[] leafHash(String text) throws InvalidInputException {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(text.trim().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--leaf-hash is not base64: " + e.getMessage(),
                    "give the RFC 9162 leaf hash SHA-256(0x00 || entry) in base64, or the entry itself with --entry", e);
        }
        if (hash.length != MerkleHash.LENGTH) {
            throw new InvalidInputException("--leaf-hash has " + hash.length + " bytes, not " + MerkleHash.LENGTH,
                    "give the RFC 9162 leaf hash SHA-256(0x00 || entry) in base64, or the entry itself with --entry");
        }
        return hash;
    }

    /** A C2SP verifier key {@code <name>+<hex key ID>+<base64 key>}. */
    public static NoteVerifier verifierKey(String text, String option) throws InvalidInputException {
        try {
            return NoteVerifier.fromVerifierKey(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(option + " is not a C2SP verifier key: " + e.getMessage(),
                    "give the log's key as <name>+<key ID>+<base64 key>, the verifierKey field of GET <log URL>/log/key",
                    e);
        }
    }

    private static String acceptedAlgorithms() {
        List<String> names = new ArrayList<>();
        for (ImprintAlgorithm algorithm : ImprintAlgorithm.values()) {
            if (algorithm.accepted()) {
                names.add(algorithm.jcaName());
            }
        }
        return String.join(", ", names);
    }
}
