package org.semper.agent.trust;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationFetcher;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * How the agent decides whether a statement it receives counts: the evidence library's {@link StatementValidator}
 * with the party's trust anchors, at "now", with revocation data fetched from where each certificate says (CRL
 * distribution point, OCSP responder). Everything fetched can be handed to a sink, so that the deal archive keeps
 * the CRLs and OCSP responses its evidence was checked with (a judge validates offline with them).
 */
public final class PartyTrust {
    private final TrustAnchors anchors;
    private final RevocationFetcher fetcher;
    private final Clock clock;

    public PartyTrust(TrustAnchors anchors, RevocationFetcher fetcher, Clock clock) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    /** Validation now, handing every piece of revocation data fetched to {@code sink}. */
    public StatementTrust recording(Consumer<RevocationData> sink) {
        RevocationFetcher recording = (certificate, issuer) -> {
            RevocationData data = fetcher.fetch(certificate, issuer);
            if (!data.isEmpty()) {
                sink.accept(data);
            }
            return data;
        };
        ValidationPolicy policy = ValidationPolicy.builder().clock(clock).revocationFetcher(recording).build();
        return StatementTrust.of(new StatementValidator(anchors, policy), RevocationData.empty());
    }

    /** Validation now, without keeping what is fetched. */
    public StatementTrust now() {
        return recording(data -> { });
    }
}
