package org.semper.runtime.exchange.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.runtime.testing.InProcessCa;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PartyTrustTest {

    private static InProcessCa ca;
    private static InProcessCa secondCa;
    private static InProcessCa untrustedCa;
    private static Path directory;

    record Revocation(Duration maxAge) implements PartyTrustConfig.Revocation {
        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int cacheSize() {
            return 100;
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ca = InProcessCa.start("Trusted CA One");
        secondCa = InProcessCa.start("Trusted CA Two");
        untrustedCa = InProcessCa.start("Untrusted CA");
        directory = Files.createTempDirectory("semper-trust-test-");
    }

    @AfterAll
    static void stop() {
        ca.close();
        secondCa.close();
        untrustedCa.close();
    }

    private static PartyTrust trust(Clock clock) {
        return trust(clock, List.of(ca.writeRootPem(directory.resolve("one.pem")),
                secondCa.writeRootPem(directory.resolve("two.pem"))));
    }

    private static PartyTrust trust(Clock clock, List<Path> anchors) {
        return new PartyTrust(PartyTrust.anchors(anchors), new HttpRevocationFetcher(Duration.ofSeconds(5)),
                new Revocation(Duration.ofMinutes(5)), clock, new SimpleMeterRegistry());
    }

    private static SignedStatement signedBy(InProcessCa.Party party) {
        return StatementSigner.of(party.keys().getPrivate(), party.chain()).sign("semper-test", Map.of("msg", "hello"));
    }

    @Test
    void partiesOfEveryConfiguredCaAreAcceptedWithOcspFromTheirCa() {
        PartyTrust trust = trust(Clock.systemUTC());
        for (InProcessCa issuer : List.of(ca, secondCa)) {
            int before = issuer.ocspRequests();
            StatementValidation result = trust.validator().validate(signedBy(issuer.issue("Alice")), RevocationData.empty());
            assertThat(result.passed()).as(result.message()).isTrue();
            assertThat(issuer.ocspRequests()).isEqualTo(before + 1);
        }
    }

    @Test
    void aPartyUnderAnIssuingCaIsAcceptedWithOnlyTheRootAsAnchorThroughTheRootsCrl() {
        InProcessCa twoLevel = InProcessCa.startWithIssuingCa("Two Level CA");
        try {
            assertThat(HttpRevocationFetcher.urls(twoLevel.issuer(), true)).isEmpty();
            assertThat(HttpRevocationFetcher.urls(twoLevel.issuer(), false)).singleElement().asString().endsWith("/arl");
            MovableClock clock = new MovableClock();
            PartyTrust trust = trust(clock, List.of(twoLevel.writeRootPem(directory.resolve("two-level.pem"))));
            InProcessCa.Party grace = twoLevel.issue("Grace");

            StatementValidation result = trust.validator().validate(signedBy(grace), RevocationData.empty());
            assertThat(result.passed()).as(result.message()).isTrue();
            assertThat(result.certificateChain()).containsExactly(grace.certificate(), twoLevel.issuer(), twoLevel.root());
            assertThat(result.revocation()).extracting(RevocationCheck::source)
                    .containsExactly(RevocationCheck.Source.OCSP, RevocationCheck.Source.CRL);
            assertThat(result.revocation().get(1).signedBy()).contains(twoLevel.root());
            assertThat(twoLevel.arlRequests()).isEqualTo(1);

            // the root's CRL is a month old, yet cached for max-age from when it was fetched
            assertThat(trust.validator().validate(signedBy(grace), RevocationData.empty()).passed()).isTrue();
            assertThat(twoLevel.arlRequests()).as("answered from the cache").isEqualTo(1);
            clock.advance(Duration.ofMinutes(6));
            assertThat(trust.validator().validate(signedBy(grace), RevocationData.empty()).passed()).isTrue();
            assertThat(twoLevel.arlRequests()).as("fetched again after max-age").isEqualTo(2);
        } finally {
            twoLevel.close();
        }
    }

    @Test
    void revokingTheIssuingCaRevokesItsParties() {
        InProcessCa twoLevel = InProcessCa.startWithIssuingCa("Revoked Two Level CA");
        try {
            PartyTrust trust = trust(Clock.systemUTC(), List.of(twoLevel.writeRootPem(directory.resolve("revoked.pem"))));
            InProcessCa.Party heidi = twoLevel.issue("Heidi");
            assertThat(trust.validator().validate(signedBy(heidi), RevocationData.empty()).passed()).isTrue();

            twoLevel.revokeIssuingCa(Instant.now().minusSeconds(60));
            trust.revocationCache().clear();

            StatementValidation result = trust.validator().validate(signedBy(heidi), RevocationData.empty());
            assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
            assertThat(result.message()).contains("CN=Revoked Two Level CA");
        } finally {
            twoLevel.close();
        }
    }

    @Test
    void aPartyOfAnotherCaIsNotTrusted() {
        StatementValidation result = trust(Clock.systemUTC()).validator().validate(signedBy(untrustedCa.issue("Mallory")),
                RevocationData.empty());
        assertThat(result.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void revocationDataIsCachedForItsMaximumAgeThenFetchedAgain() {
        MovableClock clock = new MovableClock();
        PartyTrust trust = trust(clock);
        InProcessCa.Party bob = ca.issue("Bob");
        int before = ca.ocspRequests();

        assertThat(trust.validator().validate(signedBy(bob), RevocationData.empty()).passed()).isTrue();
        assertThat(trust.validator().validate(signedBy(bob), RevocationData.empty()).passed()).isTrue();
        assertThat(ca.ocspRequests()).as("the second request is answered from the cache").isEqualTo(before + 1);

        clock.advance(Duration.ofMinutes(6));
        StatementValidation later = trust.validator().validate(signedBy(bob), RevocationData.empty());
        assertThat(ca.ocspRequests()).isEqualTo(before + 2);
        assertThat(later.subIndication()).as("an OCSP response produced before the (moved) clock's signing time, "
                + "but within the tolerance").isNull();
    }

    @Test
    void aRevokedPartyIsRefusedOnceTheCachedStatusExpires() {
        PartyTrust trust = trust(Clock.systemUTC());
        InProcessCa.Party carol = ca.issue("Carol");
        assertThat(trust.validator().validate(signedBy(carol), RevocationData.empty()).passed()).isTrue();

        ca.revoke(carol.certificate(), Instant.now().minusSeconds(60));
        trust.revocationCache().clear();

        StatementValidation result = trust.validator().validate(signedBy(carol), RevocationData.empty());
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void anUnreachableCaGivesUnknownRevocationStatusAndNothingIsCached() {
        PartyTrust trust = trust(Clock.systemUTC());
        InProcessCa.Party dave = secondCa.issue("Dave");
        secondCa.available(false);
        try {
            StatementValidation result = trust.validator().validate(signedBy(dave), RevocationData.empty());
            assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
            assertThat(trust.revocationCache().size()).isZero();
        } finally {
            secondCa.available(true);
        }
        assertThat(trust.validator().validate(signedBy(dave), RevocationData.empty()).passed()).isTrue();
    }

    @Test
    void anExpiredPartyIsRefused() {
        InProcessCa.Party old = ca.issue("Erin", Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        StatementValidation result = trust(Clock.systemUTC()).validator().validate(signedBy(old), RevocationData.empty());
        assertThat(result.subIndication()).isEqualTo(SubIndication.EXPIRED);
    }

    @Test
    void theFetcherAsksTheResponderTheCertificateNamesThenItsCrlDistributionPoint() {
        InProcessCa.Party frank = ca.issue("Frank");
        assertThat(HttpRevocationFetcher.urls(frank.certificate(), true)).singleElement().asString().endsWith("/ocsp");
        assertThat(HttpRevocationFetcher.urls(frank.certificate(), false)).singleElement().asString().endsWith("/crl");
        HttpRevocationFetcher fetcher = new HttpRevocationFetcher(Duration.ofSeconds(5));

        RevocationData ocsp = fetcher.fetch(frank.certificate(), ca.root());
        assertThat(ocsp.ocspResponses()).hasSize(1);
        assertThat(ocsp.crls()).isEmpty();

        ca.ocspAvailable(false);
        try {
            RevocationData crl = fetcher.fetch(frank.certificate(), ca.root());
            assertThat(crl.ocspResponses()).isEmpty();
            assertThat(crl.crls()).hasSize(1);
            StatementValidation result = trust(Clock.systemUTC()).validator().validate(signedBy(frank), RevocationData.empty());
            assertThat(result.passed()).as(result.message()).isTrue();
        } finally {
            ca.ocspAvailable(true);
        }
    }
}
