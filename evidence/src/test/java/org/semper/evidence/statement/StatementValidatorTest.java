package org.semper.evidence.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.testing.StatementPki.NOW;
import static org.semper.evidence.testing.StatementPki.REVOCATION_TIME;
import static org.semper.evidence.testing.StatementPki.SIGNING_TIME;
import static org.semper.evidence.testing.StatementPki.TST_TIME;
import static org.semper.evidence.testing.StatementPki.b64u;
import static org.semper.evidence.testing.StatementPki.unb64u;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TimeSource;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;

class StatementValidatorTest {
    private static final TestPki.Ca CA = TestPki.rootCa("Validator Test Root");
    private static final TestPki.Ca OTHER_CA = TestPki.rootCa("Some Other Root");
    private static final TestPki.Tsa TSA = CA.tsa("Validator Test TSA");
    private static final TestPki.Tsa FOREIGN_TSA = OTHER_CA.tsa("Foreign TSA");
    private static final StatementPki.Signer ALICE = StatementPki.signer(CA, "Alice");
    private static final StatementValidator VALIDATOR = validator(ValidationPolicy.builder());

    private static StatementValidator validator(ValidationPolicy.Builder policy) {
        return new StatementValidator(TrustAnchors.of(CA.certificate()),
                policy.clock(StatementPki.clockAt(NOW)).build());
    }

    private static RevocationData freshCrl() {
        return RevocationData.builder().crl(StatementPki.emptyCrl(CA)).build();
    }

    private static SignedStatement timestamped(SignedStatement statement) {
        return statement.withSignatureTimeStamp(StatementPki.signatureTimeStamp(TSA, statement, TST_TIME));
    }

    // ----- passing ------------------------------------------------------------------------------------------

    @Test
    void validStatementWithFreshCrlPassesAtItsClaimedTime() {
        SignedStatement statement = ALICE.sign();
        StatementValidation result = VALIDATOR.validate(statement.toJson(), freshCrl());

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(result.subIndication()).isNull();
        assertThat(result.statementId()).contains(statement.id());
        assertThat(result.type()).contains("semper-test");
        assertThat(result.signerCertificate()).contains(ALICE.certificate());
        assertThat(result.certificateChain()).containsExactly(ALICE.certificate(), CA.certificate());
        assertThat(result.trustAnchor()).contains(CA.certificate());
        assertThat(result.validationTime()).contains(SIGNING_TIME);
        assertThat(result.timeSource()).contains(TimeSource.CLAIMED);
        assertThat(result.revocation()).singleElement().satisfies(check -> {
            assertThat(check.certificate()).isEqualTo(ALICE.certificate());
            assertThat(check.status()).isEqualTo(RevocationCheck.Status.GOOD);
            assertThat(check.source()).isEqualTo(RevocationCheck.Source.CRL);
            assertThat(check.thisUpdate()).contains(REVOCATION_TIME);
            assertThat(check.signedBy()).contains(CA.certificate());
        });
        assertThat(result.timeStamps()).isEmpty();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void timestampedStatementIsJudgedAtTheTimeStamp() {
        SignedStatement statement = timestamped(ALICE.sign());
        StatementValidation result = VALIDATOR.validate(statement, freshCrl());

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.validationTime()).contains(TST_TIME);
        assertThat(result.timeSource()).contains(TimeSource.TIMESTAMPED);
        assertThat(result.timeStamps()).singleElement().satisfies(tst -> assertThat(tst.passed()).isTrue());
        assertThat(result.statementId()).contains(statement.id());
    }

