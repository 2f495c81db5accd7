package org.semper.arbiter.dispute;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A dispute as stored. Byte fields are the exact documents received or signed. */
public record DisputeRecord(UUID id, String claimId, String claimType, byte[] claim, String claimant,
        String claimantSubject, String respondent, Optional<String> respondentSubject, Optional<byte[]> respondentCertificate,
        BigDecimal amount, String currency, Optional<String> protocol, Optional<String> exchange, String state,
        Instant filedAt, Optional<Instant> respondBy, Optional<Instant> decidedAt, Optional<String> verdict,
        Optional<String> transcriptId, Optional<byte[]> transcript, Optional<byte[]> stampedTranscript,
        Optional<byte[]> caseBundle, Optional<String> ledgerClaimId) {

    public boolean decided() {
        return "decided".equals(state);
    }

    /** The transcript as served: with its time-stamp once it has one. */
    public Optional<byte[]> servedTranscript() {
        return stampedTranscript.or(() -> transcript);
    }

    public boolean isParty(String fingerprint) {
        return claimant.equals(fingerprint) || respondent.equals(fingerprint);
    }
}
