package org.semper.mail.testing;

import java.security.cert.X509Certificate;

import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.testing.InProcessCa;

/** A sender or recipient: a key and certificate from the test CA, and a statement signer for them. */
public record MailParty(String name, InProcessCa.Party party, StatementSigner signer) {

    /** A new party with a fresh key and certificate. */
    public static MailParty create(String name) {
        InProcessCa.Party party = MailTestEnvironment.ca().issue(name + " " + java.util.UUID.randomUUID());
        return new MailParty(name, party, StatementSigner.of(party.keys().getPrivate(), party.chain()));
    }

    public X509Certificate certificate() {
        return party.certificate();
    }

    /** How payloads name the party. */
    public String id() {
        return Hashes.fingerprint(party.certificate());
    }
}
