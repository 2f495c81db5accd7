package org.semper.evidence.timestamp;

import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * Hash algorithms a Semper time-stamp imprint may use (RFC 3161 §2.4.1 {@code messageImprint}).
 *
 * <p>One place for the rule, used by the TSA when it accepts a request and by every verifier when it checks a
 * token. MD5 and SHA-1 are known here only so that they can be refused by name; note that Bouncy Castle's
 * {@code TSPAlgorithms.ALLOWED} still contains them, so never pass that set.
 */
public enum ImprintAlgorithm {
    SHA_256("SHA-256", NISTObjectIdentifiers.id_sha256, 32, true),
    SHA_384("SHA-384", NISTObjectIdentifiers.id_sha384, 48, true),
    SHA_512("SHA-512", NISTObjectIdentifiers.id_sha512, 64, true),
    SHA3_256("SHA3-256", NISTObjectIdentifiers.id_sha3_256, 32, true),
    SHA3_384("SHA3-384", NISTObjectIdentifiers.id_sha3_384, 48, true),
    SHA3_512("SHA3-512", NISTObjectIdentifiers.id_sha3_512, 64, true),
    /** Broken (collisions); refused. */
    MD5("MD5", PKCSObjectIdentifiers.md5, 16, false),
    /** Broken (collisions, SHAttered 2017); refused. */
    SHA_1("SHA-1", OIWObjectIdentifiers.idSHA1, 20, false);

    private final String jcaName;
    private final ASN1ObjectIdentifier oid;
    private final int digestLength;
    private final boolean accepted;

    ImprintAlgorithm(String jcaName, ASN1ObjectIdentifier oid, int digestLength, boolean accepted) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.digestLength = digestLength;
        this.accepted = accepted;
    }

    /** The JCA / display name, e.g. {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** Length in bytes of a digest of this algorithm; an imprint of another length is malformed. */
    public int digestLength() {
        return digestLength;
    }

    /** Whether Semper accepts imprints of this algorithm. */
    public boolean accepted() {
        return accepted;
    }

    public static Optional<ImprintAlgorithm> byOid(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(a -> a.oid.equals(oid)).findFirst();
    }

    /** Looks up by name, tolerant of case and of a missing dash ({@code sha256}, {@code SHA-256}, {@code sha3-256}). */
    public static Optional<ImprintAlgorithm> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = normalise(name);
        return Arrays.stream(values()).filter(a -> normalise(a.jcaName).equals(wanted)).findFirst();
    }

    private static String normalise(String name) {
        return name.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    }
}
