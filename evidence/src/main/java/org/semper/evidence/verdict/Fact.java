package org.semper.evidence.verdict;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fact a judge rule established, with the items it rests on (bundle item ids), the party it is about (h(DER) of
 * its certificate: the liable TTP for {@link FactKind#TTP_MISBEHAVED}), an amount when the evidence states one (the
 * payment in px2), and whether a TTP token the claimant might withhold could overturn it ({@code needsTtpView}: an
 * abort token withheld by a sender claiming receipt, say), so that upholding a claim on it needs the TTP's own signed
 * status of the exchange.
 */
public record Fact(FactKind kind, String text, List<String> items, Optional<String> party, Optional<BigDecimal> amount,
        Optional<String> currency, boolean needsTtpView) {

    public Fact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        items = List.copyOf(items);
    }

    public static Fact of(FactKind kind, String text, List<String> items) {
        return new Fact(kind, text, items, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public Fact about(String party) {
        return new Fact(kind, text, items, Optional.of(party), amount, currency, needsTtpView);
    }

    public Fact amount(BigDecimal amount, String currency) {
        return new Fact(kind, text, items, party, Optional.of(amount), Optional.of(currency), needsTtpView);
    }

    /** The same fact, marked as one a withheld TTP token could overturn. */
    public Fact needingTtpView() {
        return new Fact(kind, text, items, party, amount, currency, true);
    }
}
