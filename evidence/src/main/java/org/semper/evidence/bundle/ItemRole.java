package org.semper.evidence.bundle;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an item is to the case. Message roles are the protocol labels of {@code docs/protocols.md}; the others are
 * the supporting material a validator needs offline (certificates, revocation data, time-stamps, log proofs).
 */
public enum ItemRole {
    // Business documents
    OFFER("offer"), ORDER("order"), CONTRACT("contract"), PAYMENT("payment"), INVOICE("invoice"), CLAIM("claim"),
    // semper-cs/1
    ME1("me1"), ME2("me2"), ME3("me3"), ME4("me4"),
    // semper-px/1
    PX1("px1"), PX2("px2"), PX3("px3"), PX4("px4"),
    // semper-cm/1
    EOO("eoo"), EOR("eor"), EOK("eok"),
    // Requests to a TTP and its answers
    ABORT_REQUEST("abort-request"), RESOLVE_REQUEST("resolve-request"), ABORT_TOKEN("abort-token"),
    RESOLVE_TOKEN("resolve-token"), AFFIDAVIT("affidavit"), KEY_RELEASED("key-released"), STATUS("status"),
    DELIVERY_EVIDENCE("delivery-evidence"),
    // Content
    CIPHERTEXT("ciphertext"), PLAINTEXT("plaintext"), KEY("key"), ESCROW("escrow"),
    // Validation material
    CERTIFICATE("certificate"), CRL("crl"), OCSP("ocsp"), TST("tst"), TLOG_PROOF("tlog-proof"),
    CHECKPOINT("checkpoint"),
    // Arbitration
    TRANSCRIPT("transcript"), NOTICE("notice"),
    /** Anything else the submitter wants on record; the judge rules never rest on it. */
    OTHER("other");

    private static final Map<String, ItemRole> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ItemRole::code, Function.identity()));

    private final String code;

    ItemRole(String code) {
        this.code = code;
    }

    /** The role as written in a manifest. */
    public String code() {
        return code;
    }

    public static Optional<ItemRole> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