    @Test
    void goodOcspResponseFromTheIssuerCounts() {
        RevocationData data = RevocationData.builder().ocsp(StatementPki.successful(StatementPki.ocsp(
                ALICE.certificate(), CA.certificate(), CA.key(), CA.certificate(), REVOCATION_TIME, null))).build();
        StatementValidation result = VALIDATOR.validate(ALICE.sign(), data);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.revocation().get(0).source()).isEqualTo(RevocationCheck.Source.OCSP);
        assertThat(result.revocation().get(0).signedBy()).contains(CA.certificate());
    }

    @Test
    void goodOcspResponseFromADelegatedResponderCounts() {
        StatementPki.Signer responder = StatementPki.ocspResponder(CA, "OCSP Responder", true);
        RevocationData data = RevocationData.builder().ocsp(StatementPki.ocsp(ALICE.certificate(), CA.certificate(),
                responder.key(), responder.certificate(), REVOCATION_TIME, null)).build();
        StatementValidation result = VALIDATOR.validate(ALICE.sign(), data);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.revocation().get(0).signedBy()).contains(responder.certificate());
    }

    @Test
    void responderWithoutOcspSigningIsNotTrusted() {
        StatementPki.Signer responder = StatementPki.ocspResponder(CA, "Not A Responder", false);
        RevocationData data = RevocationData.builder().ocsp(StatementPki.ocsp(ALICE.certificate(), CA.certificate(),
                responder.key(), responder.certificate(), REVOCATION_TIME, null)).build();
        StatementValidation result = VALIDATOR.validate(ALICE.sign(), data);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.message()).contains("id-kp-OCSPSigning");
    }

    @Test
    void intermediateCaNeedsRevocationDataToo() {
        TestPki.Ca issuing = CA.intermediate("Issuing CA");
        StatementPki.Signer bob = StatementPki.signer(issuing, "Bob", issuing.certificate());
        RevocationData onlyLeaf = RevocationData.builder().crl(StatementPki.emptyCrl(issuing)).build();
        RevocationData both = onlyLeaf.with(freshCrl());

        StatementValidation missing = VALIDATOR.validate(bob.sign(), onlyLeaf);
        StatementValidation complete = VALIDATOR.validate(bob.sign(), both);

        assertThat(missing.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(missing.message()).contains("Issuing CA");
        assertThat(complete.passed()).as(complete.message()).isTrue();
        assertThat(complete.certificateChain()).containsExactly(bob.certificate(), issuing.certificate(),
                CA.certificate());
        assertThat(complete.revocation()).extracting(RevocationCheck::status)
                .containsExactly(RevocationCheck.Status.GOOD, RevocationCheck.Status.GOOD);
    }

    // ----- CA certificates: the root's CRL of CA certificates (ARL) -----------------------------------------

    private static final TestPki.Ca ISSUING = CA.intermediate("Offline Root's Issuing CA");
    private static final StatementPki.Signer FRED = StatementPki.signer(ISSUING, "Fred", ISSUING.certificate());
    /** As an offline root signs it: at its ceremony, months before the signature, valid for a year. */
    private static final Instant ARL_THIS_UPDATE = Instant.parse("2025-01-15T00:00:00Z");
    private static final Instant ARL_NEXT_UPDATE = ARL_THIS_UPDATE.plus(java.time.Duration.ofDays(365));

    private static RevocationData leafCrlAnd(java.security.cert.X509CRL arl) {
        return RevocationData.builder().crl(StatementPki.emptyCrl(ISSUING)).crl(arl).build();
    }

    @Test
    void anArlCurrentAtTheSigningTimeProvesTheIssuingCaWasNotRevoked() {
        StatementValidation result = VALIDATOR.validate(FRED.sign(),
                leafCrlAnd(StatementPki.arl(CA, ARL_THIS_UPDATE, ARL_NEXT_UPDATE, Map.of())));

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.certificateChain()).containsExactly(FRED.certificate(), ISSUING.certificate(), CA.certificate());
        assertThat(result.revocation()).extracting(RevocationCheck::status)
                .containsExactly(RevocationCheck.Status.GOOD, RevocationCheck.Status.GOOD);
        RevocationCheck issuing = result.revocation().get(1);
        assertThat(issuing.thisUpdate()).contains(ARL_THIS_UPDATE);
        assertThat(issuing.signedBy()).contains(CA.certificate());
        assertThat(issuing.message()).contains("current at " + SIGNING_TIME);
    }

    @Test
    void anArlRevokingTheIssuingCaBeforeTheSigningTimeIsRevoked() {
        Instant revokedAt = Instant.parse("2025-03-01T00:00:00Z");
        StatementValidation result = VALIDATOR.validate(FRED.sign(), leafCrlAnd(StatementPki.arl(CA, revokedAt,
                revokedAt.plus(java.time.Duration.ofDays(365)), Map.of(ISSUING.certificate(), revokedAt))));

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(result.message()).contains("Offline Root's Issuing CA");
        assertThat(result.revocation().get(1).status()).isEqualTo(RevocationCheck.Status.REVOKED);
    }

    @Test
    void anArlPastItsNextUpdateOrOlderThanThePolicyAllowsProvesNothing() {
        RevocationData expired = leafCrlAnd(StatementPki.arl(CA, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-05-01T00:00:00Z"), Map.of()));
        StatementValidation stale = VALIDATOR.validate(FRED.sign(), expired);
        assertThat(stale.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(stale.message()).contains("Offline Root's Issuing CA").contains("not current at");

        RevocationData current = leafCrlAnd(StatementPki.arl(CA, ARL_THIS_UPDATE, ARL_NEXT_UPDATE, Map.of()));
        assertThat(validator(ValidationPolicy.builder().caRevocationMaxAge(java.time.Duration.ofDays(90)))
                .validate(FRED.sign(), current).subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(validator(ValidationPolicy.builder().caRevocationMaxAge(java.time.Duration.ZERO))
                .validate(FRED.sign(), current).subIndication()).isEqualTo(SubIndication.TRY_LATER);
    }

    @Test
    void theRuleForCaCertificatesNeverAppliesToTheEndEntity() {
        // The issuing CA's own CRL, current at the signing time but produced before it, says nothing about Fred.
        RevocationData data = RevocationData.builder()
                .crl(StatementPki.crl(ISSUING, SIGNING_TIME.minusSeconds(3600), SIGNING_TIME.plusSeconds(30 * 86_400),
                        Map.of(), org.bouncycastle.asn1.x509.CRLReason.keyCompromise, false))
                .crl(StatementPki.arl(CA, ARL_THIS_UPDATE, ARL_NEXT_UPDATE, Map.of())).build();
        StatementValidation result = VALIDATOR.validate(FRED.sign(), data);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.revocation().get(0).status()).isEqualTo(RevocationCheck.Status.UNKNOWN);
        assertThat(result.revocation().get(1).status()).isEqualTo(RevocationCheck.Status.GOOD);
    }

    // ----- delegated OCSP responders without id-pkix-ocsp-nocheck -------------------------------------------

    private static final StatementPki.Signer CHECKED_RESPONDER = StatementPki.ocspResponder(CA, "Checked Responder", true,
            false);

    /** Alice's status from the responder, produced at REVOCATION_TIME. */
    private static RevocationData aliceByCheckedResponder() {
        return RevocationData.builder().ocsp(StatementPki.ocsp(ALICE.certificate(), CA.certificate(),
                CHECKED_RESPONDER.key(), CHECKED_RESPONDER.certificate(), REVOCATION_TIME, null)).build();
    }

    /** The responder's own status, signed by the CA itself an hour after it answered about Alice. */
    private static RevocationData responderStatus(Instant revokedAt, int reason) {
        return RevocationData.builder().ocsp(StatementPki.ocsp(CHECKED_RESPONDER.certificate(), CA.certificate(),
                CA.key(), CA.certificate(), REVOCATION_TIME.plusSeconds(3600), revokedAt, reason)).build();
    }

    @Test
    void theCaOcspResponderOfTheFixturesCarriesNoCheck() {
        StatementPki.Signer usual = StatementPki.ocspResponder(CA, "Usual Responder", true);
        assertThat(usual.certificate().getExtensionValue("1.3.6.1.5.5.7.48.1.5")).isNotNull();
        assertThat(CHECKED_RESPONDER.certificate().getExtensionValue("1.3.6.1.5.5.7.48.1.5")).isNull();
    }

    @Test
    void aResponderWithoutNoCheckCountsOnlyWhenItsOwnStatusIsKnown() {
        StatementValidation unknown = VALIDATOR.validate(ALICE.sign(), aliceByCheckedResponder());
        assertThat(unknown.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(unknown.message()).contains("has no id-pkix-ocsp-nocheck and its own revocation status is unknown");

        StatementValidation good = VALIDATOR.validate(ALICE.sign(),
                aliceByCheckedResponder().with(responderStatus(null, 0)));
        assertThat(good.passed()).as(good.message()).isTrue();
        assertThat(good.revocation().get(0).signedBy()).contains(CHECKED_RESPONDER.certificate());
    }

    @Test
    void aRevokedResponderIsNotTrusted() {
        int keyCompromise = org.bouncycastle.asn1.x509.CRLReason.keyCompromise;
        int superseded = org.bouncycastle.asn1.x509.CRLReason.superseded;
        StatementValidation before = VALIDATOR.validate(ALICE.sign(),
                aliceByCheckedResponder().with(responderStatus(REVOCATION_TIME.minusSeconds(60), superseded)));
        assertThat(before.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(before.message()).contains("before it produced the response");

        StatementValidation compromisedLater = VALIDATOR.validate(ALICE.sign(),
                aliceByCheckedResponder().with(responderStatus(REVOCATION_TIME.plusSeconds(60), keyCompromise)));
        assertThat(compromisedLater.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(compromisedLater.message()).contains("does not rule out key compromise");

        StatementValidation supersededLater = VALIDATOR.validate(ALICE.sign(),
                aliceByCheckedResponder().with(responderStatus(REVOCATION_TIME.plusSeconds(60), superseded)));
        assertThat(supersededLater.passed()).as(supersededLater.message()).isTrue();
    }

    @Test
    void aResponderDoesNotVouchForItselfButItsStatusMayBeFetched() {
        // The responder's "good" about itself proves nothing ...
        RevocationData selfSigned = aliceByCheckedResponder().with(RevocationData.builder().ocsp(StatementPki.ocsp(
                CHECKED_RESPONDER.certificate(), CA.certificate(), CHECKED_RESPONDER.key(),
                CHECKED_RESPONDER.certificate(), REVOCATION_TIME.plusSeconds(3600), null)).build());
        assertThat(VALIDATOR.validate(ALICE.sign(), selfSigned).subIndication()).isEqualTo(SubIndication.TRY_LATER);

        // ... a fetcher may bring the CA's word on it.
        List<String> fetchedFor = new java.util.concurrent.CopyOnWriteArrayList<>();
        StatementValidator online = validator(ValidationPolicy.builder().revocationFetcher((certificate, issuer) -> {
            fetchedFor.add(certificate.getSubjectX500Principal().getName());
            return certificate.equals(CHECKED_RESPONDER.certificate()) ? responderStatus(null, 0) : RevocationData.empty();
        }));
        StatementValidation result = online.validate(ALICE.sign(), aliceByCheckedResponder());
        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(fetchedFor).containsExactly("O=Semper Test,CN=Checked Responder");
    }

    @Test
    void aTimeStampByARevokedTsaIsNoProofOfExistence() {
        SignedStatement statement = timestamped(ALICE.sign());
        RevocationData tsaRevoked = RevocationData.builder().crl(StatementPki.crl(CA, REVOCATION_TIME,
                Map.of(TSA.certificate(), Instant.parse("2025-05-01T00:00:00Z")))).build();

        StatementValidation result = VALIDATOR.validate(statement, tsaRevoked);

        assertThat(result.subIndication()).isEqualTo(SubIndication.NO_POE);
        assertThat(result.timeSource()).contains(TimeSource.CLAIMED);
        assertThat(result.timeStamps()).singleElement()
                .satisfies(tst -> assertThat(tst.subIndication()).isEqualTo(SubIndication.REVOKED));
    }

    // ----- signature and algorithm -------------------------------------------------------------------------

    @Test
    void tamperedPayloadIsSigCryptoFailure() {
        SignedStatement statement = ALICE.sign();
        String[] parts = statement.compact().split("\\.");
        String forged = new String(unb64u(parts[1]), StandardCharsets.UTF_8).replace("\"n\":7", "\"n\":8");
        StatementValidation result = VALIDATOR.validate(SignedStatementTest.flattened(parts[0],
                b64u(forged.getBytes(StandardCharsets.UTF_8)), parts[2]), freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void tamperedSignatureIsSigCryptoFailure() {
        SignedStatement statement = ALICE.sign();
        String[] parts = statement.compact().split("\\.");
        byte[] signature = unb64u(parts[2]);
        signature[5] ^= 0x01;
        StatementValidation result = VALIDATOR.validate(SignedStatementTest.flattened(parts[0], parts[1],
                b64u(signature)), freshCrl());

        assertThat(result.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void algorithmNotMatchingTheKeyIsSigCryptoFailure() {
        String es384 = SignedStatementTest.withHeader(ALICE.sign(), h -> h.put("alg", "ES384"));
        String ps256 = SignedStatementTest.withHeader(ALICE.sign(), h -> h.put("alg", "PS256"));

        StatementValidation result = VALIDATOR.validate(es384, freshCrl());
        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(result.message()).contains("ES384", "P-256");
        assertThat(VALIDATOR.validate(ps256, freshCrl()).subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void hmacStatementIsSigCryptoFailure() throws Exception {
        ObjectNode header = ALICE.sign().protectedHeader();
        header.put("alg", "HS256");
        JWSObject jws = new JWSObject(JWSHeader.parse(header.toString()),
                new Payload("{\"msg\":\"me1\"}"));
        jws.sign(new MACSigner(new byte[32]));
        String[] parts = jws.serialize().split("\\.");
        StatementValidation result = VALIDATOR.validate(SignedStatementTest.flattened(parts[0], parts[1], parts[2]),
                freshCrl());

        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(result.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(result.message()).contains("MAC");
    }

    @Test
    void algNoneIsFormatFailure() {
        StatementValidation result = VALIDATOR.validate(SignedStatementTest.withHeader(ALICE.sign(),
                h -> h.put("alg", "none")), freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(result.statementId()).isEmpty();
    }

    @Test
    void validSignatureWithAnAlgorithmThePolicyRefusesIsCryptoConstraintsFailure() {
        StatementValidator es384Only = validator(ValidationPolicy.builder().allowedAlgorithms(Set.of("ES384")));
        StatementValidation result = es384Only.validate(ALICE.sign(), freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
    }

    @Test
    void rsaAndP384SignersValidate() {
        StatementPki.Signer rsa = StatementPki.signer(CA, "RSA Signer", StatementPki.rsaKey(2048),
                StatementPki.LEAF_NOT_BEFORE, StatementPki.LEAF_NOT_AFTER);
        StatementPki.Signer p384 = StatementPki.signer(CA, "P-384 Signer", StatementPki.ecKey("secp384r1"),
                StatementPki.LEAF_NOT_BEFORE, StatementPki.LEAF_NOT_AFTER);

        StatementValidation rsaResult = VALIDATOR.validate(rsa.sign(), freshCrl());
        StatementValidation p384Result = VALIDATOR.validate(p384.sign(), freshCrl());
        assertThat(rsaResult.passed()).as(rsaResult.message()).isTrue();
        assertThat(p384Result.passed()).as(p384Result.message()).isTrue();
    }

    // ----- chain and validity ------------------------------------------------------------------------------

    @Test
    void chainThatDoesNotReachAnAnchorIsNoCertificateChainFound() {
        StatementPki.Signer mallory = StatementPki.signer(OTHER_CA, "Mallory");
        StatementValidation result = VALIDATOR.validate(mallory.sign(), freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(result.certificateChain()).isEmpty();
    }

    @Test
    void claimedSigningTimeAfterExpiryIsExpired() {
        StatementPki.Signer expired = StatementPki.signer(CA, "Expired", StatementPki.ecKey("secp256r1"),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
        StatementValidation result = VALIDATOR.validate(expired.sign(), freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.EXPIRED);
    }

    @Test
    void claimedSigningTimeBeforeValidityIsNotYetValid() {
        StatementPki.Signer future = StatementPki.signer(CA, "Future", StatementPki.ecKey("secp256r1"),
                Instant.parse("2025-06-15T00:00:00Z"), StatementPki.LEAF_NOT_AFTER);
        StatementValidation result = VALIDATOR.validate(future.sign(), freshCrl());

        assertThat(result.subIndication()).isEqualTo(SubIndication.NOT_YET_VALID);
    }

    @Test
    void certificateExpiredSinceAClaimedTimeIsOutOfBoundsNoPoe() {
        StatementPki.Signer shortLived = StatementPki.signer(CA, "Short Lived", StatementPki.ecKey("secp256r1"),
                StatementPki.LEAF_NOT_BEFORE, Instant.parse("2025-06-10T00:00:00Z"));
        SignedStatement statement = shortLived.sign();
        RevocationData crl = freshCrl();

        StatementValidation claimed = VALIDATOR.validate(statement, crl);
        StatementValidation proved = VALIDATOR.validate(timestamped(statement), crl);

        assertThat(claimed.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(claimed.subIndication()).isEqualTo(SubIndication.OUT_OF_BOUNDS_NO_POE);
        assertThat(proved.passed()).as(proved.message()).isTrue();
    }

    // ----- revocation --------------------------------------------------------------------------------------

    @Test
    void revokedBeforeTheSigningTimeIsRevoked() {
        StatementPki.Signer carol = StatementPki.signer(CA, "Carol");
        RevocationData crl = RevocationData.builder().crl(StatementPki.crl(CA, REVOCATION_TIME,
                Map.of(carol.certificate(), Instant.parse("2025-05-01T00:00:00Z")))).build();
        SignedStatement statement = timestamped(carol.sign());

        StatementValidation result = VALIDATOR.validate(statement, crl);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(result.revocation().get(0).revocationTime()).contains(Instant.parse("2025-05-01T00:00:00Z"));
        assertThat(result.revocation().get(0).revocationReason()).contains("KEY_COMPROMISE");
        assertThat(VALIDATOR.validate(carol.sign(), crl).subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void revokedAfterATimeStampedSigningTimeIsStillValid() {
        StatementPki.Signer dave = StatementPki.signer(CA, "Dave");
        Instant revokedAt = Instant.parse("2025-06-01T18:00:00Z");
        RevocationData crl = RevocationData.builder().crl(StatementPki.crl(CA, REVOCATION_TIME,
                Map.of(dave.certificate(), revokedAt))).build();

        StatementValidation result = VALIDATOR.validate(timestamped(dave.sign()), crl);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.timeSource()).contains(TimeSource.TIMESTAMPED);
        assertThat(result.revocation().get(0).status()).isEqualTo(RevocationCheck.Status.REVOKED);
        assertThat(result.revocation().get(0).revocationTime()).contains(revokedAt);
    }

    @Test
    void revokedAfterAClaimedSigningTimeIsRevokedNoPoe() {
        StatementPki.Signer erin = StatementPki.signer(CA, "Erin");
        RevocationData ocsp = RevocationData.builder().ocsp(StatementPki.ocsp(erin.certificate(), CA.certificate(),
                CA.key(), CA.certificate(), REVOCATION_TIME, Instant.parse("2025-06-01T18:00:00Z"))).build();

        StatementValidation result = VALIDATOR.validate(erin.sign(), ocsp);

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED_NO_POE);
    }

    @Test
    void missingRevocationDataIsTryLater() {
        StatementValidation result = VALIDATOR.validate(timestamped(ALICE.sign()), RevocationData.empty());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.revocation().get(0).status()).isEqualTo(RevocationCheck.Status.UNKNOWN);
        assertThat(result.revocation().get(0).source()).isEqualTo(RevocationCheck.Source.NONE);
    }

    @Test
    void crlProducedBeforeTheSigningTimeProvesNothing() {
        RevocationData stale = RevocationData.builder().crl(StatementPki.crl(CA, Instant.parse("2025-05-30T00:00:00Z"),
                Map.of())).build();
        StatementValidation result = VALIDATOR.validate(ALICE.sign(), stale);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.message()).contains("produced before");
    }

    @Test
    void toleranceLetsAnOnlineRelyingPartyUseRevocationDataProducedShortlyBeforeTheSigningTime() {
        // SIGNING_TIME is 2025-06-01T12:00:00Z; the CRL is 10 minutes older.
        RevocationData cached = RevocationData.builder().crl(StatementPki.crl(CA, SIGNING_TIME.minusSeconds(600),
                Map.of())).build();
        assertThat(VALIDATOR.validate(ALICE.sign(), cached).subIndication()).isEqualTo(SubIndication.TRY_LATER);

        StatementValidation tolerant = validator(ValidationPolicy.builder()
                .revocationTolerance(java.time.Duration.ofMinutes(15))).validate(ALICE.sign(), cached);
        assertThat(tolerant.passed()).as(tolerant.message()).isTrue();

        StatementValidation tooOld = validator(ValidationPolicy.builder()
                .revocationTolerance(java.time.Duration.ofMinutes(5))).validate(ALICE.sign(), cached);
        assertThat(tooOld.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(tooOld.message()).contains("produced before");
    }

    @Test
    void toleranceAlsoAcceptsDataFetchedJustAfterAFixedValidationClock() {
        // The validator's "now" is NOW; the CRL was produced 2 seconds later (fetched during the request).
        RevocationData justFetched = RevocationData.builder().crl(StatementPki.crl(CA, NOW.plusSeconds(2), Map.of())).build();
        assertThat(VALIDATOR.validate(ALICE.sign(), justFetched).message()).contains("dated in the future");

        StatementValidation tolerant = validator(ValidationPolicy.builder()
                .revocationTolerance(java.time.Duration.ofMinutes(1))).validate(ALICE.sign(), justFetched);
        assertThat(tolerant.passed()).as(tolerant.message()).isTrue();
    }

    @Test
    void toleranceNeverHidesARevocation() {
        RevocationData cached = RevocationData.builder().crl(StatementPki.crl(CA, SIGNING_TIME.minusSeconds(600),
                Map.of(ALICE.certificate(), SIGNING_TIME.minusSeconds(3600)))).build();
        StatementValidation result = validator(ValidationPolicy.builder()
                .revocationTolerance(java.time.Duration.ofMinutes(15))).validate(ALICE.sign(), cached);
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void crlSignedByAnotherCaDoesNotCount() {
        // Another CA's CRL is not about Alice at all (other issuer name) ...
        RevocationData foreign = RevocationData.builder().crl(StatementPki.emptyCrl(OTHER_CA)).build();
        assertThat(VALIDATOR.validate(ALICE.sign(), foreign).subIndication()).isEqualTo(SubIndication.TRY_LATER);

        // ... and one with her CA's name but signed with another key does not verify.
        TestPki.Ca impostor = new TestPki.Ca(StatementPki.ecKey("secp256r1"), CA.certificate());
        RevocationData forged = RevocationData.builder().crl(StatementPki.emptyCrl(impostor)).build();
        StatementValidation result = VALIDATOR.validate(ALICE.sign(), forged);
        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.message()).contains("signature does not verify");
    }

    @Test
    void revocationIsFetchedOnlyWhenThePolicyAllowsIt() {
        AtomicInteger calls = new AtomicInteger();
        StatementValidator online = validator(ValidationPolicy.builder().revocationFetcher((certificate, issuer) -> {
            calls.incrementAndGet();
            return freshCrl();
        }));

        assertThat(VALIDATOR.validate(ALICE.sign(), RevocationData.empty()).subIndication())
                .isEqualTo(SubIndication.TRY_LATER);
        assertThat(ValidationPolicy.defaults().fetchesRevocation()).isFalse();
        StatementValidation result = online.validate(ALICE.sign(), RevocationData.empty());
        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(calls).hasValue(1);
    }

    // ----- time-stamps -------------------------------------------------------------------------------------

    @Test
    void timeStampOverSomethingElseIsHashFailure() {
        SignedStatement statement = ALICE.sign().withSignatureTimeStamp(StatementPki.unrelatedTimeStamp(TSA, TST_TIME));
        StatementValidation result = VALIDATOR.validate(statement, freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(result.timeStamps()).singleElement()
                .satisfies(tst -> assertThat(tst.subIndication()).isEqualTo(SubIndication.HASH_FAILURE));
    }

    @Test
    void timeStampMovedFromAnotherStatementIsHashFailure() {
        byte[] token = StatementPki.signatureTimeStamp(TSA, ALICE.sign(Instant.parse("2025-06-01T11:00:00Z")), TST_TIME);
        StatementValidation result = VALIDATOR.validate(ALICE.sign().withSignatureTimeStamp(token), freshCrl());

        assertThat(result.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void timeStampFromAnUntrustedTsaIsNoPoe() {
        SignedStatement signed = ALICE.sign();
        SignedStatement statement = signed.withSignatureTimeStamp(
                StatementPki.signatureTimeStamp(FOREIGN_TSA, signed, TST_TIME));
        StatementValidation result = VALIDATOR.validate(statement, freshCrl());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.NO_POE);
        assertThat(result.timeSource()).contains(TimeSource.CLAIMED);
        assertThat(result.timeStamps().get(0).subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void separateTsaAnchorsAreUsedForTimeStamps() {
        SignedStatement signed = ALICE.sign();
        SignedStatement statement = signed.withSignatureTimeStamp(
                StatementPki.signatureTimeStamp(FOREIGN_TSA, signed, TST_TIME));
        StatementValidator validator = new StatementValidator(TrustAnchors.of(CA.certificate()),
                TrustAnchors.of(OTHER_CA.certificate()), ValidationPolicy.builder().clock(StatementPki.clockAt(NOW))
                        .build());

        StatementValidation result = validator.validate(statement, freshCrl());
        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.timeSource()).contains(TimeSource.TIMESTAMPED);
    }

    // ----- input limits ------------------------------------------------------------------------------------

    @Test
    void garbageAndOversizedInputAreFormatFailure() {
        String json = ALICE.sign().toJson();
        StatementValidator small = validator(ValidationPolicy.builder().maxStatementLength(json.length() - 1));

        assertThat(VALIDATOR.validate("{\"protected\":", freshCrl()).subIndication())
                .isEqualTo(SubIndication.FORMAT_FAILURE);
        StatementValidation oversized = small.validate(json, freshCrl());
        assertThat(oversized.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(oversized.message()).contains("exceeds the limit");
        assertThat(VALIDATOR.validate(json, freshCrl()).passed()).isTrue();
    }

    @Test
    void oneValidatorServesManyThreads() throws Exception {
        List<SignedStatement> statements = List.of(ALICE.sign(), timestamped(ALICE.sign()),
                StatementPki.signer(OTHER_CA, "Stranger").sign());
        RevocationData crl = freshCrl();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Indication>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                SignedStatement statement = statements.get(i % 3);
                results.add(pool.submit(() -> VALIDATOR.validate(statement, crl).indication()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 3 == 2 ? Indication.INDETERMINATE : Indication.TOTAL_PASSED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void iatStatementsValidateToo() {
        SignedStatement statement = StatementSigner.builder(ALICE.key().getPrivate(), ALICE.chain())
                .clock(StatementPki.clockAt(SIGNING_TIME)).claimedTimeHeader(ClaimedTimeHeader.IAT).build()
                .sign("t", Map.of("msg", "me1"));
        StatementValidation result = VALIDATOR.validate(statement.toJson(), freshCrl());

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.validationTime()).contains(SIGNING_TIME);
        assertThat(List.of(result.timeSource().orElseThrow())).containsExactly(TimeSource.CLAIMED);
    }
}
