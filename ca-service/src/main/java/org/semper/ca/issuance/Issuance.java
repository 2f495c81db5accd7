package org.semper.ca.issuance;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.semper.ca.cover.Cover;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.profile.KeyPolicy;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.problem.ProblemException;

/** Issues a certificate for a checked request: applies the profile's subject rules, signs, records, logs. */
@ApplicationScoped
public class Issuance {

    /** What was issued: the certificate and its chain up to the root (issuing CA, root). */
    public record Issued(CertificateRecord record, X509Certificate certificate, List<X509Certificate> chain) {
    }

    /** Extra work to do in the issuance transaction (e.g. consuming an enrollment token), before the commit. */
    @FunctionalInterface
    public interface InTransaction {
        /** Nothing more to do. */
        InTransaction NOTHING = (connection, record) -> {
        };

        void run(Connection connection, CertificateRecord record) throws SQLException;
    }

    private final CertificateBuilder builder;
    private final CertificateStore store;
    private final IssuingCa ca;

    @Inject
    public Issuance(CertificateBuilder builder, CertificateStore store, IssuingCa ca) {
        this.builder = builder;
        this.store = store;
        this.ca = ca;
    }

    /** Checks the subject against the profile's rules (required attributes present, single-valued, non-empty). */
    public static void checkSubject(X500Name subject, ResolvedProfile profile) {
        if (subject.getRDNs().length == 0) {
            throw new ProblemException(IssuanceProblem.SUBJECT_REJECTED, "The subject is empty");
        }
        for (String attribute : profile.profile().requiredSubjectAttributes()) {
            RDN[] rdns = subject.getRDNs(BCStyle.INSTANCE.attrNameToOID(attribute));
            if (rdns.length != 1 || rdns[0].isMultiValued()
                    || IETFUtils.valueToString(rdns[0].getFirst().getValue()).isBlank()) {
                throw new ProblemException(IssuanceProblem.SUBJECT_REJECTED, "Profile " + profile.id()
                        + " requires exactly one non-empty " + attribute + " in the subject");
            }
        }
    }

    /**
     * The checks a checked request must still pass for {@code profile} before it is stored or issued: subject rules and
     * the profile's key rule ({@link KeyPolicy#checkFor}).
     */
    public static void checkRequest(CertificationRequest request, ResolvedProfile profile) {
        checkSubject(request.subject(), profile);
        KeyPolicy.checkFor(profile.profile(), request.publicKey()).ifPresent(reason -> {
            throw new ProblemException(IssuanceProblem.UNSUPPORTED_KEY, reason);
        });
    }

    /** Canonical text of a subject name (RFC 4514, Bouncy Castle style), used to compare subjects. */
    public static String subjectText(X500Name subject) {
        return X500Name.getInstance(BCStyle.INSTANCE, subject).toString();
    }

    /**
     * Issues a certificate for {@code request} under {@code profile} stating {@code cover}: the one issuance path
     * (token enrollment, officer approval, EST, the local bootstrap). The certificate, its transparency-log entry and
     * {@code alsoDo} commit in one transaction, or none of them does.
     */
    public Issued issue(CertificationRequest request, ResolvedProfile profile, Cover cover, InTransaction alsoDo) {
        checkRequest(request, profile);
        X509Certificate certificate = builder.build(CertificateBuilder.newSerial(), request.subject(),
                request.publicKeyInfo(), profile, cover, Instant.now());
        CertificateRecord record;
        try {
            record = new CertificateRecord(certificate.getSerialNumber(), subjectText(request.subject()), profile.id(), cover,
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), certificate.getEncoded(),
                    null, null);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                store.insert(c, record);
                alsoDo.run(c, record);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record certificate " + record.serialHex() + ": " + e.getMessage(), e);
        }
        return new Issued(record, certificate, ca.chain());
    }
}
