package org.semper.mail.party;

import java.security.cert.X509Certificate;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A party's statement whose signature, certificate chain and labels were checked.
 *
 * @param statement the statement as received
 * @param signer    the signer's certificate
 * @param signerId  its fingerprint: how payloads name the party
 */
public record VerifiedStatement(SignedStatement statement, X509Certificate signer, String signerId) {

    public ObjectNode payload() {
        return statement.payload();
    }

    /** {@code H(s)}. */
    public String id() {
        return statement.id();
    }
}
