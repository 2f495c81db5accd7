package org.semper.arbiter.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.arbiter.trust.ArbiterTrust;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.runtime.problem.ProblemException;

/**
 * A party's signed access request ({@code typ} {@value #TYPE}, payload {@code {dispute, what, nonce}}): signed with
 * the certificate the party is named by in the dispute (claimant or respondent), chaining to the arbiter's anchors,
 * within {@code semper.arbiter.disputes.access-request-max-age} of now, and used once.
 */
@ApplicationScoped
public class PartyAccess {
    public static final String TYPE = "semper-dispute-access+json";
    /** What a party may fetch. */
    public static final Set<String> WHAT = Set.of("transcript", "html", "pdf", "bundle");

    private final Disputes disputes;
    private final ArbiterTrust trust;
    private final Duration maxAge;

    @Inject
    public PartyAccess(Disputes disputes, ArbiterTrust trust, ArbiterConfig config) {
        this.disputes = disputes;
        this.trust = trust;
        this.maxAge = config.disputes().accessRequestMaxAge();
    }

    /** The dispute and what the party asks for, once the request is verified. */
    public record Granted(DisputeRecord dispute, String what) {
    }

    public Granted verify(UUID id, String requestJson) {
        SignedStatement request;
        try {
            request = SignedStatement.parse(requestJson == null ? "" : requestJson);
        } catch (MalformedStatementException e) {
            throw invalid("not a signed statement: " + e.getMessage());
        }
        if (!TYPE.equals(request.type())) {
            throw invalid("typ is " + request.type() + ", not " + TYPE);
        }
        String what = request.payload().path("what").asText("");
        if (!id.toString().equals(request.payload().path("dispute").asText()) || !WHAT.contains(what)
                || request.payload().path("nonce").asText("").length() < 16) {
            throw invalid("the payload must name this dispute, what (one of " + WHAT + ") and a nonce");
        }
        DisputeRecord dispute = disputes.find(id).orElseThrow(() -> invalid("no such dispute"));
        String signer = Hashes.fingerprint(request.signerCertificate());
        if (!dispute.isParty(signer)) {
            throw invalid("the signer is not a party to the dispute");
        }
        Instant now = Instant.now();
        Instant signed = request.claimedSigningTime();
        if (signed.isBefore(now.minus(maxAge)) || signed.isAfter(now.plus(maxAge))) {
            throw invalid("signed at " + signed + ", not within " + maxAge + " of now");
        }
        StatementValidation validation = trust.validator().validate(request, RevocationData.empty());
        if (validation.indication() == Indication.TOTAL_FAILED
                || validation.subIndication() == SubIndication.NO_CERTIFICATE_CHAIN_FOUND) {
            throw invalid(validation.subIndication() + ": " + validation.message());
        }
        if (!disputes.rememberAccessRequest(request.id(), signed.plus(maxAge))) {
            throw new ProblemException(ArbiterProblem.ACCESS_REQUEST_REPLAYED, "Request " + request.id()
                    + " was used before");
        }
        return new Granted(dispute, what);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ArbiterProblem.ACCESS_REQUEST_INVALID, detail);
    }
}
