package org.semper.evidence.verdict;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a claimant asks the arbiter to establish ({@code docs/arbitration.md}). Protocol claims name the protocol whose
 * judge rules decide them; the two others are decided by the engine's own rules.
 */
public enum ClaimType {
    /** semper-cs/1: the contract binds the respondent (rules 1 and 3). */
    CONTRACT_BINDING("contract-binding", "semper-cs/1"),
    /** semper-cs/1: there is no contract (rule 2). */
    CONTRACT_NOT_BINDING("contract-not-binding", "semper-cs/1"),
    /** semper-px/1, merchant against buyer: the goods were delivered, the payment is due. */
    PAYMENT_DUE("payment-due", "semper-px/1"),
    /** semper-px/1, buyer against merchant: the payment is void (bogus escrow, no sale) and must be refunded. */
    REFUND_DUE("refund-due", "semper-px/1"),
    /** semper-px/1, buyer against merchant: the goods decrypt but differ from the offer's description. */
    GOODS_NOT_AS_DESCRIBED("goods-not-as-described", "semper-px/1"),
    /** semper-cm/1, sender against recipient: the recipient received the message. */
    PROOF_OF_RECEIPT("proof-of-receipt", "semper-cm/1"),
    /** semper-cm/1, recipient against sender: the sender sent this message. */
    PROOF_OF_ORIGIN("proof-of-origin", "semper-cm/1"),
    /** Against a TTP: two contradictory signed tokens, or two inconsistent signed checkpoints of its log. */
    TTP_MISBEHAVIOUR("ttp-misbehaviour", null),
    /** Against a CA: damage from a statement signed with a certificate the CA vouched for while its key was
     * compromised, paid from the cover stated in that certificate. */
    CERTIFICATE_LIABILITY("certificate-liability", null);

    private final String code;
    private final String protocol;

    ClaimType(String code, String protocol) {
        this.code = code;
        this.protocol = protocol;
    }

    public String code() {
        return code;
    }

    /** The protocol whose judge rules decide this claim; empty for the engine's own claim types. */
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    public static Optional<ClaimType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
