package org.semper.notary.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.notary.NotaryConfig;
import org.semper.runtime.exchange.trust.PartyTrust;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The parties the notary accepts ({@code semper.notary.trust.*}) and the evidence library's request verifier built
 * on them: every protocol check of an abort or resolve is the library's, with these anchors and this (online,
 * cached) revocation policy.
 */
@ApplicationScoped
public class NotaryTrust {

    @Produces
    @Singleton
    PartyTrust partyTrust(NotaryConfig config, MeterRegistry metrics) {
        return PartyTrust.of(config.trust(), metrics);
    }

    @Produces
    @Singleton
    TtpRequestVerifier requestVerifier(PartyTrust trust) {
        return new TtpRequestVerifier(trust.anchors(), trust.policy());
    }
}
