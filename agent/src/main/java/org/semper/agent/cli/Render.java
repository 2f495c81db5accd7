package org.semper.agent.cli;

import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.semper.evidence.validation.SubIndication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shared pieces of the reports: certificates, chains, JSON, and what to do after each kind of failure. */
final class Render {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final HexFormat HEX = HexFormat.of();

    /** What to check next, for each reason a time-stamp or statement can fail. */
    private static final Map<SubIndication, String> NEXT_STEPS = Map.ofEntries(
            Map.entry(SubIndication.FORMAT_FAILURE, "the object is not well-formed: get the original again from its source"),
            Map.entry(SubIndication.HASH_FAILURE, "the data was changed, or this evidence is about other data: check that "
                    + "you gave the exact bytes that were signed or time-stamped"),
            Map.entry(SubIndication.SIG_CRYPTO_FAILURE, "the signature does not verify with the certificate's key: the "
                    + "object was altered after signing"),
            Map.entry(SubIndication.REVOKED, "a certificate was revoked before the time that matters: the signature is "
                    + "not to be relied on"),
            Map.entry(SubIndication.EXPIRED, "a certificate had expired at the time that matters"),
            Map.entry(SubIndication.NOT_YET_VALID, "a certificate was not yet valid at the time that matters"),
            Map.entry(SubIndication.SIG_CONSTRAINTS_FAILURE, "a signed attribute does not match what was expected"),
            Map.entry(SubIndication.CHAIN_CONSTRAINTS_FAILURE, "a certificate of the chain may not be used for this "
                    + "(key usage, extended key usage or CA constraints)"),
            Map.entry(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE, "the certificate chain does not validate; the "
                    + "message says why"),
            Map.entry(SubIndication.CRYPTO_CONSTRAINTS_FAILURE, "an algorithm or key size is not accepted by Semper's "
                    + "policy"),
            Map.entry(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "no path to a trust anchor: check that --anchors holds "
                    + "the right root (data/local-ca/root.pem for the local profile) and give intermediate CA "
                    + "certificates with --untrusted"),
            Map.entry(SubIndication.SIGNED_DATA_NOT_FOUND, "the signed data is missing"),
            Map.entry(SubIndication.TRY_LATER, "no usable revocation data: give the issuer's CRL (--crl) or an OCSP "
                    + "response (--ocsp) produced after the time that matters"),
            Map.entry(SubIndication.NO_POE, "a signature time-stamp did not verify: check --tsa-anchors (the TSA's "
                    + "root); the time-stamp's own result is listed below"),
            Map.entry(SubIndication.REVOKED_NO_POE, "revoked after the claimed signing time, but only a signature "
                    + "time-stamp (JAdES B-T) could prove the signature existed before the revocation"),
            Map.entry(SubIndication.OUT_OF_BOUNDS_NO_POE, "a certificate is outside its validity period and no "
                    + "time-stamp proves the signature existed while it was valid"));

    private Render() {
    }

    static String nextStep(SubIndication subIndication) {
        return subIndication == null ? null : NEXT_STEPS.get(subIndication);
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** "CN=TSA,O=x  ->  CN=Root,O=x (trust anchor)". */
    static String chain(List<X509Certificate> chain) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                text.append("  ->  ");
            }
            text.append(subject(chain.get(i)));
        }
        return chain.isEmpty() ? "(none)" : text.append(" (trust anchor)").toString();
    }

    static ObjectNode certificate(X509Certificate certificate) {
        ObjectNode node = JSON.createObjectNode();
        node.put("subject", subject(certificate));
        node.put("issuer", certificate.getIssuerX500Principal().getName());
        node.put("serialNumber", certificate.getSerialNumber().toString(16));
        node.put("notBefore", certificate.getNotBefore().toInstant().toString());
        node.put("notAfter", certificate.getNotAfter().toInstant().toString());
        node.put("sha256", sha256(certificate));
        return node;
    }

    static ArrayNode certificates(List<X509Certificate> certificates) {
        ArrayNode array = JSON.createArrayNode();
        certificates.forEach(c -> array.add(certificate(c)));
        return array;
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void printJson(PrintWriter out, ObjectNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** "  label          value" lines of a report. */
    static void field(PrintWriter out, String label, Object value) {
        if (value != null) {
            out.printf("  %-16s %s%n", label, value);
        }
    }
}
