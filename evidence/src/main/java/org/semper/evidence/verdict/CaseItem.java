package org.semper.evidence.verdict;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;

/**
 * One item of the case bundle as the judge rules see it: its bytes, and if it is a signed statement, the parsed
 * statement and its validation. A rule may rest only on statements that {@linkplain #valid() passed}.
 */
public record CaseItem(BundleItem item, Optional<SignedStatement> statement, Optional<StatementValidation> validation,
        Optional<X509Certificate> certificate, ItemCheck check) {

    public CaseItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(check, "check");
    }

    public String id() {
        return item.id();
    }

    public ItemRole role() {
        return item.role();
    }

    public byte[] content() {
        return item.content();
    }

    public String text() {
        return new String(item.content(), StandardCharsets.UTF_8);
    }

    /** A signed statement whose validation passed. */
    public boolean valid() {
        return statement.isPresent() && check.passed();
    }
}
