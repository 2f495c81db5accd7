package org.semper.evidence.verdict;

/**
 * What a judge rule can establish from the evidence ({@code docs/protocols.md}, judge rules of each protocol, and
 * the arbiter's own rules). A claim is upheld or dismissed by the facts established, never by their absence alone.
 */
public enum FactKind {
    /** cs rules 1 and 3: a valid standard contract, or a valid replacement contract (RC). */
    CONTRACT_BINDS("contract-binds"),
    /** cs rule 2: an abort token (AT) and no standard contract. */
    NO_CONTRACT("no-contract"),
    /** px: x3 or RC with a key K that opens the goods as described, and no affidavit. */
    PAYMENT_DUE("payment-due"),
    /** px: an affidavit (escrow-invalid): the payment in x2 is void. */
    PAYMENT_VOID("payment-void"),
    /** px: an AT with no x3 and no RC: no sale. */
    NO_SALE("no-sale"),
    /** px: the goods decrypt, but not to the content the offer describes. */
    GOODS_NOT_AS_DESCRIBED("goods-not-as-described"),
    /** cm: EOR and a valid key (EOK given to the recipient, or CON), and no AT. */
    RECEIPT_PROVED("receipt-proved"),
    /** cm: an AT voids the EOR (or the escrow was bogus: an affidavit). */
    RECEIPT_VOID("receipt-void"),
    /** cm: EOO, a valid key and the ciphertext. */
    ORIGIN_PROVED("origin-proved"),
    /** Two contradictory signed statements of one TTP (AT and RC/CON for one exchange), or two inconsistent
     * signed checkpoints of its log. */
    TTP_MISBEHAVED("ttp-misbehaved"),
    /** A CA's certificate stated good while the CA now says its key was compromised at that time. */
    CERTIFICATE_MISCERTIFIED("certificate-miscertified");

    private final String code;

    FactKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
