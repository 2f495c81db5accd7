package org.semper.agent.consent;

/**
 * Asked before every signature the party's key makes ("what you see is what you sign"): the request holds the exact
 * header and payload about to be signed. Returning false refuses the signature ({@link SignatureDeclinedException}).
 * The terminal asks the user; {@code --yes} approves after showing the rendering; tests record what was asked.
 */
@FunctionalInterface
public interface SigningConsent {
    boolean approve(SigningRequest request);

    /** Approves everything without showing anything: only for keys that sign nothing a person must see. */
    static SigningConsent approveAll() {
        return request -> true;
    }
}
