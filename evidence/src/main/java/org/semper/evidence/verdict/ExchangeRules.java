package org.semper.evidence.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Labels;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.exchange.judge.JudgeReason;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.validation.Indication;

/**
 * What the three protocol adapters share: picking an exchange's messages, tokens and content out of the case
 * bundle, handing them to the protocol's judge of {@code org.semper.evidence.exchange.judge} (which holds the rules),
 * and translating its judgment into {@link Fact}s whose items are bundle item ids. No rule is restated here.
 *
 * <p>Where the case holds several candidates for one message (both parties' copies, a replay), the adapter prefers
 * one bound to the exchange whose signature validated, and hands over the first otherwise, so that the judge says
 * why it is left out. Statements that could not be judged for want of a fact (revocation data, a time-stamp) become
 * {@link MissingFact}s.
 */
abstract class ExchangeRules implements ExchangeJudge {
    /** The roles under which TTP tokens may come. */
    private static final Set<ItemRole> TOKEN_ROLES = Set.of(ItemRole.ABORT_TOKEN, ItemRole.RESOLVE_TOKEN,
            ItemRole.AFFIDAVIT, ItemRole.KEY_RELEASED, ItemRole.STATUS);

    private final ExchangeProtocol protocol;
    private final ItemRole firstRole;

    ExchangeRules(ExchangeProtocol protocol, ItemRole firstRole) {
        this.protocol = protocol;
        this.firstRole = firstRole;
    }

    @Override
    public String protocol() {
        return protocol.id();
    }

    /** The judging in the adapter's own terms; {@code first} is the first message item (any validity). */
    abstract JudgeFinding judge(Hearing hearing, CaseItem first);

    @Override
    public final JudgeFinding judge(ExchangeCase exchange) {
        Optional<CaseItem> first = firstMessage(exchange);
        if (first.isEmpty()) {
            return new JudgeFinding(List.of(), List.of(), List.of(new Reason("no-first-message", "the case file holds no "
                    + protocol.firstLabel() + " whose id is the exchange " + exchange.exchange(), List.of())));
        }
        Hearing hearing = new Hearing(exchange);
        hearing.used(first.get());
        JudgeFinding finding = judge(hearing, first.get());
        List<MissingFact> missing = new ArrayList<>(finding.missing());
        for (CaseItem item : hearing.used) {
            if (item.check().indication().orElse(null) == Indication.INDETERMINATE) {
                missing.add(VerdictEngine.missingFor(item));
            }
        }
        return new JudgeFinding(finding.facts(), missing, finding.notes());
    }

    @Override
    public Optional<ExchangeParties> parties(ExchangeCase exchange) {
        return firstMessage(exchange).flatMap(item -> read(item).map(first -> new ExchangeParties(first.initiator(),
                first.responder(), Optional.of(first.ttp().url()), Optional.of(first.ttp().certSha256()),
                List.of(item.id()))));
    }

    @Override
    public Optional<TtpStatus> ttpStatus(ExchangeCase exchange) {
        Optional<FirstMessage> first = firstMessage(exchange).flatMap(ExchangeRules::read);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        StatementTrust trust = trust(exchange.evidence());
        TtpStatus latest = null;
        for (CaseItem item : exchange.evidence().withRole(ItemRole.STATUS)) {
            if (item.statement().isEmpty() || !item.valid()) {
                continue;
            }
            try {
                TtpToken token = TtpToken.read(trust, first.get(), item.statement().get());
                if (Labels.STATUS.equals(token.label())) {
                    latest = new TtpStatus(item.id(), token.payload().path("state").asText(),
                            Optional.ofNullable(token.payload().get("token")).map(t -> t.asText()));
                }
            } catch (ExchangeRejection e) {
                // not a status of this exchange by its TTP
            }
        }
        return Optional.ofNullable(latest);
    }

    private Optional<CaseItem> firstMessage(ExchangeCase exchange) {
        return exchange.evidence().withRole(firstRole).stream()
                .filter(item -> item.statement().map(s -> s.id().equals(exchange.exchange())).orElse(false))
                .findFirst();
    }

    private static Optional<FirstMessage> read(CaseItem item) {
        try {
            return Optional.of(FirstMessage.read(item.statement().orElseThrow()));
        } catch (ExchangeRejection e) {
            return Optional.empty();
        }
    }

