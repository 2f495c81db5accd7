package org.semper.agent.ttp;

import java.util.Optional;

import org.semper.evidence.exchange.ExchangeReason;

/**
 * The TTP refused a request (RFC 9457 problem+json with the evidence library's reason code). A refusal changes
 * nothing at the TTP; {@link #retryable()} says whether the same request may work later
 * ({@code revocation-unknown}, a server error).
 */
public final class TtpRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public TtpRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The protocol reason, when the code is one of {@code docs/protocols.md} §7. */
    public Optional<ExchangeReason> reason() {
        for (ExchangeReason reason : ExchangeReason.values()) {
            if (reason.code().equals(code)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    public boolean retryable() {
        return status >= 500 || status == 429 || "revocation-unknown".equals(code);
    }
}
