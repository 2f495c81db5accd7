package org.semper.evidence.verdict;

import java.util.List;
import java.util.Objects;

import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.validation.TrustAnchors;

/**
 * What the judge trusts without proof: the CAs of signers, the TSAs' anchors, and the keys of TTP transparency logs
 * (C2SP verifier keys, pinned as a monitor pins them). A log key may also be proved by a certificate in the bundle
 * that chains to {@link #signers()}.
 */
public record Trust(TrustAnchors signers, TrustAnchors timeStamping, List<NoteVerifier> logKeys) {
    public Trust {
        Objects.requireNonNull(signers, "signers");
        Objects.requireNonNull(timeStamping, "timeStamping");
        logKeys = List.copyOf(logKeys);
    }

    /** The same anchors for signers and TSAs, no pinned log keys. */
    public static Trust of(TrustAnchors anchors) {
        return new Trust(anchors, anchors, List.of());
    }
}
