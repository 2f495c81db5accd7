package org.semper.evidence.verdict;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TimeSource;

/**
 * How one item of the case bundle fared: for a signed statement, its {@code StatementValidator} result at the time
 * that matters (indication, sub-indication, statement id, signer, that time and whether it is time-stamped or only
 * claimed); for validation material (certificates, CRLs, OCSP responses, log proofs, checkpoints) whether it is
 * well-formed and what it proves; content items (ciphertext, keys) have no indication of their own.
 *
 * @param kind       {@code statement}, {@code certificate}, {@code crl}, {@code ocsp}, {@code time-stamp},
 *                   {@code log-proof}, {@code consistency-proof}, {@code checkpoint} or {@code content}
 * @param indication empty for content
 * @param signer     h(DER) of the signer's (or certificate's, or CRL issuer's) certificate, when known
 */
public record ItemCheck(String id, ItemRole role, String mediaType, String sha256, int size, String kind,
        Optional<Indication> indication, Optional<SubIndication> subIndication, Optional<String> statementId,
        Optional<String> signer, Optional<String> signerSubject, Optional<Instant> validationTime,
        Optional<TimeSource> timeSource, String message) {

    public ItemCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the item is signed material that passed, i.e. a judge rule may rest on it. */
    public boolean passed() {
        return indication.filter(i -> i == Indication.TOTAL_PASSED).isPresent();
    }

    Map<String, Object> toPayload() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("role", role.code());
        out.put("mediaType", mediaType);
        out.put("sha256", sha256);
        out.put("size", size);
        out.put("kind", kind);
        indication.ifPresent(i -> out.put("indication", i.name()));
        subIndication.ifPresent(s -> out.put("subIndication", s.name()));
        statementId.ifPresent(s -> out.put("statementId", s));
        signer.ifPresent(s -> out.put("signer", s));
        signerSubject.ifPresent(s -> out.put("signerSubject", s));
        validationTime.ifPresent(t -> out.put("validationTime", t.toString()));
        timeSource.ifPresent(t -> out.put("timeSource", t.name()));
        out.put("message", message);
        return out;
    }
}
