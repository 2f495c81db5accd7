package org.semper.runtime.exchange;

import java.util.EnumMap;
import java.util.Map;

import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.runtime.problem.ProblemException;
import org.semper.runtime.problem.ProblemType;

/**
 * A TTP's refusals of abort and resolve requests as problem+json: one constant per {@link ExchangeReason} of the
 * evidence library, with the library's stable code and title, and the HTTP status. The checks themselves are the
 * library's ({@code TtpRequestVerifier}); this only says how a service answers them.
 *
 * <ul>
 * <li>400: the request cannot be read ({@code malformed}, {@code wrong-protocol});</li>
 * <li>403: {@code abort-by-responder} (the signer may not do this);</li>
 * <li>422: readable, but refused by a protocol or trust rule;</li>
 * <li>503: {@code revocation-unknown} (the CA did not answer; the same request may succeed later).</li>
 * </ul>
 */
public enum ExchangeProblem implements ProblemType {
    MALFORMED(ExchangeReason.MALFORMED, 400),
    WRONG_PROTOCOL(ExchangeReason.WRONG_PROTOCOL, 400),
    WRONG_LABEL(ExchangeReason.WRONG_LABEL, 422),
    NOT_BOUND(ExchangeReason.NOT_BOUND, 422),
    BAD_SIGNATURE(ExchangeReason.BAD_SIGNATURE, 422),
    SIGNER_NOT_PARTY(ExchangeReason.SIGNER_NOT_PARTY, 422),
    WRONG_TTP(ExchangeReason.WRONG_TTP, 422),
    DEADLINE_PASSED(ExchangeReason.DEADLINE_PASSED, 422),
    ABORT_BY_RESPONDER(ExchangeReason.ABORT_BY_RESPONDER, 403),
    CERTIFICATE_UNTRUSTED(ExchangeReason.CERTIFICATE_UNTRUSTED, 422),
    CERTIFICATE_REVOKED(ExchangeReason.CERTIFICATE_REVOKED, 422),
    CERTIFICATE_EXPIRED(ExchangeReason.CERTIFICATE_EXPIRED, 422),
    REVOCATION_UNKNOWN(ExchangeReason.REVOCATION_UNKNOWN, 503),
    ESCROW_MISMATCH(ExchangeReason.ESCROW_MISMATCH, 422),
    PAYMENT_MISMATCH(ExchangeReason.PAYMENT_MISMATCH, 422),
    BAD_NONCE(ExchangeReason.BAD_NONCE, 422),
    BAD_KEY(ExchangeReason.BAD_KEY, 422),
    CONTENT_MISMATCH(ExchangeReason.CONTENT_MISMATCH, 422);

    private static final Map<ExchangeReason, ExchangeProblem> BY_REASON = new EnumMap<>(ExchangeReason.class);

    static {
        for (ExchangeProblem problem : values()) {
            BY_REASON.put(problem.reason, problem);
        }
    }

    private final ExchangeReason reason;
    private final ProblemSpec spec;

    ExchangeProblem(ExchangeReason reason, int status) {
        this.reason = reason;
        this.spec = new ProblemSpec(reason.code(), status, reason.title());
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }

    public ExchangeReason reason() {
        return reason;
    }

    /** The problem for a reason; a reason added to the library without a constant here is answered as 422. */
    public static ProblemType of(ExchangeReason reason) {
        ExchangeProblem problem = BY_REASON.get(reason);
        return problem != null ? problem : () -> new ProblemSpec(reason.code(), 422, reason.title());
    }

    /** The problem+json answer to a rejection (detail: the library's message). */
    public static ProblemException toProblem(ExchangeRejection rejection) {
        return new ProblemException(of(rejection.reason()), rejection.getMessage());
    }
}