    /**
     * The judges' view of signatures: the validations the case already made (same statement, same unprotected
     * header), the case's validator and revocation data for statements embedded in tokens.
     */
    static StatementTrust trust(CaseEvidence evidence) {
        Map<String, StatementValidation> known = new HashMap<>();
        for (CaseItem item : evidence.items()) {
            if (item.statement().isPresent() && item.validation().isPresent()) {
                known.putIfAbsent(item.statement().get().toJson(), item.validation().get());
            }
        }
        StatementTrust fallback = StatementTrust.of(evidence.validator(), evidence.revocationData());
        return statement -> {
            StatementValidation cached = known.get(statement.toJson());
            return cached != null ? cached : fallback.validate(statement);
        };
    }

    /** One judging: the items handed to the judge, and the translation of statement ids to item ids. */
    final class Hearing {
        final ExchangeCase exchange;
        final CaseEvidence evidence;
        final StatementTrust trust;
        final Set<CaseItem> used = new LinkedHashSet<>();

        Hearing(ExchangeCase exchange) {
            this.exchange = exchange;
            this.evidence = exchange.evidence();
            this.trust = ExchangeRules.trust(evidence);
        }

        void used(CaseItem item) {
            used.add(item);
        }

        /**
         * The message with {@code role} of this exchange: the first candidate that names the exchange in
         * {@code backReference} and validated, else the first that names it, else the first at all.
         */
        Optional<SignedStatement> message(ItemRole role) {
            List<CaseItem> candidates = evidence.withRole(role).stream().filter(i -> i.statement().isPresent()).toList();
            Optional<CaseItem> chosen = candidates.stream().filter(i -> bound(i) && i.valid()).findFirst()
                    .or(() -> candidates.stream().filter(this::bound).findFirst())
                    .or(() -> candidates.stream().findFirst());
            chosen.ifPresent(this::used);
            return chosen.flatMap(CaseItem::statement);
        }

        private boolean bound(CaseItem item) {
            return exchange.exchange().equals(item.statement().get().payload().path(protocol.backReference()).asText());
        }

        /** Every statement offered as a TTP token (the judge leaves out what is not this exchange's). */
        List<SignedStatement> tokens() {
            List<SignedStatement> tokens = new ArrayList<>();
            for (CaseItem item : evidence.items()) {
                if (TOKEN_ROLES.contains(item.role()) && item.statement().isPresent()) {
                    tokens.add(item.statement().get());
                    if (item.role() != ItemRole.STATUS) {
                        used(item);
                    }
                }
            }
            return tokens;
        }

        /** The content item with {@code role} whose hash is {@code committed}, else the first one. */
        Optional<byte[]> content(ItemRole role, Optional<String> committed) {
            List<CaseItem> candidates = evidence.withRole(role);
            return candidates.stream().filter(i -> committed.map(h -> h.equals(Hashes.h(i.content()))).orElse(false))
                    .findFirst().or(() -> candidates.stream().findFirst()).map(CaseItem::content);
        }

        /** Bundle item ids for statement ids, in order; ids of embedded statements that are no item are dropped. */
        List<String> items(List<String> statementIds) {
            Set<String> out = new LinkedHashSet<>();
            for (String id : statementIds) {
                for (CaseItem item : evidence.items()) {
                    if (item.statement().map(s -> s.id().equals(id)).orElse(false)) {
                        out.add(item.id());
                        break;
                    }
                }
            }
            return List.copyOf(out);
        }

        /** The fact of {@code kind}, resting on the reasons the judge gave under {@code rules}. */
        Fact fact(FactKind kind, Judgment<?> judgment, String... rules) {
            StringBuilder text = new StringBuilder();
            Set<String> ids = new LinkedHashSet<>();
            for (String rule : rules) {
                for (JudgeReason reason : judgment.reasons(rule)) {
                    text.append(text.length() == 0 ? "" : "; ").append(rule).append(": ").append(reason.text());
                    ids.addAll(reason.evidence());
                }
            }
            return Fact.of(kind, text.toString(), items(List.copyOf(ids)));
        }

        /** The judge's other reasons (inadmissible items, what was not proven) as notes. */
        List<Reason> notes(Judgment<?> judgment, Set<String> factRules) {
            List<Reason> notes = new ArrayList<>();
            for (JudgeReason reason : judgment.reasons()) {
                if (!factRules.contains(reason.rule())) {
                    notes.add(new Reason(reason.rule(), reason.text(), items(reason.evidence())));
                }
            }
            return notes;
        }

        String ttp(CaseItem first) {
            return read(first).map(f -> f.ttp().certSha256()).orElse("");
        }
    }
}
