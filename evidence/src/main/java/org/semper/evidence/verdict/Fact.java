package org.semper.evidence.verdict;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fact a judge rule established, with the items it rests on (bundle item ids), the party it is about (h(DER) of
 * its certificate: the liable TTP for {@link FactKind#TTP_MISBEHAVED}, the payer for {@link FactKind#PAYMENT_DUE}),
 * and an amount when the evidence states one (the payment in x2).
 */
public record Fact(FactKind kind, String text, List<String> items, Optional<String> party, Optional<BigDecimal> amount,
        Optional<String> currency) {

    public Fact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        items = List.copyOf(items);
    }

    public static Fact of(FactKind kind, String text, List<String> items) {
        return new Fact(kind, text, items, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Fact about(String party) {
        return new Fact(kind, text, items, Optional.of(party), amount, currency);
    }

    public Fact amount(BigDecimal amount, String currency) {
        return new Fact(kind, text, items, party, Optional.of(amount), Optional.of(currency));
    }
}
