package org.semper.evidence.exchange;

import java.util.Optional;

/**
 * The three optimistic exchange protocols ({@code docs/protocols.md}), with the message labels ({@code msg}) and
 * payload member names that differ between them. Everything else (abort, resolve, tokens) is shared.
 */
public enum ExchangeProtocol {
    /** §1 contract signing: originator O, responder R. */
    CONTRACT_SIGNING("semper-cs/1", "me1", "me2", "me1", "me2", "originator", "responder", false),
    /** §2 payment for digital goods: merchant M, buyer B. */
    PURCHASE("semper-px/1", "px1", "px2", "x1", "x2", "merchant", "buyer", true),
    /** §3 certified mail: sender S, recipient R. */
    CERTIFIED_MAIL("semper-cm/1", "eoo", "eor", "eoo", "eor", "sender", "recipient", true);

    private final String id;
    private final String firstLabel;
    private final String secondLabel;
    private final String backReference;
    private final String secondReference;
    private final String initiatorMember;
    private final String responderMember;
    private final boolean escrow;

    ExchangeProtocol(String id, String firstLabel, String secondLabel, String backReference, String secondReference,
            String initiatorMember,
            String responderMember, boolean escrow) {
        this.id = id;
        this.firstLabel = firstLabel;
        this.secondLabel = secondLabel;
        this.backReference = backReference;
        this.secondReference = secondReference;
        this.initiatorMember = initiatorMember;
        this.responderMember = responderMember;
        this.escrow = escrow;
    }

    /** The protocol tag written into every payload as {@code "protocol"}, e.g. {@code semper-cs/1}. */
    public String id() {
        return id;
    }

    /** The protocol whose tag is {@code id}. */
    public static Optional<ExchangeProtocol> fromId(String id) {
        for (ExchangeProtocol protocol : values()) {
            if (protocol.id.equals(id)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** The label of the first message, whose id is the exchange id: {@code me1}, {@code px1}, {@code eoo}. */
    public String firstLabel() {
        return firstLabel;
    }

    /** The label of the responder's answer a resolve rests on: {@code me2}, {@code px2}, {@code eor}. */
    public String secondLabel() {
        return secondLabel;
    }

    /** The payload member by which every later message names {@code H(first)}: {@code me1}, {@code x1}, {@code eoo}. */
    public String backReference() {
        return backReference;
    }

    /** The member of a resolve request naming {@code H(second)}: {@code me2}, {@code x2}, {@code eor}. */
    public String secondReference() {
        return secondReference;
    }

    /** The payload member naming a party (by certificate fingerprint) of the given role. */
    public String partyMember(PartyRole role) {
        return role == PartyRole.INITIATOR ? initiatorMember : responderMember;
    }

    /** Whether the first message escrows a key with the TTP ({@code ek}): px and cm. */
    public boolean usesEscrow() {
        return escrow;
    }

    /** The {@code typ} header of a statement with label {@code msg} in this protocol: {@code <id>/<msg>}. */
    public String type(String msg) {
        return id + "/" + msg;
    }

    /** The label of the TTP's resolve token: {@code resolved}, or {@code key-released} in certified mail. */
    public String resolvedLabel() {
        return this == CERTIFIED_MAIL ? Labels.KEY_RELEASED : Labels.RESOLVED;
    }
}
